package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func hyperlinks(o fyne.CanvasObject) []*widget.Hyperlink {
	var out []*widget.Hyperlink
	switch x := o.(type) {
	case *widget.Hyperlink:
		out = append(out, x)
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, hyperlinks(c)...)
		}
	}
	return out
}

// About names the version and opens the licence and the website when their
// links are clicked.
func TestAboutShowsVersionAndOpensLinks(t *testing.T) {
	h := newHarness(t, realEngine())
	var c *fyne.Container
	h.ui(func() { c = h.sh.aboutContent() })
	if !has(texts(c), "RayFix "+Version) {
		t.Fatalf("no version in About: %q", texts(c))
	}
	links := hyperlinks(c)
	if len(links) != 3 {
		t.Fatalf("%d links in About, want website, licence and problems", len(links))
	}
	for _, l := range links {
		h.ui(func() { test.Tap(l) })
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.opened) != 3 || !strings.HasSuffix(h.opened[1].String(), "/LICENSE") || h.opened[0].String() != Website {
		t.Fatalf("opened %v", h.opened)
	}
}

// Help → Open RayFix's data folder opens the folder the crash log names.
func TestOpenDataFolder(t *testing.T) {
	h := newHarness(t, realEngine())
	h.ui(h.sh.openDataFolder)
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.opened) != 1 || h.opened[0].Scheme != "file" || h.opened[0].Path != h.sh.dataDir() {
		t.Fatalf("opened %v, want file://%s", h.opened, h.sh.dataDir())
	}
}

// Every shortcut on the menus is listed in Help → Keyboard shortcuts.
func TestShortcutsListCoversTheMenu(t *testing.T) {
	h := newHarness(t, realEngine())
	listed := map[string]bool{}
	for _, sc := range shortcuts {
		listed[sc[0]] = true
	}
	n := 0
	for _, m := range h.sh.menu().Items {
		for _, it := range m.Items {
			cs, ok := it.Shortcut.(*desktop.CustomShortcut)
			if !ok {
				continue
			}
			name := "Ctrl+"
			if cs.Modifier&fyne.KeyModifierShift != 0 {
				name += "Shift+"
			}
			name += string(cs.KeyName)
			if !listed[name] {
				t.Errorf("menu item %q has %s, not in the shortcuts list", it.Label, name)
			}
			n++
		}
	}
	if n < 5 {
		t.Fatalf("only %d menu shortcuts found", n)
	}
}
