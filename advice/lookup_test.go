package advice

import (
	"context"
	"strings"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/events"
	"rayfix/fakecf"
	"rayfix/internal/ownertest"
)

func TestParseRayQuery(t *testing.T) {
	report := "Hello,\n\nI tried to open https://demo-bakery.example/menu and was blocked (Cloudflare error 1020).\n" +
		"- Time (UTC): 2026-11-28 07:30:00\n- Ray ID: 8E2F0A1B2C3D4E5F\n- My IP address as Cloudflare saw it: 192.0.2.44\n- My country as Cloudflare saw it: Russia (RU)\n"
	q, err := ParseRayQuery(report)
	if err != nil || q.RayID != "8e2f0a1b2c3d4e5f" || q.IP != "192.0.2.44" || q.Country != "RU" || q.At.Hour() != 7 {
		t.Fatalf("%+v %v", q, err)
	}
	if q, _ := ParseRayQuery("8e2f0a1b2c3d4e5f-DME"); q.RayID != "8e2f0a1b2c3d4e5f" {
		t.Fatalf("%+v", q)
	}
	if _, err := ParseRayQuery("no ray here 1234"); err == nil {
		t.Fatal("accepted")
	}
}

func TestLookupToFix(t *testing.T) {
	f, s, st, j := ownertest.Site(t)
	q, _ := ParseRayQuery("8e2f0a1b2c3d4e5f")
	l, err := LookupRay(context.Background(), s.Connection(), nil, q, time.Now())
	if err != nil || !l.Found || l.Zone.Name != fakecf.DemoZoneName {
		t.Fatalf("%+v %v", l, err)
	}
	l.Explain(st)
	if !strings.Contains(l.Explanation, "“Block Russia and China” blocked a visitor from Russia") || l.Matched != "visitors from Russia or China" {
		t.Fatalf("explanation %q matched %q", l.Explanation, l.Matched)
	}
	if len(l.Fixes) != 5 || !strings.Contains(l.Fixes[4].Label, "Challenge instead of block") {
		t.Fatalf("fixes %v", l.Fixes)
	}
	c, err := l.Fixes[0].Plan(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	if e := f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"]; e != `((ip.src.country in {"RU" "CN"})) and not ip.src in {192.0.2.44}` {
		t.Fatalf("after fix: %v", e)
	}
	// The rate-limit event leads to the rate limit and its fixes.
	q, _ = ParseRayQuery("8e2f0a1b2c3d4e61")
	l, _ = LookupRay(context.Background(), s.Connection(), nil, q, time.Now())
	l.Explain(st)
	if !strings.Contains(l.Explanation, "rate limit “Login flood”") || !strings.Contains(l.Fixes[0].Label, "Double") {
		t.Fatalf("rate limit: %q %v", l.Explanation, l.Fixes)
	}
}

func TestLookupNotFoundSaysWhy(t *testing.T) {
	_, s, _, _ := ownertest.Site(t)
	q, _ := ParseRayQuery("Ray ID: 0000111122223333, Time (UTC): 2026-11-01 10:00:00")
	l, err := LookupRay(context.Background(), s.Connection(), nil, q, time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC))
	if err != nil || l.Found || !strings.Contains(strings.Join(l.WhyMissing, " "), "keeps Security Events of demo-bakery.example for only 1 day") {
		t.Fatalf("%+v %v", l, err)
	}
	q, _ = ParseRayQuery("0000111122223333")
	l, _ = LookupRay(context.Background(), s.Connection(), nil, q, time.Now())
	if l.Found || !strings.Contains(strings.Join(l.WhyMissing, " "), "samples Security Events") {
		t.Fatalf("%+v", l)
	}
}

func TestExplainByErrorCode(t *testing.T) {
	_, _, st, _ := ownertest.Site(t)
	q, _ := ParseRayQuery("I got Error 1010, Ray ID: 1234123412341234")
	if q.Code != 1010 {
		t.Fatalf("%+v", q)
	}
	l := &Lookup{Query: q}
	l.ExplainByCode(st)
	if !strings.Contains(l.Explanation, "Browser Integrity Check") || l.Fixes[0].Label != "Turn Browser Integrity Check off" {
		t.Fatalf("%q %v", l.Explanation, l.Fixes)
	}
	q, _ = ParseRayQuery("error code: 1006\nRay ID: 1234123412341234\nIP: 198.51.100.66")
	l = &Lookup{Query: q}
	l.ExplainByCode(st)
	if q.IP != "198.51.100.66" || !strings.Contains(l.Explanation, "“Card testing attack, March”") {
		t.Fatalf("%+v %q", q, l.Explanation)
	}
}

func TestGraphQLErrorsSurface(t *testing.T) {
	f, s, _, _ := ownertest.Site(t)
	_, err := events.Events(context.Background(), s.Connection(), f.Zones[0].ID, nil, time.Now().Add(-72*time.Hour), time.Now(), 10)
	// Cloudflare's own words go to the details; the person reads RayFix's.
	if err == nil || !strings.Contains(cfapi.ErrorDetail(err), "cannot request data older than 86400s") || strings.Contains(err.Error(), "86400") {
		t.Fatalf("%v / %s", err, cfapi.ErrorDetail(err))
	}
	f.Zones[0].Events = nil
	evs, err := events.Events(context.Background(), s.Connection(), f.Zones[0].ID, nil, time.Now().Add(-time.Hour), time.Now(), 10)
	if err != nil || len(evs) != 0 {
		t.Fatalf("empty result: %v %v", evs, err)
	}
}

func TestLookupFallsBackToIPAndTime(t *testing.T) {
	_, s, st, _ := ownertest.Site(t)
	q, _ := ParseRayQuery("Ray ID: 9999888877776666\nMy IP address as Cloudflare saw it: 198.51.100.23")
	l, err := LookupRay(context.Background(), s.Connection(), nil, q, time.Now())
	if err != nil || !l.Found || !l.ByIP || l.Event.Description != "Block scrapers" {
		t.Fatalf("%+v %v", l, err)
	}
	l.Explain(st)
	if !strings.Contains(l.Explanation, "“Block scrapers”") || !strings.Contains(l.Matched, "python-requests") {
		t.Fatalf("%q %q", l.Explanation, l.Matched)
	}
}
