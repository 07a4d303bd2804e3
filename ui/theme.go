package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"rayfix/assets"
	"rayfix/internal/i18n"
)

// cjkTheme is Fyne's theme with a Chinese or Japanese font first: Fyne's
// own font has no CJK glyphs, and a fresh system may have no CJK font to
// fall back on. The bundled font holds no Latin letters, so those still
// come from Fyne's font (the next in line).
type cjkTheme struct {
	fyne.Theme
	font fyne.Resource
}

func (t cjkTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	return t.font
}

// cjkFont is the bundled font a language needs, or nil.
func cjkFont(t i18n.Tag) fyne.Resource {
	switch t {
	case "zh-CN":
		return assets.FontSC
	case "ja":
		return assets.FontJP
	}
	return nil
}

// applyFont puts the font the window's language needs in place (and
// takes it away again for a language without one).
func (sh *Shell) applyFont() {
	f := cjkFont(sh.lang())
	current, isCJK := sh.app.Settings().Theme().(cjkTheme)
	switch {
	case f != nil && (!isCJK || current.font != f):
		sh.app.Settings().SetTheme(cjkTheme{Theme: theme.DefaultTheme(), font: f})
	case f == nil && isCJK:
		sh.app.Settings().SetTheme(theme.DefaultTheme())
	}
}
