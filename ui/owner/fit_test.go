package owner

import (
	"testing"

	"rayfix/ui/kit"

	"fyne.io/fyne/v2/theme"
)

// Every dialog the site screen opens fits in the narrowest window
// (kit.MinWidth): a dialog wider than the window hides its own buttons, as the
// rule editor once did.
func TestDialogsFitTheWindow(t *testing.T) {
	h, _ := openDemoZone(t)
	// Measure with the theme people see (the test theme's text is smaller).
	h.ui(func() { h.app.Settings().SetTheme(theme.DefaultTheme()) })
	limit := float32(kit.MinWidth - 2*8) // the dialog keeps a margin
	check := func(what string) {
		t.Helper()
		h.ui(func() {
			c := h.win.Canvas()
			for _, o := range c.Overlays().List() {
				if w := o.MinSize().Width; w > limit {
					t.Errorf("%s: a dialog needs %.0f px, the window may be %d", what, w, kit.MinWidth)
				}
			}
			for kit.CloseTopDialog(c) {
			}
		})
	}
	n := 0
	for _, m := range h.o.menus {
		for _, it := range m.items {
			h.ui(it.Action)
			check(m.rule + " → " + it.Label)
			n++
		}
	}
	for _, it := range h.o.moreItems {
		if it.IsSeparator || it.Action == nil {
			continue
		}
		h.ui(it.Action)
		check("More… → " + it.Label)
		n++
	}
	if n < 20 {
		t.Fatalf("only %d actions tried", n)
	}
}

// The site's screens fit the narrowest window: rows of buttons wrap, text
// wraps; nothing sets the window wider than kit.MinWidth.
func TestSiteScreensFitTheNarrowestWindow(t *testing.T) {
	h, _ := openDemoZone(t)
	h.ui(func() { h.app.Settings().SetTheme(theme.DefaultTheme()) })
	screens := map[string]func(){
		"site":           func() { h.o.set(h.o.zoneScreen(h.o.site.Rules)) },
		"changes":        func() { h.o.showChanges(h.o.reloadZone) },
		"Ray ID look-up": func() { h.o.showLookup(h.o.reloadZone) },
		"simulate":       func() { h.more(t, "Simulate a visitor…") },
	}
	for name, open := range screens {
		h.ui(open)
		h.ui(func() {
			if w := h.o.Content().MinSize().Width; w > kit.MinWidth {
				t.Errorf("%s screen needs %.0f px, the window may be %d", name, w, kit.MinWidth)
			}
		})
	}
}
