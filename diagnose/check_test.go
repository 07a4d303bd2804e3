package diagnose

import (
	"compress/gzip"
	"context"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"rayfix/diagnose/address"
)

func check(t *testing.T, e *fakeEdge, path string, o Options) Report {
	t.Helper()
	rep, err := Check(context.Background(), e.URL+path, o)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rep
}

func stepIDs(r Report) []string {
	var ids []string
	for _, s := range r.Steps {
		ids = append(ids, s.ID)
	}
	return ids
}

func hasStep(r Report, id string) bool {
	for _, s := range r.Steps {
		if s.ID == id {
			return true
		}
	}
	return false
}

func TestCheckAgainstEdge(t *testing.T) {
	e := newEdge(t, true)
	cases := []struct {
		path     string
		verdict  Verdict
		product  Product
		code     int
		step     string
		headline string
	}{
		{"/1020", VerdictBlocked, ProductCustomRule, 1020, StepContactOwner, "firewall blocked you — Error 1020"},
		{"/plain1020", VerdictBlocked, ProductCustomRule, 1020, StepOwnerMode, "Error 1020"},
		{"/1015", VerdictRateLimited, ProductRateLimiting, 1015, StepWait, "wait about 5 minutes"},
		{"/gzip1015", VerdictRateLimited, ProductRateLimiting, 1015, StepWait, "rate limited"},
		{"/challenge", VerdictChallenge, ProductChallenge, 0, StepAllowJS, "check you're human"},
		{"/521", VerdictOriginError, ProductOrigin, 521, StepWait, "The site itself is down"},
		{"/waf", VerdictBlocked, ProductManagedRules, 0, StepPrivateWindow, "security rules blocked"},
		{"/ok", VerdictOK, ProductNone, 0, StepPastePage, "Nothing is blocking you"},
		{"/latin1", VerdictBlocked, ProductCustomRule, 1020, StepContactOwner, "Error 1020"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			rep := check(t, e, tc.path, e.opts())
			if rep.Verdict != tc.verdict || rep.Product != tc.product || rep.ErrorCode != tc.code {
				t.Fatalf("verdict %s product %s code %d; evidence %v", rep.Verdict, rep.Product, rep.ErrorCode, rep.Evidence)
			}
			if !strings.Contains(rep.Headline, tc.headline) {
				t.Errorf("headline %q lacks %q", rep.Headline, tc.headline)
			}
			if !hasStep(rep, tc.step) {
				t.Errorf("steps %v lack %s", stepIDs(rep), tc.step)
			}
			// Every path goes through the fake edge, so the trace is there.
			if rep.Trace == nil || rep.Country != "DE" || rep.Colo != "AMS" || rep.ColoCity != "Amsterdam" {
				t.Errorf("trace not applied: trace=%v country=%q colo=%q city=%q", rep.Trace, rep.Country, rep.Colo, rep.ColoCity)
			}
			if rep.Contact != "mailto:owner@shop.example" {
				t.Errorf("contact %q", rep.Contact)
			}
			if rep.Verdict != VerdictOK && rep.RayID != ray {
				t.Errorf("ray %q", rep.RayID)
			}
		})
	}
}

func TestCheckRateLimitWaitFromRetryAfter(t *testing.T) {
	e := newEdge(t, false)
	rep := check(t, e, "/1015", e.opts())
	if rep.RetryAfter != 300 {
		t.Fatalf("retry-after %d", rep.RetryAfter)
	}
	if !strings.Contains(rep.Steps[0].Title, "5 minutes") {
		t.Errorf("first step %q does not say how long", rep.Steps[0].Title)
	}
}

func TestCheckWARPFirstStep(t *testing.T) {
	e := newEdge(t, true)
	e.warp = "on"
	rep := check(t, e, "/1020", e.opts())
	if !rep.Local.WARP || rep.Steps[0].ID != StepWARPOff {
		t.Fatalf("warp=%v steps=%v", rep.Local.WARP, stepIDs(rep))
	}
	if !strings.Contains(rep.OwnerMessage, "VPN/WARP") || !strings.Contains(rep.OwnerMessage, "203.0.113.50") ||
		!strings.Contains(rep.OwnerMessage, "Germany (DE)") || !strings.Contains(rep.OwnerMessage, "2026-11-28 09:30:00") {
		t.Errorf("owner message incomplete:\n%s", rep.OwnerMessage)
	}
}

