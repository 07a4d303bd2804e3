package app

import (
	"context"
	"net/http/httptest"
	"rayfix/fakecf"
	"testing"
	"time"
)

// BenchmarkLoadLargeZone loads everything that can block a visitor on a
// zone with 10,000 IP Access rules, from the fake API with 100 ms added to
// every request, against one request's time measured in the same run. The
// reported ratio is the whole load / one request (goal: at most 3).
func BenchmarkLoadLargeZone(b *testing.B) {
	_, c := slowDemo(b, 10000)
	s := c.Service()
	ctx := context.Background()
	z, err := s.FindZone(ctx, fakecf.DemoZoneName)
	if err != nil {
		b.Fatal(err)
	}
	var one, all time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := s.setting(ctx, z.ID, "security_level"); err != nil {
			b.Fatal(err)
		}
		one += time.Since(start)
		start = time.Now()
		zr, err := s.ZoneRules(ctx, z, nil)
		if err != nil || len(zr.AccessRules) != 10004 {
			b.Fatalf("%v %d", err, len(zr.AccessRules))
		}
		all += time.Since(start)
	}
	b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "load-ms")
	b.ReportMetric(float64(one.Milliseconds())/float64(b.N), "request-ms")
	b.ReportMetric(float64(all)/float64(one), "ratio")
}

// BenchmarkRayLookup resolves a Ray ID against the fake API with 100 ms
// added per request, against one plain API round trip in the same run.
// The reported ratio is lookup / one round trip (goal: at most 1.2).
func BenchmarkRayLookup(b *testing.B) {
	f, c := slowDemo(b, 0)
	ctx := context.Background()
	z := Zone{ID: f.Zones[0].ID, Name: fakecf.DemoZoneName}
	q, _ := ParseRayQuery("8e2f0a1b2c3d4e5f")
	if _, err := c.LookupRay(ctx, []Zone{z}, q, time.Now()); err != nil { // learns the retention once
		b.Fatal(err)
	}
	var one, look time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := c.Service().setting(ctx, z.ID, "security_level"); err != nil {
			b.Fatal(err)
		}
		one += time.Since(start)
		start = time.Now()
		l, err := c.LookupRay(ctx, []Zone{z}, q, time.Now())
		if err != nil || !l.Found {
			b.Fatalf("%v %v", l, err)
		}
		look += time.Since(start)
	}
	b.ReportMetric(float64(look)/float64(one), "ratio")
}

// slowDemo serves the demo account (with extra IP Access rules) on
// loopback with 100 ms added to every request, and connects to it.
func slowDemo(b *testing.B, extraRules int) (*fakecf.API, *Connection) {
	f := fakecf.NewDemo()
	if extraRules > 0 {
		f.Zones[0].AddAccessRules(extraRules)
	}
	f.Delay = 100 * time.Millisecond
	srv := httptest.NewServer(f)
	b.Cleanup(srv.Close)
	c := NewConnection(fakecf.DemoToken)
	c.BaseURL = srv.URL + "/client/v4/"
	return f, c
}
