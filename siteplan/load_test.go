package siteplan

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/fakecf/fakecftest"
)

func demo(t testing.TB) (*fakecf.API, *cfapi.Service) {
	f, url := fakecftest.Serve(t)
	return f, cfapi.NewConnectionTo(fakecf.DemoToken, url).Service()
}

func TestDemoZoneInEvaluationOrder(t *testing.T) {
	_, s := demo(t)
	ctx := context.Background()
	z, err := s.FindZone(ctx, fakecf.DemoZoneName)
	if err != nil {
		t.Fatal(err)
	}
	if z.PlanID() != "free" || z.Account.Name != "Demo Bakery" {
		t.Fatalf("zone %+v", z)
	}
	zr, err := LoadRules(ctx, s, z, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.Missing) != 0 {
		t.Fatalf("missing %v", zr.Missing)
	}
	// Stages never go backwards.
	for i := 1; i < len(zr.Rules); i++ {
		if zr.Rules[i].Stage < zr.Rules[i-1].Stage {
			t.Fatalf("out of order: %s after %s", zr.Rules[i].Stage, zr.Rules[i-1].Stage)
		}
	}
	want := map[string]string{
		"Block Russia and China":           "Blocks visitors from Russia or China",
		"Check logins from outside Europe": "except IPs in list office",
		"Login flood":                      "more than 5 requests in 10 seconds",
		"Stripe webhooks":                  "Exception: the managed rule “Log4j Headers” does not check requests whose page path is \"/webhooks/stripe\"; every other managed rule still does",
		"Free Managed Ruleset":             "Checks every request with the Cloudflare Free Managed Ruleset",
		"Scrapers from a hosting company":  "Blocks the network AS14061, on this site",
		"Card testing attack, March":       "on the whole account",
	}
	for _, r := range zr.Rules {
		if r.Description == "Free Managed Ruleset" && r.Note != "Changed by you: the managed rule “Anomaly:Header:User-Agent - Missing” only logs instead." {
			t.Errorf("overrides: %q", r.Note)
		}
	}
	for desc, sum := range want {
		found := false
		for _, r := range zr.Rules {
			if r.Description == desc {
				found = true
				if !strings.Contains(r.Summary, sum) {
					t.Errorf("%s: summary %q lacks %q", desc, r.Summary, sum)
				}
			}
		}
		if !found {
			t.Errorf("no rule %q", desc)
		}
	}
	if zr.Count("custom_rule") != 4 || zr.Limits[0] != "4 of 5 custom rules used on the Free plan" {
		t.Errorf("limits %v", zr.Limits)
	}
	if len(zr.Lists) != 1 || len(zr.Lists[0].Items) != 2 || zr.Lists[0].Items[1].IP != "203.0.113.0/28" {
		t.Errorf("list items %+v", zr.Lists)
	}
	if zr.SecurityLevel != "medium" || zr.BrowserCheck != "on" || zr.BotFightMode == nil || !*zr.BotFightMode || len(zr.Lists) != 1 {
		t.Errorf("settings %q %q %v lists %v", zr.SecurityLevel, zr.BrowserCheck, zr.BotFightMode, zr.Lists)
	}
	for _, r := range zr.Rules {
		if r.Description == "Old threat score rule" && (!strings.Contains(r.Note, "always 0") || r.Enabled) {
			t.Errorf("threat score rule: %+v", r)
		}
		if r.VisitorSees == "" {
			t.Errorf("%s: no 'visitor sees'", r.Description)
		}
	}
}

func TestNoCustomRulesYet(t *testing.T) {
	f, s := demo(t)
	delete(f.Zones[0].Phases, cfapi.PhaseCustom)
	zr, err := LoadRules(context.Background(), s, cfapi.Zone{ID: f.Zones[0].ID, Name: fakecf.DemoZoneName}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if zr.Count("custom_rule") != 0 || zr.Count("rate_limit") != 1 {
		t.Fatalf("counts %d %d", zr.Count("custom_rule"), zr.Count("rate_limit"))
	}
}

func TestMissingPermissionNamed(t *testing.T) {
	f, s := demo(t)
	f.Denied["Zone WAF Read"] = true
	zr, err := LoadRules(context.Background(), s, cfapi.Zone{ID: f.Zones[0].ID, Name: fakecf.DemoZoneName}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.Missing) == 0 || !strings.Contains(strings.Join(zr.Missing, " "), `"Zone WAF Read"`) {
		t.Fatalf("missing %v", zr.Missing)
	}
	if zr.Count("ip_access") == 0 {
		t.Error("other kinds should still load")
	}
}

func TestInvalidTokenAndMalformedJSON(t *testing.T) {
	f, s := demo(t)
	bad := cfapi.NewConnection("wrong")
	bad.BaseURL = s.Connection().BaseURL
	if _, err := bad.Service().Zones(context.Background()); !errors.Is(err, cfapi.ErrInvalidToken) {
		t.Fatalf("bad token: %v", err)
	}
	f.Broken = "zones"
	_, err := s.Zones(context.Background())
	if err == nil || !strings.Contains(err.Error(), "could not be read") {
		t.Fatalf("malformed JSON: %v", err)
	}
}

func TestRateLimitThenSuccess(t *testing.T) {
	f, s := demo(t)
	f.RateLimitNext = 1
	zs, err := s.Zones(context.Background())
	if err != nil || len(zs) != 1 {
		t.Fatalf("%v %v", zs, err)
	}
	f.RateLimitNext = 10 // more than the retries
	if _, err := s.Zones(context.Background()); !errors.Is(err, cfapi.ErrRateLimited) {
		t.Fatalf("persistent 429: %v", err)
	}
}

func TestTenThousandAccessRulesAllPages(t *testing.T) {
	f, s := demo(t)
	f.Zones[0].AddAccessRules(10000)
	var calls int
	rules, err := s.AccessRules(context.Background(), f.Zones[0].ID, "", func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 10004 { // 10,003 of the site's own and 1 inherited from the account
		t.Fatalf("%d rules", len(rules))
	}
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.ID] {
			t.Fatalf("duplicate %s", r.ID)
		}
		seen[r.ID] = true
	}
	if calls != 11 || f.Requests > 12 {
		t.Errorf("progress calls %d, requests %d (want 11 pages, no extra empty page)", calls, f.Requests)
	}
	if rules[10002].Notes != fmt.Sprintf("generated %d", 9999) {
		t.Errorf("order lost: last is %q", rules[10002].Notes)
	}
}

