package siteplan_test

import (
	"context"
	"strings"
	"testing"

	"rayfix/internal/ownertest"
	"rayfix/planner"
	"rayfix/siteplan"
)

func TestSimulateHandWorked(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	cases := []struct {
		ip, country, asn, ua, url string
		verdict, decidedBy        string
	}{
		// Russia, normal browser: the country block acts.
		{"192.0.2.44", "RU", "12389", "Mozilla/5.0", "demo-bakery.example/menu", "Error 1020", "Custom rule: Block Russia and China"},
		// A scraper from Germany: the user-agent rule acts.
		{"192.0.2.45", "DE", "3320", "python-requests/2.32", "demo-bakery.example/", "Error 1020", "Custom rule: Block scrapers"},
		// Login from Brazil outside the office list: challenged.
		{"192.0.2.46", "BR", "28573", "Mozilla/5.0", "demo-bakery.example/login", `a "check you're human" page`, "Custom rule: Check logins from outside Europe"},
		// The office IP (in $office) logging in from Brazil is through; it is also IP-Access allowed.
		{"203.0.113.10", "BR", "28573", "Mozilla/5.0", "demo-bakery.example/login", "the site (an IP Access Allow rule", "IP Access: Allow 203.0.113.10"},
		// A hosting company's network (AS14061) is blocked by IP Access first.
		{"192.0.2.47", "US", "AS14061", "Mozilla/5.0", "demo-bakery.example/", "Error 1005", "IP Access: Block AS14061"},
		// The old bad bot's exact user agent meets the legacy UA rule.
		{"192.0.2.49", "DE", "3320", "BadBot/1.0", "demo-bakery.example/", "Error 1010", "User Agent rule: Old bad bot"},
		// A German shopper gets through.
		{"192.0.2.48", "DE", "3320", "Mozilla/5.0", "demo-bakery.example/cart", "the site (nothing", ""},
	}
	for _, c := range cases {
		r, err := siteplan.RequestFrom(c.ip, c.country, c.asn, c.ua, c.url)
		if err != nil {
			t.Fatal(err)
		}
		sim := siteplan.Simulate(st, r)
		if !strings.HasPrefix(sim.Verdict, c.verdict) && !strings.Contains(sim.Verdict, c.verdict) || sim.DecidedBy != c.decidedBy {
			t.Errorf("%s %s %s: verdict %q by %q", c.ip, c.country, c.url, sim.Verdict, sim.DecidedBy)
		}
	}
	if _, err := siteplan.RequestFrom("1.2.3", "", "", "", ""); err == nil || !strings.Contains(err.Error(), "IP:") {
		t.Errorf("bad IP: %v", err)
	}
}

func TestTraceAgreesWithLocalSimulation(t *testing.T) {
	f, s, st, _ := ownertest.Site(t)
	steps, err := s.Connection().Trace(context.Background(), f.Accounts[0].ID, "https://demo-bakery.example/menu", "Mozilla/5.0", "RU", "EU")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := siteplan.RequestFrom("192.0.2.44", "RU", "", "Mozilla/5.0", "demo-bakery.example/menu")
	sim := siteplan.Simulate(st, r)
	var firstTrace string
	for _, s := range steps {
		if s.Matched && s.Action != "skip" {
			firstTrace = "Custom rule: " + s.Description
			break
		}
	}
	if firstTrace == "" || firstTrace != sim.DecidedBy {
		t.Fatalf("trace says %q, local says %q", firstTrace, sim.DecidedBy)
	}
}

func TestSimulateLockdown(t *testing.T) {
	f, s, st, _ := ownertest.Site(t)
	f.Zones[0].Lockdowns = []map[string]any{{"id": "ld1", "description": "Admin only from the office", "paused": false,
		"urls": []any{"demo-bakery.example/admin*"}, "configurations": []any{map[string]any{"target": "ip_range", "value": "203.0.113.0/24"}}}}
	st, _ = siteplan.LoadSite(context.Background(), s, st.Zone)
	r, _ := siteplan.RequestFrom("192.0.2.50", "DE", "", "Mozilla/5.0", "demo-bakery.example/admin/orders")
	if sim := siteplan.Simulate(st, r); sim.Verdict != "Error 1106" || sim.DecidedBy != "Zone Lockdown: Admin only from the office" {
		t.Fatalf("outsider: %q by %q", sim.Verdict, sim.DecidedBy)
	}
	r, _ = siteplan.RequestFrom("203.0.113.20", "DE", "", "Mozilla/5.0", "demo-bakery.example/admin/orders")
	if sim := siteplan.Simulate(st, r); sim.DecidedBy != "" {
		t.Fatalf("office: decided by %q", sim.DecidedBy)
	}
}

