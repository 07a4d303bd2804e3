package ui

import (
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// interceptClose makes closing the window ask, when a site is being
// watched, whether to keep watching from the system tray instead of quitting.
func (sh *Shell) interceptClose() {
	if desk, ok := sh.app.(desktop.App); ok && sh.toTray == nil {
		sh.toTray = func() {
			desk.SetSystemTrayMenu(fyne.NewMenu("RayFix",
				fyne.NewMenuItem(sh.t("Show RayFix"), sh.win.Show),
				fyne.NewMenuItem(sh.t("Stop watching and quit"), sh.app.Quit)))
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
	// Three answers: keep watching from the tray, quit, or (Cancel, Escape)
	// neither — a confirm dialog would read Escape as "quit".
	var d *dialog.CustomDialog
	tray := widget.NewButtonWithIcon(sh.t("Keep watching in the tray"), theme.VisibilityIcon(), func() {
		d.Hide()
		sh.toTray()
		sh.inTray = true
	})
	tray.Importance = widget.HighImportance
	quit := widget.NewButton(sh.t("Quit"), func() { d.Hide(); sh.app.Quit() })
	cancel := widget.NewButton(sh.t("Cancel"), func() { d.Hide() })
	msg := kit.NewWrapped(sh.t("RayFix is watching {{site}}. Keep watching from the system tray (RayFix tells you when it changes), or quit?", "site", hostOf(sh.visitor.watch.input)))
	d = dialog.NewCustomWithoutButtons(sh.t("Keep watching?"), msg, sh.win)
	d.SetButtons([]fyne.CanvasObject{cancel, quit, tray})
	d.Resize(fyne.NewSize(520, 0))
	kit.ShowDialog(d, sh.win)
}
