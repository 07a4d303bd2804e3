package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/app"
	"rayfix/diagnose"
	"rayfix/ui/kit/kittest"
)

// Nothing a user types or a site returns sets the window's size: a long
// link in "Recent checks" and in the address list leaves the screens as
// narrow as ever; a saved size larger than the screen is not restored.
func TestLongAddressesDoNotWidenTheWindow(t *testing.T) {
	h := newHarness(t, realEngine())
	long := "https://shop.example/landing?utm_source=newsletter&utm_medium=email&utm_campaign=" + strings.Repeat("x", 1900)
	h.ui(func() {
		h.sh.history.Add(app.HistoryEntry{URL: long, Verdict: string(diagnose.VerdictBlocked), At: fixedNow})
		h.v.refreshRecent()
		h.v.card.Objects = []fyne.CanvasObject{h.v.welcome()}
		h.sh.ShowVisitor()
	})
	var w float32
	h.ui(func() { w = h.sh.win.Content().MinSize().Width })
	if w > minWidth {
		t.Fatalf("the visitor screen is %.0f wide with a long address in its history (floor %d)", w, minWidth)
	}
	h.ui(func() {
		h.sh.ShowStart()
		w = h.sh.win.Content().MinSize().Width
	})
	if w > minWidth {
		t.Fatalf("the start screen is %.0f wide", w)
	}
	p := placement{Width: 16796, Height: 700}
	if got := p.size(1920, 1080); got.Width != 820 {
		t.Fatalf("a saved width of 16,796 restored as %.0f", got.Width)
	}
	if got := (placement{Width: 900, Height: 760}).size(1920, 1080); got.Width != 900 {
		t.Fatalf("a sensible saved size not kept: %v", got)
	}
}

// firstStep is the first step's check box on the card.
func firstStep(o fyne.CanvasObject) *widget.Check {
	var found *widget.Check
	kittest.Walk(o, func(x fyne.CanvasObject) bool {
		if c, ok := x.(*widget.Check); ok && found == nil {
			found = c
		}
		return found != nil
	})
	return found
}

// What to do is in view without scrolling, at the default and at the
// smallest height; a new result starts at the top of the card, where the
// change ("Still blocked") is written, and the status line is refreshed.
func TestFirstStepsInViewAndCheckAgainShowsItsOutcome(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	for _, size := range []fyne.Size{fyne.NewSize(820, 700), fyne.NewSize(820, 480)} {
		h.ui(func() { h.sh.win.Resize(size) })
		h.check(t, srv.URL+"/blocked")
		h.ui(func() {
			step := firstStep(h.v.card)
			if step == nil {
				t.Fatal("no steps on the card")
			}
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(step)
			visible := h.v.scroll.Position().Y + h.v.scroll.Size().Height
			if pos.Y+step.Size().Height > visible {
				t.Errorf("at %v the first step is at %.0f, below the visible %.0f", size, pos.Y+step.Size().Height, visible)
			}
		})
	}
	h.ui(func() {
		h.v.scroll.ScrollToBottom()
		h.v.status.SetText("Checked something in 0.0 s")
		test.Tap(h.v.again)
	})
	h.wait(t)
	h.ui(func() {
		if h.v.scroll.Offset.Y != 0 || !h.v.change.Visible() || !strings.Contains(h.v.status.Text, "Checked 127.0.0.1") {
			t.Errorf("after Check again: offset %.0f, change shown %v, status %q", h.v.scroll.Offset.Y, h.v.change.Visible(), h.v.status.Text)
		}
	})
}

// Cancelling keeps the result that was on screen, marked as the previous
// one; a check of another site does not show the old site's card under its
// progress line.
func TestCancelKeepsThePreviousResult(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	h.check(t, srv.URL+"/blocked")
	h.ui(func() { h.v.url.SetText(srv.URL + "/hang"); test.Tap(h.v.check) })
	waitUntil(t, "the new check to start", func() bool {
		busy := false
		h.ui(func() { busy = h.v.cancel.Visible() && len(h.v.card.Objects) == 0 })
		return busy
	})
	h.ui(func() { test.Tap(h.v.cancel) })
	if rep := h.wait(t); rep.FailureKind != "cancelled" {
		t.Fatalf("kind %q", rep.FailureKind)
	}
	h.ui(func() {
		if h.v.status.Text != "Check cancelled." || !strings.Contains(h.v.change.Text, "previous result") || h.v.last == nil || h.v.last.ErrorCode != 1020 {
			t.Errorf("status %q, change %q, last %+v", h.v.status.Text, h.v.change.Text, h.v.last)
		}
	})
}

// waitUntil polls cond (it reads widgets under the UI lock itself).
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// Text far too long for an address is not left in the field (which
// cannot draw it): the field shows its start, and the whole text can be
// read as an error page — nothing typed is lost.
func TestOverlongPasteCanBeReadAsAPage(t *testing.T) {
	h := newHarness(t, realEngine())
	page := "Access Denied - Sucuri Website Firewall\nBlock ID: BNP005\n" + strings.Repeat("padding ", 400)
	h.ui(func() {
		h.v.url.SetText(page)
		test.Tap(h.v.check)
		if !h.v.inputErr.Visible() || !strings.Contains(h.v.inputErr.Text, "too long") || !h.v.readAsPageRow.Visible() {
			t.Fatalf("error %q, offer %v", h.v.inputErr.Text, h.v.readAsPageRow.Visible())
		}
		if n := len([]rune(h.v.url.Text)); n > 130 || !strings.HasSuffix(h.v.url.Text, "…") {
			t.Fatalf("the field holds %d characters", n)
		}
		test.Tap(h.v.readAsPage)
	})
	rep := h.wait(t)
	if rep.Vendor != diagnose.VendorSucuri || rep.ReferenceID != "BNP005" {
		t.Fatalf("read as a page: %q %q", rep.Vendor, rep.ReferenceID)
	}
}

// A verdict with all its buttons fits the narrowest window: the action
// row wraps instead of setting the window's width.
func TestVerdictFitsTheNarrowestWindow(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	h.ui(func() { h.sh.app.Settings().SetTheme(theme.DefaultTheme()) })
	h.check(t, srv.URL+"/blocked")
	h.ui(func() {
		if w := h.v.content.MinSize().Width; w > minWidth {
			t.Errorf("the verdict screen needs %.0f px, the window may be %d", w, minWidth)
		}
		h.sh.win.Resize(fyne.NewSize(minWidth, 600))
		h.v.actions.Refresh()
		if h.v.watchBtn.Position().Y <= h.v.again.Position().Y {
			t.Errorf("at %d px the action row did not wrap", minWidth)
		}
	})
}
