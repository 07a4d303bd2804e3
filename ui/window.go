package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"rayfix/assets"
)

// AppID is RayFix's application ID (also in FyneApp.toml).
const AppID = "io.rayfix.app"

// Build creates RayFix's main window on a, with the visitor check.
func Build(a fyne.App, engine Engine) fyne.Window {
	w := a.NewWindow("RayFix")
	v := newVisitorView(w, engine)
	w.SetContent(v.content)
	w.Resize(fyne.NewSize(760, 640))
	w.Canvas().Focus(v.url)
	return w
}

// Run opens the window and blocks until it is closed.
func Run() {
	a := app.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	w := Build(a, RealEngine{})
	w.ShowAndRun()
}
