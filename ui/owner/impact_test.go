package owner

import (
	"context"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"rayfix/fakecf"
	"rayfix/planner"
	"rayfix/ui/kit"
)

// TestPreviewsSayWhomTheyWouldAffect: a preview counts, in the background,
// whom the change would have affected in the demo's traffic; "Whom it
// catches…" on a rule and "Whom it would catch…" in the editor show what
// a condition matched; the health check names a rule that matched nothing.
func TestPreviewsSayWhomTheyWouldAffect(t *testing.T) {
	h, f := openDemoZone(t)
	ruCN := 0
	f.Inspect(func() {
		for _, r := range f.Zones[0].Traffic {
			if r.Country == "RU" || r.Country == "CN" {
				ruCN += r.Count
			}
		}
	})
	h.ui(func() { h.menuItem(t, ruBlockID, "Challenge instead of block…").Action() })
	if !has(h.shownOverlays(), "Whom it would have affected") {
		t.Fatalf("preview: %q", h.shownOverlays())
	}
	want := "challenged about " + itoa(ruCN) + " requests instead of blocking them"
	waitFor(t, "the count", func() bool { return has(h.shownOverlays(), want) })
	if shown := h.shownOverlays(); !has(shown, "estimates") || has(shown, "Counting from the last 24 hours") {
		t.Fatalf("after counting: %q", shown)
	}
	h.ui(func() { h.o.open.preview.Hide() })

	// What a rule catches, from its menu.
	h.ui(func() { h.menuItem(t, ruBlockID, "Whom it catches…").Action() })
	waitFor(t, "the rule's count", func() bool { return has(h.shownOverlays(), "this condition matched about "+itoa(ruCN)+" of") })
	if shown := h.shownOverlays(); !has(shown, "Russia") || !has(shown, "No verified bot, monitor or webhook") {
		t.Fatalf("whom it catches: %q", shown)
	}
	h.ui(func() { kit.CloseTopDialog(h.win.Canvas()) })

	// A condition being written: greyed while it does not read, then counted.
	h.ui(func() { h.menuItem(t, ruBlockID, "Edit…").Action() })
	h.ui(func() {
		e := h.o.open.editor
		e.expr.SetText(`ip.src.country eq`)
		if !e.catch.Disabled() {
			t.Error("Whom it would catch… offered for a condition that does not read")
		}
		e.expr.SetText(`ip.src.country eq "US" and cf.client.bot`)
		test.Tap(e.catch)
	})
	waitFor(t, "the editor's count", func() bool {
		return has(h.shownOverlays(), "Whom this condition would catch") && has(h.shownOverlays(), "Googlebot")
	})
	h.ui(func() {
		for kit.CloseTopDialog(h.win.Canvas()) {
		}
	})

	// The health check adds a rule that matched nothing in the traffic.
	f.Inspect(func() {
		rs := f.Zones[0].Phases[fakecf.PhaseCustom]
		r := map[string]any{"id": "b0000000000000000000000000000001", "action": "block", "description": "Block WordPress probes",
			"expression": `http.request.uri.path eq "/wp-login.php"`, "enabled": true, "version": "1", "last_updated": "2026-11-20T10:00:00Z"}
		rs.Rules = append(rs.Rules, r)
	})
	h.ui(h.o.reloadZone)
	h.waitShown(t, "Block WordPress probes")
	h.ui(func() { h.more(t, "Health check") })
	h.waitShown(t, "It matched no request in the last 24 hours")
}

// TestPreviewNamesTheOwnersOwnAddress: the owner's site is asked (once)
// for this computer's address, and a change that would stop it says so.
func TestPreviewNamesTheOwnersOwnAddress(t *testing.T) {
	h, _ := openDemoZone(t)
	var asked []string
	var mu sync.Mutex
	h.host.OwnAddress = func(_ context.Context, host string) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, host)
		return "198.51.100.10", nil
	}
	for i := 0; i < 2; i++ {
		h.ui(func() {
			c, err := planner.SetRuleExpression(h.o.site, ruBlockID, `ip.src.country in {"RU" "CN" "US"}`)
			if err != nil {
				t.Fatal(err)
			}
			h.o.showPreview(c, nil)
		})
		waitFor(t, "the count", func() bool {
			return has(h.shownOverlays(), "your own requests (this computer's address 198.51.100.10)")
		})
		h.ui(func() { h.o.open.preview.Hide() })
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 1 || asked[0] != "demo-bakery.example" {
		t.Errorf("asked %v", asked)
	}
}

// TestImpactWhenTrafficCannotBeRead: with Analytics Read refused, the
// preview still opens and says, in words, why it cannot count.
func TestImpactWhenTrafficCannotBeRead(t *testing.T) {
	h, f := openDemoZone(t)
	f.Inspect(func() { f.Denied["Analytics Read"] = true })
	h.ui(func() { h.menuItem(t, ruBlockID, "Challenge instead of block…").Action() })
	waitFor(t, "the reason", func() bool { return has(h.shownOverlays(), "RayFix could not read the site's recent traffic") })
	shown := h.shownOverlays()
	for _, raw := range []string{"graphql", "not authorized for that account", "HTTP"} {
		if has(shown, raw) {
			t.Errorf("raw %q in %q", raw, shown)
		}
	}
	// The change itself can still be applied.
	h.ui(func() { test.Tap(findButton(t, h.o.open.preview, "Apply this change")) })
	waitFor(t, "the write", func() bool { return ruleAction(f) == "managed_challenge" })
}

// itoa writes 1240 as "1,240", as the report does.
func itoa(n int) string {
	digits := []byte{}
	for i := 0; n > 0 || i == 0; i++ {
		if i > 0 && i%3 == 0 {
			digits = append([]byte{','}, digits...)
		}
		digits = append([]byte{byte('0' + n%10)}, digits...)
		n /= 10
	}
	return string(digits)
}
