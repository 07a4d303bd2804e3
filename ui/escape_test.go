package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"rayfix/diagnose"
)

var escapeKey = &fyne.KeyEvent{Name: fyne.KeyEscape}

func overlays(h *harness) int {
	n := 0
	h.ui(func() { n = len(h.sh.win.Canvas().Overlays().List()) })
	return n
}

// Escape typed into a dialog's field closes the dialog, like its Close button.
func TestEscapeInAFieldClosesTheDialog(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	h.check(t, srv.URL+"/blocked")
	var m *messageDialog
	h.ui(func() {
		test.Tap(findButtonIn(t, h.v.actions, "Message the owner…"))
		m = lastMessageDialog(t, h)
	})
	if overlays(h) != 1 {
		t.Fatal("the message dialog did not open")
	}
	h.ui(func() {
		if h.sh.win.Canvas().Focused() != m.doing {
			t.Error("the first field of the dialog does not have the focus")
		}
		m.doing.TypedKey(escapeKey)
	})
	if overlays(h) != 0 {
		t.Fatal("Escape in the field left the dialog open")
	}
	// With no dialog open, Escape in a field is the field's again: the
	// address field's Escape still reaches the visitor screen.
	h.ui(func() { m.doing.TypedKey(escapeKey) })
}

// Escape on a question answers it the safe way: "Clear history?" does not
// clear, and "Keep watching?" neither quits nor hides the window.
func TestEscapeAnswersQuestionsSafely(t *testing.T) {
	blocked := diagnose.Report{Classification: diagnose.Classification{Verdict: diagnose.VerdictBlocked}, Headline: "blocked"}
	eng, _ := scripted(blocked)
	h := newHarness(t, eng)
	h.check(t, "shop.example")
	escape := func() { h.ui(func() { h.sh.win.Canvas().OnTypedKey()(escapeKey) }) }

	h.ui(func() { showSettings(h.sh) })
	h.ui(func() { test.Tap(findButton(t, nil, "Clear history")) })
	if overlays(h) != 2 {
		t.Fatalf("%d overlays, want settings and the question", overlays(h))
	}
	escape()
	if overlays(h) != 1 || len(h.sh.history.Entries()) == 0 {
		t.Fatalf("Escape on \"Clear history?\": %d overlays, %d history entries", overlays(h), len(h.sh.history.Entries()))
	}
	escape()
	if overlays(h) != 0 {
		t.Fatal("a second Escape did not close the settings")
	}

	h.sh.watchEvery = time.Hour
	hidden := false
	h.sh.toTray = func() { hidden = true }
	h.ui(func() { test.Tap(h.v.watchBtn) })
	h.ui(h.sh.closeRequested)
	escape()
	h.ui(func() {
		if overlays := len(h.sh.win.Canvas().Overlays().List()); overlays != 0 || hidden || h.sh.inTray {
			t.Errorf("Escape on \"Keep watching?\": %d overlays, hidden %v", overlays, hidden)
		}
		h.v.stopWatch()
	})
}

var enterKey = &fyne.KeyEvent{Name: fyne.KeyReturn}

// Enter in Settings saves valid values and refuses invalid ones.
func TestEnterInSettings(t *testing.T) {
	h := newHarness(t, realEngine())
	h.ui(func() {
		showSettings(h.sh)
		timeout := h.sh.opened.settings[0]
		timeout.SetText("abc")
		timeout.TypedKey(enterKey)
	})
	if overlays(h) != 1 {
		t.Fatal("Enter saved and closed settings with \"abc\" in a field")
	}
	h.ui(func() {
		h.sh.opened.settings[0].SetText("42")
		h.sh.opened.settings[0].TypedKey(enterKey)
	})
	if overlays(h) != 0 || h.sh.settings.Timeout() != 42*time.Second {
		t.Fatalf("Enter with 42: %d overlays, timeout %v", overlays(h), h.sh.settings.Timeout())
	}
}

// Closing the last dialog gives the focus back to what had it, so typing
// goes on where it was.
func TestFocusReturnsAfterADialog(t *testing.T) {
	h := newHarness(t, realEngine())
	h.ui(func() {
		h.sh.win.Canvas().Focus(h.v.url)
		h.sh.showShortcuts()
		if h.sh.win.Canvas().Focused() == h.v.url {
			t.Error("the address field kept the focus behind a dialog")
		}
		h.sh.win.Canvas().OnTypedKey()(escapeKey)
		if h.sh.win.Canvas().Focused() != h.v.url {
			t.Errorf("focus after the dialog: %v", h.sh.win.Canvas().Focused())
		}
	})
}

// Escape closes the file chooser first, then the dialog that opened it.
func TestEscapeClosesTheFileChooserFirst(t *testing.T) {
	h := newHarness(t, realEngine())
	escape := func() { h.ui(func() { h.sh.win.Canvas().OnTypedKey()(escapeKey) }) }
	h.ui(func() {
		showPasteDialog(h.sh, func(diagnose.Report) {})
		test.Tap(findButton(t, nil, "Open a saved page…"))
	})
	if overlays(h) != 2 {
		t.Fatalf("%d overlays, want the paste dialog and the file chooser", overlays(h))
	}
	escape()
	if overlays(h) != 1 || !has(h.shownOverlays(), "Read this page") {
		t.Fatalf("after one Escape: %d overlays %q", overlays(h), h.shownOverlays())
	}
	escape()
	if overlays(h) != 0 {
		t.Fatal("the second Escape left the paste dialog open")
	}
}
