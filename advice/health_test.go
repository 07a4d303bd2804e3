package advice

import (
	"context"
	"strings"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/internal/ownertest"
	"rayfix/siteplan"
)

func TestHealthOfTheDemoSite(t *testing.T) {
	f, s, st, j := ownertest.Site(t)
	f.Zones[0].Phases[cfapi.PhaseRateLimit].Rules[0]["expression"] = "true"
	st, _ = siteplan.LoadSite(context.Background(), s, st.Zone)
	fs := Health(st, []changes.Change{{Title: "Allow 203.0.113.7", Until: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}})
	var got []string
	for _, x := range fs {
		got = append(got, x.Rule+": "+x.Reason)
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"“Block Russia and China”: It stops whole countries",
		"“Block Russia and China”: It blocks outright",
		"“Login flood”: It allows only 5 requests in 10 seconds on every page",
		"Bot Fight Mode: Bot Fight Mode is on while webhooks",
		"IP Access: Allow 203.0.113.10: Requests it allows",
		"Allow 203.0.113.7: This temporary exception passed its end date",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("health lacks %q in:\n%s", want, all)
		}
	}
	// A rule that is off is named as off (delete it), never with the
	// warnings meant for rules that act.
	if !strings.Contains(all, "“Old threat score rule”: It is turned off") || strings.Count(all, "Old threat score rule") != 1 {
		t.Errorf("a rule that is off: %s", all)
	}
	// The first fix goes through the normal apply path.
	c, err := fs[0].Plan(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	if e := f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"]; !strings.Contains(e.(string), "and not cf.client.bot") {
		t.Fatalf("fix: %v", e)
	}
}
