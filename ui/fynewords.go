package ui

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"rayfix/internal/i18n"
)

// fyneWords are the words Fyne's own widgets and dialogs say (the file
// dialog, Yes/No, the text field's menu), by Fyne's keys. Fyne translates
// them into the system's language only, and not at all into Turkish,
// Indonesian, Vietnamese or Japanese; RayFix says them in the window's.
var fyneWords = map[string]string{
	"Advanced": i18n.N("Advanced"), "Cancel": i18n.N("Cancel"), "Confirm": i18n.N("Confirm"),
	"Copy": i18n.N("Copy"), "Create Folder": i18n.N("Create Folder"), "Cut": i18n.N("Cut"),
	"Enter filename": i18n.N("Enter filename"), "Error": i18n.N("Error"), "Favourites": i18n.N("Favourites"),
	"File": i18n.N("File"), "Folder": i18n.N("Folder"), "New Folder": i18n.N("New Folder"), "No": i18n.N("No"),
	"OK": i18n.N("OK"), "Open": i18n.N("Open"), "Paste": i18n.N("Paste"), "Quit": i18n.N("Quit"),
	"Redo": i18n.N("Redo"), "Save": i18n.N("Save"), "Select all": i18n.N("Select all"),
	"Show Hidden Files": i18n.N("Show Hidden Files"), "Undo": i18n.N("Undo"), "Yes": i18n.N("Yes"),
	"file.name": i18n.N("Name"),
}

// fyneLocales are the languages Fyne 2.7.1 carries translations for, and
// so the ones its localizer can settle on (the first is its fallback):
// RayFix's words go under each, whichever the system's language matches.
var fyneLocales = []fyne.Locale{"en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// speakFyne makes Fyne's own words follow the window's language. It runs
// on the UI goroutine (Fyne's translations are not safe to change from
// elsewhere) before any dialog of the new language is built.
func (sh *Shell) speakFyne() {
	words := make(map[string]string, len(fyneWords))
	for key, en := range fyneWords {
		words[key] = i18n.T(sh.lang(), en)
	}
	data, err := json.Marshal(words)
	if err != nil {
		return
	}
	for _, l := range fyneLocales {
		if err := lang.AddTranslationsForLocale(data, l); err != nil {
			fyne.LogError("RayFix could not give Fyne its words", err)
		}
	}
}
