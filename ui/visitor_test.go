package ui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rayfix/diagnose"
)

// edge is a loopback stand-in for a Cloudflare edge.
func edge(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "cloudflare")
		w.Header().Set("Cf-Ray", "8e2f0a1b2c3d4e5f-CDG")
		switch r.URL.Path {
		case "/cdn-cgi/trace":
			fmt.Fprint(w, "fl=1\nh=x\nip=192.0.2.44\nts=1\ncolo=CDG\nloc=FR\nwarp=off\ngateway=off\n")
		case "/blocked":
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(403)
			fmt.Fprint(w, "error code: 1020")
		case "/hang":
			<-r.Context().Done()
		default:
			fmt.Fprint(w, "<html><body>ok</body></html>")
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// texts collects every label and check text under o, so tests assert on what
// a person would read.
func texts(o fyne.CanvasObject) []string {
	var out []string
	switch x := o.(type) {
	case *widget.Label:
		out = append(out, x.Text)
	case *widget.Check:
		out = append(out, x.Text)
	case *widget.Form:
		for _, it := range x.Items {
			out = append(out, it.Text)
			out = append(out, texts(it.Widget)...)
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, texts(c)...)
		}
	case *container.Scroll:
		out = append(out, texts(x.Content)...)
	}
	return out
}

func has(all []string, sub string) bool {
	for _, s := range all {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func newTestView(t *testing.T) (*visitorView, chan diagnose.Report, fyne.Window) {
	a := test.NewTempApp(t)
	w := a.NewWindow("RayFix")
	v := newVisitorView(w, RealEngine{Opts: diagnose.Options{SkipLocal: true, Timeout: 5 * time.Second}})
	results := make(chan diagnose.Report, 1)
	v.OnResult = func(r diagnose.Report) { results <- r }
	w.SetContent(v.content)
	w.Resize(fyne.NewSize(760, 640))
	return v, results, w
}

// onUI runs f as the UI goroutine would: serialised with the callbacks that
// background work delivers (see task.ui).
func onUI(v *visitorView, f func()) {
	v.job.ui.Lock()
	defer v.job.ui.Unlock()
	f()
}

func waitResult(t *testing.T, ch chan diagnose.Report) diagnose.Report {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(15 * time.Second):
		t.Fatal("no result")
	}
	return diagnose.Report{}
}

func TestVisitorTypeAndCheck1020(t *testing.T) {
	srv := edge(t)
	v, results, _ := newTestView(t)
	onUI(v, func() { test.Type(v.url, srv.URL+"/blocked"); test.Tap(v.check) })
	rep := waitResult(t, results)
	shown := texts(v.card)
	for _, want := range []string{"The site's Cloudflare firewall blocked you — Error 1020", "8e2f0a1b2c3d4e5f", "Paris (CDG)", "192.0.2.44", "France (FR)", "Send the site owner a message"} {
		if !has(shown, want) {
			t.Errorf("card lacks %q; shows %q", want, shown)
		}
	}
	if rep.RayID != "8e2f0a1b2c3d4e5f" || v.check.Disabled() {
		t.Errorf("ray %q, check disabled=%v", rep.RayID, v.check.Disabled())
	}
	if v.cancel.Visible() {
		t.Error("Cancel still shown after the check")
	}
}

func TestVisitorEnterRunsCheck(t *testing.T) {
	srv := edge(t)
	v, results, _ := newTestView(t)
	onUI(v, func() { test.Type(v.url, srv.URL+"/"); v.url.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	waitResult(t, results)
	if !has(texts(v.card), "Nothing is blocking you from here") {
		t.Errorf("card: %q", texts(v.card))
	}
}

func TestVisitorBadInputShownAtField(t *testing.T) {
	v, _, _ := newTestView(t)
	test.Type(v.url, "ftp://example.com")
	test.Tap(v.check)
	if !v.inputErr.Visible() || !strings.Contains(v.inputErr.Text, "only check web pages") {
		t.Fatalf("input error: visible=%v %q", v.inputErr.Visible(), v.inputErr.Text)
	}
	if v.cancel.Visible() {
		t.Error("a refused address started a check")
	}
}

func TestVisitorEscapeCancels(t *testing.T) {
	srv := edge(t)
	v, results, _ := newTestView(t)
	onUI(v, func() { test.Type(v.url, srv.URL+"/hang"); test.Tap(v.check) })
	time.Sleep(150 * time.Millisecond)
	onUI(v, func() { v.url.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	rep := waitResult(t, results)
	if rep.FailureKind != "cancelled" || !has(texts(v.card), "Check cancelled") {
		t.Fatalf("kind %q card %q", rep.FailureKind, texts(v.card))
	}
}