func TestCheckUserAgentRuleExposed(t *testing.T) {
	e := newEdge(t, true)
	rep := check(t, e, "/ua-rule", e.opts())
	if rep.Verdict != VerdictOK {
		t.Fatalf("browser request: %s", rep.Verdict)
	}
	if rep.PlainUA == nil || rep.PlainUA.ErrorCode != 1010 || rep.PlainUA.Verdict != VerdictBlocked {
		t.Fatalf("plain UA result %+v", rep.PlainUA)
	}
	if !strings.Contains(strings.Join(rep.Evidence, " "), "treats programs differently") {
		t.Errorf("difference not explained: %v", rep.Evidence)
	}
}

func TestHostileServers(t *testing.T) {
	e := newEdge(t, true)
	// Compress the bomb now: made inside the first request, its 64 MiB
	// would count against the check's time limit (seconds under -race).
	gzipBomb()
	const timeout = 1500 * time.Millisecond
	cases := []struct {
		path    string
		verdict Verdict
		kind    string
		check   func(t *testing.T, r Report)
	}{
		{"/hang", VerdictUnreachable, "timeout", func(t *testing.T, r Report) {
			// The wait in words, never Go's "2s", in English and Japanese.
			if !strings.Contains(r.Explanation, "within 2 seconds") {
				t.Errorf("explanation: %q", r.Explanation)
			}
			Localize(&r, "ja")
			if !strings.Contains(r.Explanation, "2 秒以内") || !strings.Contains(strings.Join(r.Evidence, "\n"), "2 秒以内") {
				t.Errorf("Japanese: %q %v", r.Explanation, r.Evidence)
			}
		}},
		{"/trickle", VerdictUnreachable, "slow", nil},
		{"/loop", VerdictOriginError, "redirects", func(t *testing.T, r Report) {
			if len(r.Redirects) != maxRedirects {
				t.Errorf("%d redirects recorded, want %d", len(r.Redirects), maxRedirects)
			}
		}},
		{"/hugeheaders", VerdictUnreachable, "headers", nil},
		{"/endless", VerdictBlocked, "", func(t *testing.T, r Report) {
			if !r.BodyTruncated || r.ErrorCode != 1020 {
				t.Errorf("truncated=%v code=%d", r.BodyTruncated, r.ErrorCode)
			}
		}},
		{"/bomb", VerdictOK, "", func(t *testing.T, r Report) {
			if !r.BodyTruncated {
				t.Error("64 MiB bomb not capped")
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			o := e.opts()
			o.Timeout = timeout
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			rep := check(t, e, tc.path, o)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if rep.Verdict != tc.verdict || rep.FailureKind != tc.kind {
				t.Fatalf("verdict %s kind %q, want %s %q; evidence %v", rep.Verdict, rep.FailureKind, tc.verdict, tc.kind, rep.Evidence)
			}
			if rep.Headline == "" || len(rep.Evidence) == 0 {
				t.Error("no headline or evidence")
			}
			// Bounded by the timeout, not by the server: a check that ignored its
			// deadline would run for as long as the server sends (forever for
			// /hang and /endless). The margin is wide on purpose — a loaded
			// 2-core machine compiling Fyne beside the tests is slow, not wrong;
			// TestReadBodyStopsAtDeadline checks the deadline exactly.
			if took > timeout+30*time.Second {
				t.Errorf("took %s with a %s timeout", took, timeout)
			}
			// Memory: the check reads at most a few capped bodies.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 48<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
			if tc.check != nil {
				tc.check(t, rep)
			}
		})
	}
}

func TestBadCertificateIsAVerdict(t *testing.T) {
	e := newEdge(t, true)
	o := e.opts()
	o.RootCAs = nil // the system roots do not trust httptest's certificate
	rep := check(t, e, "/ok", o)
	if rep.Verdict != VerdictUnreachable || rep.FailureKind != "tls" {
		t.Fatalf("verdict %s kind %s: %v", rep.Verdict, rep.FailureKind, rep.Evidence)
	}
	if !strings.Contains(rep.Explanation, "certificate") {
		t.Errorf("explanation %q", rep.Explanation)
	}
}

func TestCancelStopsCheck(t *testing.T) {
	e := newEdge(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	o := e.opts()
	o.Timeout = time.Minute
	var stages []Stage
	var mu sync.Mutex
	o.Progress = func(s Stage) { mu.Lock(); stages = append(stages, s); mu.Unlock() }
	done := make(chan Report)
	go func() {
		rep, _ := Check(ctx, e.URL+"/hang", o)
		done <- rep
	}()
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case rep := <-done:
		if rep.FailureKind != "cancelled" || rep.Headline != "Check cancelled" {
			t.Fatalf("kind %q headline %q", rep.FailureKind, rep.Headline)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("cancel did not stop the check")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(stages) < 3 || stages[len(stages)-1] != StageDone {
		t.Errorf("stages %v", stages)
	}
}

func TestDNSFailureIsAVerdict(t *testing.T) {
	o := Options{SkipLocal: true, Timeout: 2 * time.Second,
		Resolver: func(ctx context.Context, host string) ([]string, error) {
			return nil, &netDNSNotFound{host}
		}}
	// A name under .invalid never resolves (RFC 6761), and the resolver
	// above answers without the network.
	o.Client = clientFailingDNS()
	rep, err := Check(context.Background(), "no-such-site.invalid", o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != VerdictDNSError || !strings.Contains(rep.Headline, "cannot be found") || !hasStep(rep, StepCheckAddress) {
		t.Fatalf("verdict %s headline %q steps %v", rep.Verdict, rep.Headline, stepIDs(rep))
	}
}

func TestBadInputIsAnError(t *testing.T) {
	_, err := Check(context.Background(), "ftp://example.com", Options{})
	if !address.IsInputError(err) {
		t.Fatalf("got %v", err)
	}
}

// A look-up that could not run (no network, DNS server silent) is about
// this computer, not the site: no "check for typos", no "domain expired".
func TestDNSLookupFailureBlamesTheConnection(t *testing.T) {
	unreachable := &net.DNSError{Err: "dial udp 10.255.255.53:53: connect: network is unreachable", Name: "shop.example", IsTemporary: true}
	o := Options{SkipLocal: true, Timeout: 2 * time.Second,
		Resolver: func(ctx context.Context, host string) ([]string, error) { return nil, unreachable }}
	o.Client = &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return nil, &net.OpError{Op: "dial", Net: network, Err: unreachable}
		},
	}}
	rep, err := Check(context.Background(), "shop.example", o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != VerdictDNSError || rep.FailureKind != "lookup" {
		t.Fatalf("verdict %s failure %q", rep.Verdict, rep.FailureKind)
	}
	if !strings.Contains(rep.Headline, "Your computer could not look up") || strings.Contains(rep.Explanation, "expired") {
		t.Fatalf("headline %q explanation %q", rep.Headline, rep.Explanation)
	}
	if !hasStep(rep, StepCheckNetwork) || !hasStep(rep, StepOtherNetwork) || hasStep(rep, StepCheckAddress) {
		t.Fatalf("steps %v", stepIDs(rep))
	}
	// The system's words ("dial udp … network is unreachable") are a
	// technical detail, not part of any sentence.
	said := rep.Headline + rep.Explanation + strings.Join(rep.Evidence, " ")
	if strings.Contains(said, "dial udp") || !strings.Contains(rep.FailureDetail, "network is unreachable") {
		t.Errorf("said %q; detail %q", said, rep.FailureDetail)
	}
	if !strings.Contains(rep.Text(), "Technical detail: dial udp") {
		t.Errorf("the report lacks the detail:\n%s", rep.Text())
	}
}

// TestDroppedConnectionInWords: a server that accepts and hangs up at once
// gets a sentence in the reader's words; what Go said about it ("EOF",
// "connection reset") stays a technical detail.
func TestDroppedConnectionInWords(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	rep, err := Check(context.Background(), "http://"+ln.Addr().String()+"/", Options{SkipLocal: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != VerdictUnreachable || rep.FailureKind != "network" || rep.FailureDetail == "" {
		t.Fatalf("verdict %s kind %q detail %q", rep.Verdict, rep.FailureKind, rep.FailureDetail)
	}
	Localize(&rep, "de")
	said := rep.Headline + rep.Explanation + strings.Join(rep.Evidence, " ")
	if strings.Contains(said, rep.FailureDetail) || strings.Contains(said, "EOF") || !strings.Contains(said, "RayFix konnte keine Verbindung zur Website herstellen") {
		t.Errorf("German: %q", said)
	}
}

// endlessZeros is a decoded stream that never ends.
type endlessZeros struct{}

func (endlessZeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestReadBodyStopsAtDeadline: decompressing a body that is already in
// memory stops at the deadline (the network is not involved, so only the
// engine's own check can stop it), and what was read is marked cut, not a
// whole page. No clock: the context is cancelled before and during the read.
func TestReadBodyStopsAtDeadline(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		zw := gzip.NewWriter(pw)
		_, _ = io.Copy(zw, io.LimitReader(endlessZeros{}, 8<<20))
		_ = zw.Close()
		_ = pw.Close()
	}()
	resp := &http.Response{Header: http.Header{"Content-Encoding": {"gzip"}}, Body: pr}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	body, truncated, cut := readBody(ctx, resp, 4<<20)
	if len(body) != 0 || truncated || !cut {
		t.Fatalf("after the deadline: %d bytes, truncated %v, cut %v", len(body), truncated, cut)
	}
	_ = pr.Close()

	// Cancelled part-way: the reader sees it within one small step.
	var n int
	stopAfter := &countingReader{r: endlessZeros{}, after: 1 << 20, cancel: nil}
	ctx, cancel = context.WithCancel(context.Background())
	stopAfter.cancel = cancel
	body, truncated, cut = readBody(ctx, &http.Response{Header: http.Header{}, Body: io.NopCloser(stopAfter)}, 64<<20)
	n = len(body)
	if truncated || !cut || n > 1<<20+32<<10 {
		t.Fatalf("cancelled at 1 MiB: read %d bytes, truncated %v, cut %v", n, truncated, cut)
	}
}

// countingReader cancels its context once `after` bytes went through.
type countingReader struct {
	r      io.Reader
	n      int
	after  int
	cancel context.CancelFunc
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	if c.n >= c.after {
		c.cancel()
	}
	return n, err
}

// The page's address and the one Cloudflare's trace sees differ: both are
// said, with why, instead of one beside the other's country.
func TestPageAndTraceAddressesDiffer(t *testing.T) {
	e := newEdge(t, false)
	rep := check(t, e, "/1020-other-ip", Options{SkipLocal: true, Now: func() time.Time { return testNow }})
	if rep.ClientIP != "198.51.100.77" || rep.TraceIP != "203.0.113.50" {
		t.Fatalf("page %q trace %q", rep.ClientIP, rep.TraceIP)
	}
	if !strings.Contains(strings.Join(rep.Evidence, " "), "the page may be an older copy") {
		t.Errorf("evidence: %v", rep.Evidence)
	}
	if !strings.Contains(rep.OwnerMessage, "My address as Cloudflare sees it now: 203.0.113.50, in Germany (DE) — not the address the page shows") {
		t.Errorf("message:\n%s", rep.OwnerMessage)
	}
}

// Typed without a scheme, a site that speaks only plain HTTP is checked
// over http://, and the report says so in words (not "tls: first record…").
func TestPlainHTTPSiteTypedWithoutScheme(t *testing.T) {
	e := newEdge(t, false)
	typed := strings.TrimPrefix(e.URL, "http://") + "/ok"
	rep, err := Check(context.Background(), typed, Options{SkipLocal: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verdict != VerdictOK || !strings.HasPrefix(rep.URL, "http://") || rep.Input != typed ||
		!strings.Contains(rep.Evidence[0], "does not answer HTTPS there, so RayFix checked http://") {
		t.Fatalf("%q %q %v", rep.Verdict, rep.URL, rep.Evidence)
	}
	for _, ev := range rep.Evidence {
		if strings.Contains(ev, "first record") {
			t.Errorf("raw TLS text: %s", ev)
		}
	}
	// Typed with https://, RayFix does not switch by itself: it says to try http://.
	rep, _ = Check(context.Background(), "https://"+typed, Options{SkipLocal: true})
	if rep.FailureKind != "plain_http" || !strings.Contains(strings.Join(rep.Evidence, " "), "Try the address with http://") {
		t.Fatalf("https typed: %q %v", rep.FailureKind, rep.Evidence)
	}
}

// International names are shown as typed, not as xn--.
func TestInternationalNamesShownAsTyped(t *testing.T) {
	rep := Report{URL: "https://xn--bcher-kva.example/shop", Classification: Classification{Verdict: VerdictBlocked, Vendor: VendorCloudflare, ErrorCode: 1020}, CheckedAt: testNow}
	m := OwnerMessage(rep, "")
	if !strings.Contains(m, "https://bücher.example/shop") || strings.Contains(m, "xn--") {
		t.Fatalf("message:\n%s", m)
	}
	if h, _ := Summarize(rep); strings.Contains(h, "xn--") {
		t.Fatalf("headline %q", h)
	}
}
