package ui

import (
	"context"
	"fmt"
	"image/color"
	"net/http"
	"net/url"
	"os"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/impact"
	"rayfix/ui/kit"
	"rayfix/ui/owner"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"rayfix/app"
	"rayfix/assets"
)

// AppID is RayFix's application ID (also in FyneApp.toml).
const AppID = "io.rayfix.app"

// Version is RayFix's version (app.Version).
const Version = app.Version

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
	owner    *owner.View
	// ownerHost is what owner mode gets from the window: the keychain, how
	// to connect, the folders. Tests replace parts of it.
	ownerHost *owner.Host
	inTray    bool   // the window was closed to the system tray
	toTray    func() // hides the window to the system tray (nil: no tray)
	place     placement
	screen    fyne.CanvasObject // the screen shown (inside the width floor)

	// openURL opens mail and web links; tests record instead.
	openURL func(*url.URL) error
	now     func() time.Time
	// opened are the last message dialog and settings fields opened.
	opened struct {
		message  *messageDialog
		settings []*kit.Entry
	}
	// watchEvery overrides the watch interval setting (tests).
	watchEvery time.Duration
}

// NewShell builds the window on a; nothing is shown until Show.
func NewShell(a fyne.App, engine Engine) *Shell {
	sh := &Shell{app: a, engine: engine, openURL: a.OpenURL, now: time.Now}
	sh.history = app.NewHistory(a.Preferences())
	sh.settings = app.NewSettings(a.Preferences())
	sh.win = a.NewWindow("RayFix")
	sh.applyFont()
	sh.speakFyne()
	sh.visitor = newVisitorView(sh)
	sh.start, sh.startBtn = startView(sh)
	sh.ownerHost = &owner.Host{App: a, Win: sh.win, ShowStart: sh.ShowStart, Keeper: cfapi.NewTokenStore(),
		NewConn: cfapi.NewConnection, StartDemo: fakecf.StartDemo, DataDir: sh.dataDir(),
		OpenURL: func(u *url.URL) error { return sh.openURL(u) }}
	sh.ownerWords()
	sh.owner = owner.New(sh.ownerHost)
	sh.win.SetMainMenu(sh.menu())
	sh.bindKeys()
	kit.SetCrashLog(sh.dataDir(), sh.win)
	sh.interceptClose()
	// The window opens at the size (and, in Run, the place) it had when it
	// was last closed.
	sh.place = loadPlacement(sh.dataDir())
	sw, shh, _ := screenSize()
	sh.win.Resize(sh.place.size(sw, shh))
	sh.ShowStart()
	return sh
}

// dataDir is RayFix's folder for its own files (journal, archive, crash
// log, window placement): Fyne's per-app storage folder.
func (sh *Shell) dataDir() string { return sh.app.Storage().RootURI().Path() }

// Window is the main window.
func (sh *Shell) Window() fyne.Window { return sh.win }

// minWidth is the narrowest the window gets (kit.MinWidth).
const minWidth = kit.MinWidth

// setContent shows a screen, held at least minWidth wide.
func (sh *Shell) setContent(o fyne.CanvasObject) {
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(minWidth, 1))
	sh.screen = o
	sh.win.SetContent(container.NewStack(floor, o))
}

// ShowStart shows the two doors.
func (sh *Shell) ShowStart() {
	sh.setContent(sh.start)
	sh.win.Canvas().Focus(sh.startBtn)
}

// ShowVisitor shows the visitor check with the address field focused.
func (sh *Shell) ShowVisitor() {
	sh.setContent(sh.visitor.content)
	sh.win.Canvas().Focus(sh.visitor.url)
}

// ShowOwner shows owner mode: connect, or the sites when connected.
func (sh *Shell) ShowOwner() {
	sh.setContent(sh.owner.Content())
	sh.owner.Enter()
}

// CheckURL opens the visitor view and checks u (a URL given on the command line).
func (sh *Shell) CheckURL(u string) {
	sh.ShowVisitor()
	sh.visitor.url.SetText(u)
	sh.visitor.runCheck()
}

func (sh *Shell) copyText(s string) { sh.app.Clipboard().SetContent(s) }

func (sh *Shell) watchInterval() time.Duration {
	if sh.watchEvery > 0 {
		return sh.watchEvery
	}
	return sh.settings.WatchInterval()
}

// OpenDemo opens owner mode on the demo site's overview (`rayfix --demo`).
func (sh *Shell) OpenDemo() {
	sh.setContent(sh.owner.Content())
	sh.owner.OpenDemo()
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
	// Only the real app asks the owner's own site for this computer's
	// address (tests never reach beyond loopback).
	ownClient := &http.Client{Timeout: 10 * time.Second}
	sh.ownerHost.OwnAddress = func(ctx context.Context, host string) (string, error) { return impact.OwnAddress(ctx, ownClient, host) }
	// The native window exists once the app has started: only then can it
	// be put back where it was.
	a.Lifecycle().SetOnStarted(sh.restorePosition)
	defer func() {
		// The UI loop has ended: no window to keep responsive any more.
		if err := sh.place.save(sh.dataDir()); err != nil {
			fmt.Fprintln(os.Stderr, "rayfix: could not remember the window's place:", err)
		}
	}()
	switch {
	case len(args) > 0 && args[0] == "--demo":
		sh.OpenDemo()
	case len(args) > 0:
		sh.CheckURL(args[0])
	}
	sh.win.ShowAndRun()
}
