package owner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"

	"fyne.io/fyne/v2/test"

	"rayfix/app"
)

// memKeeper is a keychain in memory; noKeychain makes it behave like a
// Linux desktop without a Secret Service.
type memKeeper struct {
	mu         sync.Mutex
	tok        string
	noKeychain bool
	saves      int
	deletes    int
}

func (k *memKeeper) Save(_ context.Context, t string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.noKeychain {
		return cfapi.ErrNoKeychain
	}
	k.saves++
	k.tok = t
	return nil
}

func (k *memKeeper) Load(context.Context) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	switch {
	case k.noKeychain:
		return "", cfapi.ErrNoKeychain
	case k.tok == "":
		return "", cfapi.ErrNoToken
	}
	return k.tok, nil
}

func (k *memKeeper) Delete(context.Context) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.deletes++
	k.tok = ""
	return nil
}

const realLookingToken = "UmF5Rml4VUlUZXN0VG9rZW4wMTIzNDU2Nzg5YWJj"

// waitSites waits for the site list to hold the demo site.
func (h *harness) waitSites(t *testing.T) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		ok := false
		h.ui(func() {
			o := h.o
			ok = o.sitesList != nil && o.sitesList.Length() == 1 && len(o.zones) == 1 && o.zones[0].Name == fakecf.DemoZoneName &&
				has(texts(h.win.Content()), "Your sites on Cloudflare")
		})
		if ok {
			return
		}
	}
	t.Fatalf("the site list never showed %s; the window shows %q", fakecf.DemoZoneName, h.shownAll())
}

func (h *harness) shownAll() []string {
	var s []string
	h.ui(func() { s = texts(h.win.Content()) })
	return s
}

// waitShown waits until the window shows text containing want.
func (h *harness) waitShown(t *testing.T, want string) []string {
	t.Helper()
	var shown []string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		h.ui(func() { shown = texts(h.win.Content()) })
		if has(shown, want) {
			return shown
		}
	}
	t.Fatalf("the window never showed %q; it shows %q", want, shown)
	return nil
}

func (h *harness) typeToken(t *testing.T, tok string) {
	h.waitShown(t, "Connect your Cloudflare account")
	h.ui(func() {
		f := h.o.form
		f.token.SetText("")
		test.Type(f.token, tok)
		test.Tap(f.connect)
	})
}

func TestConnectGoodTokenRemembersIt(t *testing.T) {
	k := &memKeeper{}
	h, _ := ownerHarness(t, k)
	h.ui(h.enter)
	h.waitShown(t, "Zone WAF Read — to show custom rules, rate limiting rules and managed rules")
	h.typeToken(t, "  "+realLookingToken+"\n")
	h.waitSites(t)
	shown := h.shownAll()
	if !has(shown, "It has every permission RayFix needs") || !has(shown, "expires 1 Jan 2027") {
		t.Errorf("token summary: %q", shown)
	}
	if k.tok != realLookingToken || k.saves != 1 {
		t.Fatalf("keychain holds %q after %d saves", k.tok, k.saves)
	}
	// A new window (the next start) connects without asking.
	var o2 *View
	h.ui(func() {
		o2 = New(&Host{App: h.app, Win: h.app.NewWindow("RayFix"), Keeper: k, NewConn: h.host.NewConn, ShowStart: func() {}, DataDir: t.TempDir()})
		o2.Enter()
	})
	t.Cleanup(func() { h.ui(o2.Stop) })
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var s []string
		h.ui(func() { s = texts(o2.content) })
		if has(s, "Your sites on Cloudflare") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("restart did not reconnect: %q", s)
		}
	}
}

