package ui

import (
	"bytes"
	"maps"
	"slices"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"rayfix/assets"
	"rayfix/diagnose/places"
	"rayfix/internal/i18n"
)

// TestBundledFontsCoverTheTranslations: every Chinese and Japanese
// character of the translations, and of every country's name in them, is
// in the font RayFix carries for it (a translation changed without running
// scripts/cjk-fonts.sh fails here).
func TestBundledFontsCoverTheTranslations(t *testing.T) {
	for _, tag := range []i18n.Tag{"zh-CN", "ja"} {
		for _, res := range []fyne.Resource{cjkFont(tag).regular, cjkFont(tag).bold} {
			checkFontCovers(t, tag, res)
		}
	}
}

func checkFontCovers(t *testing.T, tag i18n.Tag, res fyne.Resource) {
	face, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		t.Fatalf("%s: %v", res.Name(), err)
	}
	missing := map[rune]bool{}
	for _, s := range append(slices.Collect(maps.Values(i18n.Catalog(tag))), places.AllCountriesIn(tag)...) {
		for _, r := range s {
			if r < 0x80 || unicode.IsSpace(r) {
				continue // Latin comes from Fyne's own font
			}
			if _, ok := face.NominalGlyph(r); !ok {
				missing[r] = true
			}
		}
	}
	if len(missing) > 0 {
		var rs []rune
		for r := range missing {
			rs = append(rs, r)
		}
		t.Errorf("%s: %s lacks %q: run scripts/cjk-fonts.sh", tag, res.Name(), string(rs))
	}
}

// TestBoldChineseIsBold: a bold label (a headline, a button) in Chinese or
// Japanese is drawn with the bundled bold face, so its Chinese is as bold
// as its Latin words; monospace stays Fyne's.
func TestBoldChineseIsBold(t *testing.T) {
	for tag, want := range map[i18n.Tag][2]fyne.Resource{"zh-CN": {assets.FontSC, assets.FontSCBold}, "ja": {assets.FontJP, assets.FontJPBold}} {
		th := cjkTheme{Theme: theme.DefaultTheme(), font: cjkFont(tag)}
		if th.Font(fyne.TextStyle{}) != want[0] || th.Font(fyne.TextStyle{Bold: true}) != want[1] {
			t.Errorf("%s: regular %s, bold %s", tag, th.Font(fyne.TextStyle{}).Name(), th.Font(fyne.TextStyle{Bold: true}).Name())
		}
		if th.Font(fyne.TextStyle{Monospace: true}) != theme.DefaultTheme().Font(fyne.TextStyle{Monospace: true}) {
			t.Errorf("%s: monospace is not Fyne's", tag)
		}
	}
	if cjkFont("de").regular != nil {
		t.Error("German gets a CJK font")
	}
}
