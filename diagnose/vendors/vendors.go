// Package vendors recognises the block and check pages of the companies
// other than Cloudflare that stand in front of websites — CDNs, firewalls
// and bot managers — from the page alone when that is all a visitor has
// (a pasted page has no headers), and reads the reference each prints for
// its support. It also tells a refusal by a system it does not recognise
// from a page that refuses nobody. The signs are the vendors' documented or
// commonly seen page markers; generic words are never enough on their own.
package vendors

import (
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Page is what there is to read: for a pasted page only Text and Raw.
type Page struct {
	Status int
	Header http.Header
	Raw    string // the body as received (HTML or text)
	Text   string // its visible text, whitespace collapsed
	Title  string
}

// Vendor is one company whose edge can refuse a visitor.
type Vendor struct {
	ID   string // as in the JSON output: "perimeterx"
	Name string // as a person writes it
	// What it is, for the explanation: "a bot manager", "a web firewall".
	What string
	// signs are the ways to recognise its page; each returns evidence or "".
	signs []func(p Page) string
	// checks: its page is a "prove you are human" check, not a refusal.
	checks func(p Page) bool
	// ref finds the reference the page prints for support; its first group
	// is the reference.
	ref *regexp.Regexp
	// RefName is what the vendor calls that reference.
	RefName string
	// BotManager: it judges the browser itself (fingerprints, JavaScript).
	BotManager bool
}

// Find names the vendor whose page this is, with the evidence, or nil.
func Find(p Page) (*Vendor, string) {
	if p.Header == nil {
		p.Header = http.Header{}
	}
	for _, v := range All {
		for _, s := range v.signs {
			if ev := s(p); ev != "" {
				return v, ev
			}
		}
	}
	return nil, ""
}

// ByID finds a vendor by its JSON name.
func ByID(id string) *Vendor {
	for _, v := range All {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// IsCheck says whether the vendor's page asks the visitor to prove they
// are human (a CAPTCHA, "Press & Hold", a JavaScript check).
func (v *Vendor) IsCheck(p Page) bool { return v.checks != nil && v.checks(p) }

// Reference is the reference the page prints for the vendor's support
// ("Reference #18.…", "Incident ID", "support ID", "Block ID"), or "".
func (v *Vendor) Reference(p Page) string {
	if v.ref == nil {
		return ""
	}
	if m := v.ref.FindStringSubmatch(p.Text); m != nil {
		return m[1]
	}
	return ""
}

// ReferenceTime is the moment a reference carries, when it carries one
// (Akamai's references hold the epoch second of the request).
func (v *Vendor) ReferenceTime(ref string) (time.Time, bool) {
	if v.ID != "akamai" {
		return time.Time{}, false
	}
	parts := strings.Split(ref, ".")
	if len(parts) < 3 || len(parts[2]) != 10 {
		return time.Time{}, false
	}
	var sec int64
	for _, c := range parts[2] {
		if c < '0' || c > '9' {
			return time.Time{}, false
		}
		sec = sec*10 + int64(c-'0')
	}
	return time.Unix(sec, 0).UTC(), true
}

// has returns a sign that fires when s contains any of subs.
func has(field func(Page) string, evidence string, subs ...string) func(Page) string {
	return func(p Page) string {
		s := field(p)
		for _, sub := range subs {
			if strings.Contains(s, sub) {
				return evidence
			}
		}
		return ""
	}
}

// both fires when s contains one of a and one of b: wording shared with
// other pages is only enough beside the vendor's own.
func both(field func(Page) string, evidence string, a, b []string) func(Page) string {
	return func(p Page) string {
		if has(field, "x", a...)(p) != "" && has(field, "x", b...)(p) != "" {
			return evidence
		}
		return ""
	}
}

func header(name, sub, evidence string) func(Page) string {
	return func(p Page) string {
		for _, v := range p.Header.Values(name) {
			if strings.Contains(strings.ToLower(v), sub) {
				return evidence
			}
		}
		return ""
	}
}

func present(name, evidence string) func(Page) string {
	return func(p Page) string {
		if p.Header.Get(name) != "" {
			return evidence
		}
		return ""
	}
}

func cookie(evidence string, prefixes ...string) func(Page) string {
	return func(p Page) string {
		for _, v := range p.Header.Values("Set-Cookie") {
			for _, pre := range prefixes {
				if strings.HasPrefix(strings.TrimSpace(v), pre) {
					return evidence
				}
			}
		}
		return ""
	}
}

func raw(p Page) string   { return p.Raw }
func text(p Page) string  { return p.Text }
func title(p Page) string { return p.Title }

// lower is the visible text in lower case, for wording whose case varies.
func lower(p Page) string { return strings.ToLower(p.Text) }
