package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	// The installed menu entry is RayFix's own: it hands an address on (%u).
	if desk, err := os.ReadFile(filepath.Join(root, "usr/share/applications/io.rayfix.app.desktop")); err != nil || !strings.Contains(string(desk), "Exec=rayfix %u") {
		t.Errorf("installed menu entry:\n%s", desk)
	}
	for _, f := range []string{"usr/bin/rayfix", "usr/share/applications/io.rayfix.app.desktop", "usr/share/pixmaps/io.rayfix.app.png",
		"usr/share/metainfo/io.rayfix.app.metainfo.xml", "usr/share/icons/hicolor/scalable/apps/io.rayfix.app.svg",
		"usr/share/icons/hicolor/16x16/apps/io.rayfix.app.png", "usr/share/icons/hicolor/512x512/apps/io.rayfix.app.png"} {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			t.Errorf("not installed: %s", f)
		}
	}
	startBinary(t, filepath.Join(root, "usr/bin/rayfix"))
	firstFrame(t, "packaged-start.png")
	un := exec.Command("make", "uninstall", "DESTDIR="+root, "PREFIX=/usr")
	un.Dir = inst.Dir
	if out, err := un.CombinedOutput(); err != nil {
		t.Fatalf("make uninstall: %v %s", err, out)
	}
	left := []string{}
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Fatalf("make uninstall left %v", left)
	}

	// Only for me: into ~/.local, the menu entry naming the binary's path.
	home := t.TempDir()
	user := exec.Command("make", "user-install")
	user.Dir, user.Env = inst.Dir, append(os.Environ(), "HOME="+home)
	if out, err := user.CombinedOutput(); err != nil {
		t.Fatalf("make user-install: %v %s", err, out)
	}
	desk, err := os.ReadFile(filepath.Join(home, ".local/share/applications/io.rayfix.app.desktop"))
	if err != nil || !strings.Contains(string(desk), "Exec="+filepath.Join(home, ".local/bin/rayfix")) {
		t.Fatalf("user-install's menu entry does not start %s/.local/bin/rayfix:\n%s", home, desk)
	}
	if _, err := os.Stat(filepath.Join(home, ".local/share/icons/hicolor/48x48/apps/io.rayfix.app.png")); err != nil {
		t.Fatal("user-install put no icon into ~/.local/share/icons")
	}
}
