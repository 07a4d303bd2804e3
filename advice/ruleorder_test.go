package advice

import (
	"context"
	"strings"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/impact"
	"rayfix/internal/ownertest"
	"rayfix/siteplan"
)

func newCustomRule(id, action, desc, expr string, skip bool) map[string]any {
	r := map[string]any{"id": id, "action": action, "description": desc, "expression": expr, "enabled": true,
		"version": "1", "last_updated": "2026-11-20T10:00:00Z", "ref": id}
	if skip {
		r["action_parameters"] = map[string]any{"ruleset": "current"}
	}
	return r
}

// TestRulesThatNeverFireOrFight builds a zone with a duplicate, shadowed
// rules, a Skip placed too late, a Skip and a block sharing traffic, and
// IP Access rules that decide first; each is named with its proof, and
// the fixes go through the usual apply path.
func TestRulesThatNeverFireOrFight(t *testing.T) {
	f, s, st, j := ownertest.Site(t)
	custom := f.Zones[0].Phases[cfapi.PhaseCustom]
	custom.Rules = append(custom.Rules[:1], // "Block Russia and China" first
		newCustomRule("a0000000000000000000000000000002", "skip", "Let the Moscow office in", `ip.src.country eq "RU" and ip.src eq 192.0.2.9`, true),
		newCustomRule("a0000000000000000000000000000003", "block", "Block Russia again", `ip.src.country in {"RU" "CN"}`, false),
		newCustomRule("a0000000000000000000000000000004", "block", "Block Russian shop visitors", `ip.src.country eq "RU" and http.request.uri.path eq "/shop"`, false),
		newCustomRule("a0000000000000000000000000000005", "skip", "Let payment webhooks through", `http.request.uri.path eq "/webhooks/pay"`, true),
		newCustomRule("a0000000000000000000000000000006", "block", "Block old API", `http.request.uri.path eq "/webhooks/pay" and http.request.method eq "GET"`, false),
		newCustomRule("a0000000000000000000000000000007", "managed_challenge", "Challenge curl", `http.user_agent contains "curl"`, false),
		newCustomRule("a0000000000000000000000000000008", "skip", "Let the status page through", `http.request.uri.path eq "/status"`, true),
		newCustomRule("a0000000000000000000000000000009", "skip", "Let our monitor through", `ip.src.asnum eq 14061 and ip.src.country eq "US" and http.request.uri.path eq "/health"`, true),
		newCustomRule("a000000000000000000000000000000a", "block", "Block the till network's admin", `ip.src eq 203.0.113.10 and http.request.uri.path eq "/admin"`, false),
		newCustomRule("a000000000000000000000000000000b", "block", "Block Germany", `ip.src.country eq "DE"`, false),
	)
	st, err := siteplan.LoadSite(context.Background(), s, st.Zone)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Finding{}
	for _, x := range orderFindings(st) {
		got[x.Rule] = x
		t.Logf("%s: %s [%s]", x.Rule, x.Reason, x.FixLabel)
	}
	want := map[string][]string{
		"“Let the Moscow office in”":       {"is already blocked by “Block Russia and China”, which comes first", "Move it above"},
		"“Block Russia again”":             {"It repeats “Block Russia and China”", "never acts"},
		"“Block Russian shop visitors”":    {"It never acts", "already blocked by “Block Russia and China”"},
		"“Block old API”":                  {"the Skip rule “Let payment webhooks through” comes first"},
		"“Let the status page through”":    {"It fights “Block Russia and China”", "for example a request from Russia", "for /status", "Move this rule above"},
		"“Let our monitor through”":        {"cannot let anyone through", "the network AS14061", "the IP Access rule that blocks the network AS14061", "checked before custom rules"},
		"“Block the till network's admin”": {"It never acts", "the IP Access rule that allows the IP address 203.0.113.10", "checked first and lets them through"},
	}
	for rule, parts := range want {
		f, ok := got[rule]
		if !ok {
			t.Errorf("%s not named; got %v", rule, got)
			continue
		}
		for _, p := range parts {
			if !strings.Contains(f.Reason, p) {
				t.Errorf("%s: %q lacks %q", rule, f.Reason, p)
			}
		}
	}
	// A Skip before a block is the usual exception, not a fight; a rule
	// that shares no traffic with another is left alone.
	for _, quiet := range []string{"“Block Russia and China”", "“Block Germany”", "“Challenge curl”"} {
		if f, ok := got[quiet]; ok {
			t.Errorf("false alarm on %s: %s", quiet, f.Reason)
		}
	}
	// The fixes are ordinary changes: delete the duplicate, move the Skip up.
	for _, rule := range []string{"“Block Russia again”", "“Let the Moscow office in”"} {
		c, err := got[rule].Plan(st)
		if err != nil {
			t.Fatal(err)
		}
		if err := changes.Apply(context.Background(), s, j, c); err != nil {
			t.Fatal(err)
		}
		st, _ = siteplan.LoadSite(context.Background(), s, st.Zone)
	}
	var order []string
	for _, r := range f.Zones[0].Phases[cfapi.PhaseCustom].Rules {
		order = append(order, r["description"].(string))
	}
	if order[0] != "Let the Moscow office in" || order[1] != "Block Russia and China" || strings.Contains(strings.Join(order, ","), "Block Russia again") {
		t.Fatalf("after the fixes: %v", order)
	}
	for _, x := range orderFindings(st) {
		if x.Rule == "“Let the Moscow office in”" || x.Rule == "“Block Russia again”" {
			t.Errorf("still named after its fix: %s", x.Reason)
		}
	}
}

