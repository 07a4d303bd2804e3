package ui

import (
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"rayfix/app"
	"rayfix/assets"
)

// AppID is RayFix's application ID (also in FyneApp.toml).
const AppID = "io.rayfix.app"

// Version is RayFix's version (also in FyneApp.toml and the AppStream file).
const Version = "0.1.0"

// Shell is RayFix's main window and what its screens share.
type Shell struct {
	app      fyne.App
	win      fyne.Window
	engine   Engine
	history  *app.History
	settings *app.Settings
	visitor  *visitorView
	start    fyne.CanvasObject
	startBtn *widget.Button
	owner    *ownerView

	// keeper is the keychain; newConn and startDemo make API connections.
	// Tests replace them to use the fake API and a keychain of their own.
	keeper    TokenKeeper
	newConn   func(token string) *app.Connection
	startDemo func() (*app.DemoServer, error)
	// journalDir is where changes to sites are journaled.
	journalDir  string
	archivePath string // the event archive file (tests use their own)
	archMu      sync.Mutex
	arch        *app.Archive
	// archiveEvery is how often new Security Events are fetched (tests shorten it).
	archiveEvery time.Duration
	inTray       bool   // the window was closed to the system tray
	toTray       func() // hides the window to the system tray (nil: no tray)

	// openURL opens mail and web links; tests record instead.
	openURL func(*url.URL) error
	now     func() time.Time
	// watchEvery overrides the watch interval setting (tests).
	watchEvery time.Duration
}

// NewShell builds the window on a; nothing is shown until Show.
func NewShell(a fyne.App, engine Engine) *Shell {
	sh := &Shell{app: a, engine: engine, openURL: a.OpenURL, now: time.Now,
		keeper: app.NewTokenStore(), newConn: app.NewConnection, startDemo: app.StartDemo}
	sh.history = app.NewHistory(a.Preferences())
	sh.settings = app.NewSettings(a.Preferences())
	sh.win = a.NewWindow("RayFix")
	sh.visitor = newVisitorView(sh)
	sh.start, sh.startBtn = startView(sh)
	sh.owner = newOwnerView(sh)
	sh.win.SetMainMenu(sh.menu())
	sh.bindKeys()
	setCrashLog(a.Storage().RootURI().Path(), sh.win)
	sh.interceptClose()
	// The window opens at the size it had when it was last closed.
	size := fyne.NewSize(820, 700)
	if w, h := a.Preferences().Float("window.width"), a.Preferences().Float("window.height"); w >= 500 && h >= 400 {
		size = fyne.NewSize(float32(w), float32(h))
	}
	sh.win.Resize(size)
	sh.win.SetOnClosed(sh.saveSize)
	sh.ShowStart()
	return sh
}

// Window is the main window.
func (sh *Shell) Window() fyne.Window { return sh.win }

// ShowStart shows the two doors.
func (sh *Shell) ShowStart() {
	sh.win.SetContent(sh.start)
	sh.win.Canvas().Focus(sh.startBtn)
}

// ShowVisitor shows the visitor check with the address field focused.
func (sh *Shell) ShowVisitor() {
	sh.win.SetContent(sh.visitor.content)
	sh.win.Canvas().Focus(sh.visitor.url)
}

// ShowOwner shows owner mode: connect, or the sites when connected.
func (sh *Shell) ShowOwner() {
	sh.win.SetContent(sh.owner.content)
	sh.owner.enter()
}

// CheckURL opens the visitor view and checks u (a URL given on the command line).
func (sh *Shell) CheckURL(u string) {
	sh.ShowVisitor()
	sh.visitor.url.SetText(u)
	sh.visitor.runCheck()
}

func (sh *Shell) copyText(s string) { sh.app.Clipboard().SetContent(s) }

// journal opens the change journal in the app's data folder.
func (sh *Shell) journal() (*app.Journal, error) {
	dir := sh.journalDir
	if dir == "" {
		dir = filepath.Join(sh.app.Storage().RootURI().Path(), "journal")
	}
	return app.OpenJournal(dir)
}