func TestConnectBadInputAndBadToken(t *testing.T) {
	h, _ := ownerHarness(t, &memKeeper{})
	h.ui(h.enter)
	h.waitShown(t, "Connect your Cloudflare account")
	for in, want := range map[string]string{
		"":                                      "Paste the API token first",
		"abc def":                               "without spaces",
		"0123456789abcdef0123456789abcdef01234": "Global API Key",
		"short":                                 "too short",
	} {
		h.ui(func() {
			f := h.o.form
			f.token.SetText(in)
			test.Tap(f.connect)
			if !f.errLabel.Visible() || !strings.Contains(f.errLabel.Text, want) {
				t.Errorf("%q: %q", in, f.errLabel.Text)
			}
		})
	}
	h.typeToken(t, "ThisTokenIsWrong0123456789abcdefghijklmn")
	shown := h.waitShown(t, "Cloudflare does not accept this token")
	if has(shown, "ThisTokenIsWrong") {
		t.Error("the token is shown in an error")
	}
}

func TestConnectWithoutKeychain(t *testing.T) {
	k := &memKeeper{noKeychain: true}
	h, _ := ownerHarness(t, k)
	h.ui(h.enter)
	shown := h.waitShown(t, "no keychain RayFix can use")
	// The intro agrees with the disabled box: no "kept in the keychain".
	if has(shown, "keeps it in this computer's keychain") || !has(shown, "keeps the token in memory only") {
		t.Errorf("intro contradicts the box: %q", shown)
	}
	h.ui(func() {
		if !h.o.form.remember.Disabled() || h.o.form.remember.Checked {
			t.Error("Remember offered without a keychain")
		}
	})
	h.typeToken(t, realLookingToken)
	h.waitSites(t)
	shown = h.shownAll()
	if !has(shown, "Connected for this session") {
		t.Errorf("session-only not said: %q", shown)
	}
}

func TestMissingPermissionExplained(t *testing.T) {
	h, f := ownerHarness(t, &memKeeper{})
	f.Denied["Zone WAF Read"] = true
	h.ui(h.enter)
	h.typeToken(t, realLookingToken)
	shown := h.waitShown(t, "It lacks:")
	if !has(shown, "✗ Zone WAF Read — RayFix cannot show custom rules") {
		t.Errorf("missing permission: %q", shown)
	}
}

func TestBrowseDemoSite(t *testing.T) {
	h, _ := ownerHarness(t, &memKeeper{})
	h.host.StartDemo = func() (*fakecf.Server, error) {
		d, err := fakecf.StartDemo()
		if err == nil {
			d.Zone().AddAccessRules(10000)
		}
		return d, err
	}
	h.ui(h.enter)
	h.waitShown(t, "Connect your Cloudflare account")
	h.ui(func() { test.Tap(h.o.form.demo) })
	h.waitSites(t)
	h.ui(func() {
		test.Type(h.o.sitesSearch, "nothing-like-this")
		if h.o.sitesList.Length() != 0 {
			t.Error("search did not filter")
		}
		h.o.sitesSearch.SetText("bakery")
		h.o.sitesList.Select(0)
	})
	shown := h.waitShown(t, "4 of 5 custom rules used on the Free plan")
	for _, want := range []string{"Blocks visitors from Russia or China", "Visitor sees: Error 1020", "2. Custom rules",
		"Exception: the managed rule “Log4j Headers” does not check", "Browse all 10004 IP Access rules…", "office (ip list, 2 entries)"} {
		if !has(shown, want) {
			t.Errorf("zone screen lacks %q", want)
		}
	}
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Browse all 10004 IP Access rules…")) })
	h.waitShown(t, "10004 of 10004 rules")
	h.ui(func() {
		o := h.o
		test.Type(o.accessSearch, "AS14061")
		if o.accessList.Length() != 1 || o.accessCount.Text != "1 of 10004 rules" {
			t.Errorf("filter by value: %d %q", o.accessList.Length(), o.accessCount.Text)
		}
		o.accessSearch.SetText("generated 99")
		o.accessMode.SetSelected("Allow")
		if n := o.accessList.Length(); n == 0 || n > 111 {
			t.Errorf("filter by note and mode: %d", n)
		}
	})
}