// TestNoFalseAlarmOnTheDemoRules: the demo's enabled custom rules neither
// repeat nor cover each other; only the rule that is off is named.
func TestNoFalseAlarmOnTheDemoRules(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	fs := orderFindings(st)
	if len(fs) != 1 || fs[0].Rule != "“Old threat score rule”" || !strings.Contains(fs[0].Reason, "turned off") {
		for _, x := range fs {
			t.Log(x.Rule, ": ", x.Reason)
		}
		t.Fatalf("want only the rule that is off, got %d findings", len(fs))
	}
}

// TestIdleRulesFromTraffic: a rule no request in the demo's day of
// traffic matches is named, with a Turn off fix; one whose condition the
// traffic cannot answer (a cookie) is not, nor are the demo's own rules.
func TestIdleRulesFromTraffic(t *testing.T) {
	f, s, st, _ := ownertest.Site(t)
	custom := f.Zones[0].Phases[cfapi.PhaseCustom]
	custom.Rules = append(custom.Rules,
		newCustomRule("b0000000000000000000000000000001", "block", "Block WordPress probes", `http.request.uri.path eq "/wp-login.php"`, false),
		newCustomRule("b0000000000000000000000000000002", "block", "Block old sessions", `http.cookie contains "old_session"`, false),
		// Only the scraper asks for /api/prices, and the IP Access rule
		// blocking its network decides first.
		newCustomRule("b0000000000000000000000000000003", "managed_challenge", "Challenge price scrapers", `http.request.uri.path eq "/api/prices"`, false))
	st, err := siteplan.LoadSite(context.Background(), s, st.Zone)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := impact.Recent(context.Background(), s.Connection(), st.Zone.ID, time.Now(), impact.Needs(RuleExpressions(st)...))
	if err != nil {
		t.Fatal(err)
	}
	fs := IdleRules(st, tr)
	got := map[string]string{}
	for _, x := range fs {
		got[x.Rule] = x.Reason
	}
	if len(fs) != 2 || !strings.Contains(got["“Block WordPress probes”"], "matched no request in the last 24 hours") ||
		!strings.Contains(got["“Challenge price scrapers”"], "something checked before it (an IP Access rule, or a rule above it) decided every one") || fs[0].Plan == nil {
		t.Fatalf("idle rules: %v", got)
	}
	c, err := fs[0].Plan(st)
	if err != nil || !strings.Contains(c.Title, "Block WordPress probes") {
		t.Fatalf("fix: %v %v", c, err)
	}
}
