package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"rayfix/diagnose"
	"rayfix/ui/kit"
	"rayfix/ui/kit/kittest"
)

// edge is a loopback stand-in for a Cloudflare edge in front of a site.
func edge(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "cloudflare")
		w.Header().Set("Cf-Ray", "8e2f0a1b2c3d4e5f-CDG")
		switch r.URL.Path {
		case "/cdn-cgi/trace":
			fmt.Fprint(w, "fl=1\nh=x\nip=192.0.2.44\nts=1\ncolo=CDG\nloc=FR\nwarp=off\ngateway=off\n")
		case "/.well-known/security.txt":
			fmt.Fprint(w, "Contact: mailto:webmaster@shop.example\n")
		case "/blocked":
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(403)
			fmt.Fprint(w, "error code: 1020")
		case "/limited":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(429)
			fmt.Fprint(w, "error code: 1015")
		case "/challenge":
			w.Header().Set("Cf-Mitigated", "challenge")
			w.WriteHeader(403)
			fmt.Fprint(w, `<html><head><title>Just a moment...</title></head><body><script>window._cf_chl_opt={cType:'managed'}</script></body></html>`)
		case "/down":
			w.WriteHeader(521)
			fmt.Fprint(w, `<html><head><title>shop.example | 521: Web server is down</title></head><body><div id="cf-error-details"><span class="cf-error-code">521</span></div></body></html>`)
		case "/hang":
			<-r.Context().Done()
		default:
			fmt.Fprint(w, "<html><body>ok</body></html>")
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// texts is what a person reads under o, the Ray ID label included.
func texts(o fyne.CanvasObject) []string {
	return kittest.Texts(o, func(o fyne.CanvasObject) (string, bool) {
		if r, ok := o.(*rayIDLabel); ok {
			return r.Text, true
		}
		return "", false
	})
}

func has(all []string, sub string) bool { return kittest.Has(all, sub) }

// harness is a Shell on the headless test app with its results and opened
// links observable.
type harness struct {
	sh      *Shell
	v       *visitorView
	results chan diagnose.Report
	mu      sync.Mutex
	opened  []*url.URL
}

var fixedNow = time.Date(2026, 11, 28, 14, 5, 0, 0, time.UTC)

func newHarness(t *testing.T, eng Engine) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	h := &harness{results: make(chan diagnose.Report, 8)}
	// Widgets are built under the UI lock too: a background result of an
	// earlier test may still be drawing through Fyne's shared caches.
	kit.UIMu.Lock()
	defer kit.UIMu.Unlock()
	h.sh = NewShell(a, eng)
	h.sh.now = func() time.Time { return fixedNow }
	h.sh.openURL = func(u *url.URL) error { h.mu.Lock(); h.opened = append(h.opened, u); h.mu.Unlock(); return nil }
	h.v = h.sh.visitor
	h.v.OnResult = func(r diagnose.Report) { h.results <- r }
	h.sh.ShowVisitor()
	// Registered after the test app, so it runs before the app's folder is
	// removed: a check in flight finishes (and writes its history) first.
	t.Cleanup(func() {
		h.ui(h.v.job.Stop)
		h.v.job.Wait()
	})
	return h
}

func realEngine() Engine {
	return RealEngine{Opts: diagnose.Options{SkipLocal: true, Timeout: 5 * time.Second, Now: func() time.Time { return fixedNow }}}
}

// ui runs f as the UI goroutine would: serialised with the callbacks that
// background work delivers (see kit.UIMu).
func (h *harness) ui(f func()) {
	kit.UIMu.Lock()
	defer kit.UIMu.Unlock()
	f()
}

func (h *harness) check(t *testing.T, address string) diagnose.Report {
	t.Helper()
	h.ui(func() {
		h.v.url.SetText("")
		test.Type(h.v.url, address)
		test.Tap(h.v.check)
	})
	return h.wait(t)
}

func (h *harness) wait(t *testing.T) diagnose.Report {
	t.Helper()
	select {
	case r := <-h.results:
		return r
	case <-time.After(15 * time.Second):
		t.Fatal("no result within 15 s")
	}
	return diagnose.Report{}
}

// shown is what the visitor screen shows now.
func (h *harness) shown() []string {
	var out []string
	h.ui(func() { out = texts(h.v.content) })
	return out
}

// scripted returns an engine that answers from a list, one report per call.
func scripted(reports ...diagnose.Report) (Engine, *int) {
	var mu sync.Mutex
	n := 0
	return EngineFunc(func(ctx context.Context, input string, o diagnose.Options) (diagnose.Report, error) {
		mu.Lock()
		r := reports[min(n, len(reports)-1)]
		n++
		mu.Unlock()
		r.Input, r.URL = input, "https://"+strings.TrimPrefix(input, "https://")
		return r, nil
	}), &n
}

func (h *harness) shownOverlays() []string {
	var out []string
	h.ui(func() { out = kittest.OverlayTexts(h.sh.win) })
	return out
}

// waitShown waits until the window shows text containing want.
func (h *harness) waitShown(t *testing.T, want string) []string {
	t.Helper()
	var shown []string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		h.ui(func() { shown = texts(h.sh.win.Content()) })
		if has(shown, want) {
			return shown
		}
	}
	t.Fatalf("the window never showed %q; it shows %q", want, shown)
	return nil
}
