package siteplan

import (
	"context"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/fakecf/fakecftest"
)

// BenchmarkLoadLargeZone loads everything that can block a visitor on a
// zone with 10,000 IP Access rules, from the fake API with 100 ms added to
// every request, against one request's time measured in the same run. The
// reported ratio is the whole load / one request (goal: at most 3).
func BenchmarkLoadLargeZone(b *testing.B) {
	_, url := fakecftest.ServeSlow(b, 100*time.Millisecond, 10000)
	c := cfapi.NewConnectionTo(fakecf.DemoToken, url)
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
		if _, err := s.Setting(ctx, z.ID, "security_level"); err != nil {
			b.Fatal(err)
		}
		one += time.Since(start)
		start = time.Now()
		zr, err := LoadRules(ctx, s, z, nil)
		if err != nil || len(zr.AccessRules) != 10004 {
			b.Fatalf("%v %d", err, len(zr.AccessRules))
		}
		all += time.Since(start)
	}
	b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "load-ms")
	b.ReportMetric(float64(one.Milliseconds())/float64(b.N), "request-ms")
	b.ReportMetric(float64(all)/float64(one), "ratio")
}
