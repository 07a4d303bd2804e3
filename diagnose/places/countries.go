package places

import "strings"

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
	return code
}
