package advice

import (
	"context"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/fakecf/fakecftest"
)

// BenchmarkRayLookup resolves a Ray ID against the fake API with 100 ms
// added per request, against one plain API round trip in the same run.
// The reported ratio is lookup / one round trip (goal: at most 1.2).
func BenchmarkRayLookup(b *testing.B) {
	f, url := fakecftest.ServeSlow(b, 100*time.Millisecond, 0)
	c := cfapi.NewConnectionTo(fakecf.DemoToken, url)
	ctx := context.Background()
	z := cfapi.Zone{ID: f.Zones[0].ID, Name: fakecf.DemoZoneName}
	q, _ := ParseRayQuery("8e2f0a1b2c3d4e5f")
	if _, err := LookupRay(ctx, c, []cfapi.Zone{z}, q, time.Now()); err != nil { // learns the retention once
		b.Fatal(err)
	}
	var one, look time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := c.Service().Setting(ctx, z.ID, "security_level"); err != nil {
			b.Fatal(err)
		}
		one += time.Since(start)
		start = time.Now()
		l, err := LookupRay(ctx, c, []cfapi.Zone{z}, q, time.Now())
		if err != nil || !l.Found {
			b.Fatalf("%v %v", l, err)
		}
		look += time.Since(start)
	}
	b.ReportMetric(float64(look)/float64(one), "ratio")
}
