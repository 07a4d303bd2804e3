package planner

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"rayfix/app/ruleslang"
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/fakecf"
	"rayfix/internal/ownertest"
	"rayfix/siteplan"
)

const (
	rateLimitRule = "5e6f7a8b9c0d4e1f2a3b4c5d6e7f8091"
	managedExec   = "7a8b9c0d1e2f4a3b4c5d6e7f8091a2b3"
	asnAccessRule = "92f17202ed8bd63d69a66b86a49a8f6b"
)

// fullSnapshot is the whole fake zone state that edits can touch. A rule
// or access rule that is deleted and put back gets a new ID from
// Cloudflare, so IDs are left out; order, definitions and values are not.
func fullSnapshot(f *fakecf.API) string {
	z := f.Zones[0]
	var b strings.Builder
	for _, ph := range []string{cfapi.PhaseCustom, cfapi.PhaseRateLimit, cfapi.PhaseManaged} {
		b.WriteString(stripIDs(fakecf.StripVolatile(rulesJSON(z.Phases[ph]))) + "|")
	}
	var acc []string
	for _, a := range z.AccessRules {
		acc = append(acc, fmt.Sprintf("%s %s %s", a.Mode, a.Value, a.Notes))
	}
	sort.Strings(acc)
	b.WriteString(strings.Join(acc, ","))
	fmt.Fprintf(&b, "|%v|%v|%v", z.Settings, z.BotFightMode, f.Accounts[0].Lists[0].Items)
	return b.String()
}

func rulesJSON(rs *fakecf.Ruleset) string {
	if rs == nil {
		return "none"
	}
	return customRulesOf(rs)
}

