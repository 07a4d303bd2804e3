// Package localefix keeps Fyne from logging "Error parsing user locale C"
// on every start where the locale is C.UTF-8 (the default of Debian and
// Ubuntu containers, SSH sessions and CI): Fyne's locale library turns
// "C.UTF-8" into the language tag "C", which does not parse. Its messages
// are English either way, so setting LC_MESSAGES=C — which that library
// reads before LANG and skips as "no locale" — changes nothing else.
//
// It must run before Fyne's lang package initialises, so it imports only
// the standard library (packages initialise in import-path order once
// their imports are ready, and Fyne's lang waits for text/template).
package localefix

import (
	"os"
	"strings"
)

func init() {
	Apply(os.Getenv, os.Setenv)
}

// Apply sets LC_MESSAGES=C when the locale in effect for messages is a
// C or POSIX locale with a codeset ("C.UTF-8", "POSIX.utf8").
func Apply(getenv func(string) string, setenv func(string, string) error) {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if k != "LC_ALL" && (base == "C" || base == "POSIX") && v != base {
			_ = setenv("LC_MESSAGES", "C")
		}
		return
	}
}
