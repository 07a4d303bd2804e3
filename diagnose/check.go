package diagnose

import (
	"context"
	"crypto/x509"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"rayfix/diagnose/address"
	"rayfix/diagnose/cfedge"
	"rayfix/diagnose/localnet"
	"rayfix/diagnose/places"
	"rayfix/internal/i18n"
)

// DefaultTimeout bounds a whole check.
const DefaultTimeout = 20 * time.Second

// Stage names what a running check is doing, for a progress line.
type Stage string

// Stages, worded for the visitor.
const (
	StageLookup Stage = "Looking up the site…"
	StageFetch  Stage = "Asking the site…"
	StageTrace  Stage = "Asking Cloudflare what it sees of you…"
	StageDone   Stage = "Done"
)

// Options tune a check. The zero value is what the app uses.
type Options struct {
	Timeout time.Duration // whole check; DefaultTimeout when zero
	// Client replaces the HTTP client (tests); RootCAs adds trust roots to
	// the default one (tests with a loopback TLS server).
	Client  *http.Client
	RootCAs *x509.CertPool
	// Resolver looks up host addresses; net.DefaultResolver when nil.
	Resolver  func(ctx context.Context, host string) ([]string, error)
	SkipLocal bool        // do not inspect interfaces and proxy settings
	Progress  func(Stage) // called from the check's goroutines
	Now       func() time.Time
	Lang      i18n.Tag // the language of the report's words ("" = English)
}

// DNSResult is what the host name resolved to.
type DNSResult struct {
	Addresses    []string `json:"addresses"`
	OnCloudflare bool     `json:"on_cloudflare"`
	Error        string   `json:"error,omitempty"`
}

// PlainResult is the second request, made as a plain program.
type PlainResult struct {
	Status    int     `json:"status"`
	Verdict   Verdict `json:"verdict"`
	ErrorCode int     `json:"error_code"`
}

// Report is everything one check found. Its JSON is the CLI's --json output.
type Report struct {
	Input    string `json:"input"`
	URL      string `json:"url"`
	FinalURL string `json:"final_url"`
	Status   int    `json:"status"`
	Classification
	ColoCity      string            `json:"colo_city"`
	Country       string            `json:"country"`
	Trace         map[string]string `json:"trace"`
	TraceIP       string            `json:"trace_ip,omitempty"` // the address Cloudflare's trace saw, which may differ from the page's
	DNS           DNSResult         `json:"dns"`
	Redirects     []Redirect        `json:"redirects"`
	PlainUA       *PlainResult      `json:"plain_ua"`
	Local         localnet.Network  `json:"local"`
	RetryAfter    int               `json:"retry_after_s,omitempty"`
	BodyTruncated bool              `json:"body_truncated"`
	Contact       string            `json:"contact"`
	// ContactChecked: RayFix looked for a published contact (security.txt);
	// false for a pasted page, where nothing was looked up.
	ContactChecked bool `json:"contact_checked"`
	// OwnerLanguages are the languages the site's security.txt says its
	// owner prefers (Preferred-Languages, RFC 9116), in order.
	OwnerLanguages []string  `json:"owner_languages,omitempty"`
	Headline       string    `json:"headline"`
	Explanation    string    `json:"explanation"`
	Steps          []Step    `json:"steps"`
	OwnerMessage   string    `json:"owner_message"`
	CheckedAt      time.Time `json:"checked_at"`
	// Pasted: the report is of a page the visitor pasted or saved — not a
	// check RayFix made: nothing was fetched or looked up.
	Pasted      bool   `json:"pasted,omitempty"`
	ElapsedMS   int64  `json:"elapsed_ms"`
	FailureKind string `json:"failure,omitempty"`
	// FailureDetail is the system's own words for a failure (Go's error
	// text): shown only as a technical detail, never in a sentence.
	FailureDetail string `json:"failure_detail,omitempty"`
	// Language is the language of the report's words (headline,
	// explanation, steps); field names and values stay English.
	Language string `json:"language"`
}

// Check runs a full visitor check of input. The error is non-nil only when
// the check could not run at all (bad input); a site that cannot be reached
// is a verdict in the Report, not an error.
func Check(ctx context.Context, input string, o Options) (Report, error) {
	rep, err := checkOnce(ctx, input, o)
	if err != nil || rep.FailureKind != "plain_http" {
		return rep, err
	}
	if typed := strings.TrimSpace(input); !strings.Contains(typed, "://") {
		// Typed without a scheme: the site only speaks plain HTTP there,
		// so check that, and say so.
		plain, err := checkOnce(ctx, "http://"+typed, o)
		if err == nil {
			plain.Input = input
			plain.prependNote("You typed the address without http:// or https://. The site does not answer HTTPS there, so RayFix checked %s instead: the connection to it is not encrypted.", plain.URL)
			return plain, nil
		}
	}
	rep.note("Try the address with http:// instead of https://: the site answers plain HTTP there.")
	return rep, nil
}