func TestEveryEditAppliesAndUndoes(t *testing.T) {
	cases := []struct {
		name  string
		plan  func(st *siteplan.Site) (*changes.Change, error)
		check func(f *fakecf.API) string // "" when the state is as expected
		req   string                     // the request sent: method and end of the path
	}{
		{"enable", func(st *siteplan.Site) (*changes.Change, error) {
			return SetRuleEnabled(st, fakecf.RuleCountryBlock, false)
		}, func(f *fakecf.API) string {
			return want(f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["enabled"] == false, "rule still enabled")
		}, "PATCH /rules/1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d"},
		{"expression", func(st *siteplan.Site) (*changes.Change, error) {
			return SetRuleExpression(st, fakecf.RuleCountryBlock, `ip.src.country in {"RU" "CN" "KP"} and not cf.client.bot`)
		}, func(f *fakecf.API) string {
			return want(f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"] == `ip.src.country in {"RU" "CN" "KP"} and not cf.client.bot`, "expression not written")
		}, "PATCH /rules/1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d"},
		{"description", func(st *siteplan.Site) (*changes.Change, error) {
			return SetRuleDescription(st, fakecf.RuleCountryBlock, "Country block")
		}, func(f *fakecf.API) string {
			return want(f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["description"] == "Country block", "not renamed")
		}, "PATCH /rules/1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d"},
		{"move down", func(st *siteplan.Site) (*changes.Change, error) { return MoveRule(st, fakecf.RuleCountryBlock, 1) }, func(f *fakecf.API) string {
			return want(f.Zones[0].Phases[cfapi.PhaseCustom].Rules[1]["id"] == fakecf.RuleCountryBlock, "not moved")
		}, "PATCH /rules/1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d"},
		{"delete", func(st *siteplan.Site) (*changes.Change, error) { return DeleteRule(st, fakecf.RuleCountryBlock) }, func(f *fakecf.API) string {
			return want(len(f.Zones[0].Phases[cfapi.PhaseCustom].Rules) == 3, "not deleted")
		}, "DELETE /rules/1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d"},
		{"create", func(st *siteplan.Site) (*changes.Change, error) {
			return CreateCustomRule(st, "Block a bad network", "ip.src.asnum eq 64496", "managed_challenge")
		}, func(f *fakecf.API) string {
			rules := f.Zones[0].Phases[cfapi.PhaseCustom].Rules
			return want(len(rules) == 5 && rules[4]["expression"] == "ip.src.asnum eq 64496", "not created")
		}, "POST /2f2feab2026849078ba485f918791bdc/rules"},
		{"rate limit", func(st *siteplan.Site) (*changes.Change, error) {
			return SetRateLimit(st, rateLimitRule, 20, 10, 10, "block")
		}, func(f *fakecf.API) string {
			rl := f.Zones[0].Phases[cfapi.PhaseRateLimit].Rules[0]["ratelimit"].(map[string]any)
			return want(fmt.Sprint(rl["requests_per_period"]) == "20" && rl["characteristics"] != nil, fmt.Sprint("ratelimit ", rl))
		}, "PATCH /rules/5e6f7a8b9c0d4e1f2a3b4c5d6e7f8091"},
		{"managed exception for one rule", func(st *siteplan.Site) (*changes.Change, error) {
			return ManagedException(st, managedExec, siteplan.Who{Kind: "path", Value: "/api/upload"}, "5de7edfa648c4d6891dc3e7f84534ffa")
		}, func(f *fakecf.API) string {
			rules := f.Zones[0].Phases[cfapi.PhaseManaged].Rules
			p, _ := rules[1]["action_parameters"].(map[string]any)
			return want(len(rules) == 3 && rules[2]["id"] == managedExec && p["rules"] != nil, fmt.Sprint("managed rules ", rules))
		}, "POST /0d3a4bb6e1e24b1e8f2c67d5d2d6a6a0/rules"},
		{"managed override", func(st *siteplan.Site) (*changes.Change, error) {
			return ManagedOverride(st, managedExec, "5de7edfa648c4d6891dc3e7f84534ffa", "disable")
		}, func(f *fakecf.API) string {
			p := f.Zones[0].Phases[cfapi.PhaseManaged].Rules[1]["action_parameters"].(map[string]any)
			return want(strings.Contains(fmt.Sprint(p["overrides"]), "map[enabled:false id:5de7edfa648c4d6891dc3e7f84534ffa]"), fmt.Sprint(p))
		}, "PATCH /rules/7a8b9c0d1e2f4a3b4c5d6e7f8091a2b3"},
		{"access mode", func(st *siteplan.Site) (*changes.Change, error) {
			return SetAccessRule(st, asnAccessRule, "managed_challenge", "now challenged")
		}, func(f *fakecf.API) string {
			return want(f.Zones[0].AccessRules[0].Mode == "managed_challenge", "mode not changed")
		}, "PATCH /access_rules/rules/92f17202ed8bd63d69a66b86a49a8f6b"},
		{"access delete", func(st *siteplan.Site) (*changes.Change, error) { return DeleteAccessRule(st, asnAccessRule) }, func(f *fakecf.API) string {
			return want(len(f.Zones[0].AccessRules) == 2, "not deleted")
		}, "DELETE /access_rules/rules/92f17202ed8bd63d69a66b86a49a8f6b"},
		{"security level", func(st *siteplan.Site) (*changes.Change, error) { return SetSecurityLevel(st, "low") }, func(f *fakecf.API) string {
			return want(f.Zones[0].Settings["security_level"] == "low", "not set")
		}, "PATCH /settings/security_level"},
		{"browser check", func(st *siteplan.Site) (*changes.Change, error) { return SetBrowserCheck(st, false) }, func(f *fakecf.API) string {
			return want(f.Zones[0].Settings["browser_check"] == "off", "not set")
		}, "PATCH /settings/browser_check"},
		{"bot fight mode", func(st *siteplan.Site) (*changes.Change, error) { return SetBotFightMode(st, false) }, func(f *fakecf.API) string {
			return want(!f.Zones[0].BotFightMode, "not set")
		}, "PUT /bot_management"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, s, st, j := site(t)
			before := fullSnapshot(f)
			c, err := tc.plan(st)
			if err != nil {
				t.Fatal(err)
			}
			if c.Title == "" || c.Consequence == "" || len(c.Lines) == 0 {
				t.Fatalf("preview incomplete: %+v", c)
			}
			if err := changes.Apply(context.Background(), s, j, c); err != nil {
				t.Fatal(err)
			}
			method, suffix, _ := strings.Cut(tc.req, " ")
			if f.LastWrite.Method != method || !strings.HasSuffix(f.LastWrite.Path, strings.TrimPrefix(suffix, "/")) {
				t.Fatalf("request %s %s, want %s", f.LastWrite.Method, f.LastWrite.Path, tc.req)
			}
			if msg := tc.check(f); msg != "" {
				t.Fatal(msg)
			}
			u, err := changes.Undo(context.Background(), s, j, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := changes.Apply(context.Background(), s, j, u); err != nil {
				t.Fatal(err)
			}
			if after := fullSnapshot(f); after != before {
				t.Fatalf("undo did not restore the state:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func want(ok bool, msg string) string {
	if ok {
		return ""
	}
	return msg
}

func TestBadEditInputRefused(t *testing.T) {
	_, _, st, _ := site(t)
	if _, err := SetRateLimit(st, rateLimitRule, 20, 60, 10, "block"); err == nil || !strings.Contains(err.Error(), "at most 10 on the Free") {
		t.Errorf("free period: %v", err)
	}
	if _, err := SetRateLimit(st, rateLimitRule, 20, 10, 10, "managed_challenge"); err == nil || !strings.Contains(err.Error(), "must be 0") {
		t.Errorf("challenge timeout: %v", err)
	}
	if _, err := SetRuleAction(st, fakecf.RuleCountryBlock, "log"); err == nil || !strings.Contains(err.Error(), "does not allow") {
		t.Errorf("log on free: %v", err)
	}
	if _, err := ManagedOverride(st, managedExec, "x", "log"); err == nil {
		t.Error("log override on free accepted")
	}
	if _, err := MoveRule(st, fakecf.RuleCountryBlock, -1); err == nil {
		t.Error("moved above the top")
	}
}

func stripIDs(s string) string {
	var rules []map[string]any
	if json.Unmarshal([]byte(s), &rules) != nil {
		return s
	}
	for _, r := range rules {
		delete(r, "id")
		delete(r, "ref")
	}
	b, _ := json.Marshal(rules)
	return string(b)
}

func TestBackupAndRestoreRuleByRule(t *testing.T) {
	f, s, st, j := site(t)
	bk := BackupOf(st)
	raw, _ := json.Marshal(bk)
	bk, err := ReadBackup(raw)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), fakecf.DemoToken) {
		t.Fatal("token in the backup")
	}
	before := fullSnapshot(f)
	c, _ := DeleteRule(st, fakecf.RuleCountryBlock)
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	st, _ = siteplan.LoadSite(context.Background(), s, st.Zone)
	r, err := RestoreRule(st, bk, fakecf.RuleCountryBlock)
	if err != nil {
		t.Fatal(err)
	}
	if err := changes.Apply(context.Background(), s, j, r); err != nil {
		t.Fatal(err)
	}
	if after := fullSnapshot(f); after != before {
		t.Fatalf("restore:\n%s\n%s", before, after)
	}
	if _, err := ReadBackup([]byte(`{"hello":1}`)); err == nil {
		t.Error("junk accepted as a backup")
	}
}

func TestEditRuleSkipTargetsAndNoop(t *testing.T) {
	f, s, st, j := site(t)
	act, on := "skip", true
	c, err := EditRule(st, fakecf.RuleCountryBlock, RuleEdit{Action: &act, Enabled: &on, Skip: []string{"rules", cfapi.PhaseRateLimit, "bic"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	p := f.LastWrite.Body["action_parameters"].(map[string]any)
	if p["ruleset"] != "current" || fmt.Sprint(p["phases"]) != "[http_ratelimit]" || fmt.Sprint(p["products"]) != "[bic]" {
		t.Fatalf("skip params %v", p)
	}
	st, _ = siteplan.LoadSite(context.Background(), s, st.Zone)
	if _, err := EditRule(st, fakecf.RuleCountryBlock, RuleEdit{Skip: []string{}}); err == nil || !strings.Contains(err.Error(), "must skip something") {
		t.Fatalf("empty skip: %v", err)
	}
	d := "Block Russia and China"
	if _, err := EditRule(st, fakecf.RuleCountryBlock, RuleEdit{Description: &d}); err == nil || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("no-op: %v", err)
	}
}

func customRulesOf(rs *fakecf.Ruleset) string {
	b, _ := json.Marshal(rs.Rules)
	return string(b)
}

func site(t *testing.T) (*fakecf.API, *cfapi.Service, *siteplan.Site, *changes.Journal) {
	return ownertest.Site(t)
}

// Every condition the rule editor builds prints as Cloudflare's syntax and
// parses back (a renamed operator once printed "Contains").
func TestConditionsPrintValidExpressions(t *testing.T) {
	for kind, v := range map[string]string{"user_agent": "Python-Requests", "country": "RU", "ip": "203.0.113.7", "path": "/wp-admin"} {
		n, err := Condition(kind, v)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		text := ruleslang.Print(n)
		if e := ruleslang.Parse(text); e.Err != nil {
			t.Fatalf("%s prints %q, which does not parse: %v", kind, text, e.Err)
		}
		if kind == "user_agent" && text != `lower(http.user_agent) contains "python-requests"` {
			t.Fatalf("user agent condition %q", text)
		}
	}
}

// Skip rules name the products they skip; plans read "the Pro plan".
func TestProductAndPlanWords(t *testing.T) {
	got := siteplan.SkipTargetsOf(map[string]any{"products": []any{"zoneLockdown", "uaBlock", "bic", "hot"}})
	if got != "Zone Lockdown, User Agent Blocking, Browser Integrity Check and Hotlink Protection" {
		t.Fatalf("skip targets %q", got)
	}
	z := cfapi.Zone{}
	z.Plan.Name, z.Plan.LegacyID = "Pro Plan", "pro"
	if z.PlanName() != "Pro" {
		t.Fatalf("plan %q", z.PlanName())
	}
}

// An exception RayFix adds must never make a condition Cloudflare refuses:
// past 4,096 characters it says how to make room instead of previewing.
func TestExceptionNeverTooLong(t *testing.T) {
	f, s, _, _ := site(t)
	var ips []string
	for i := 0; len(strings.Join(ips, " ")) < ruleslang.MaxLength-30; i++ {
		ips = append(ips, fmt.Sprintf("198.51.%d.%d", i/250, i%250+1))
	}
	long := "ip.src in {" + strings.Join(ips, " ") + "}"
	if e := ruleslang.Parse(long); e.Err != nil {
		t.Fatalf("the test's rule: %v", e.Err)
	}
	f.Change(func() { f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"] = long })
	st, err := siteplan.FindSite(context.Background(), s, fakecf.DemoZoneName)
	if err != nil {
		t.Fatal(err)
	}
	who, _ := siteplan.ParseWho("ip", "203.0.113.250")
	_, err = AddException(st, fakecf.RuleCountryBlock, who)
	if err == nil || !strings.Contains(err.Error(), "Cloudflare accepts at most 4096") || !strings.Contains(err.Error(), "ip.src in $office") {
		t.Fatalf("too long: %v", err)
	}
	if _, err := AndCondition(long, mustCond(t, "country", "RU")); err == nil {
		t.Fatal("the rule builder made a condition past the limit")
	}
}

func mustCond(t *testing.T, kind, v string) ruleslang.Node {
	n, err := Condition(kind, v)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
