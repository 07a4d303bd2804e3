package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rayfix/internal/i18n"
	"rayfix/internal/i18n/i18ntest"
)

// TestMain runs the command line's tests in English whatever the
// machine's language (tests that want another set it themselves).
func TestMain(m *testing.M) {
	i18ntest.English()
	os.Exit(m.Run())
}

const page1020 = `<!DOCTYPE html><html><head><title>Access denied | shop.example used Cloudflare to restrict access</title></head>
<body><h1><span>Error</span><span>1020</span></h1><h2>Access denied</h2>
<p>The site owner may have set restrictions that prevent you from accessing the site.</p>
<p>Cloudflare Ray ID: <strong>8e2f0a1b2c3d4e5f</strong> • Your IP: 192.0.2.8 • Performance &amp; security by Cloudflare</p></body></html>`

// TestCheckSpeaksEachLanguage: `rayfix check --page saved-1020.html
// --lang xx` prints the report in each of the twelve languages, the
// environment (LANGUAGE, LANG) chooses it without --lang, and JSON keeps
// its English field names and values with "language" saying which.
func TestCheckSpeaksEachLanguage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "saved-1020.html")
	if err := os.WriteFile(file, []byte(page1020), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, l := range i18n.Languages {
		var out, errb strings.Builder
		Run([]string{"check", "--lang", string(l.Tag), "--page", file}, Env{Stdout: &out, Stderr: &errb})
		head := i18n.T(l.Tag, "The site's Cloudflare firewall blocked you")
		steps := i18n.T(l.Tag, "What you can do:")
		if !strings.HasPrefix(out.String(), head) || !strings.Contains(out.String(), steps) {
			t.Errorf("%s: %q", l.English, firstLines(out.String(), 3))
		}
	}
	t.Setenv("LANGUAGE", "de")
	t.Setenv("LANG", "de_DE.UTF-8")
	t.Setenv("LC_ALL", "")
	var out, errb strings.Builder
	Run([]string{"check", "--json", "--page", file}, Env{Stdout: &out, Stderr: &errb})
	var rep struct {
		Language, Verdict, Product, Headline string
		Steps                                []struct{ ID, Title string }
	}
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		t.Fatal(err, out.String())
	}
	if rep.Language != "de" || rep.Verdict != "blocked" || rep.Product != "custom_rule" || !strings.HasPrefix(rep.Headline, "Die Cloudflare-Firewall") ||
		len(rep.Steps) == 0 || rep.Steps[0].ID != "private_window" {
		t.Errorf("JSON under LANGUAGE=de: %+v", rep)
	}
	errb.Reset()
	if code := Run([]string{"check", "--lang", "klingon", "--page", file}, Env{Stdout: &out, Stderr: &errb}); code != ExitFailed || !strings.Contains(errb.String(), "pt-BR") {
		t.Errorf("--lang klingon: %d %q", code, errb.String())
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
