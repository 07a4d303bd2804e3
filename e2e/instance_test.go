package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestRealWindowSecondStartHandsOverItsURL starts RayFix, then starts it
// again with an address, as a file manager or a browser link would: the
// second start must exit by itself, leave one window, and the first window
// must check that address (its blocked verdict turns the screen red).
func TestRealWindowSecondStartHandsOverItsURL(t *testing.T) {
	need(t)
	edge := edge1020(t)

	bin := buildApp(t)
	cfg := t.TempDir()
	win, _ := launch(t, bin, cfg)
	xdo(t, "windowmove", win, "0", "0")
	if n := reddish(firstFrame(t, "instance-before.png")); n > 200 {
		t.Fatalf("the start view already shows %d error-coloured pixels", n)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	second := exec.CommandContext(ctx, bin, edge.URL+"/members")
	second.Env = append(os.Environ(), "LANG=en_US.UTF-8", "FYNE_THEME=dark", "XDG_CONFIG_HOME="+cfg)
	if out, err := second.CombinedOutput(); err != nil {
		t.Fatalf("the second start did not exit cleanly: %v\n%s", err, out)
	}
	out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^RayFix$").Output()
	if n := len(strings.Fields(string(out))); n != 1 {
		t.Fatalf("%d RayFix windows, want 1", n)
	}
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(400 * time.Millisecond) {
		if reddish(screenshot(t, "instance-after.png")) > 1500 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the first window did not check the address the second start passed on")
		}
	}
}
