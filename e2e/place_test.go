package e2e

import (
	"fmt"
	"image"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// geometry reads a window's position and size as xdotool reports them.
func geometry(t *testing.T, win string) (pos, size string) {
	t.Helper()
	for _, line := range strings.Split(xdo(t, "getwindowgeometry", win), "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "Position: "); ok {
			pos = strings.Fields(v)[0]
		}
		if v, ok := strings.CutPrefix(line, "Geometry: "); ok {
			size = v
		}
	}
	return pos, size
}

// TestRealWindowRemembersPlace moves and resizes the window, quits with
// Ctrl+Q and starts RayFix again with the same settings: the window must
// come back at the same place and size. A place off the screen is not
// restored.
func TestRealWindowRemembersPlace(t *testing.T) {
	need(t)
	bin := buildApp(t)
	cfg := t.TempDir()
	win, app := launch(t, bin, cfg)
	firstFrame(t, "place-first.png")
	xdo(t, "windowmove", win, "123", "145")
	xdo(t, "windowsize", win, "900", "760")
	time.Sleep(500 * time.Millisecond)
	if pos, size := geometry(t, win); pos != "123,145" || size != "900x760" {
		t.Fatalf("could not place the window first: %s %s", pos, size)
	}
	xdo(t, "windowfocus", "--sync", win)
	xdo(t, "key", "ctrl+q")
	done := make(chan error, 1)
	go func() { done <- app.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Ctrl+Q did not quit RayFix")
	}

	win2, _ := launch(t, bin, cfg)
	var pos, size string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if pos, size = geometry(t, win2); pos == "123,145" && size == "900x760" {
			return
		}
	}
	t.Fatalf("the window came back at %s, %s; want 123,145, 900x760", pos, size)
}

// TestRealWindowFollowsScaleAndTheme starts RayFix as a desktop with a
// 150 % scale and a light theme would (Fyne reads the same settings from
// the desktop; FYNE_SCALE and FYNE_THEME stand in for them here): the
// window is 1.5 times its usual size in pixels and mostly light.
func TestRealWindowFollowsScaleAndTheme(t *testing.T) {
	need(t)
	bin := buildApp(t)
	win, _ := launchEnv(t, bin, t.TempDir(), []string{"FYNE_SCALE=1.5", "FYNE_THEME=light"})
	xdo(t, "windowmove", win, "0", "0")
	firstFrame(t, "light-first.png")
	if _, size := geometry(t, win); size != "1230x1050" {
		t.Fatalf("window is %s at 150 %%, want 1230x1050 (820x700 scaled)", size)
	}
	img := screenshot(t, "light-scaled.png")
	light, all := 0, 0
	// Only what is on the screen (the virtual screen may be smaller).
	area := img.Bounds().Intersect(image.Rect(0, 0, 1230, 1050))
	for y := area.Min.Y; y < area.Max.Y; y += 5 {
		for x := area.Min.X; x < area.Max.X; x += 5 {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8+g>>8+b>>8 > 600 {
				light++
			}
			all++
		}
	}
	if light*2 < all {
		t.Fatalf("only %d of %d sampled pixels are light in the light theme", light, all)
	}
}

// TestRealWindowAsksForAMinimumWidth: the window tells the window manager
// not to make it narrower than its widest row (WM_NORMAL_HINTS).
func TestRealWindowAsksForAMinimumWidth(t *testing.T) {
	need(t)
	win := startApp(t, "--demo")
	firstFrame(t, "min-width.png")
	out, err := exec.Command("xprop", "-id", win, "WM_NORMAL_HINTS").Output()
	if err != nil {
		t.Fatalf("xprop: %v", err)
	}
	var w, h int
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(strings.TrimSpace(line), "program specified minimum size: %d by %d", &w, &h); err == nil {
			break
		}
	}
	// At least the screens' floor; at most about 660, so RayFix can sit
	// beside a browser on a 1366 px laptop.
	if w < 640 || w > 660 {
		t.Fatalf("minimum width %d, want 640–660:\n%s", w, out)
	}
}

// TestRealWindowMatchesItsMenuEntry: desktops tie a window to its menu
// entry (icon in the dock, one entry instead of two) by WM_CLASS, which
// must equal the desktop file's StartupWMClass; and the window has its icon.
func TestRealWindowMatchesItsMenuEntry(t *testing.T) {
	need(t)
	desk, err := os.ReadFile("../assets/io.rayfix.app.desktop")
	if err != nil {
		t.Fatal(err)
	}
	class := ""
	for _, line := range strings.Split(string(desk), "\n") {
		if v, ok := strings.CutPrefix(line, "StartupWMClass="); ok {
			class = strings.TrimSpace(v)
		}
	}
	if class == "" {
		t.Fatal("the desktop file has no StartupWMClass")
	}
	win := startApp(t)
	firstFrame(t, "wm-class.png")
	out, err := exec.Command("xprop", "-id", win, "WM_CLASS").Output()
	if err != nil {
		t.Fatalf("xprop: %v", err)
	}
	if !strings.Contains(string(out), `"`+class+`"`) {
		t.Fatalf("window class %s, desktop file says %q", strings.TrimSpace(string(out)), class)
	}
	// The plain `go build` binary carries its icon too (title bars, Alt+Tab).
	icon, err := exec.Command("xprop", "-id", win, "-notype", "32c", "_NET_WM_ICON").Output()
	var w, h int
	if err != nil || func() bool { _, e := fmt.Sscanf(string(icon), "_NET_WM_ICON = %d, %d,", &w, &h); return e != nil }() || w < 16 || h < 16 {
		t.Fatalf("no window icon: %.80s (%v)", icon, err)
	}
}
