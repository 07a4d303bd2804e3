package diagnose

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"rayfix/internal/i18n"
)

// MaxBody is how much of a page we read. Block and challenge pages are a few
// kilobytes; the cap keeps an endless or decompression-bomb body harmless.
const MaxBody = 1 << 20

// maxRedirects is how many redirects we follow, like a browser's loop guard.
const maxRedirects = 10

// maxHeaderBytes bounds response headers; real sites send a few KB.
const maxHeaderBytes = 256 << 10

// browserUA is a current desktop Chrome on the visitor's own OS: block rules
// are often written against user agents, so we ask the way their browser does.
func browserUA() string {
	const chrome = "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36"
	switch runtime.GOOS {
	case "windows":
		return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) " + chrome
	case "darwin":
		return "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) " + chrome
	}
	return "Mozilla/5.0 (X11; Linux x86_64) " + chrome
}

// PlainUA is the user agent of the second, non-browser request. It names us
// honestly; the point is to see whether the site treats programs differently.
const PlainUA = "RayFix/0.1 (website access check)"

func setBrowserHeaders(h http.Header) {
	h.Set("User-Agent", browserUA())
	h.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")
	h.Set("Accept-Language", "en-US,en;q=0.9")
	// No "br": the standard library has no Brotli decoder, and we decode
	// ourselves so the size cap applies after decompression.
	h.Set("Accept-Encoding", "gzip, deflate")
	h.Set("Upgrade-Insecure-Requests", "1")
	h.Set("Sec-Fetch-Dest", "document")
	h.Set("Sec-Fetch-Mode", "navigate")
	h.Set("Sec-Fetch-Site", "none")
	h.Set("Sec-Fetch-User", "?1")
	h.Set("Sec-Ch-Ua", `"Chromium";v="143", "Google Chrome";v="143", "Not A(Brand";v="24"`)
	h.Set("Sec-Ch-Ua-Mobile", "?0")
}

// Redirect is one hop the site sent us on.
type Redirect struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Status int    `json:"status"`
}

// fetchResult is one HTTP exchange, successful or not.
type fetchResult struct {
	Status    int
	Header    http.Header
	Body      []byte
	Truncated bool // the body was longer than MaxBody
	Cut       bool // the body stopped early (timeout or broken connection)
	FinalURL  string
	Redirects []Redirect
	Err       error
	Elapsed   time.Duration
}

// newClient builds the HTTP client used for every request of a check.
func newClient(o Options) *http.Client {
	if o.Client != nil {
		return o.Client
	}
	tr := &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:        &tls.Config{RootCAs: o.RootCAs, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    10 * time.Second,
		MaxResponseHeaderBytes: maxHeaderBytes,
		DisableCompression:     true,
		ForceAttemptHTTP2:      true,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        30 * time.Second,
	}
	return &http.Client{Transport: tr}
}

// fetch GETs target and reads at most limit bytes of the decoded body.
func fetch(ctx context.Context, client *http.Client, target string, browser bool, limit int64) fetchResult {
	start := time.Now()
	res := fetchResult{FinalURL: target}
	c := *client
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		prev := via[len(via)-1]
		st := 0
		if req.Response != nil {
			st = req.Response.StatusCode
		}
		res.Redirects = append(res.Redirects, Redirect{From: prev.URL.String(), To: req.URL.String(), Status: st})
		if len(via) >= maxRedirects {
			return errTooManyRedirects
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		res.Err = err
		return res
	}
	if browser {
		setBrowserHeaders(req.Header)
	} else {
		req.Header.Set("User-Agent", PlainUA)
		req.Header.Set("Accept", "*/*")
		req.Header.Set("Accept-Encoding", "gzip")
	}
	resp, err := c.Do(req)
	if err != nil {
		res.Err = err
		res.Elapsed = time.Since(start)
		return res
	}
	defer resp.Body.Close()
	res.Status, res.Header, res.FinalURL = resp.StatusCode, resp.Header, resp.Request.URL.String()
	res.Body, res.Truncated, res.Cut = readBody(ctx, resp, limit)
	if ctx.Err() != nil && !res.Truncated {
		// The deadline came while the page was still arriving; a body that
		// happened to end cleanly at that moment is not a whole page either.
		res.Cut = true
	}
	res.Elapsed = time.Since(start)
	return res
}

var errTooManyRedirects = errors.New("too many redirects")

