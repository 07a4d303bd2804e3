package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"rayfix/diagnose"
)

func TestCloseWhileWatchingOffersTheTray(t *testing.T) {
	blocked := diagnose.Report{Classification: diagnose.Classification{Verdict: diagnose.VerdictBlocked}, Headline: "blocked"}
	eng, _ := scripted(blocked)
	h := newHarness(t, eng)
	h.sh.watchEvery = time.Hour
	hidden := false
	h.sh.toTray = func() { hidden = true }
	h.check(t, "shop.example")
	h.ui(func() { test.Tap(h.v.watchBtn) })
	h.ui(h.sh.closeRequested) // what closing the window runs
	if !has(h.shownOverlays(), "Keep watching from the system tray") {
		t.Fatalf("no question: %q", h.shownOverlays())
	}
	h.ui(func() { test.Tap(findButton(t, nil, "Keep watching in the tray")) })
	h.ui(func() {
		if !h.sh.inTray || !hidden {
			t.Error("not moved to the tray")
		}
		h.v.stopWatch()
	})
}
