package siteplan

import (
	"strings"
	"testing"

	"rayfix/app/ruleslang"
)

func TestParseWhoCanonicalises(t *testing.T) {
	good := []struct{ kind, in, want, expr string }{
		{"ip", " 203.0.113.7 ", "203.0.113.7", "ip.src in {203.0.113.7}"},
		{"ip", "203.0.113.9/24", "203.0.113.0/24", "ip.src in {203.0.113.0/24}"},
		{"ip", "2001:DB8::1", "2001:db8::1", "ip.src in {2001:db8::1}"},
		{"asn", "as13335", "13335", "ip.src.asnum eq 13335"},
		{"country", "de", "DE", `ip.src.country eq "DE"`},
		{"verified_bots", "", "", "cf.client.bot"},
		{"list", "$office", "office", "ip.src in $office"},
		{"path", "/webhooks/stripe", "/webhooks/stripe", `starts_with(http.request.uri.path, "/webhooks/stripe")`},
		{"host", "API.Example.com", "api.example.com", `http.host eq "api.example.com"`},
	}
	for _, g := range good {
		w, err := ParseWho(g.kind, g.in)
		if err != nil || w.Value != g.want {
			t.Errorf("%s %q: %+v %v", g.kind, g.in, w, err)
			continue
		}
		if got := ruleslang.Print(w.Node()); got != g.expr {
			t.Errorf("%s %q → %s, want %s", g.kind, g.in, got, g.expr)
		}
	}
	bad := []struct{ kind, in, msg string }{
		{"ip", "1.2.3.4} or true {", "not an IP address"},
		{"ip", "999.1.1.1", "not an IP address"},
		{"asn", "AS13335 or true", "not a network number"},
		{"asn", "0", "not a valid network number"},
		{"country", `DE" or "1`, "not a country code"},
		{"country", "Germany", "not a country code"},
		{"list", "office) or (true", "not a list name"},
		{"path", `/a" or true or "`, "not a page path"},
		{"path", "webhooks", "not a page path"},
		{"host", `a.com" or true or "`, "not a host name"},
	}
	for _, b := range bad {
		if _, err := ParseWho(b.kind, b.in); err == nil || !strings.Contains(err.Error(), b.msg) {
			t.Errorf("%s %q: %v", b.kind, b.in, err)
		}
	}
}

// Several entries get their own answer; a pasted page is not echoed whole.
func TestWhoListsAndLongEntries(t *testing.T) {
	if _, err := ParseWho("ip", "203.0.113.7, 203.0.113.8"); err == nil || !strings.Contains(err.Error(), "type one at a time") {
		t.Errorf("list: %v", err)
	}
	if _, err := ParseWho("ip", "1.2.3.4} or true {"); err == nil || !strings.Contains(err.Error(), "not an IP address") {
		t.Errorf("injection: %v", err)
	}
	_, err := ParseWho("country", strings.Repeat("x", 3600))
	if err == nil || len(err.Error()) > 160 || !strings.Contains(err.Error(), "…") {
		t.Errorf("long entry: %d characters", len(err.Error()))
	}
}
