package securitytxt

import (
	"strings"
	"testing"
)

// TestPreferredLanguages: the field is read in order, trimmed; none when
// the file has none.
func TestPreferredLanguages(t *testing.T) {
	if got := PreferredLanguages([]byte("Contact: mailto:a@b.example\nPreferred-Languages: fr, en ,de\n")); strings.Join(got, "|") != "fr|en|de" {
		t.Errorf("%q", got)
	}
	if got := PreferredLanguages([]byte("Contact: mailto:a@b.example\n")); got != nil {
		t.Errorf("none: %q", got)
	}
}

// TestContactPrefersMail: an e-mail address is the contact when there is
// one; otherwise the first https: or tel: line; other schemes never.
func TestContactPrefersMail(t *testing.T) {
	cases := map[string]string{
		"Contact: https://shop.example/security\nContact: mailto:owner@shop.example\n": "mailto:owner@shop.example",
		"# comment\nContact: tel:+1-201-555-0123\nContact: https://shop.example/c\n":   "tel:+1-201-555-0123",
		"Contact: ftp://shop.example/\nExpires: 2027-01-01T00:00:00Z\n":                "",
	}
	for body, want := range cases {
		if got := Contact([]byte(body)); got != want {
			t.Errorf("%q: %q, want %q", body, got, want)
		}
	}
}
