package diagnose

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"
)

// BenchmarkTimeToVerdict measures a whole check against a loopback edge that
// delays every response by 200 ms, interleaved in the same run with one plain
// GET of the same URL. The reported ratio is check time / plain GET time;
// the goal is at most 1.1, since the check's requests run in parallel.
func BenchmarkTimeToVerdict(b *testing.B) {
	e := newEdge(b, true)
	e.delay = 200 * time.Millisecond
	o := e.opts()
	plain := &http.Client{Transport: newClient(o).Transport}
	var checkTotal, getTotal time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		resp, err := plain.Get(e.URL + "/1020")
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		getTotal += time.Since(start)

		start = time.Now()
		rep, err := Check(context.Background(), e.URL+"/1020", o)
		if err != nil || rep.Verdict != VerdictBlocked {
			b.Fatalf("%v %s", err, rep.Verdict)
		}
		checkTotal += time.Since(start)
	}
	b.ReportMetric(float64(checkTotal.Milliseconds())/float64(b.N), "check-ms")
	b.ReportMetric(float64(getTotal.Milliseconds())/float64(b.N), "get-ms")
	b.ReportMetric(float64(checkTotal)/float64(getTotal), "ratio")
}

// BenchmarkClassifyPage is the classifier alone on a typical 1020 page.
func BenchmarkClassifyPage(b *testing.B) {
	page := []byte(modern("1020", "Access denied", "203.0.113.2", true))
	h := cfHdr()
	for i := 0; i < b.N; i++ {
		ClassifyPage(403, h, page)
	}
}