func TestListItemsCursorPaging(t *testing.T) {
	f, s := demo(t)
	l := &f.Accounts[0].Lists[0]
	for i := 0; i < 1200; i++ {
		l.Items = append(l.Items, fmt.Sprintf("192.0.%d.%d", i/256, i%256))
	}
	items, err := s.ListItems(context.Background(), f.Accounts[0].ID, l.ID)
	if err != nil || len(items) != 1202 {
		t.Fatalf("%d items, %v", len(items), err)
	}
}

func TestLegacyFirewallRulesReadOnly(t *testing.T) {
	f, s := demo(t)
	f.Zones[0].LegacyFirewallRules = []map[string]any{{"id": "372e67954025e0ba6aaa6d586b9e0b60", "paused": false, "description": "Block bad ASN (2019)",
		"action": "block", "priority": 1, "filter": map[string]any{"id": "f1", "expression": "(ip.geoip.asnum eq 64496)", "paused": false}}}
	zr, err := LoadRules(context.Background(), s, cfapi.Zone{ID: f.Zones[0].ID, Name: fakecf.DemoZoneName}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var found *Rule
	for i := range zr.Rules {
		if zr.Rules[i].Kind == "legacy_firewall_rule" {
			found = &zr.Rules[i]
		}
	}
	if found == nil || !found.Legacy || !strings.Contains(found.Note, "read-only") || found.Summary != "Blocks visitors on network AS64496" {
		t.Fatalf("legacy rule %+v", found)
	}
}

func TestLongRetryAfterIsNotWaitedOut(t *testing.T) {
	f, s := demo(t)
	f.RateLimitNext, f.RetryAfter = 5, 300 // Cloudflare's five-minute lock-out
	start := time.Now()
	_, err := s.Zones(context.Background())
	if !errors.Is(err, cfapi.ErrRateLimited) {
		t.Fatalf("got %v", err)
	}
	if took := time.Since(start); took > 5*time.Second || f.Requests != 1 {
		t.Fatalf("waited %s over %d requests", took, f.Requests)
	}
}

func TestManyZonesAllPages(t *testing.T) {
	f, s := demo(t)
	for i := 0; i < 120; i++ {
		f.Zones = append(f.Zones, &fakecf.Zone{ID: fmt.Sprintf("z%031d", i), Name: fmt.Sprintf("site%03d.example", i), Status: "active", Plan: "pro", AccountID: f.Accounts[0].ID})
	}
	zs, err := s.Zones(context.Background())
	if err != nil || len(zs) != 121 || zs[120].Name != "site119.example" {
		t.Fatalf("%d zones, %v", len(zs), err)
	}
	if f.Requests != 3 {
		t.Errorf("%d requests for 3 pages", f.Requests)
	}
}

func TestReloadAsksKnownPagesAtOnceAndSeesGrowth(t *testing.T) {
	f, s := demo(t)
	f.Zones[0].AddAccessRules(2500)
	ctx := context.Background()
	first, err := s.AccessRules(ctx, f.Zones[0].ID, "", nil)
	if err != nil || len(first) != 2504 { // 2,503 of the site's own and 1 inherited from the account
		t.Fatalf("%d %v", len(first), err)
	}
	f.Zones[0].AccessRules = append(f.Zones[0].AccessRules, fakecf.AccessRule{ID: "late", Mode: "block", Target: "ip", Value: "192.0.2.250"})
	for i := 0; i < 600; i++ {
		f.Zones[0].AccessRules = append(f.Zones[0].AccessRules, fakecf.AccessRule{ID: fmt.Sprintf("more%d", i), Mode: "block", Target: "ip", Value: fmt.Sprintf("198.18.%d.%d", i/256, i%256)})
	}
	again, err := s.AccessRules(ctx, f.Zones[0].ID, "", nil)
	if err != nil || len(again) != 3105 || again[len(again)-2].ID != "more599" {
		t.Fatalf("reload: %d %v", len(again), err)
	}
}

// The zone's listing of IP Access rules includes the account's (as
// Cloudflare's does): each rule is shown and counted once, with its scope.
func TestAccountRulesOnceWithTheirScope(t *testing.T) {
	f, s := demo(t)
	z, err := s.FindZone(context.Background(), fakecf.DemoZoneName)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := LoadRules(context.Background(), s, z, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := len(f.Zones[0].AccessRules) + len(f.Accounts[0].AccessRules)
	seen := map[string]int{}
	for _, a := range zr.AccessRules {
		seen[a.ID]++
	}
	if len(zr.AccessRules) != want || len(seen) != want || zr.Count("ip_access") != want {
		t.Fatalf("%d rules (%d distinct, %d shown), the state has %d", len(zr.AccessRules), len(seen), zr.Count("ip_access"), want)
	}
	for _, r := range zr.Rules {
		if r.ID == f.Accounts[0].AccessRules[0].ID && !strings.Contains(r.Summary, "on the whole account") {
			t.Errorf("the account's rule reads %q", r.Summary)
		}
	}
}