func TestSimulateRateLimitAndManagedException(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	r, _ := siteplan.RequestFrom("192.0.2.60", "DE", "", "Mozilla/5.0", "demo-bakery.example/login")
	sim := siteplan.Simulate(st, r)
	var rl, exc siteplan.SimStep
	for _, s := range sim.Steps {
		switch s.Rule {
		case "Rate limit: Login flood":
			rl = s
		case "Managed: Stripe webhooks":
			exc = s
		}
	}
	if rl.Result != "matches" || !strings.Contains(rl.Why, "more than 5 in 10 seconds would be stopped") || exc.Result != "no match" {
		t.Fatalf("login: %+v / %+v", rl, exc)
	}
	r, _ = siteplan.RequestFrom("192.0.2.61", "US", "", "Stripe/1.0", "demo-bakery.example/webhooks/stripe")
	for _, s := range siteplan.Simulate(st, r).Steps {
		if s.Rule == "Managed: Stripe webhooks" && s.Result != "matches" {
			t.Fatalf("webhook exception: %+v", s)
		}
	}
}

// Super Bot Fight Mode and "Block AI bots" are in the overview, in the bot
// stage, and in what the simulator says it cannot check — unless a Skip
// rule skips Super Bot Fight Mode for the visitor.
func TestSuperBotFightModeAndAIBots(t *testing.T) {
	f, s, _, _ := ownertest.Site(t)
	f.Change(func() {
		z := f.Zones[0]
		z.Plan, z.BotFightMode = "pro", false
		z.Bots = map[string]any{"sbfm_definitely_automated": "managed_challenge", "sbfm_likely_automated": "allow",
			"sbfm_verified_bots": "allow", "sbfm_static_resource_protection": false, "ai_bots_protection": "block"}
	})
	st, err := siteplan.FindSite(context.Background(), s, "demo-bakery.example")
	if err != nil {
		t.Fatal(err)
	}
	var bots []string
	for _, r := range st.Rules.Rules {
		if r.Stage == siteplan.StageBots {
			bots = append(bots, r.Description+": "+r.Summary)
		}
	}
	want := []string{"Super Bot Fight Mode: definitely automated: Challenges (managed) traffic Cloudflare finds definitely automated",
		"Block AI bots: Blocks AI crawlers (GPTBot, ClaudeBot, Bytespider and others)"}
	if strings.Join(bots, "|") != strings.Join(want, "|") {
		t.Fatalf("bot stage: %q", bots)
	}
	if !st.Bots.HasSBFM() {
		t.Fatal("a Pro site with Super Bot Fight Mode reads as without")
	}
	r, _ := siteplan.RequestFrom("192.0.2.48", "DE", "3320", "Mozilla/5.0", "demo-bakery.example/cart")
	un := strings.Join(siteplan.Simulate(st, r).Unevaluated, "|")
	if !strings.Contains(un, "Super Bot Fight Mode: traffic Cloudflare finds definitely automated is challenged") || !strings.Contains(un, "Block AI bots is on") {
		t.Fatalf("unevaluated: %s", un)
	}
	// A Skip rule for this visitor skips Super Bot Fight Mode (not Block AI bots).
	c, err := planner.AddSkipRule(st, siteplan.Who{Kind: "ip", Value: "192.0.2.48"}, "")
	if err != nil {
		t.Fatal(err)
	}
	un = strings.Join(siteplan.Simulate(st.After(c), r).Unevaluated, "|")
	if strings.Contains(un, "Super Bot Fight Mode") || !strings.Contains(un, "Block AI bots is on") {
		t.Fatalf("after the skip: %s", un)
	}
}

// A request RayFix cannot fully see is never said to get through: the
// verdict names the rule that might stop it and what that depends on.
func TestSimulateSaysWhatItDoesNotKnow(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	r, _ := siteplan.RequestFrom("198.51.100.5", "", "", "Mozilla/5.0", "demo-bakery.example/menu")
	sim := siteplan.Simulate(st, r)
	want := "the site, unless “Block Russia and China” stops it: that depends on the visitor's country, which RayFix does not know here"
	if sim.Verdict != want || sim.DecidedBy != "" {
		t.Fatalf("verdict %q by %q", sim.Verdict, sim.DecidedBy)
	}
	// A group of visitors (one IP, any page): the lockdown on some pages is
	// named, not assumed away.
	st.Lockdowns = []map[string]any{{"id": "ld1", "description": "Admin only from the office", "paused": false,
		"urls": []any{"demo-bakery.example/admin*"}, "configurations": []any{map[string]any{"target": "ip", "value": "203.0.113.20"}}}}
	who := siteplan.Who{Kind: "country", Value: "DE"}
	if got := siteplan.Simulate(st, who.Request(st.Zone.Name)).Verdict; !strings.Contains(got, "Zone Lockdown “Admin only from the office”") || !strings.Contains(got, "the page") {
		t.Fatalf("group verdict %q", got)
	}
}
