package places

import (
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"rayfix/internal/i18n"
)

// TestNamesAreTheCLDRs: names.json says what the CLDR says for every
// country in every language RayFix speaks (run go generate after a new
// language or a golang.org/x/text update).
func TestNamesAreTheCLDRs(t *testing.T) {
	for _, l := range i18n.Languages {
		table := names()[string(l.Tag)]
		if len(table) < 240 {
			t.Fatalf("%s: only %d countries: go generate ./diagnose/places", l.English, len(table))
		}
		cldr := display.Regions(language.MustParse(string(l.Tag)))
		for code, name := range table {
			if want := cldr.Name(language.MustParseRegion(code)); name != want {
				t.Errorf("%s %s: %q, the CLDR says %q: go generate ./diagnose/places", l.English, code, name, want)
			}
		}
	}
	if got := CountryName("AD"); got != "Andorra (AD)" {
		t.Errorf("a country RayFix has no English name of its own for: %q", got)
	}
}
