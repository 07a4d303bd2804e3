package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
)

// interceptClose makes closing the window ask, when a site is being
// watched, whether to keep watching from the system tray instead of quitting.
func (sh *Shell) interceptClose() {
	if desk, ok := sh.app.(desktop.App); ok && sh.toTray == nil {
		sh.toTray = func() {
			desk.SetSystemTrayMenu(fyne.NewMenu("RayFix",
				fyne.NewMenuItem("Show RayFix", sh.win.Show),
				fyne.NewMenuItem("Stop watching and quit", sh.app.Quit)))
			desk.SetSystemTrayWindow(sh.win)
			sh.win.Hide()
		}
	}
	sh.win.SetCloseIntercept(sh.closeRequested)
}

func (sh *Shell) closeRequested() {
	sh.saveWindow()
	if sh.visitor.watch == nil || sh.toTray == nil {
		sh.app.Quit()
		return
	}
	dialog.ShowConfirm("Keep watching?",
		"RayFix is watching "+hostOf(sh.visitor.watch.input)+". Keep watching from the system tray (RayFix tells you when it changes), or quit?",
		func(keep bool) {
			if !keep {
				sh.app.Quit()
				return
			}
			sh.toTray()
			sh.inTray = true
		}, sh.win)
}
