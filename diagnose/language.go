package diagnose

import "rayfix/internal/i18n"

// Localize writes the report's words — headline, explanation, steps — in
// a language; what the pages and checks found stays as it was. The
// message to the owner is written for the owner, in its own language
// (OwnerMessage's caller chooses it).
func Localize(rep *Report, lang i18n.Tag) {
	if !i18n.Known(lang) {
		lang = i18n.English
	}
	rep.Language = string(lang)
	rep.localizeEvidence(lang)
	rep.Headline, rep.Explanation = Summarize(*rep)
	rep.Steps = Suggest(*rep)
}

// tr is a sentence of the report in the report's language.
func (r Report) tr(en string, args ...any) string {
	return i18n.T(i18n.Tag(r.Language), en, args...)
}