// checkOnce is one check of one address.
func checkOnce(ctx context.Context, input string, o Options) (Report, error) {
	u, err := address.NormalizeURL(input)
	if err != nil {
		return Report{}, err
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	progress := func(s Stage) {
		if o.Progress != nil {
			o.Progress(s)
		}
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	client := newClient(o)
	if o.Client == nil {
		// Each check has its own transport; close its idle connections so
		// repeated checks (watching a site) do not pile them up.
		defer client.CloseIdleConnections()
	}

	rep := Report{Input: input, URL: u.String(), FinalURL: u.String(), CheckedAt: now().UTC(), Redirects: []Redirect{}, Language: string(o.Lang)}
	origin := &url.URL{Scheme: u.Scheme, Host: u.Host}

	// Everything runs at once, so the check takes as long as the slowest
	// single request rather than their sum.
	var wg sync.WaitGroup
	var main, trace, plain fetchResult
	var contact string
	var ownerLangs []string
	run := func(f func()) { wg.Add(1); go func() { defer wg.Done(); f() }() }
	run(func() { progress(StageLookup); rep.DNS = resolve(ctx, u.Hostname(), o.Resolver) })
	run(func() { progress(StageFetch); main = fetch(ctx, client, u.String(), true, MaxBody) })
	run(func() {
		progress(StageTrace)
		tu := *origin
		tu.Path = "/cdn-cgi/trace"
		trace = fetch(ctx, client, tu.String(), true, 16<<10)
	})
	run(func() { plain = fetch(ctx, client, u.String(), false, MaxBody) })
	run(func() { contact, ownerLangs = fetchContact(ctx, client, origin) })
	if !o.SkipLocal {
		run(func() { rep.Local = localnet.Inspect() })
	} else {
		rep.Local.VPNInterfaces = []string{}
	}
	wg.Wait()
	progress(StageDone)

	rep.Contact, rep.ContactChecked, rep.OwnerLanguages = contact, true, ownerLangs
	rep.Redirects = append(rep.Redirects, main.Redirects...)
	if main.Err == nil || main.Status > 0 {
		readMain(&rep, main, o.Timeout)
	} else {
		failedMain(&rep, main, o.Timeout)
	}
	conclude(&rep, trace, plain)
	rep.ElapsedMS = time.Since(start).Milliseconds()
	return rep, nil
}

// conclude adds what the other requests found (the address, the trace,
// the plain client), then the words: headline, steps, owner message.
func conclude(rep *Report, trace, plain fetchResult) {
	if rep.DNS.OnCloudflare {
		rep.Cloudflare = true
		rep.note("The site's address (%s) belongs to Cloudflare.", firstOr(rep.DNS.Addresses, ""))
	}
	if tr := cfedge.ParseTrace(trace.Body); trace.Err == nil && trace.Status == http.StatusOK && tr != nil {
		applyTrace(rep, tr)
	}
	if plain.Err == nil && plain.Status > 0 {
		pc := ClassifyPage(plain.Status, plain.Header, plain.Body)
		rep.PlainUA = &PlainResult{Status: plain.Status, Verdict: pc.Verdict, ErrorCode: pc.ErrorCode}
		comparePlain(rep, pc)
	}
	if rep.ColoCity == "" {
		rep.ColoCity = places.ColoCity(rep.Colo)
	}
	rep.OwnerMessage = OwnerMessage(*rep, "")
	Localize(rep, i18n.Tag(rep.Language))
}

// readMain classifies the page the site answered with.
func readMain(rep *Report, main fetchResult, timeout time.Duration) {
	rep.Status, rep.FinalURL, rep.BodyTruncated = main.Status, main.FinalURL, main.Truncated
	rep.Classification = ClassifyPage(main.Status, main.Header, main.Body)
	if main.Truncated {
		rep.note("The page was larger than %d KB; only the first %d KB were read.", MaxBody>>10, MaxBody>>10)
	}
	if main.Cut {
		rep.note("The site stopped sending the page part-way (or too slowly to finish in %s).", span(timeout))
		if rep.Verdict == VerdictOK {
			rep.Verdict, rep.FailureKind = VerdictUnreachable, "slow"
			rep.note("Without the whole page we cannot say the site works: it is too slow or broken right now.")
		}
	}
	if n, err := strconv.Atoi(main.Header.Get("Retry-After")); err == nil && n > 0 {
		rep.RetryAfter = n
	}
}

// failedMain words a site that gave no answer at all.
func failedMain(rep *Report, main fetchResult, timeout time.Duration) {
	f := explainError(main.Err, timeout)
	rep.Classification = Classification{Verdict: f.verdict}
	rep.note(f.format, f.args...)
	rep.FailureKind, rep.FailureDetail = f.kind, f.detail
	if f.kind == "dns" || f.kind == "lookup" || rep.DNS.Error != "" && f.kind != "timeout" {
		rep.Verdict = VerdictDNSError
		rep.Product = ProductDNS
	}
}

func firstOr(ss []string, def string) string {
	if len(ss) > 0 {
		return ss[0]
	}
	return def
}

func resolve(ctx context.Context, host string, lookup func(context.Context, string) ([]string, error)) DNSResult {
	res := DNSResult{Addresses: []string{}}
	if ip := net.ParseIP(host); ip != nil {
		res.Addresses = []string{ip.String()}
	} else {
		if lookup == nil {
			lookup = net.DefaultResolver.LookupHost
		}
		addrs, err := lookup(ctx, host)
		if err != nil {
			res.Error = explainError(err, 0).text
			return res
		}
		res.Addresses = addrs
	}
	for _, a := range res.Addresses {
		if cfedge.IsCloudflareIP(a) {
			res.OnCloudflare = true
		}
	}
	return res
}

func applyTrace(rep *Report, tr map[string]string) {
	rep.Trace = tr
	rep.Cloudflare = true
	rep.Country = tr["loc"]
	rep.TraceIP = tr["ip"]
	switch {
	case rep.ClientIP == "":
		rep.ClientIP = tr["ip"]
	case tr["ip"] != "" && rep.ClientIP != tr["ip"]:
		rep.note("The page shows the address %s, but Cloudflare's trace sees you as %s right now: the page may be an older copy, or the two requests left by different routes (a VPN or proxy, or IPv6 beside IPv4). The country is the one of %s.", rep.ClientIP, tr["ip"], tr["ip"])
	}
	if rep.Colo == "" {
		rep.Colo = tr["colo"]
	}
	rep.Local.WARP = cfedge.TraceOn(tr, "warp")
	rep.Local.Gateway = cfedge.TraceOn(tr, "gateway")
	rep.note("Cloudflare's trace says it sees you as %s in %s, through its %s data centre.", tr["ip"], country(tr["loc"]), tr["colo"])
	if rep.Local.WARP {
		rep.note("Cloudflare WARP is on (warp=%s): sites see WARP's address, not your own.", tr["warp"])
	}
}

// comparePlain explains what differs when we ask as a plain program.
func comparePlain(rep *Report, pc Classification) {
	mainBad := rep.Verdict != VerdictOK
	plainBad := pc.Verdict != VerdictOK
	switch {
	case !mainBad && plainBad:
		if pc.ErrorCode != 0 {
			rep.note("Asked as a plain program (not a browser), the site answers with error %d: it treats programs differently (a user-agent rule or Browser Integrity Check). Your browser should get through.", pc.ErrorCode)
		} else {
			rep.note("Asked as a plain program (not a browser), the site does not let it through: it treats programs differently (a user-agent rule or Browser Integrity Check). Your browser should get through.")
		}
	case mainBad && !plainBad:
		rep.note("Asked as a plain program, the site answers normally: the rule looks at browser details (headers or user agent).")
	case mainBad && plainBad && pc.ErrorCode == rep.ErrorCode && rep.ErrorCode != 0:
		rep.note("A plain program gets the same error %d: the block does not depend on your browser.", pc.ErrorCode)
	}
}

// ReportFromPage builds a report for a page the visitor pasted or saved:
// the same verdict, headline and steps as a live check, from ClassifyPage.
// Its time is the one the page prints (PageTime), never the moment of
// pasting.
func ReportFromPage(body []byte, now time.Time) Report {
	c := ClassifyPage(0, nil, body)
	rep := Report{Classification: c, CheckedAt: now.UTC(), Redirects: []Redirect{}, Pasted: true}
	rep.Local.VPNInterfaces = []string{}
	if host := hostFromPage(c.Title, body); host != "" {
		rep.URL, rep.FinalURL = "https://"+host+"/", "https://"+host+"/"
	}
	rep.ColoCity = places.ColoCity(rep.Colo)
	rep.Headline, rep.Explanation = Summarize(rep)
	rep.Steps = Suggest(rep)
	rep.OwnerMessage = OwnerMessage(rep, "")
	return rep
}
