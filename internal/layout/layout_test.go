// Package layout checks the shape of the code that no compiler checks:
// which packages may import which, how big a package may grow, and the
// words a person reads.
package layout

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// packages reads every non-test Go file under the module, by folder.
func packages(t *testing.T) map[string][]*ast.File {
	t.Helper()
	fset := token.NewFileSet()
	out := map[string][]*ast.File{}
	err := filepath.WalkDir("../..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != "../.." || d.Name() == "testdata" || d.Name() == "out" || d.Name() == "bin" || d.Name() == "dist") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../..", filepath.Dir(path))
		out[filepath.ToSlash(rel)] = append(out[filepath.ToSlash(rel)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The fake Cloudflare API backs the demo and the tests: the core never
// depends on it (only the window and the command line wire the demo).
func TestCoreNeverImportsTheFake(t *testing.T) {
	core := []string{"cfapi", "siteplan", "planner", "tfexport", "impact", "changes", "events", "advice", "app", "app/ruleslang", "diagnose"}
	pkgs := packages(t)
	for _, dir := range core {
		if len(pkgs[dir]) == 0 {
			t.Fatalf("no package in %s", dir)
		}
		for _, f := range pkgs[dir] {
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if strings.HasPrefix(p, "rayfix/fakecf") || strings.HasPrefix(p, "fyne.io/") {
					t.Errorf("%s imports %s", dir, p)
				}
			}
		}
	}
}

// No package grows past about 2,500 lines; each has a doc comment.
func TestPackageSizeAndDoc(t *testing.T) {
	for dir, files := range packages(t) {
		doc := false
		for _, f := range files {
			doc = doc || f.Doc != nil
		}
		lines := countLines(t, dir)
		if lines > 2600 {
			t.Errorf("%s has %d lines of non-test Go (the limit is about 2,500)", dir, lines)
		}
		if !doc {
			t.Errorf("%s has no package doc comment", dir)
		}
	}
}

func countLines(t *testing.T, dir string) int {
	matches, _ := filepath.Glob(filepath.Join("../..", dir, "*.go"))
	n := 0
	for _, m := range matches {
		if strings.HasSuffix(m, "_test.go") {
			continue
		}
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		n += strings.Count(string(b), "\n")
	}
	return n
}

// Words a person reads: one spelling for Cloudflare's actions, real
// plurals, and no API codes or status numbers in sentences.
func TestWordsPeopleRead(t *testing.T) {
	bad := []struct {
		re   *regexp.Regexp
		why  string
		skip func(string) bool
	}{
		{regexp.MustCompile(`\w\(s\)`), `a "(s)" plural`, nil},
		{regexp.MustCompile(`(?i)\b(managed|interactive|js) challenge\b`), "Cloudflare's action names are spelled as cfapi.ActionName spells them",
			func(s string) bool {
				return strings.Contains(s, "Managed Challenge") || strings.Contains(s, "Interactive Challenge") || strings.Contains(s, "JS Challenge")
			}},
		{regexp.MustCompile(`\(code %d\)|code 10000|answered %d`), "API codes and status numbers belong in the details", nil},
	}
	for dir, files := range packages(t) {
		if strings.HasPrefix(dir, "fakecf") {
			continue // the fake speaks Cloudflare's own words
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				for _, b := range bad {
					if b.re.MatchString(s) && (b.skip == nil || !b.skip(s)) {
						t.Errorf("%s: %q — %s", dir, s, b.why)
					}
				}
				return true
			})
		}
	}
}
