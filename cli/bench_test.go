package cli

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"rayfix/fakecf"
)

// commandBench runs a whole `rayfix owner …` command against the demo API
// on loopback with 100 ms added to every request, and reports its time as
// a ratio to one API round trip measured in the same run.
func commandBench(b *testing.B, args ...string) {
	f := fakecf.NewDemo()
	f.Delay = 100 * time.Millisecond
	srv := httptest.NewServer(f)
	b.Cleanup(srv.Close)
	b.Setenv("CLOUDFLARE_API_TOKEN", fakecf.DemoToken)
	b.Setenv("CLOUDFLARE_BASE_URL", srv.URL+"/client/v4")
	dir := b.TempDir()
	roundTrip := func() {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/client/v4/user/tokens/verify", nil)
		req.Header.Set("Authorization", "Bearer "+fakecf.DemoToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
	var one, whole time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		roundTrip()
		one += time.Since(start)
		var out, errb strings.Builder
		start = time.Now()
		code := Run(args, Env{Stdout: &out, Stderr: &errb, JournalDir: dir})
		whole += time.Since(start)
		if code != ExitOK {
			b.Fatalf("%d %s %s", code, out.String(), errb.String())
		}
	}
	b.ReportMetric(float64(whole)/float64(one), "ratio")
}

// BenchmarkLookupCommand: `rayfix owner lookup ZONE RAYID`, whole (goal:
// at most about 3.5 round trips: the zone; the events beside the rules;
// the list items).
func BenchmarkLookupCommand(b *testing.B) {
	commandBench(b, "owner", "lookup", fakecf.DemoZoneName, "8e2f0a1b2c3d4e5f")
}

// BenchmarkRulesCommand: `rayfix owner rules ZONE`, whole: opening a site.
func BenchmarkRulesCommand(b *testing.B) {
	commandBench(b, "owner", "rules", fakecf.DemoZoneName)
}

// BenchmarkImpactCommand: `rayfix owner impact ZONE --expr …`, whole: the
// site, the analytics' limits and one grouped traffic query.
func BenchmarkImpactCommand(b *testing.B) {
	commandBench(b, "owner", "impact", fakecf.DemoZoneName, "--expr", `ip.src.country in {"RU" "CN"}`)
}
