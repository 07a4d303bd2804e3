//go:build ignore

// names_gen writes names.json: every country's name in each language
// RayFix speaks, from the CLDR data golang.org/x/text carries. The table
// is generated (go generate ./diagnose/places) rather than read from
// x/text at run time, which would add its display tables for every
// language of the world (2.6 MB) to the app.
package main

import (
	"encoding/json"
	"log"
	"os"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

var langs = []string{"en", "es", "pt-BR", "fr", "de", "ru", "uk", "tr", "id", "vi", "zh-CN", "ja"}

func main() {
	out := map[string]map[string]string{}
	for _, l := range langs {
		names := display.Regions(language.MustParse(l))
		out[l] = map[string]string{}
		for a := 'A'; a <= 'Z'; a++ {
			for b := 'A'; b <= 'Z'; b++ {
				r, err := language.ParseRegion(string([]rune{a, b}))
				if err != nil || !r.IsCountry() {
					continue
				}
				if n := names.Name(r); n != "" {
					out[l][r.String()] = n
				}
			}
		}
	}
	data, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("names.json", append(data, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}
