package i18n

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// sentenceDirs are the packages whose words the visitor reads.
var sentenceDirs = []string{"../../diagnose", "../../diagnose/vendors", "../../diagnose/places", "../../diagnose/address", "../../ui", "../../cli"}

// translators are the calls whose literal argument is a sentence:
// i18n.T(tag, "…"), i18n.N("…"), a report's r.tr("…") (and t := r.tr),
// the window's sh.t("…"), the text report's r.row(b, "Label", …).
func sentenceArg(call *ast.CallExpr) ast.Expr {
	name := ""
	switch f := call.Fun.(type) {
	case *ast.SelectorExpr:
		name = f.Sel.Name
	case *ast.Ident:
		name = f.Name
	}
	switch {
	case (name == "T" || name == "row") && len(call.Args) >= 2:
		return call.Args[1]
	case (name == "N" || name == "tr" || name == "t" || name == "note" || name == "prependNote") && len(call.Args) >= 1:
		return call.Args[0]
	}
	return nil
}

// literal is a string literal, or literals joined with +.
func literal(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := literal(x.X)
		b, ok2 := literal(x.Y)
		return a + b, ok1 && ok2 && x.Op == token.ADD
	case *ast.ParenExpr:
		return literal(x.X)
	}
	return "", false
}

// sentences are every sentence the code sends through a translator.
func sentences(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, dir := range sentenceDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if arg := sentenceArg(call); arg != nil {
						if s, ok := literal(arg); ok && s != "" {
							seen[s] = true
						}
					}
				}
				return true
			})
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	if len(out) < 50 {
		t.Fatalf("found only %d sentences: is the scanner blind?", len(out))
	}
	return out
}

// sameInEnglish are words a translation may keep as they are: names,
// units and technical loanwords many languages write the same way
// (Spanish "Error", French "proxy", the SI second). Sentences are never
// on this list.
var sameInEnglish = map[string]bool{"Ray ID": true, "RayFix": true, "VPN": true, "WARP": true, "Proxy": true,
	"Error": true, " — Error {{code}}": true, " (Error {{code}})": true, " (error {{code}})": true, " (HTTP {{status}})": true, "- Ray ID: {{ray}}": true, "- {{name}}: {{ref}}": true, "- Error: {{code}} {{reason}}": true, "{{n}} minutes": true, "Website": true, "OK": true, "No": true, "Name": true, "Folder": true, "VPN / WARP / proxy": true, "proxy {{proxy}}": true, "{{seconds}} s": true, "“{{text}}”": true}

// TestEveryLanguageIsComplete: each language has every sentence, no
// sentence the code no longer says, the same {{placeholders}}, and no
// sentence left in English.
func TestEveryLanguageIsComplete(t *testing.T) {
	if dump := os.Getenv("I18N_DUMP"); dump != "" { // the list for translators
		b, _ := json.MarshalIndent(sentences(t), "", "  ")
		if err := os.WriteFile(dump, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	all := sentences(t)
	for _, l := range Languages[1:] {
		cat := Catalog(l.Tag)
		if cat == nil {
			t.Errorf("%s (%s): no locales/%s.json", l.English, l.Tag, l.Tag)
			continue
		}
		missing, english := 0, 0
		for _, s := range all {
			tr, ok := cat[s]
			switch {
			case !ok || tr == "":
				missing++
				if missing <= 3 {
					t.Errorf("%s lacks %q", l.English, s)
				}
			case tr == s && !sameInEnglish[s]:
				english++
				t.Errorf("%s leaves %q in English", l.English, s)
			case !slices.Equal(sorted(Placeholders(tr)), sorted(Placeholders(s))):
				t.Errorf("%s: %q has placeholders %v, the English %v", l.English, tr, Placeholders(tr), Placeholders(s))
			case !slices.Equal(verbs(tr), verbs(s)):
				t.Errorf("%s: %q has the values %v, the English %v", l.English, tr, verbs(tr), verbs(s))
			}
		}
		if missing > 3 {
			t.Errorf("%s lacks %d sentences in all", l.English, missing)
		}
		for k := range cat {
			if !slices.Contains(all, k) {
				t.Errorf("%s has a sentence the code no longer says: %q", l.English, k)
			}
		}
	}
}

// verbs are the Printf values of an evidence sentence (%s, %d, %q), in
// the order of their values (a translation may move them with %[2]s).
func verbs(s string) []string {
	var out []string
	next := 1
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+1 >= len(s) {
			continue
		}
		j := i + 1
		if s[j] == '%' {
			i++
			continue
		}
		n := next
		if s[j] == '[' {
			k := strings.IndexByte(s[j:], ']')
			if k > 0 {
				n, _ = strconv.Atoi(s[j+1 : j+k])
				j += k + 1
			}
		}
		if j < len(s) {
			out = append(out, fmt.Sprintf("%d%c", n, s[j]))
		}
		next = n + 1
		i = j
	}
	sort.Strings(out)
	return out
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func TestTranslateFillsPlaceholders(t *testing.T) {
	if got := T(English, "The owner of {{host}} blocked {{ip}}.", "host", "shop.example", "ip", "203.0.113.7"); got != "The owner of shop.example blocked 203.0.113.7." {
		t.Error(got)
	}
	if got := T("xx", "Check"); got != "Check" {
		t.Error(got)
	}
}

func TestLanguageFromTheEnvironment(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for _, c := range []struct {
		env  func(string) string
		want Tag
	}{
		{env("LANG", "de_DE.UTF-8"), "de"},
		{env("LANG", "pt_BR.UTF-8"), "pt-BR"},
		{env("LANG", "pt_PT.UTF-8"), "pt-BR"},
		{env("LANG", "zh_CN.UTF-8"), "zh-CN"},
		{env("LANG", "zh_TW.UTF-8"), "en"}, // Traditional Chinese: not yet
		{env("LANG", "en_US.UTF-8", "LANGUAGE", "uk:ru"), "uk"},
		{env("LANG", "fr_FR.UTF-8", "LC_ALL", "ja_JP.UTF-8"), "ja"},
		{env("LANG", "fr_FR.UTF-8", "LC_MESSAGES", "tr_TR.UTF-8"), "tr"},
		{env("LANG", "C.UTF-8", "LANGUAGE", "de"), "en"}, // C: gettext ignores LANGUAGE
		{env("LANG", "ar_EG.UTF-8"), "en"},               // right to left: not yet
		{env("LANGUAGE", "ar:vi"), "vi"},
		{env(), "en"},
	} {
		if got := FromEnv(c.env); got != c.want {
			t.Errorf("%v: got %s, want %s", c.env("LANG")+" "+c.env("LANGUAGE")+" "+c.env("LC_ALL"), got, c.want)
		}
	}
	if _, ok := Parse("klingon"); ok {
		t.Error("klingon")
	}
}
