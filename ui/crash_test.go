package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPanicInBackgroundIsLoggedNotFatal(t *testing.T) {
	h := newHarness(t, realEngine())
	dir := t.TempDir()
	h.ui(func() { setCrashLog(dir, h.sh.win) })
	done := make(chan bool)
	background(func() { panic("boom: index out of range") }, func() { done <- true })
	time.Sleep(300 * time.Millisecond)
	b, err := os.ReadFile(filepath.Join(dir, "crash.log"))
	if err != nil || !strings.Contains(string(b), "boom: index out of range") || !strings.Contains(string(b), "goroutine") {
		t.Fatalf("crash log: %v %q", err, b)
	}
	select {
	case <-done:
		t.Fatal("the work after the panic ran")
	default:
	}
	if !has(h.shownOverlays(), "omething went wrong while working in the background") {
		t.Fatalf("no error shown: %q", h.shownOverlays())
	}
}
