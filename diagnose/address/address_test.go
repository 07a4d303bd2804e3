package address

import (
	"strings"
	"testing"
	"unicode"
)

func TestNormalizeURL(t *testing.T) {
	good := map[string]string{
		"example.com":                "https://example.com/",
		"  example.com/path?q=1  ":   "https://example.com/path?q=1",
		"http://example.com":         "http://example.com/",
		"HTTPS://Example.com/a#frag": "https://example.com/a",
		"bücher.example":             "https://xn--bcher-kva.example/",
		"https://日本語.jp/ページ":         "https://xn--wgv71a119e.jp/%E3%83%9A%E3%83%BC%E3%82%B8",
		"localhost:8080/x":           "https://localhost:8080/x",
		"127.0.0.1:9000":             "https://127.0.0.1:9000/",
		"[::1]:8443/":                "https://[::1]:8443/",
		"shop.example.:443":          "https://shop.example:443/",
	}
	for in, want := range good {
		u, err := NormalizeURL(in)
		if err != nil {
			t.Errorf("%q: unexpected error %v", in, err)
			continue
		}
		if u.String() != want {
			t.Errorf("%q → %q, want %q", in, u.String(), want)
		}
	}
	bad := map[string]string{
		"":                         "type or paste",
		"   ":                      "type or paste",
		"exa mple.com":             "spaces",
		"ftp://example.com":        "ftp://",
		"mailto:someone@example":   "only check web pages",
		"javascript:alert(1)":      "only check web pages",
		"https://":                 "no website name",
		"https://user:pw@site.com": "user name or password",
		"intranet":                 "not a full website name",
		"https://site.com:99999":   "port",
		"https://exa_mple..com":    "not a valid website name",
		"https://a.com/\x01":       "invisible",
		".\xd80":                   "not text",
		".example.com":             "not a valid website name",
		"a..example.com":           "not a valid website name",
		strings.Repeat("a", 3000):  "too long",
	}
	for in, want := range bad {
		_, err := NormalizeURL(in)
		if err == nil {
			t.Errorf("%q: accepted, want an error about %q", in, want)
			continue
		}
		if !IsInputError(err) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %q, want it to mention %q", in, err, want)
		}
	}
}

func FuzzNormalizeURL(f *testing.F) {
	for _, s := range []string{"example.com", "https://bücher.example/x?y#z", "http://[::1]:80/", "javascript:alert(1)",
		"localhost:8080", "a b", "", "https://user@host.com", "xn--bcher-kva.example", "HTTP://EXAMPLE.COM:65535"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		u, err := NormalizeURL(in)
		if err != nil {
			if !IsInputError(err) || err.Error() == "" {
				t.Fatalf("error not for a person: %v", err)
			}
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("scheme %q from %q", u.Scheme, in)
		}
		if u.Hostname() == "" || u.User != nil {
			t.Fatalf("host %q user %v from %q", u.Hostname(), u.User, in)
		}
		s := u.String()
		if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
			t.Fatalf("space in %q", s)
		}
		// Normalising is idempotent.
		again, err := NormalizeURL(s)
		if err != nil || again.String() != s {
			t.Fatalf("not idempotent: %q → %q → %v %v", in, s, again, err)
		}
	})
}
