package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rayfix/ui/kit"
)

func TestPanicInBackgroundIsLoggedNotFatal(t *testing.T) {
	h := newHarness(t, realEngine())
	dir := t.TempDir()
	h.ui(func() { kit.SetCrashLog(dir, h.sh.win) })
	done := make(chan bool)
	kit.Background(func() { panic("boom: index out of range") }, func() { done <- true })
	var b []byte
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err = os.ReadFile(filepath.Join(dir, "crash.log")); err == nil && len(b) > 0 {
			break
		}
	}
	if err != nil || !strings.Contains(string(b), "boom: index out of range") || !strings.Contains(string(b), "goroutine") {
		t.Fatalf("crash log: %v %q", err, b)
	}
	select {
	case <-done:
		t.Fatal("the work after the panic ran")
	default:
	}
	for deadline := time.Now().Add(10 * time.Second); !has(h.shownOverlays(), "omething went wrong while working in the background"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no error shown: %q", h.shownOverlays())
		}
	}
}
