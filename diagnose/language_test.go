package diagnose

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"rayfix/diagnose/places"
	"rayfix/internal/i18n"
)

// sameEvidence is true when two lists of evidence say the same thing.
func sameEvidence(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

var quoted = regexp.MustCompile(`"[^"]*"|«[^»]*»|„[^“]*“|“[^”]*”|「[^」]*」`)

// englishLeft is true when a translated line still has English words in
// it — a value phrase nobody translated ("read from the plain-text body").
// What the page says, quoted, stays as the page said it.
func englishLeft(line string) bool {
	line = quoted.ReplaceAllString(line, "")
	for _, w := range []string{" the ", " from ", " read ", " with ", " is ", " and "} {
		if strings.Contains(line, w) {
			return true
		}
	}
	return false
}

// TestEvidenceInTheReadersLanguage: "How RayFix knows" — every line of
// evidence, from a live check (the trace's country among them) and from
// pasted pages of Cloudflare and of other vendors — is said in the
// visitor's language, and Localize back to English gives the English
// lines again.
func TestEvidenceInTheReadersLanguage(t *testing.T) {
	e := newEdge(t, false)
	live := check(t, e, "/1020-other-ip", Options{SkipLocal: true, Now: func() time.Time { return testNow }})
	reports := map[string]Report{"live 1020": live}
	for _, path := range []string{"/plain1020", "/1015", "/challenge", "/521", "/waf", "/ua-rule", "/ok"} {
		reports["live "+path] = check(t, e, path, Options{SkipLocal: true, Now: func() time.Time { return testNow }})
	}
	for _, v := range vendorPages[:4] {
		reports[v.name] = ReportFromPage([]byte(v.page), testNow)
	}
	reports["nginx 403"] = ReportFromPage([]byte("<html><head><title>403 Forbidden</title></head><body><center><h1>Forbidden</h1></center><hr><center>nginx/1.18.0</center></body></html>"), testNow)
	reports["cloudflare 1020"] = ReportFromPage([]byte(cfWrapper("1020", "Access denied", "198.51.100.7")), testNow)
	for name, rep := range reports {
		english := append([]string(nil), rep.Evidence...)
		if len(english) == 0 {
			t.Fatalf("%s: no evidence", name)
		}
		for _, l := range i18n.Languages[1:] {
			r := rep
			r.Evidence = append([]string(nil), rep.Evidence...)
			Localize(&r, l.Tag)
			if len(r.Evidence) != len(english) {
				t.Fatalf("%s in %s: %d lines, English %d", name, l.English, len(r.Evidence), len(english))
			}
			for i, line := range r.Evidence {
				if line == english[i] || englishLeft(line) {
					t.Errorf("%s in %s: line %d left in English: %q", name, l.English, i, line)
				}
			}
		}
		r := rep
		Localize(&r, i18n.English)
		if !sameEvidence(r.Evidence, english) {
			t.Errorf("%s back in English:\n%v\nwas\n%v", name, r.Evidence, english)
		}
	}
	de := live
	Localize(&de, "de")
	joined := strings.Join(de.Evidence, "\n")
	for _, want := range []string{"Cloudflares Trace sagt, es sieht Sie als 203.0.113.50 in Deutschland (DE)", "gelesen aus der Überschrift der Seite"} {
		if !strings.Contains(joined, want) {
			t.Errorf("German evidence lacks %q:\n%s", want, joined)
		}
	}
}

// TestCountriesInEveryLanguage: the country the site sees is named in the
// reader's language, with its code, for every language; Cloudflare's own
// codes (T1 for Tor, XX) too.
func TestCountriesInEveryLanguage(t *testing.T) {
	want := map[i18n.Tag]string{"en": "Russia (RU)", "de": "Russland (RU)", "ru": "Россия (RU)", "zh-CN": "俄罗斯 (RU)", "ja": "ロシア (RU)", "pt-BR": "Rússia (RU)"}
	for tag, name := range want {
		if got := places.CountryIn("ru", tag); got != name {
			t.Errorf("%s: %q, want %q", tag, got, name)
		}
	}
	for _, l := range i18n.Languages[1:] {
		for _, code := range []string{"US", "RU", "DE", "T1", "XX"} {
			got, en := places.CountryIn(code, l.Tag), places.CountryName(code)
			if got == "" || got == en {
				t.Errorf("%s: %s is %q, as in English", l.English, code, got)
			}
		}
	}
}

// TestFailuresInTheReadersLanguage: a site that cannot be reached is
// explained in the visitor's language, including the reason a certificate
// was refused.
func TestFailuresInTheReadersLanguage(t *testing.T) {
	e := newEdge(t, true)
	o := e.opts()
	o.RootCAs = nil
	rep := check(t, e, "/ok", o)
	Localize(&rep, "fr")
	if !strings.Contains(rep.Evidence[0], "Le certificat de sécurité du site n'a pas pu être vérifié (il n'a pas été émis par une autorité") {
		t.Errorf("French evidence: %v", rep.Evidence)
	}
	if !strings.Contains(rep.Explanation, "certificat") {
		t.Errorf("French explanation: %q", rep.Explanation)
	}
}

// TestTextReportInTheReadersLanguage: the terminal report's verdict row is
// a word in the reader's language, not the JSON's "blocked", and the
// values line up in a terminal's columns even after Japanese labels.
func TestTextReportInTheReadersLanguage(t *testing.T) {
	e := newEdge(t, false)
	rep := check(t, e, "/1020", Options{SkipLocal: true, Now: func() time.Time { return testNow }})
	for tag, want := range map[i18n.Tag]string{"en": "Verdict:      blocked\n", "de": "Ergebnis:     gesperrt\n", "ja": "判定:         ブロックされています\n"} {
		r := rep
		Localize(&r, tag)
		if text := r.Text(); !strings.Contains(text, want) {
			t.Errorf("%s: no %q in\n%s", tag, want, text)
		}
	}
	r := rep
	Localize(&r, "ja")
	rows := 0
	for _, line := range strings.Split(r.Text(), "\n") {
		label, value, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") || !strings.HasPrefix(value, " ") || columns(label) > 12 {
			continue
		}
		if at := columns(label) + 1 + len(value) - len(strings.TrimLeft(value, " ")); at != 14 {
			t.Errorf("value starts at column %d, not 14: %q", at, line)
		}
		rows++
	}
	if rows < 6 {
		t.Errorf("only %d rows read in\n%s", rows, r.Text())
	}
}

// TestUnknownRefusalInTheReadersLanguage: a refusal from a system RayFix
// does not know, pasted without its address, says so in the reader's
// words — who made it, that the address is unknown — and quotes the page
// with the language's own quotation marks.
func TestUnknownRefusalInTheReadersLanguage(t *testing.T) {
	page := `<html><head><title>Blocked</title></head><body><h1>Nope</h1><p>Request blocked by Acme Shield.</p></body></html>`
	rep := ReportFromPage([]byte(page), testNow)
	if rep.Vendor != VendorUnknown || rep.URL != "" {
		t.Fatalf("vendor %q, url %q", rep.Vendor, rep.URL)
	}
	for tag, want := range map[i18n.Tag][]string{
		"en": {"Made by:      a system RayFix does not recognise", "Address:      unknown — the page does not name the site", "“Request blocked”"},
		"ru": {"система, которую RayFix не распознаёт", "неизвестен — страница не называет сайт", "«Request blocked»"},
		"de": {"ein System, das RayFix nicht kennt", "„Request blocked“"},
		"ja": {"RayFix が認識できないシステム", "「Request blocked」"},
	} {
		r := rep
		Localize(&r, tag)
		text := r.Text()
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in\n%s", tag, w, text)
			}
		}
	}
}
