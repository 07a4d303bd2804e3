package ui

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"

	"rayfix/internal/i18n"

	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// menu carries the keyboard shortcuts: Fyne runs main-menu shortcuts even
// while the address field has the focus (canvas shortcuts would go to the
// focused entry instead).
func (sh *Shell) menu() *fyne.MainMenu {
	mod := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, m fyne.KeyModifier, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: m}
		}
		return it
	}
	file := fyne.NewMenu(sh.t("File"),
		item(sh.t("Check a website"), fyne.KeyL, mod, sh.ShowVisitor),
		item(sh.t("Check again"), fyne.KeyR, mod, func() { sh.ShowVisitor(); sh.visitor.checkAgain() }),
		item(sh.t("Read an error page…"), "", 0, func() { sh.ShowVisitor(); showPasteDialog(sh, sh.visitor.showPageReport) }),
		item(sh.t("Copy report"), fyne.KeyC, mod|fyne.KeyModifierShift, sh.visitor.copyReport),
		fyne.NewMenuItemSeparator(),
		item(sh.t("Settings…"), fyne.KeyComma, mod, func() { showSettings(sh) }),
		fyne.NewMenuItemSeparator(),
		quitItem(item(sh.t("Quit"), fyne.KeyQ, mod, sh.quit)),
	)
	help := fyne.NewMenu(sh.t("Help"),
		fyne.NewMenuItem(sh.t("Keyboard shortcuts"), sh.showShortcuts),
		fyne.NewMenuItem(sh.t("Open RayFix's data folder"), sh.openDataFolder),
		fyne.NewMenuItem(sh.t("About RayFix"), sh.showAbout),
	)
	return fyne.NewMainMenu(file, help)
}

// shortcuts are listed in Help → Keyboard shortcuts. "Ctrl" reads "⌘" on
// a Mac, where Fyne's default shortcut modifier is Command.
var shortcuts = [][2]string{
	{"Enter", i18n.N("check the address; in a dialog, its main button (Preview…, Save)")},
	{"Escape", i18n.N("close a dialog, or cancel a running check")},
	{"Ctrl+R", i18n.N("check again")},
	{"Ctrl+L", i18n.N("go to the address field")},
	{"Ctrl+C", i18n.N("on the Ray ID (Tab to it, or click it): copy it")},
	{"Ctrl+Shift+C", i18n.N("copy the full report")},
	{"Ctrl+,", i18n.N("settings")},
	{"Ctrl+Q", i18n.N("quit")},
}

// quitItem marks File → Quit as the app's Quit, so Fyne adds no second one
// (and on macOS moves it to the application menu).
func quitItem(it *fyne.MenuItem) *fyne.MenuItem {
	it.IsQuit = true
	return it
}

func (sh *Shell) showShortcuts() {
	grid := container.New(layout.NewFormLayout())
	for _, sc := range shortcuts {
		key := sc[0]
		if runtime.GOOS == "darwin" {
			key = strings.ReplaceAll(key, "Ctrl+", "⌘")
		}
		grid.Add(widget.NewLabelWithStyle(key, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(sh.t(sc[1])))
	}
	kit.ShowDialog(dialog.NewCustom(sh.t("Keyboard shortcuts"), sh.t("Close"), grid, sh.win), sh.win)
}

// bindKeys: Escape closes the dialog on top, or else cancels a running
// check, wherever the focus is.
func (sh *Shell) bindKeys() {
	sh.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && !kit.CloseTopDialog(sh.win.Canvas()) {
			sh.visitor.stop()
		}
	})
}

// openDataFolder shows the data folder in the file manager: where the
// crash log, the change journal and the event archive are.
func (sh *Shell) openDataFolder() {
	p := filepath.ToSlash(sh.dataDir())
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/Users/… becomes file:///C:/Users/…
	}
	_ = sh.openURL(&url.URL{Scheme: "file", Path: p})
}
