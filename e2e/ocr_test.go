package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The end-to-end tests check what the screen says, as a person reads it:
// Debian's tesseract reads each screenshot. The screenshot is enlarged and
// made grey first, which is how tesseract reads Fyne's small text best.

var spaces = regexp.MustCompile(`\s+`)

// readScreen takes a screenshot and returns the words on it, lower case,
// one space between words.
func readScreen(t *testing.T, name string) string {
	t.Helper()
	said, err := ocrScreen(t, name, "1000x760+0+0")
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	return said
}

// ocrScreen takes a screenshot, crops it, and reads it with tesseract
// (more arguments: a language's data, "-l", "rus").
func ocrScreen(t *testing.T, name, crop string, tesseractArgs ...string) (string, error) {
	t.Helper()
	screenshot(t, name)
	path := filepath.Join("..", "out", "screenshots", name)
	big := filepath.Join(t.TempDir(), "ocr.png")
	if out, err := exec.Command("convert", path, "-crop", crop, "+repage", "-colorspace", "Gray", "-resize", "200%", big).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v %s", err, out)
	}
	out, err := exec.Command("tesseract", append([]string{big, "stdout", "--psm", "3"}, tesseractArgs...)...).Output()
	if err != nil {
		return "", err
	}
	return strings.ToLower(spaces.ReplaceAllString(string(out), " ")), nil
}

// needOCR skips without tesseract (CI installs it through make deps).
func needOCR(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tesseract is missing: make deps installs tesseract-ocr")
		}
		t.Skip("tesseract is not installed (apt-get install tesseract-ocr): the screen cannot be read")
	}
}

// waitRead takes screenshots until the screen says every one of want
// (case does not matter), and returns what it said. The deadline only
// guards against a screen that never comes.
func waitRead(t *testing.T, name string, want ...string) string {
	t.Helper()
	var said string
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(400 * time.Millisecond) {
		said = readScreen(t, name)
		missing := ""
		for _, w := range want {
			if !saysOCR(said, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return said
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: the screen never said %q; it says %q", name, missing, said)
		}
	}
}

// saysOCR compares without spaces: tesseract sometimes joins two words
// ("whois") or splits one.
func saysOCR(said, want string) bool {
	squash := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "") }
	return strings.Contains(squash(said), squash(want))
}

// refuseOnScreen fails when the screen says something a person must never read.
func refuseOnScreen(t *testing.T, said string, never ...string) {
	t.Helper()
	for _, n := range never {
		if saysOCR(said, n) {
			t.Errorf("the screen says %q: %q", n, said)
		}
	}
}
