package e2e

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestTerminalOutputIsClean runs the CLI with the locale of Debian's
// containers and SSH sessions (C.UTF-8): nothing but RayFix's own words may
// reach the terminal (Fyne used to log a locale parsing error on every
// start, before main runs).
func TestTerminalOutputIsClean(t *testing.T) {
	bin := buildApp(t)
	for _, lang := range []string{"C.UTF-8", "C", "en_US.UTF-8"} {
		cmd := exec.Command(bin, "check")
		cmd.Env = append(os.Environ(), "LANG="+lang, "LC_ALL=", "LC_MESSAGES=")
		out, _ := cmd.CombinedOutput()
		if got := strings.TrimSpace(string(out)); got != "rayfix: check needs one website address, for example: rayfix check example.com" {
			t.Errorf("LANG=%s: the terminal shows\n%s", lang, out)
		}
	}
}
