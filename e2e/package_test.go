package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestPackagedTarballInstallsAndStarts unpacks dist/RayFix.tar.xz (made by
// `make package`), installs it with its own Makefile into a temporary
// DESTDIR, and starts the installed binary to a first frame.
func TestPackagedTarballInstallsAndStarts(t *testing.T) {
	tarball, _ := filepath.Abs("../dist/RayFix.tar.xz")
	if _, err := os.Stat(tarball); err != nil {
		if os.Getenv("RAYFIX_REQUIRE_PACKAGE") != "" {
			t.Fatalf("no package at %s: run make package", tarball)
		}
		t.Skip("no dist/RayFix.tar.xz; run `make package` (make test does)")
	}
	need(t)
	work := t.TempDir()
	if out, err := exec.Command("tar", "-xJf", tarball, "-C", work).CombinedOutput(); err != nil {
		t.Fatalf("untar: %v %s", err, out)
	}
	root := filepath.Join(work, "root")
	inst := exec.Command("make", "install", "DESTDIR="+root, "PREFIX=/usr")
	inst.Dir = filepath.Join(work, "rayfix")
	if out, err := inst.CombinedOutput(); err != nil {
		t.Fatalf("make install: %v %s", err, out)
	}
	for _, f := range []string{"usr/bin/rayfix", "usr/share/applications/io.rayfix.app.desktop", "usr/share/pixmaps/io.rayfix.app.png"} {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			t.Errorf("not installed: %s", f)
		}
	}
	startBinary(t, filepath.Join(root, "usr/bin/rayfix"))
	if lit(screenshot(t, "packaged-start.png")) < 1000 {
		t.Fatal("the packaged RayFix drew nothing")
	}
}
