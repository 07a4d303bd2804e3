package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"rayfix/app"
	"rayfix/diagnose"
)

func TestVisitorVerdicts(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	cases := []struct {
		path, headline, ray, step string
	}{
		{"/blocked", "The site's Cloudflare firewall blocked you — Error 1020", "8e2f0a1b2c3d4e5f", "Send the site owner a message with your Ray ID"},
		{"/limited", "You are being rate limited — wait about 2 minutes (Error 1015)", "8e2f0a1b2c3d4e5f", "Wait about 2 minutes, then reload once"},
		{"/challenge", "Cloudflare wants to check you're human", "8e2f0a1b2c3d4e5f", "let the check finish"},
		{"/down", "The site itself is down — not you (Error 521)", "8e2f0a1b2c3d4e5f", "Try again in a few minutes"},
		{"/", "Nothing is blocking you from here", "", "paste the page into RayFix"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			rep := h.check(t, srv.URL+tc.path)
			shown := h.shown()
			for _, want := range []string{tc.headline, tc.step} {
				if !has(shown, want) {
					t.Errorf("screen lacks %q; shows %q", want, shown)
				}
			}
			if tc.ray != "" && (!has(shown, tc.ray) || !strings.Contains(rep.OwnerMessage, tc.ray)) {
				t.Errorf("Ray ID %s not on screen / in the owner message", tc.ray)
			}
			if !has(shown, "Paris (CDG)") || !has(shown, "192.0.2.44") || !has(shown, "France (FR)") {
				t.Errorf("details missing: %q", shown)
			}
			if !strings.Contains(rep.OwnerMessage, "192.0.2.44") || !strings.Contains(rep.OwnerMessage, "2026-11-28 14:05:00") {
				t.Errorf("owner message lacks IP or UTC time:\n%s", rep.OwnerMessage)
			}
		})
	}
}

func TestVisitorUnreachable(t *testing.T) {
	srv := edge(t)
	addr := srv.URL
	srv.Close()
	h := newHarness(t, realEngine())
	rep := h.check(t, addr+"/")
	if rep.Verdict != diagnose.VerdictUnreachable || !has(h.shown(), "Couldn't reach the site") || !has(h.shown(), "Check that your internet connection works") {
		t.Fatalf("verdict %s; shows %q", rep.Verdict, h.shown())
	}
}

func TestVisitorCancelAndEscape(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	h.ui(func() { test.Type(h.v.url, srv.URL+"/hang"); test.Tap(h.v.check) })
	time.Sleep(150 * time.Millisecond)
	h.ui(func() {
		if !h.v.cancel.Visible() || !h.v.spinner.Visible() || !strings.Contains(h.v.status.Text, "…") {
			t.Errorf("while checking: cancel=%v spinner=%v status=%q", h.v.cancel.Visible(), h.v.spinner.Visible(), h.v.status.Text)
		}
		h.v.url.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	})
	rep := h.wait(t)
	if rep.FailureKind != "cancelled" || !has(h.shown(), "Check cancelled") {
		t.Fatalf("kind %q; shows %q", rep.FailureKind, h.shown())
	}
	h.ui(func() {
		if h.v.cancel.Visible() || h.v.check.Disabled() {
			t.Error("still busy after cancelling")
		}
	})
	// The Cancel button cancels too.
	h.ui(func() { test.Tap(h.v.check) })
	time.Sleep(100 * time.Millisecond)
	h.ui(func() { test.Tap(h.v.cancel) })
	if rep := h.wait(t); rep.FailureKind != "cancelled" {
		t.Fatalf("cancel button: %q", rep.FailureKind)
	}
}

