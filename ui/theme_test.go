package ui

import (
	"bytes"
	"maps"
	"slices"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/font"

	"rayfix/diagnose/places"
	"rayfix/internal/i18n"
)

// TestBundledFontsCoverTheTranslations: every Chinese and Japanese
// character of the translations, and of every country's name in them, is
// in the font RayFix carries for it (a translation changed without running
// scripts/cjk-fonts.sh fails here).
func TestBundledFontsCoverTheTranslations(t *testing.T) {
	for _, tag := range []i18n.Tag{"zh-CN", "ja"} {
		face, err := font.ParseTTF(bytes.NewReader(cjkFont(tag).Content()))
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
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
			t.Errorf("%s: the bundled font lacks %q: run scripts/cjk-fonts.sh", tag, string(rs))
		}
	}
}
