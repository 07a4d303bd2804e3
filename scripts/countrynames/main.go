// Command countrynames prints every country's name in a language, one per
// line, for scripts/cjk-fonts.sh: the fonts RayFix ships must cover them.
package main

import (
	"fmt"
	"os"

	"rayfix/diagnose/places"
	"rayfix/internal/i18n"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: countrynames LANGUAGE")
		os.Exit(2)
	}
	for _, name := range places.AllCountriesIn(i18n.Tag(os.Args[1])) {
		fmt.Println(name)
	}
}