func (sh *Shell) archiveInterval() time.Duration {
	if sh.archiveEvery > 0 {
		return sh.archiveEvery
	}
	return 5 * time.Minute
}

func (sh *Shell) watchInterval() time.Duration {
	if sh.watchEvery > 0 {
		return sh.watchEvery
	}
	return sh.settings.WatchInterval()
}

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
	file := fyne.NewMenu("File",
		item("Check a website", fyne.KeyL, mod, sh.ShowVisitor),
		item("Check again", fyne.KeyR, mod, func() { sh.ShowVisitor(); sh.visitor.checkAgain() }),
		item("Read an error page…", "", 0, func() { sh.ShowVisitor(); showPasteDialog(sh, sh.visitor.showPageReport) }),
		item("Copy report", fyne.KeyC, mod|fyne.KeyModifierShift, sh.visitor.copyReport),
		fyne.NewMenuItemSeparator(),
		item("Settings…", fyne.KeyComma, mod, func() { showSettings(sh) }),
	)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts", sh.showShortcuts),
		fyne.NewMenuItem("About RayFix", sh.showAbout),
	)
	return fyne.NewMainMenu(file, help)
}

const shortcutsText = `Enter — check the address
Escape — cancel a running check
Ctrl+R (⌘R) — check again
Ctrl+L (⌘L) — go to the address field
Ctrl+C (⌘C) on the Ray ID — copy it (Tab to it, or click it)
Ctrl+Shift+C — copy the full report
Ctrl+, — settings`

func (sh *Shell) showShortcuts() {
	dialog.ShowInformation("Keyboard shortcuts", shortcutsText, sh.win)
}

// bindKeys: Escape cancels a running check wherever the focus is.
func (sh *Shell) bindKeys() {
	sh.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			sh.visitor.stop()
		}
	})
}

// OpenDemo opens owner mode on the demo site's overview (`rayfix --demo`).
func (sh *Shell) OpenDemo() {
	sh.win.SetContent(sh.owner.content)
	sh.owner.started = true
	sh.owner.openFirst = true
	sh.owner.startDemo()
}

// Run opens the window and blocks until it is closed. A URL argument opens
// straight into a check of it; --demo opens owner mode on the demo site.
func Run(args ...string) {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	arg := ""
	if len(args) > 0 {
		arg = args[0]
	}
	var sh *Shell
	inst, forwarded, err := claimInstance(a.Storage().RootURI().Path(), arg, func(msg string) {
		fyne.Do(func() {
			if sh == nil {
				return
			}
			sh.win.Show()
			sh.win.RequestFocus()
			if msg != "" && msg != "--demo" {
				sh.CheckURL(msg)
			}
		})
	})
	if forwarded {
		return // the running RayFix takes it from here
	}
	if err == nil {
		defer inst.close()
	}
	sh = NewShell(a, RealEngine{})
	switch {
	case len(args) > 0 && args[0] == "--demo":
		sh.OpenDemo()
	case len(args) > 0:
		sh.CheckURL(args[0])
	}
	sh.win.ShowAndRun()
}

func (sh *Shell) showAbout() {
	dialog.ShowInformation("About RayFix", "RayFix "+Version+"\n\n"+
		"Explains Cloudflare's \"Access denied\" pages to the people who hit them, and helps site owners fix the rule behind them.\n\n"+
		"A check talks only to the site you ask about; owner mode talks only to Cloudflare's API. Nothing is sent anywhere else.\n\n"+
		"MIT licence · https://github.com/rayfix/rayfix", sh.win)
}

// saveSize remembers the window's size for the next start.
func (sh *Shell) saveSize() {
	s := sh.win.Canvas().Size()
	sh.app.Preferences().SetFloat("window.width", float64(s.Width))
	sh.app.Preferences().SetFloat("window.height", float64(s.Height))
}
