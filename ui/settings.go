package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/app"
	"rayfix/internal/i18n"
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
	clear := widget.NewButton(sh.t("Clear history"), func() {
		kit.ShowConfirm(sh.t("Clear history?"), sh.t("RayFix forgets the list of sites you checked. This cannot be undone."), func(ok bool) {
			if ok {
				sh.history.Clear()
				sh.visitor.refreshRecent()
			}
		}, sh.win)
	})
	sh.opened.settings = []*kit.Entry{timeout, watch}
	language := languageSelect(sh)
	// Hints are rows of their own that wrap: a long word in another
	// language must not widen the dialog (a form's hint text does not wrap).
	items := []*widget.FormItem{
		{Text: sh.t("Language"), Widget: language}, hint(sh.t("The language of the visitor side; owner mode is in English for now.")),
		{Text: sh.t("Give up after (seconds)"), Widget: timeout}, hint(sh.t("How long one check may take (3–120).")),
		{Text: sh.t("Watch: check every (minutes)"), Widget: watch}, hint(sh.t("How often a watched site is checked again (1–1440).")),
		{Text: sh.t("History"), Widget: clear}, hint(sh.t("The list of recent checks.")),
	}
	d := dialog.NewForm(sh.t("Settings"), sh.t("Save"), sh.t("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		defer sh.setLanguage(languageTag(language.Selected))
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

// systemChoice is the first choice of the language list: follow the
// system ("System language (Deutsch)").
func systemChoice(sh *Shell) string {
	return sh.t("System language ({{name}})", "name", i18n.NameOf(systemLanguage()))
}

// languageSelect lists the languages by their own names, the system's
// first; the current choice is selected.
func languageSelect(sh *Shell) *widget.Select {
	opts := []string{systemChoice(sh)}
	for _, l := range i18n.Languages {
		opts = append(opts, l.Name)
	}
	sel := widget.NewSelect(opts, nil)
	sel.SetSelected(opts[0])
	if name := i18n.NameOf(i18n.Tag(sh.settings.Language())); name != "" {
		sel.SetSelected(name)
	}
	return sel
}

// languageTag is the tag for a choice of languageSelect ("" = the system's).
func languageTag(choice string) string {
	for _, l := range i18n.Languages {
		if l.Name == choice {
			return string(l.Tag)
		}
	}
	return ""
}

// hint is a form row that explains the field above it, wrapping.
func hint(text string) *widget.FormItem {
	l := kit.NewWrapped(text)
	l.SizeName = theme.SizeNameCaptionText
	return &widget.FormItem{Widget: l}
}
