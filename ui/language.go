package ui

import (
	"os"

	"fyne.io/fyne/v2/lang"

	"rayfix/diagnose"
	"rayfix/internal/i18n"
)

// lang is the language the visitor side speaks: the one chosen in
// Settings, else the system's.
func (sh *Shell) lang() i18n.Tag {
	if t, ok := i18n.Parse(sh.settings.Language()); ok {
		return t
	}
	return systemLanguage()
}

// systemLanguage reads the environment as gettext does (Linux and the
// BSDs), and where it says nothing, the system's own setting as Fyne
// reads it (Windows, macOS).
func systemLanguage() i18n.Tag {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if os.Getenv(k) != "" {
			return i18n.FromEnv(os.Getenv)
		}
	}
	if t, ok := i18n.Parse(string(lang.SystemLocale())); ok {
		return t
	}
	return i18n.English
}

// t is a sentence of the window in its language.
func (sh *Shell) t(en string, args ...any) string { return i18n.T(sh.lang(), en, args...) }

// setLanguage switches the visitor side at once: the screens are built
// again in the new language, the report on screen re-worded, and the
// choice remembered ("" follows the system).
func (sh *Shell) setLanguage(tag string) {
	if tag == sh.settings.Language() {
		return
	}
	sh.settings.SetLanguage(tag)
	sh.applyFont()
	sh.speakFyne()
	sh.ownerWords()
	old := sh.visitor
	last, onVisitor := old.last, sh.screen == old.content
	var watching *diagnose.Report
	if old.watch != nil { // the watch belongs to the old screen: carry it over
		w := old.watch.last
		watching = &w
		old.stopWatch()
	}
	old.job.Stop()
	sh.visitor = newVisitorView(sh)
	sh.visitor.OnResult = old.OnResult
	sh.start, sh.startBtn = startView(sh)
	sh.win.SetMainMenu(sh.menu())
	if last != nil {
		rep := *last
		diagnose.Localize(&rep, sh.lang())
		sh.visitor.display(rep)
	}
	if watching != nil {
		sh.visitor.startWatch(*watching)
	}
	if onVisitor {
		sh.ShowVisitor()
	} else if sh.screen != sh.owner.Content() {
		sh.ShowStart()
	}
}

// ownerWords tells owner mode, in the window's language, that it is in
// English for now.
func (sh *Shell) ownerWords() {
	sh.ownerHost.EnglishOnly = ""
	if sh.lang() != i18n.English {
		sh.ownerHost.EnglishOnly = sh.t("Owner mode is in English for now.")
	}
}
