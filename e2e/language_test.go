package e2e

import (
	"os/exec"
	"testing"
	"time"
)

// readScreenIn is readScreen with tesseract's data for a language
// (Debian's tesseract-ocr-chi-sim, tesseract-ocr-rus).
func readScreenIn(t *testing.T, name, lang string) string {
	t.Helper()
	said, err := ocrScreen(t, name, "820x400+0+0", "-l", lang)
	if err != nil {
		t.Skipf("tesseract has no %s data here (make deps installs it): %v", lang, err)
	}
	return said
}

// TestRealWindowSpeaksTheVisitorsLanguage starts `rayfix URL` under a
// Chinese and a Russian locale on a machine without CJK fonts (RayFix
// brings its own) and reads the verdict off the screen in that language.
func TestRealWindowSpeaksTheVisitorsLanguage(t *testing.T) {
	need(t)
	needOCR(t)
	bin := buildApp(t)
	edge := edge1020(t)
	for _, c := range []struct {
		lang, locale, shot string
		want               []string
	}{
		{"chi_sim", "zh_CN.UTF-8", "verdict-zh.png", []string{"防火墙", "你可以怎么做", "1020"}},
		{"rus", "ru_RU.UTF-8", "verdict-ru.png", []string{"заблокировал", "1020"}},
	} {
		t.Run(c.locale, func(t *testing.T) {
			win, _ := launchEnv(t, bin, t.TempDir(), []string{"FYNE_THEME=dark", "LANG=" + c.locale}, edge.URL+"/account")
			xdo(t, "windowmove", win, "0", "0")
			var said string
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(500 * time.Millisecond) {
				said = readScreenIn(t, c.shot, c.lang)
				missing := ""
				for _, w := range c.want {
					if !saysOCR(said, w) {
						missing = w
					}
				}
				if missing == "" {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%s: the screen never said %q; it says %q", c.locale, missing, said)
				}
			}
			refuseOnScreen(t, said, "firewall blocked you", "what you can do")
			_ = exec.Command("xdotool", "key", "--window", win, "ctrl+q").Run()
		})
	}
}
