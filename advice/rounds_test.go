package advice

import (
	"context"
	"strings"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/internal/ownertest"
	"rayfix/siteplan"
)

// Opening a site sends each GET once; a Ray ID look-up reads the events
// once (with the retention in the same query) and the site's rules once.
func TestOneLoadOfASite(t *testing.T) {
	f, s := ownertest.Demo(t)
	ctx := context.Background()
	z, err := s.FindZone(ctx, fakecf.DemoZoneName)
	if err != nil {
		t.Fatal(err)
	}
	f.RequestLog()
	if _, err := siteplan.LoadSite(ctx, s, z); err != nil {
		t.Fatal(err)
	}
	assertOnce(t, "opening the site", f.RequestLog(), 10)
	q, _ := ParseRayQuery("8e2f0a1b2c3d4e5f")
	l, site, err := ExplainRay(ctx, s.Connection(), []cfapi.Zone{z}, nil, q, time.Now(), nil)
	if err != nil || !l.Found || site == nil || l.Explanation == "" {
		t.Fatalf("%+v %v", l, err)
	}
	log := f.RequestLog()
	assertOnce(t, "the look-up", log, 10)
	graphql := 0
	for _, r := range log {
		if strings.HasPrefix(r, "POST /graphql") {
			graphql++
		}
	}
	if graphql != 1 {
		t.Fatalf("%d GraphQL queries, want 1 (events and retention together): %v", graphql, log)
	}
}

func assertOnce(t *testing.T, what string, log []string, atLeast int) {
	t.Helper()
	seen := map[string]int{}
	for _, r := range log {
		if strings.HasPrefix(r, "GET ") {
			seen[r]++
		}
	}
	for r, n := range seen {
		if n > 1 {
			t.Errorf("%s sent %s %d times", what, r, n)
		}
	}
	if len(seen) < atLeast {
		t.Errorf("%s sent only %d GETs: %v", what, len(seen), log)
	}
}
