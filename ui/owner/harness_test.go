package owner

import (
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/ui/kit"
	"rayfix/ui/kit/kittest"
)

// harness is owner mode in a window of the headless test app, against a
// fake Cloudflare API on loopback, with a keychain of the test's own.
type harness struct {
	app    fyne.App
	win    fyne.Window
	host   *Host
	o      *View
	mu     sync.Mutex
	opened []*url.URL
	starts int              // times owner mode went back to the two doors
	srv    *httptest.Server // the fake Cloudflare API
}

func ownerHarness(t *testing.T, keeper *memKeeper) (*harness, *fakecf.API) {
	t.Helper()
	t.Setenv("CLOUDFLARE_API_TOKEN", "")
	f := fakecf.NewDemo()
	f.Tokens[realLookingToken] = "active"
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	a := test.NewTempApp(t)
	h := &harness{app: a, srv: srv}
	// Widgets are built under the UI lock: a background result of an
	// earlier test may still be drawing through Fyne's shared caches.
	kit.UIMu.Lock()
	defer kit.UIMu.Unlock()
	h.win = a.NewWindow("RayFix")
	h.win.Resize(fyne.NewSize(820, 700))
	h.host = &Host{App: a, Win: h.win, Keeper: keeper, StartDemo: fakecf.StartDemo,
		ShowStart: func() { h.starts++ },
		OpenURL:   func(u *url.URL) error { h.mu.Lock(); h.opened = append(h.opened, u); h.mu.Unlock(); return nil },
		NewConn: func(tok string) *cfapi.Connection {
			return cfapi.NewConnectionTo(tok, srv.URL+"/client/v4/")
		},
		DataDir: t.TempDir(), JournalDir: t.TempDir(), ArchivePath: filepath.Join(t.TempDir(), "events.db")}
	h.o = New(h.host)
	h.win.SetContent(h.o.Content())
	// Registered after the folders above, so it runs before they are
	// removed: work in flight (a change being journaled) finishes first.
	t.Cleanup(func() {
		h.ui(h.o.Stop) // late results become no-ops
		h.o.Wait()
		h.host.CloseArchive()
	})
	return h, f
}

// enter opens the owner door, as the start screen's button does; call it
// inside h.ui.
func (h *harness) enter() {
	h.win.SetContent(h.o.Content())
	h.o.Enter()
}

// ui runs f as the UI goroutine would: serialised with the callbacks that
// background work delivers (see kit.UIMu).
func (h *harness) ui(f func()) {
	kit.UIMu.Lock()
	defer kit.UIMu.Unlock()
	f()
}

func texts(o fyne.CanvasObject) []string { return kittest.Texts(o, nil) }

func has(all []string, sub string) bool { return kittest.Has(all, sub) }

func findButtonIn(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	return kittest.FindButtonIn(t, root, text)
}

func findButton(t *testing.T, d dialog.Dialog, text string) *widget.Button {
	t.Helper()
	return kittest.FindButton(t, d, text)
}

func (h *harness) shownOverlays() []string {
	var out []string
	h.ui(func() { out = kittest.OverlayTexts(h.win) })
	return out
}

var enterKey = &fyne.KeyEvent{Name: fyne.KeyReturn}
