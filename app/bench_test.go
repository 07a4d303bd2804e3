package app

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkLoadLargeZone loads everything that can block a visitor on a
// zone with 10,000 IP Access rules, from the fake API with 100 ms added to
// every request, against one request's time measured in the same run. The
// reported ratio is the whole load / one request (goal: at most 3).
func BenchmarkLoadLargeZone(b *testing.B) {
	f := NewDemoAPI()
	f.Zones[0].AddAccessRules(10000)
	f.Delay = 100 * time.Millisecond
	srv := httptest.NewServer(f)
	defer srv.Close()
	c := NewConnection(DemoToken)
	c.BaseURL = srv.URL + "/client/v4/"
	s := c.Service()
	ctx := context.Background()
	z, err := s.FindZone(ctx, DemoZoneName)
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
