// Package i18ntest is for tests that read what RayFix says: it makes the
// process speak English whatever the machine's language.
package i18ntest

import "os"

// English clears the variables gettext reads before LANG and sets LANG to
// English, so a test on a German or Chinese machine reads what it expects.
// Call it from TestMain, before any test runs.
func English() {
	for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		_ = os.Unsetenv(k)
	}
	_ = os.Setenv("LANG", "en_US.UTF-8")
}