// TestTokenLeftNowhere connects, browses and disconnects, then looks for
// the token in the config folder, storage, preferences written by RayFix,
// logs and the screen. (Visitor reports never hold it: they are made
// without owner mode.)
func TestTokenLeftNowhere(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	var logs bytes.Buffer
	log.SetOutput(&logs)
	defer log.SetOutput(os.Stderr)
	k := &memKeeper{}
	h, _ := ownerHarness(t, k)
	h.ui(h.enter)
	h.typeToken(t, realLookingToken)
	h.waitSites(t)
	h.ui(func() { h.o.sitesList.Select(0) })
	h.waitShown(t, "Custom rules")
	h.ui(func() { h.o.disconnect() })
	h.waitShown(t, "Disconnected. The token was removed")
	if k.tok != "" || k.deletes != 1 {
		t.Fatalf("keychain still holds the token (%d deletes)", k.deletes)
	}
	var found []string
	look := func(where, s string) {
		if strings.Contains(s, realLookingToken) {
			found = append(found, where)
		}
	}
	look("logs", logs.String())
	look("history", fmt.Sprint(app.NewHistory(h.app.Preferences()).Entries()))
	look("screen", strings.Join(h.shownAll(), " "))
	roots := []string{home}
	// The headless test app keeps its storage in the system temp folder
	// itself; only walk it when it is a folder of its own.
	if r := h.app.Storage().RootURI().Path(); filepath.Clean(r) != filepath.Clean(os.TempDir()) {
		roots = append(roots, r)
	}
	for _, root := range roots {
		_ = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && info.Size() < 10<<20 {
				b, _ := os.ReadFile(p)
				look(p, string(b))
			}
			return nil
		})
	}
	if len(found) > 0 {
		t.Fatalf("the token was found in: %v", found)
	}
}

// Where no browser opens, "Open the API token page" says so and the
// address is there to copy.
func TestTokenPageAddressWithoutBrowser(t *testing.T) {
	h, _ := ownerHarness(t, &memKeeper{})
	h.host.OpenURL = func(*url.URL) error { return errors.New("no browser") }
	h.ui(h.enter)
	shown := h.waitShown(t, "Connect your Cloudflare account")
	if !has(shown, cfapi.TokenPageURL) {
		t.Fatalf("the address is not shown: %q", shown)
	}
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Open the API token page")) })
	h.waitShown(t, "No browser opened on this computer. Copy the address")
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Copy address")) })
	h.waitShown(t, "Address copied.")
	if got := h.app.Clipboard().Content(); got != cfapi.TokenPageURL {
		t.Fatalf("clipboard: %q", got)
	}
}

// A Pro site with Super Bot Fight Mode: its settings and its bot stage say
// what it does, and the Free plan's Bot Fight Mode switch is not offered.
func TestSuperBotFightModeSite(t *testing.T) {
	h, f := ownerHarness(t, &memKeeper{})
	f.Change(func() {
		z := f.Zones[0]
		z.Plan, z.BotFightMode = "pro", false
		z.Bots = map[string]any{"sbfm_definitely_automated": "managed_challenge", "sbfm_likely_automated": "allow", "sbfm_verified_bots": "allow", "ai_bots_protection": "block"}
	})
	h.ui(h.enter)
	h.typeToken(t, realLookingToken)
	h.waitSites(t)
	h.ui(func() { h.o.sitesList.Select(0) })
	shown := h.waitShown(t, "8. Bot protection")
	for _, want := range []string{"definitely automated challenged, likely automated let through, verified bots let through",
		"Challenges (managed) traffic Cloudflare finds definitely automated", "Blocks AI crawlers (GPTBot, ClaudeBot, Bytespider and others)"} {
		if !has(shown, want) {
			t.Errorf("missing %q", want)
		}
	}
	if has(shown, "Turn Bot Fight Mode on…") {
		t.Error("Bot Fight Mode offered on a site with Super Bot Fight Mode")
	}
}
