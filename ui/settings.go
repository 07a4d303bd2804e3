package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"rayfix/app"
	"rayfix/ui/kit"
)

// showSettings edits the visitor settings. Each field checks what is typed
// and says what is wrong right there; Save stays disabled until both are valid.
func showSettings(sh *Shell) *dialog.FormDialog {
	timeout := kit.NewEntry()
	timeout.SetText(strconv.Itoa(int(sh.settings.Timeout().Seconds())))
	timeout.Validator = app.ValidateTimeoutText
	watch := kit.NewEntry()
	watch.SetText(strconv.Itoa(int(sh.settings.WatchInterval().Minutes())))
	watch.Validator = app.ValidateWatchText
	clear := widget.NewButton("Clear history", func() {
		kit.ShowConfirm("Clear history?", "RayFix forgets the list of sites you checked. This cannot be undone.", func(ok bool) {
			if ok {
				sh.history.Clear()
				sh.visitor.refreshRecent()
			}
		}, sh.win)
	})
	sh.opened.settings = []*kit.Entry{timeout, watch}
	items := []*widget.FormItem{
		{Text: "Give up after (seconds)", Widget: timeout, HintText: "How long one check may take (3–120)."},
		{Text: "Watch: check every (minutes)", Widget: watch, HintText: "How often a watched site is checked again (1–1440)."},
		{Text: "History", Widget: clear, HintText: "The list of recent checks."},
	}
	d := dialog.NewForm("Settings", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		_ = sh.settings.SetTimeoutText(timeout.Text)
		before := sh.watchInterval()
		_ = sh.settings.SetWatchText(watch.Text)
		if sh.watchInterval() != before {
			sh.visitor.rewatch()
		}
	}, sh.win)
	// Enter in a field saves, as Save would (Submit refuses invalid input).
	kit.SubmitOnEnter(items, d.Submit)
	d.Resize(fyne.NewSize(520, 320))
	kit.ShowDialog(d, sh.win)
	return d
}
