package impact

import (
	"fmt"
	"testing"
	"time"

	"rayfix/internal/ownertest"
	"rayfix/planner"
)

// BenchmarkForChange5000: a change walked through the demo site before and
// after for 5,000 groups of traffic (the most RayFix asks for): the time
// per group is what a preview costs on a busy site, after the query.
func BenchmarkForChange5000(b *testing.B) {
	_, _, st, _ := ownertest.Site(b)
	t := &Traffic{From: time.Now().Add(-24 * time.Hour), To: time.Now(), Dims: map[string]bool{}}
	for _, d := range append(append([]string(nil), breakdownDims...), SiteNeeds...) {
		t.Dims[d] = true
	}
	countries := []string{"US", "DE", "GB", "FR", "RU", "CN", "BR", "IN", "NL", "JP"}
	for i := 0; i < 5000; i++ {
		t.Groups = append(t.Groups, Group{Count: 1 + i%7, Country: countries[i%len(countries)], ASN: fmt.Sprint(1000 + i%300),
			IP: fmt.Sprintf("198.51.%d.%d", i/250, i%250), Host: "demo-bakery.example", Path: []string{"/", "/menu", "/login", "/shop"}[i%4],
			Method: "GET", UserAgent: fmt.Sprintf("Mozilla/5.0 browser %d", i%50)})
	}
	c, err := planner.CreateCustomRule(st, "Block the US", `ip.src.country eq "US" and not cf.client.bot`, "block")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if rep := ForChange(st, c, t); rep.NewlyStopped.Requests == 0 {
			b.Fatal("nothing newly stopped")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/5000, "ns/group")
}
