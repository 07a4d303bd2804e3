package diagnose

import (
	"bytes"
	"compress/gzip"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC)

// fakeEdge is a loopback server that behaves like a Cloudflare edge in front
// of a site: it serves block pages, the trace endpoint and security.txt.
type fakeEdge struct {
	*httptest.Server
	delay time.Duration
	warp  string
}

var bombOnce sync.Once
var bombBody []byte

// gzipBomb is 64 MiB of zeros that compresses to about 64 KB.
func gzipBomb() []byte {
	bombOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		chunk := make([]byte, 1<<20)
		for i := 0; i < 64; i++ {
			_, _ = zw.Write(chunk)
		}
		_ = zw.Close()
		bombBody = buf.Bytes()
	})
	return bombBody
}

func (e *fakeEdge) handler(w http.ResponseWriter, r *http.Request) {
	if e.delay > 0 {
		select {
		case <-time.After(e.delay):
		case <-r.Context().Done():
			return
		}
	}
	h := w.Header()
	cf := func() {
		h.Set("Server", "cloudflare")
		h.Set("Cf-Ray", ray+"-AMS")
	}
	browser := strings.Contains(r.UserAgent(), "Mozilla/5.0")
	switch r.URL.Path {
	case "/cdn-cgi/trace":
		cf()
		h.Set("Content-Type", "text/plain")
		warp := e.warp
		if warp == "" {
			warp = "off"
		}
		fmt.Fprintf(w, "fl=12f34\nh=%s\nip=203.0.113.50\nts=1764322200.123\nvisit_scheme=https\nuag=%s\ncolo=AMS\nsliver=none\nhttp=http/1.1\nloc=DE\ntls=TLSv1.3\nsni=plaintext\nwarp=%s\ngateway=off\nrbi=off\nkex=X25519\n", r.Host, r.UserAgent(), warp)
	case "/.well-known/security.txt":
		h.Set("Content-Type", "text/plain")
		fmt.Fprint(w, "# security contact\nContact: https://shop.example/contact\nContact: mailto:owner@shop.example\nExpires: 2030-01-01T00:00:00.000Z\n")
	case "/ok":
		cf()
		fmt.Fprint(w, "<html><head><title>Shop</title></head><body>Welcome</body></html>")
	case "/1020":
		cf()
		w.WriteHeader(403)
		fmt.Fprint(w, modern("1020", "Access denied", "203.0.113.50", true))
	case "/1020-other-ip":
		// The page names another address than the trace sees.
		cf()
		w.WriteHeader(403)
		fmt.Fprint(w, modern("1020", "Access denied", "198.51.100.77", false))
	case "/plain1020":
		cf()
		h.Set("Content-Type", "text/plain; charset=UTF-8")
		w.WriteHeader(403)
		fmt.Fprint(w, "error code: 1020")
	case "/1015":
		cf()
		h.Set("Retry-After", "300")
		w.WriteHeader(429)
		fmt.Fprint(w, modern("1015", "You are being rate limited", "203.0.113.50", false))
	case "/challenge":
		cf()
		h.Set("Cf-Mitigated", "challenge")
		w.WriteHeader(403)
		fmt.Fprint(w, managed2025)
	case "/521":
		cf()
		w.WriteHeader(521)
		fmt.Fprint(w, fiveXX2020("521", "Web server is down"))
	case "/waf":
		cf()
		w.WriteHeader(403)
		fmt.Fprint(w, wafBlock)
	case "/ua-rule":
		// A user-agent rule: browsers pass, programs get 1010.
		cf()
		if !browser {
			w.WriteHeader(403)
			fmt.Fprint(w, "error code: 1010")
			return
		}
		fmt.Fprint(w, "<html><body>Welcome</body></html>")
	case "/loop":
		http.Redirect(w, r, "/loop", http.StatusFound)
	case "/hang":
		<-r.Context().Done()
	case "/trickle":
		w.WriteHeader(200)
		fl := w.(http.Flusher)
		for i := 0; ; i++ {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			fl.Flush()
			select {
			case <-time.After(50 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	case "/endless":
		cf()
		w.WriteHeader(403)
		fmt.Fprint(w, modern("1020", "Access denied", "203.0.113.50", false))
		pad := bytes.Repeat([]byte("<!-- padding -->\n"), 4096)
		for {
			if _, err := w.Write(pad); err != nil {
				return
			}
		}
	case "/bomb":
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Type", "text/html")
		_, _ = w.Write(gzipBomb())
	case "/gzip1015":
		cf()
		h.Set("Content-Encoding", "gzip")
		w.WriteHeader(429)
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, modern("1015", "You are being rate limited", "203.0.113.50", false))
		_ = zw.Close()
	case "/hugeheaders":
		h.Set("X-Huge", strings.Repeat("a", 300<<10))
		fmt.Fprint(w, "ok")
	case "/latin1":
		cf()
		h.Set("Content-Type", "text/html; charset=iso-8859-1")
		w.WriteHeader(403)
		fmt.Fprint(w, cfWrapper("1020", "Acc\xe8s refus\xe9 \xff\xfe", "203.0.113.50"))
	default:
		http.NotFound(w, r)
	}
}

func newEdge(t testing.TB, tls bool) *fakeEdge {
	e := &fakeEdge{}
	e.Server = httptest.NewUnstartedServer(http.HandlerFunc(e.handler))
	e.Config.ErrorLog = log.New(io.Discard, "", 0)
	if tls {
		e.StartTLS()
	} else {
		e.Start()
	}
	t.Cleanup(e.Close)
	return e
}

func (e *fakeEdge) opts() Options {
	pool := x509.NewCertPool()
	if e.Certificate() != nil {
		pool.AddCert(e.Certificate())
	}
	return Options{RootCAs: pool, SkipLocal: true, Timeout: 5 * time.Second, Now: func() time.Time { return testNow }}
}
