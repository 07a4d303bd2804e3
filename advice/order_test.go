package advice

import (
	"context"
	"strings"
	"testing"

	"rayfix/changes"
	"rayfix/internal/ownertest"
	"rayfix/planner"
	"rayfix/siteplan"
)

// One order everywhere (the scenario): /admin* is locked down to
// the office network, and 198.51.100.5 is let through with a Skip rule.
// The Ray ID explanation names the lockdown and who may pass; the fix's
// preview says what the visitor will see; after Apply, the simulator —
// walking Cloudflare's order, where a custom rule's Skip comes before the
// Zone Lockdown it skips — says the same, and so does the explanation.
func TestPreviewSimulatorAndExplanationAgree(t *testing.T) {
	f, s, _, j := ownertest.Site(t)
	f.Change(func() {
		f.Zones[0].Lockdowns = []map[string]any{{"id": "ld1", "description": "Admin only from the office", "paused": false,
			"urls": []any{"demo-bakery.example/admin*"}, "configurations": []any{map[string]any{"target": "ip_range", "value": "203.0.113.0/24"}}}}
	})
	st, err := siteplan.FindSite(context.Background(), s, "demo-bakery.example")
	if err != nil {
		t.Fatal(err)
	}
	ev := event("block", "zonelockdown", "ld1", "", "Mozilla/5.0", "/admin/x")
	ev.ClientIP, ev.Country, ev.ASN = "198.51.100.5", "DE", "3320"
	l := explain(st, ev)
	if !strings.Contains(l.Explanation, "the Zone Lockdown rule “Admin only from the office”") ||
		!strings.Contains(l.Explanation, "Only 203.0.113.0/24 may open demo-bakery.example/admin*") ||
		!strings.Contains(l.Explanation, "If they came back now, they would see Error 1106") || len(l.Fixes) != 1 {
		t.Fatalf("before: %q, %d fixes", l.Explanation, len(l.Fixes))
	}
	assertWords(t, l.Explanation)
	c, err := l.Fixes[0].Plan(st)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Consequence, "Zone Lockdown, User Agent Blocking") || !strings.Contains(c.Consequence, "Hotlink Protection") {
		t.Fatalf("the Skip preview leaves out what it skips: %q", c.Consequence)
	}
	if strings.HasPrefix(c.VisitorAfter, "Error") || !strings.HasPrefix(c.VisitorAfter, "the site") {
		t.Fatalf("preview: afterwards the visitor sees %q", c.VisitorAfter)
	}
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	st, _ = siteplan.FindSite(context.Background(), s, "demo-bakery.example")
	r, _ := siteplan.RequestFrom("198.51.100.5", "DE", "3320", "Mozilla/5.0", "demo-bakery.example/admin/x")
	sim := siteplan.Simulate(st, r)
	if sim.Verdict != "the site (nothing in the rules RayFix can see stops this request)" || sim.DecidedBy != "" {
		t.Fatalf("simulator after the fix: %q by %q", sim.Verdict, sim.DecidedBy)
	}
	var order []string
	for _, step := range sim.Steps {
		order = append(order, step.Stage+" "+step.Result)
	}
	if got := strings.Join(order, ", "); !strings.Contains(got, "2. Custom rules matches") || !strings.Contains(got, "3. Zone Lockdown (legacy) skipped") ||
		strings.Index(got, "2. Custom rules") > strings.Index(got, "3. Zone Lockdown") {
		t.Fatalf("steps: %s", got)
	}
	// The preview, planned on the site as it was, said what the simulator
	// says for these visitors on the site as it is now.
	who := siteplan.Who{Kind: "ip", Value: "198.51.100.5"}
	if now := siteplan.Simulate(st, who.Request(st.Zone.Name)).Verdict; now != c.VisitorAfter {
		t.Fatalf("preview said %q, the simulator now says %q", c.VisitorAfter, now)
	}
	if l := explain(st, ev); strings.Contains(l.Explanation, "If they came back now") {
		t.Fatalf("after the fix the explanation still says they would be stopped: %q", l.Explanation)
	}
}

// Every allow the wizard plans says, before Apply, what the simulator
// says after it.
func TestEveryAllowPreviewMatchesTheSimulator(t *testing.T) {
	for _, tc := range []struct {
		name string
		plan func(st *siteplan.Site) (*changes.Change, siteplan.Who, error)
	}{
		{"skip rule for a network", func(st *siteplan.Site) (*changes.Change, siteplan.Who, error) {
			w := siteplan.Who{Kind: "ip", Value: "192.0.2.0/24"}
			c, err := planner.AddSkipRule(st, w, "")
			return c, w, err
		}},
		{"IP Access Allow for an address", func(st *siteplan.Site) (*changes.Change, siteplan.Who, error) {
			w := siteplan.Who{Kind: "ip", Value: "192.0.2.44"}
			c, err := planner.AddAccessAllow(st, w, "", false)
			return c, w, err
		}},
		{"exception in the country block", func(st *siteplan.Site) (*changes.Change, siteplan.Who, error) {
			w := siteplan.Who{Kind: "country", Value: "RU"}
			c, err := planner.AddException(st, "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d", w)
			return c, w, err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, s, st, j := ownertest.Site(t)
			c, who, err := tc.plan(st)
			if err != nil {
				t.Fatal(err)
			}
			if err := changes.Apply(context.Background(), s, j, c); err != nil {
				t.Fatal(err)
			}
			st, _ = siteplan.FindSite(context.Background(), s, "demo-bakery.example")
			if now := siteplan.Simulate(st, who.Request(st.Zone.Name)).Verdict; now != c.VisitorAfter {
				t.Fatalf("preview said %q, the simulator now says %q", c.VisitorAfter, now)
			}
		})
	}
}