func TestVisitorEnterAndBadInput(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	h.ui(func() {
		test.Type(h.v.url, "ftp://example.com")
		h.v.url.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if !h.v.inputErr.Visible() || !strings.Contains(h.v.inputErr.Text, "only check web pages") || h.v.cancel.Visible() {
			t.Fatalf("bad input: visible=%v %q", h.v.inputErr.Visible(), h.v.inputErr.Text)
		}
		h.v.url.SetText("")
		test.Type(h.v.url, srv.URL+"/blocked")
		h.v.url.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	h.wait(t)
	h.ui(func() {
		if h.v.inputErr.Visible() {
			t.Error("old input error still shown")
		}
	})
}

func TestCheckAgainSaysWhatChanged(t *testing.T) {
	blocked := diagnose.Report{Classification: diagnose.Classification{Verdict: diagnose.VerdictBlocked, ErrorCode: 1020, RayID: "1111222233334444"}, Headline: "blocked"}
	ok := diagnose.Report{Classification: diagnose.Classification{Verdict: diagnose.VerdictOK}, Headline: "fine"}
	eng, calls := scripted(blocked, blocked, ok)
	h := newHarness(t, eng)
	h.check(t, "shop.example")
	if has(h.shown(), "Still") {
		t.Error("first check claims a change")
	}
	h.ui(func() { test.Tap(h.v.again) })
	h.wait(t)
	if !has(h.shown(), "Still blocked (error 1020).") {
		t.Errorf("second check: %q", h.shown())
	}
	h.ui(func() { test.Tap(h.v.again) })
	h.wait(t)
	if !has(h.shown(), "You're through now") || *calls != 3 {
		t.Errorf("third check (%d calls): %q", *calls, h.shown())
	}
}

func TestPastedPage(t *testing.T) {
	h := newHarness(t, realEngine())
	var p *pasteDialog
	h.ui(func() { p = showPasteDialog(h.sh, h.v.showPageReport) })
	h.ui(func() {
		test.Tap(findButton(t, p.dlg, "Read this page"))
		if !p.err.Visible() {
			t.Error("empty paste not refused")
		}
		p.text.SetText("Access denied\nYou do not have access to shop.example.\nError details\nError code: 1020\nRay ID: 9a8b7c6d5e4f3a2b\nData center: lhr01\nIP: 198.51.100.9\n")
		test.Tap(findButton(t, p.dlg, "Read this page"))
	})
	rep := h.wait(t)
	shown := h.shown()
	for _, want := range []string{"Error 1020", "9a8b7c6d5e4f3a2b", "London (LHR)", "198.51.100.9", "From the page you gave RayFix"} {
		if !has(shown, want) {
			t.Errorf("pasted page: screen lacks %q", want)
		}
	}
	if rep.URL != "https://shop.example/" || !strings.Contains(rep.OwnerMessage, "9a8b7c6d5e4f3a2b") {
		t.Errorf("url %q message %q", rep.URL, rep.OwnerMessage)
	}
}

func TestHistoryKeptAndRerunnable(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	h.check(t, srv.URL+"/blocked")
	entries := app.NewHistory(h.sh.app.Preferences()).Entries()
	if len(entries) != 1 || entries[0].Verdict != "blocked" || entries[0].RayID != "8e2f0a1b2c3d4e5f" {
		t.Fatalf("history %+v", entries)
	}
	// A fresh window shows it under "Recent checks"; tapping re-runs it.
	var sh *Shell
	h.ui(func() { sh = NewShell(h.sh.app, realEngine()); sh.ShowVisitor() })
	sh.visitor.OnResult = func(r diagnose.Report) { h.results <- r }
	h.ui(func() {
		if !has(texts(sh.visitor.content), "Recent checks") {
			t.Errorf("no recent checks: %q", texts(sh.visitor.content))
		}
		test.Tap(findButtonIn(t, sh.visitor.card, srv.URL+"/blocked"))
	})
	if rep := h.wait(t); rep.ErrorCode != 1020 {
		t.Fatalf("re-run: %d", rep.ErrorCode)
	}
}

func TestRayIDCopiesWithShortcut(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	h.check(t, srv.URL+"/blocked")
	h.ui(func() {
		l := findRay(h.v.card)
		if l == nil {
			t.Fatal("no Ray ID widget")
		}
		h.sh.win.Canvas().Focus(l)
		l.TypedShortcut(&fyne.ShortcutCopy{})
		if got := h.sh.app.Clipboard().Content(); got != "8e2f0a1b2c3d4e5f" {
			t.Fatalf("clipboard %q", got)
		}
		// The copy says it copied (its button reads "Copied"), and copies again.
		h.sh.app.Clipboard().SetContent("")
		test.Tap(findButtonIn(t, h.v.card, "Copied"))
		if got := h.sh.app.Clipboard().Content(); got != "8e2f0a1b2c3d4e5f" {
			t.Fatalf("copy button: clipboard %q", got)
		}
		test.Tap(findButtonIn(t, h.v.actions, "Copy report"))
		if got := h.sh.app.Clipboard().Content(); !strings.Contains(got, "What you can do:") || !strings.Contains(got, "8e2f0a1b2c3d4e5f") {
			t.Fatalf("report copy: %q", got)
		}
	})
}

func TestStartDoors(t *testing.T) {
	h := newHarness(t, realEngine())
	h.ui(func() {
		h.sh.ShowStart()
		c := h.sh.win.Content()
		if !has(texts(c), "I can't get into a website") || !has(texts(c), "It's my website") {
			t.Fatalf("doors: %q", texts(c))
		}
		if h.sh.win.Canvas().Focused() != h.sh.startBtn {
			t.Error("the visitor door is not focused first")
		}
		test.Tap(h.sh.startBtn)
		if h.sh.screen != h.v.content || h.sh.win.Canvas().Focused() != h.v.url {
			t.Error("visitor door does not open the check with the address focused")
		}
		h.sh.ShowOwner()
	})
	h.waitShown(t, "Connect your Cloudflare account")
	h.ui(func() {
	})
}

// "Message the owner…" is offered for blocks, not when this computer could
// not even look the site up.
func TestMessageButtonOnlyWhenTheOwnerCanHelp(t *testing.T) {
	lookup := diagnose.Report{Classification: diagnose.Classification{Verdict: diagnose.VerdictDNSError}, FailureKind: "lookup", Headline: "Your computer could not look up the site's address"}
	blocked := diagnose.Report{Classification: diagnose.Classification{Verdict: diagnose.VerdictBlocked, ErrorCode: 1020}, Headline: "blocked"}
	eng, _ := scripted(lookup, blocked)
	h := newHarness(t, eng)
	h.check(t, "shop.example")
	h.ui(func() {
		if h.v.message.Visible() {
			t.Error("Message the owner… offered for a failed look-up on this computer")
		}
	})
	h.check(t, "shop.example")
	h.ui(func() {
		if !h.v.message.Visible() {
			t.Error("Message the owner… missing for a block")
		}
	})
}

// No screen can be made narrower than its widest row: the window keeps
// minWidth, so toolbars are never cut off.
func TestScreensKeepTheirWidth(t *testing.T) {
	h := newHarness(t, realEngine())
	for name, show := range map[string]func(){"start": h.sh.ShowStart, "visitor": h.sh.ShowVisitor, "owner": h.sh.ShowOwner} {
		var w float32
		h.ui(func() {
			show()
			w = h.sh.win.Content().MinSize().Width
		})
		if w < minWidth {
			t.Errorf("%s screen is %.0f wide at its narrowest, want at least %d", name, w, minWidth)
		}
	}
}
