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
	font cjkFaces
}

// cjkFaces are a language's bundled font in its two weights.
type cjkFaces struct{ regular, bold fyne.Resource }

func (t cjkTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Monospace || s.Symbol:
		return t.Theme.Font(s)
	case s.Bold:
		return t.font.bold
	}
	return t.font.regular
}

// cjkFont is the bundled font a language needs; zero for none.
func cjkFont(t i18n.Tag) cjkFaces {
	switch t {
	case "zh-CN":
		return cjkFaces{assets.FontSC, assets.FontSCBold}
	case "ja":
		return cjkFaces{assets.FontJP, assets.FontJPBold}
	}
	return cjkFaces{}
}

// applyFont puts the font the window's language needs in place (and
// takes it away again for a language without one).
func (sh *Shell) applyFont() {
	f := cjkFont(sh.lang())
	current, isCJK := sh.app.Settings().Theme().(cjkTheme)
	switch {
	case f.regular != nil && (!isCJK || current.font != f):
		sh.app.Settings().SetTheme(cjkTheme{Theme: theme.DefaultTheme(), font: f})
	case f.regular == nil && isCJK:
		sh.app.Settings().SetTheme(theme.DefaultTheme())
	}
}