// readBody decodes gzip/deflate itself and caps the decoded size, so a small
// compressed body cannot expand into gigabytes in memory. It stops at the
// check's deadline even while decompressing what already arrived.
func readBody(ctx context.Context, resp *http.Response, limit int64) (body []byte, truncated, cut bool) {
	var r io.Reader = resp.Body
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, false, true
		}
		defer zr.Close()
		r = zr
	case "deflate":
		r = flate.NewReader(resp.Body)
	}
	buf, err := io.ReadAll(io.LimitReader(ctxReader{ctx, r}, limit+1))
	if int64(len(buf)) > limit {
		return buf[:limit], true, false
	}
	return buf, false, err != nil && !errors.Is(err, io.EOF)
}

// ctxReader ends a read at the context's deadline: decoding a body that is
// already in memory never waits on the network, so the transport's own
// cancellation would not stop it.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if len(p) > 32<<10 { // small steps, so the deadline is looked at often
		p = p[:32<<10]
	}
	return c.r.Read(p)
}

// failure explains a request that got no answer, in words for the visitor.
type failure struct {
	verdict Verdict
	kind    string // timeout, tls, dns, refused, redirects, headers, network
	text    string
	format  string // text as a sentence to translate, and its values
	args    []any
	detail  string // the system's own words (Go's error text): for the details and JSON only
}

// withDetail keeps the system's own words for a failure apart from the
// sentence a person reads.
func (f failure) withDetail(detail string) failure {
	f.detail = detail
	return f
}

// failed words a failure: an English sentence (marked for translation)
// and its values.
func failed(v Verdict, kind, format string, args ...any) failure {
	return failure{verdict: v, kind: kind, text: sprintf(format, args...), format: format, args: args}
}

func explainError(err error, timeout time.Duration) failure {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	switch {
	case errors.Is(err, errTooManyRedirects):
		return failed(VerdictOriginError, "redirects", i18n.N("The site kept sending us to another address (more than %d redirects): it is stuck in a redirect loop. That is a setting on the site, not a problem with you."), maxRedirects)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return failed(VerdictUnreachable, "timeout", i18n.N("The site did not answer within %s."), span(timeout))
	case errors.Is(err, context.Canceled):
		return failed(VerdictUnreachable, "cancelled", i18n.N("The check was cancelled."))
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return failed(VerdictDNSError, "dns", i18n.N("The name %s does not exist in DNS. Check the address for typos."), dnsErr.Name)
		}
		// Not "no such name": the lookup itself did not work (no network,
		// a DNS server not answering), which says nothing about the site.
		return failed(VerdictDNSError, "lookup", i18n.N("This computer could not look up %s: its internet connection or its DNS server is not working."), dnsErr.Name).withDetail(dnsErr.Err)
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalid):
		return failed(VerdictUnreachable, "tls", i18n.N("The site's security certificate could not be verified (%s). Browsers will warn about this site too. Do not type passwords there."), tlsReason(err)).withDetail(lastPart(err))
	case errors.Is(err, http.ErrSchemeMismatch) || errors.As(err, &recordErr) && strings.HasPrefix(string(recordErr.RecordHeader[:]), "HTTP/"):
		return failed(VerdictUnreachable, "plain_http", i18n.N("The site answers without encryption (plain HTTP) on this address, not with HTTPS."))
	case errors.As(err, &recordErr) || strings.Contains(err.Error(), "tls:"):
		return failed(VerdictUnreachable, "tls", i18n.N("The secure (HTTPS) connection to the site failed.")).withDetail(lastPart(err))
	case strings.Contains(err.Error(), "server response headers exceeded"):
		return failed(VerdictUnreachable, "headers", i18n.N("The site sent an oversized answer (its headers were larger than 256 KB) and we stopped reading it."))
	case strings.Contains(err.Error(), "connection refused"):
		return failed(VerdictUnreachable, "refused", i18n.N("The site's server refused the connection: nothing is listening there."))
	}
	return failed(VerdictUnreachable, "network", i18n.N("RayFix could not connect to the site, or the connection broke off before the site answered (the technical detail says which).")).withDetail(lastPart(err))
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func tlsReason(err error) any {
	s := err.Error()
	switch {
	case strings.Contains(s, "unknown authority"):
		return phrase(i18n.N("it was not issued by an authority your computer trusts"))
	case strings.Contains(s, "expired") || strings.Contains(s, "not yet valid"):
		return phrase(i18n.N("it has expired or is not yet valid"))
	case strings.Contains(s, "not valid for") || strings.Contains(s, "doesn't contain any IP SANs"):
		return phrase(i18n.N("it belongs to a different website"))
	}
	return phrase(i18n.N("for a technical reason, shown in the details"))
}

func lastPart(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}
