package ui

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"rayfix/diagnose"
)

func TestMessageDialogEditCopyAndMail(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	rep := h.check(t, srv.URL+"/blocked")
	if rep.Contact != "mailto:webmaster@shop.example" {
		t.Fatalf("contact %q", rep.Contact)
	}
	var m *messageDialog
	h.ui(func() {
		test.Tap(findButtonIn(t, h.v.actions, "Message the owner…"))
		m = lastMessageDialog(t, h)
		for _, want := range []string{srv.URL + "/blocked", "2026-11-28 14:05:00", "8e2f0a1b2c3d4e5f", "192.0.2.44", "France (FR)"} {
			if !strings.Contains(m.text.Text, want) {
				t.Errorf("message lacks %q:\n%s", want, m.text.Text)
			}
		}
		test.Type(m.doing, "logging in")
		if !strings.Contains(m.text.Text, "What I was doing: logging in") {
			t.Errorf("doing not added:\n%s", m.text.Text)
		}
		// Once the visitor edits the message, RayFix keeps their words.
		test.Type(m.text, " P.S. thanks")
		test.Type(m.doing, " again")
		if !strings.Contains(m.text.Text, "P.S. thanks") {
			t.Error("visitor's edit overwritten")
		}
		test.Tap(findButton(t, m.dlg, "Copy message"))
		if h.sh.app.Clipboard().Content() != m.text.Text {
			t.Error("copy did not copy the edited message")
		}
		test.Tap(findButton(t, m.dlg, "Open in mail app"))
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.opened) != 1 {
		t.Fatalf("opened %v", h.opened)
	}
	u := h.opened[0]
	if u.Scheme != "mailto" || !strings.HasPrefix(u.Opaque, "webmaster@shop.example?subject=Blocked%20from%20") {
		t.Fatalf("mailto %s", u)
	}
	q, err := url.ParseQuery(strings.SplitN(u.Opaque, "?", 2)[1])
	if err != nil || !strings.Contains(q.Get("body"), "P.S. thanks") || strings.Contains(u.Opaque, "+") {
		t.Fatalf("body %q (err %v) in %s", q.Get("body"), err, u)
	}
}

// lastMessageDialog returns the message dialog the tap just opened.
func lastMessageDialog(t *testing.T, h *harness) *messageDialog {
	t.Helper()
	m := h.sh.opened.message
	if m == nil {
		t.Fatal("no message dialog opened")
	}
	return m
}

func TestMailtoWithoutContact(t *testing.T) {
	u := mailtoURL("", "Blocked from a.example", "Hello & bye\nline two")
	if u.String() != "mailto:?subject=Blocked%20from%20a.example&body=Hello%20%26%20bye%0D%0Aline%20two" {
		t.Fatal(u.String())
	}
	if hint := contactHint(diagnose.Report{ContactChecked: true}); !strings.Contains(hint, "does not publish") {
		t.Fatal(hint)
	}
	// A pasted page: nothing was looked up, and the hint says so.
	if hint := contactHint(diagnose.Report{Pasted: true, URL: "https://shop.example/"}); strings.Contains(hint, "does not publish") || !strings.Contains(hint, "has not looked") {
		t.Fatal(hint)
	}
}

func TestWatchNotifiesOnChange(t *testing.T) {
	blocked := diagnose.Report{Classification: diagnose.Classification{Verdict: diagnose.VerdictBlocked, ErrorCode: 1020}, Headline: "blocked", CheckedAt: fixedNow}
	ok := diagnose.Report{Classification: diagnose.Classification{Verdict: diagnose.VerdictOK}, Headline: "fine", CheckedAt: fixedNow}
	eng, calls := scripted(blocked, blocked, ok)
	h := newHarness(t, eng)
	h.sh.watchEvery = 40 * time.Millisecond
	h.check(t, "shop.example")
	want := fyne.NewNotification("RayFix: shop.example", "You're through now — the site answers normally.")
	test.AssertNotificationSent(t, want, func() {
		h.ui(func() { test.Tap(h.v.watchBtn) })
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			done := false
			h.ui(func() { done = strings.Contains(h.v.watchMsg.Text, "through now") })
			if done {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Error("the watch never saw the change")
	})
	h.ui(func() {
		if !has(texts(h.v.card), "fine") {
			t.Errorf("card not updated to the new verdict: %q", texts(h.v.card))
		}
		test.Tap(h.v.watchBtn) // stop
		if h.v.watch != nil || h.v.watchMsg.Visible() || h.v.watchBtn.Text != "Watch this site" {
			t.Error("watch did not stop")
		}
	})
	n := *calls
	time.Sleep(150 * time.Millisecond)
	if *calls != n {
		t.Errorf("checks continued after stopping (%d → %d)", n, *calls)
	}
}

func TestSettingsRefuseBadInput(t *testing.T) {
	h := newHarness(t, realEngine())
	h.ui(func() {
		showSettings(h.sh)
		entries := h.sh.opened.settings
		if len(entries) != 2 {
			t.Fatalf("%d entries", len(entries))
		}
		entries[0].SetText("")
		test.Type(entries[0], "abc")
		if err := entries[0].Validate(); err == nil || !strings.Contains(err.Error(), "not a whole number of seconds") {
			t.Errorf("timeout abc: %v", err)
		}
		entries[1].SetText("0")
		if err := entries[1].Validate(); err == nil || !strings.Contains(err.Error(), "between 1 and 1440") {
			t.Errorf("watch 0: %v", err)
		}
	})
}

func TestReportBytes(t *testing.T) {
	rep := diagnose.ReportFromPage([]byte("error code: 1015"), fixedNow)
	var m map[string]any
	if err := json.Unmarshal(reportBytes(rep, ".json"), &m); err != nil || m["error_code"] != float64(1015) {
		t.Fatalf("json: %v %v", err, m["error_code"])
	}
	if txt := string(reportBytes(rep, ".txt")); !strings.Contains(txt, "You are being rate limited") {
		t.Fatalf("text: %s", txt)
	}
}

// No button acts silently: Copy says it copied; "Open in mail app" with no
// mail app copies the message and says so; Enter in "What were you
// doing?" presses the main button.
func TestMessageButtonsSayWhatTheyDid(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	h.check(t, srv.URL+"/blocked")
	h.sh.openURL = func(*url.URL) error { return errors.New("no mail handler") }
	h.ui(func() {
		test.Tap(findButtonIn(t, h.v.actions, "Message the owner…"))
		m := lastMessageDialog(t, h)
		test.Tap(findButton(t, m.dlg, "Copy message"))
		if !m.done.Visible() || !strings.HasPrefix(m.done.Text, "Copied") {
			t.Errorf("copy: %q", m.done.Text)
		}
		h.sh.app.Clipboard().SetContent("")
		test.Tap(findButton(t, m.dlg, "Open in mail app"))
		if !strings.Contains(m.done.Text, "No mail app opened") || h.sh.app.Clipboard().Content() != m.text.Text {
			t.Errorf("no mail app: %q", m.done.Text)
		}
		m.done.SetText("")
		h.sh.app.Clipboard().SetContent("")
		m.doing.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if !strings.Contains(m.done.Text, "No mail app opened") {
			t.Errorf("Enter did not press the main button: %q", m.done.Text)
		}
	})
}

// The paste dialog's "paste first" message goes once something is pasted.
func TestPasteMessageGoesAway(t *testing.T) {
	h := newHarness(t, realEngine())
	h.ui(func() {
		p := showPasteDialog(h.sh, h.v.showPageReport)
		test.Tap(findButton(t, p.dlg, "Read this page"))
		if !p.err.Visible() {
			t.Fatal("no message for an empty paste")
		}
		test.Type(p.text, "Access denied")
		if p.err.Visible() {
			t.Error("the message stayed after pasting")
		}
	})
}

// A changed watch interval applies to the running watch and its line.
func TestWatchFollowsTheInterval(t *testing.T) {
	srv := edge(t)
	h := newHarness(t, realEngine())
	h.check(t, srv.URL+"/blocked")
	h.ui(func() {
		test.Tap(h.v.watchBtn)
		if !strings.Contains(h.v.watchMsg.Text, "every 5 minutes") {
			t.Fatalf("watch line %q", h.v.watchMsg.Text)
		}
		d := showSettings(h.sh)
		h.sh.opened.settings[1].SetText("2")
		d.Submit()
		if !strings.Contains(h.v.watchMsg.Text, "every 2 minutes") || h.v.watch == nil || h.v.watch.every != 2*time.Minute {
			t.Errorf("after the change: %q", h.v.watchMsg.Text)
		}
		test.Tap(h.v.watchBtn) // stop
	})
}
