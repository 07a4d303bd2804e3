package owner

import (
	"testing"

	"fyne.io/fyne/v2/test"
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
