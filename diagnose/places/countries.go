package places

import (
	_ "embed" // names.json
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"rayfix/internal/i18n"
)

// countryNames covers the ISO 3166 codes Cloudflare reports in "loc"; an
// unknown code is shown as the code itself. T1 is Cloudflare's code for Tor.
var countryNames = map[string]string{
	"AE": "the United Arab Emirates", "AR": "Argentina", "AT": "Austria", "AU": "Australia",
	"BD": "Bangladesh", "BE": "Belgium", "BG": "Bulgaria", "BR": "Brazil", "BY": "Belarus",
	"CA": "Canada", "CH": "Switzerland", "CL": "Chile", "CN": "China", "CO": "Colombia",
	"CZ": "Czechia", "DE": "Germany", "DK": "Denmark", "DZ": "Algeria", "EE": "Estonia",
	"EG": "Egypt", "ES": "Spain", "FI": "Finland", "FR": "France", "GB": "the United Kingdom",
	"GH": "Ghana", "GR": "Greece", "HK": "Hong Kong", "HR": "Croatia", "HU": "Hungary",
	"ID": "Indonesia", "IE": "Ireland", "IL": "Israel", "IN": "India", "IQ": "Iraq", "IR": "Iran",
	"IS": "Iceland", "IT": "Italy", "JP": "Japan", "KE": "Kenya", "KR": "South Korea",
	"KZ": "Kazakhstan", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "MA": "Morocco",
	"MX": "Mexico", "MY": "Malaysia", "NG": "Nigeria", "NL": "the Netherlands", "NO": "Norway",
	"NZ": "New Zealand", "PE": "Peru", "PH": "the Philippines", "PK": "Pakistan", "PL": "Poland",
	"PT": "Portugal", "RO": "Romania", "RS": "Serbia", "RU": "Russia", "SA": "Saudi Arabia",
	"SE": "Sweden", "SG": "Singapore", "SI": "Slovenia", "SK": "Slovakia", "TH": "Thailand",
	"TR": "Türkiye", "TW": "Taiwan", "UA": "Ukraine", "US": "the United States", "UY": "Uruguay",
	"VE": "Venezuela", "VN": "Vietnam", "ZA": "South Africa", "T1": "the Tor network",
	"XX": "an unknown country",
}

// CountryName is "Germany (DE)" for "DE", or the code when unknown.
func CountryName(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return "an unknown country"
	}
	if n, ok := countryNames[code]; ok {
		return n + " (" + code + ")"
	}
	if n := names()["en"][code]; n != "" {
		return n + " (" + code + ")"
	}
	return code
}

// names are every country's name in each language RayFix speaks
// (generated from the CLDR by names_gen.go).
//
//go:generate go run names_gen.go
//go:embed names.json
var namesJSON []byte

var names = sync.OnceValue(func() map[string]map[string]string {
	var m map[string]map[string]string
	if err := json.Unmarshal(namesJSON, &m); err != nil {
		panic("places: names.json: " + err.Error()) // embedded at build time: a test reads it
	}
	return m
})

// CountryIn is CountryName in a language: "Russland (RU)" in German, so
// that the country the site sees reads in the visitor's own words.
func CountryIn(code string, lang i18n.Tag) string {
	if lang == "" || lang == i18n.English {
		return CountryName(code)
	}
	code = strings.ToUpper(strings.TrimSpace(code))
	switch code {
	case "", "XX":
		return i18n.T(lang, "an unknown country")
	case "T1":
		return i18n.T(lang, "the Tor network") + " (T1)"
	}
	if n := names()[string(lang)][code]; n != "" {
		return n + " (" + code + ")"
	}
	return CountryName(code)
}

// AllCountriesIn is the name of every country in a language, for the
// fonts RayFix ships to cover.
func AllCountriesIn(lang i18n.Tag) []string {
	var out []string
	for code := range names()[string(lang)] {
		out = append(out, CountryIn(code, lang))
	}
	sort.Strings(out)
	return out
}
