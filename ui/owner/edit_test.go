package owner

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/tfexport"
	"rayfix/ui/kit"
	"rayfix/ui/kit/kittest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

const ruBlockID = "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d"

// openDemoZone connects to the fake and opens the demo site's rules.
func openDemoZone(t *testing.T) (*harness, *fakecf.API) {
	h, f := ownerHarness(t, &memKeeper{})
	h.ui(h.enter)
	h.typeToken(t, realLookingToken)
	h.waitSites(t)
	h.ui(func() { h.o.sitesList.Select(0) })
	h.waitShown(t, "2. Custom rules")
	return h, f
}

// menuItem finds a rule card's menu item; call it inside h.ui.
func (h *harness) menuItem(t *testing.T, ruleID, label string) *fyne.MenuItem {
	t.Helper()
	var found *fyne.MenuItem
	for _, m := range h.o.menus {
		if m.rule != ruleID {
			continue
		}
		for _, it := range m.items {
			if it.Label == label {
				found = it
			}
		}
	}
	if found == nil {
		t.Fatalf("no menu item %q for rule %s", label, ruleID)
	}
	return found
}

func (h *harness) confirm(t *testing.T) {
	t.Helper()
	h.ui(func() {
		if h.o.open.preview == nil {
			t.Fatal("no preview shown")
		}
		test.Tap(findButton(t, h.o.open.preview, "Apply this change"))
	})
}

// more runs an item of the zone screen's More… menu; call it inside h.ui.
func (h *harness) more(t *testing.T, label string) {
	t.Helper()
	for _, it := range h.o.moreItems {
		if it.Label == label {
			it.Action()
			return
		}
	}
	t.Fatalf("no More… item %q", label)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestChallengeInsteadOfBlockPreviewConfirmUndo(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() { h.menuItem(t, ruBlockID, "Challenge instead of block…").Action() })
	shown := h.shownOverlays()
	if !has(shown, "Visitors from Russia or China: challenged instead of blocked.") || !has(shown, "Managed Challenge") {
		t.Fatalf("preview: %q", shown)
	}
	f.Inspect(func() {
		if f.Writes != 0 {
			t.Error("written before confirming")
		}
	})
	h.confirm(t)
	waitFor(t, "the write", func() bool { return ruleAction(f) == "managed_challenge" })
	h.waitShown(t, "Done: Managed Challenge instead of Block")
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Changes & undo")) })
	h.waitShown(t, "in place")
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Undo…")) })
	waitFor(t, "the undo preview", func() bool { return has(h.shownOverlays(), "Undo: Managed Challenge instead of Block") })
	h.confirm(t)
	waitFor(t, "the undo", func() bool { return ruleAction(f) == "block" })
	h.waitShown(t, "undone")
}

func TestAllowWizardRefusesInjectionThenAllows(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Let visitors through…")) })
	h.ui(func() {
		w := h.o.open.wizard
		test.Type(w.value, "1.2.3.4} or true {")
		w.next()
		if !w.errText.Visible() || !strings.Contains(w.errText.Text, "not an IP address") {
			t.Fatalf("injection: %q", w.errText.Text)
		}
		w.value.SetText("203.0.113.99")
		w.until.SetText("yesterday")
		w.next()
		if !strings.Contains(w.errText.Text, "like 2026-12-31") {
			t.Fatalf("date: %q", w.errText.Text)
		}
		w.until.SetText("")
		w.via.SetSelected("An IP Access “Allow” rule")
		w.next()
	})
	shown := h.shownOverlays()
	if !has(shown, "Bot Fight Mode is on, and no rule or IP Access Allow can skip it") || !has(shown, "Allow ip 203.0.113.99") ||
		!has(shown, "Afterwards the visitor sees: the site (an IP Access Allow rule lets them through)") {
		t.Fatalf("preview: %q", shown)
	}
	h.confirm(t)
	waitFor(t, "the access rule", func() bool {
		found := false
		f.Inspect(func() {
			for _, a := range f.Zones[0].AccessRules {
				found = found || a.Value == "203.0.113.99" && a.Mode == "whitelist"
			}
		})
		return found
	})
}

func TestRuleEditorChecksAndBuilds(t *testing.T) {
	h, _ := openDemoZone(t)
	h.ui(func() { h.menuItem(t, ruBlockID, "Edit…").Action() })
	h.ui(func() {
		e := h.o.open.editor
		e.expr.SetText(`ip.src.country in {"RU", "CN"}`)
		if !strings.Contains(e.exprErr.Text, "not commas") || !strings.Contains(e.exprErr.Text, "column 24") {
			t.Fatalf("parser error: %q", e.exprErr.Text)
		}
		e.expr.SetText(`ip.src.country in {"RU" "CN"}`)
		e.kind.SetSelected("Path starts with")
		test.Type(e.value, "/shop")
		test.Tap(findButton(t, e.dlg, "Add with “and”"))
		if e.expr.Text != `(ip.src.country in {"RU" "CN"}) and starts_with(http.request.uri.path, "/shop")` {
			t.Fatalf("built: %s", e.expr.Text)
		}
		if !strings.Contains(e.exprErr.Text, "Matches visitors from Russia or China and requests whose page path starts with") {
			t.Fatalf("summary: %q", e.exprErr.Text)
		}
		e.value.SetText(`x") or true or ("`)
		test.Tap(findButton(t, e.dlg, "Add with “and”"))
		if !e.addErr.Visible() {
			t.Fatal("a bad path was added")
		}
	})
}

func ruleAction(f *fakecf.API) any {
	var a any
	f.Inspect(func() { a = f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["action"] })
	return a
}

const (
	managedExecID = "7a8b9c0d1e2f4a3b4c5d6e7f8091a2b3"
	rateLimitID   = "5e6f7a8b9c0d4e1f2a3b4c5d6e7f8091"
)

func TestManagedExceptionDialog(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() {
		h.menuItem(t, managedExecID, "Exempt a path, host or IP…").Action()
		value := h.o.open.form.items[1].Widget.(*kit.Entry)
		rule := h.o.open.form.items[2].Widget.(*kit.Entry)
		test.Type(value, "/api/upload")
		test.Type(rule, "not-an-id")
		test.Tap(h.o.open.form.next)
		if !h.o.open.form.err.Visible() || !strings.Contains(h.o.open.form.err.Text, "not a managed rule ID") {
			t.Fatalf("bad id: %q", h.o.open.form.err.Text)
		}
		rule.SetText("5de7edfa648c4d6891dc3e7f84534ffa")
		test.Tap(h.o.open.form.next)
	})
	if !has(h.shownOverlays(), "Requests to pages starting with /api/upload will no longer be checked by the managed rule “WordPress - Dangerous File Upload”; everything else still is.") {
		t.Fatalf("preview: %q", h.shownOverlays())
	}
	h.confirm(t)
	waitFor(t, "the exception", func() bool {
		n := 0
		f.Inspect(func() { n = len(f.Zones[0].Phases[cfapi.PhaseManaged].Rules) })
		return n == 3
	})
}

func TestRateLimitDialog(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() {
		h.menuItem(t, rateLimitID, "Change the limit…").Action()
		req := h.o.open.form.items[0].Widget.(*kit.Entry)
		req.SetText("lots")
		test.Tap(h.o.open.form.next)
		if !strings.Contains(h.o.open.form.err.Text, "not a whole number") {
			t.Fatalf("bad number: %q", h.o.open.form.err.Text)
		}
		req.SetText("50")
		test.Tap(h.o.open.form.next)
	})
	h.confirm(t)
	waitFor(t, "the new limit", func() bool {
		v := ""
		f.Inspect(func() {
			rl := f.Zones[0].Phases[cfapi.PhaseRateLimit].Rules[0]["ratelimit"].(map[string]any)
			v = fmt.Sprint(rl["requests_per_period"])
		})
		return v == "50"
	})
}

func TestNewAccessRuleDialog(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() {
		h.more(t, "New IP Access rule…")
		kind := h.o.open.form.items[0].Widget.(*widget.Select)
		value := h.o.open.form.items[1].Widget.(*kit.Entry)
		mode := h.o.open.form.items[2].Widget.(*widget.Select)
		kind.SetSelected("Country")
		mode.SetSelected("Block")
		test.Type(value, "KP")
		test.Tap(h.o.open.form.next)
		if !strings.Contains(h.o.open.form.err.Text, "Enterprise") {
			t.Fatalf("country block on free: %q", h.o.open.form.err.Text)
		}
		mode.SetSelected("Managed Challenge")
		test.Tap(h.o.open.form.next)
	})
	h.confirm(t)
	waitFor(t, "the access rule", func() bool {
		found := false
		f.Inspect(func() {
			for _, a := range f.Zones[0].AccessRules {
				found = found || a.Value == "KP" && a.Mode == "managed_challenge"
			}
		})
		return found
	})
}

func TestNewCustomRuleDialog(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() {
		h.more(t, "New custom rule…")
		desc := h.o.open.form.items[0].Widget.(*kit.Entry)
		expr := h.o.open.form.items[1].Widget.(*kit.Entry)
		expr.SetText(`http.request.uri.path eq "/xmlrpc.php"`)
		test.Tap(h.o.open.form.next)
		if !strings.Contains(h.o.open.form.err.Text, "give the rule a description") {
			t.Fatalf("no description: %q", h.o.open.form.err.Text)
		}
		desc.SetText("No XML-RPC")
		expr.SetText(`http.request.uri.path eq "/xmlrpc.php`)
		test.Tap(h.o.open.form.next)
		if !strings.Contains(h.o.open.form.err.Text, "never closed") {
			t.Fatalf("broken condition: %q", h.o.open.form.err.Text)
		}
		expr.SetText(`http.request.uri.path eq "/xmlrpc.php"`)
		test.Tap(h.o.open.form.next)
	})
	h.confirm(t)
	waitFor(t, "the new rule", func() bool {
		n := 0
		f.Inspect(func() { n = len(f.Zones[0].Phases[cfapi.PhaseCustom].Rules) })
		return n == 5
	})
}

// TestRayIDLookupToFix is the whole path: a visitor's message pasted,
// the rule found and explained, a fix h.o.open.preview and applied.
func TestRayIDLookupToFix(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Find a Ray ID…")) })
	h.ui(func() {
		v := h.o.open.lookup
		v.input.SetText("hello, I was blocked")
		h.o.runLookup(v)
		if !v.err.Visible() || !strings.Contains(v.err.Text, "no Ray ID found") {
			t.Fatalf("no ray: %q", v.err.Text)
		}
		v.input.SetText("- Ray ID: 8e2f0a1b2c3d4e5f\n- My IP address as Cloudflare saw it: 192.0.2.44")
		h.o.runLookup(v)
	})
	shown := h.waitShown(t, "Found on demo-bakery.example")
	if !has(shown, "blocked a visitor from Russia (IP 192.0.2.44") || !has(shown, "It matched because: visitors from Russia or China") {
		t.Fatalf("explanation: %q", shown)
	}
	h.ui(func() { test.Tap(h.o.open.lookup.fixes[0]) })
	if !has(h.shownOverlays(), "Exception for the IP address 192.0.2.44 in “Block Russia and China”") {
		t.Fatalf("preview: %q", h.shownOverlays())
	}
	h.confirm(t)
	waitFor(t, "the exception", func() bool {
		e := ""
		f.Inspect(func() { e = fmt.Sprint(f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"]) })
		return strings.Contains(e, "not ip.src in {192.0.2.44}")
	})
}

func TestHealthCheckScreen(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() { h.more(t, "Health check") })
	h.waitShown(t, "It stops whole countries or networks")
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Let known good bots through…")) })
	h.confirm(t)
	waitFor(t, "the bot exception", func() bool {
		e := ""
		f.Inspect(func() { e = fmt.Sprint(f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"]) })
		return strings.Contains(e, "not cf.client.bot")
	})
}

func TestWhoIsBeingBlockedAndArchive(t *testing.T) {
	h, _ := openDemoZone(t)
	// Connecting started the archive: the demo's three events are kept.
	waitFor(t, "the archive", func() bool {
		a, err := h.host.archive()
		return err == nil && a.Count() == 3
	})
	h.ui(func() { h.more(t, "Who is being blocked") })
	shown := h.waitShown(t, "The custom rule “Block Russia and China” — 1 × Block, from 1 address")
	if !has(shown, "Countries: RU (1)") {
		t.Fatalf("groups: %q", shown)
	}
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Explain the latest (8e2f0a1b2c3d4e5f)…")) })
	h.waitShown(t, "It matched because: visitors from Russia or China")
}

func TestSimulateScreen(t *testing.T) {
	h, _ := openDemoZone(t)
	h.ui(func() { h.more(t, "Simulate a visitor…") })
	h.ui(func() {
		v := h.o.open.simulate
		v.ip.SetText("not an ip")
		h.o.runSimulate(v)
		if !v.err.Visible() || !strings.Contains(v.err.Text, "IP:") {
			t.Fatalf("bad ip: %q", v.err.Text)
		}
		v.ip.SetText("192.0.2.44")
		v.country.SetText("RU")
		h.o.runSimulate(v)
	})
	shown := h.waitShown(t, "Cloudflare Trace: the custom rule “Block Russia and China” matches (block)")
	if !has(shown, "This visitor would see: Error 1020") || !has(shown, "→ Custom rule: Block Russia and China — matches") {
		t.Fatalf("simulation: %q", shown)
	}
}

// Enter in a form's field does what the dialog's main button does: in the
// IP Access form it previews (or says what is wrong, in the dialog).
func TestEnterInAFormPreviews(t *testing.T) {
	h, _ := openDemoZone(t)
	h.ui(func() {
		h.more(t, "New IP Access rule…")
		kind := h.o.open.form.items[0].Widget.(*widget.Select)
		value := h.o.open.form.items[1].Widget.(*kit.Entry)
		kind.SetSelected("IP address or range")
		test.Type(value, "not an address")
		value.TypedKey(enterKey)
		if !h.o.open.form.err.Visible() {
			t.Error("Enter with a bad address showed no message in the dialog")
		}
		value.SetText("198.51.100.9")
		value.TypedKey(enterKey)
	})
	if !has(h.shownOverlays(), "Apply this change") {
		t.Fatalf("Enter did not open the preview: %q", h.shownOverlays())
	}
}

// Cloudflare goes away mid-session: Apply says in words that Cloudflare
// could not be reached and that nothing was changed (nothing was sent),
// keeps the owner on the site, and the header stops saying "Connected".
// The technical answer is folded away under Details.
func TestAPIStoppedMidSession(t *testing.T) {
	h, f := openDemoZone(t)
	h.srv.CloseClientConnections()
	h.srv.Close()
	h.ui(func() { h.menuItem(t, ruBlockID, "Challenge instead of block…").Action() })
	h.confirm(t)
	waitFor(t, "the problem", func() bool { return has(h.shownOverlays(), "The change did not go through") })
	shown := h.shownOverlays()
	if !has(shown, "Cloudflare could not be reached.") || !has(shown, "Nothing was changed.") {
		t.Fatalf("the owner reads %q", shown)
	}
	for _, raw := range []string{"dial tcp", "127.0.0.1", "http://", "connection refused", "code 1", "Get \""} {
		if has(shown, raw) {
			t.Errorf("raw text %q in what the owner reads: %q", raw, shown)
		}
	}
	var detail string
	h.ui(func() {
		for _, o := range h.win.Canvas().Overlays().List() {
			kittest.Walk(o, func(x fyne.CanvasObject) bool {
				if acc, ok := x.(*widget.Accordion); ok && len(acc.Items) == 1 && acc.Items[0].Title == "Details" {
					detail = strings.Join(texts(acc.Items[0].Detail), " ")
				}
				return false
			})
		}
	})
	if !strings.Contains(detail, "rulesets/phases/http_request_firewall_custom") {
		t.Errorf("the details hold %q", detail)
	}
	screen := h.shownAll()
	if !has(screen, "2. Custom rules") || !has(screen, "Cloudflare can't be reached") || has(screen, "Connected for this session") {
		t.Fatalf("after the failure the window shows %q", screen)
	}
	f.Inspect(func() {
		if f.Writes != 0 {
			t.Errorf("%d writes", f.Writes)
		}
	})
}

// Cloudflare applies the change and the answer is lost: the window says it
// was done, and why it says so.
func TestLostAnswerShownAsDone(t *testing.T) {
	h, f := openDemoZone(t)
	f.Change(func() { f.LoseAnswers, f.LoseAnswerHow = 1, "500" })
	h.ui(func() { h.menuItem(t, ruBlockID, "Challenge instead of block…").Action() })
	h.confirm(t)
	waitFor(t, "the write", func() bool { return ruleAction(f) == "managed_challenge" })
	shown := h.waitShown(t, "Done: Managed Challenge instead of Block")
	if !has(shown, "although Cloudflare's answer was lost") {
		t.Fatalf("the window shows %q", shown)
	}
}

// The hand editor never loses what was typed: an unknown field is named
// where it was typed and Preview waits; a refused Apply leaves the editor
// open with the text; only a change that went in closes it.
func TestRuleEditorKeepsTheText(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() { h.menuItem(t, ruBlockID, "Edit…").Action() })
	var e *ruleEditor
	h.ui(func() {
		e = h.o.open.editor
		e.expr.SetText(`ip.src.contry eq "RU"`)
		if !strings.HasPrefix(e.exprErr.Text, "ip.src.contry is not a field") || !strings.Contains(e.exprErr.Text, "did you mean ip.src.country?") || !e.preview.Disabled() {
			t.Fatalf("unknown field: %q, preview disabled %v", e.exprErr.Text, e.preview.Disabled())
		}
		test.Tap(e.preview) // disabled: nothing happens
		if h.o.open.preview != nil {
			t.Fatal("a preview opened from a condition with an error")
		}
		e.expr.SetText(`ip.src.country eq "RU"`)
		if e.preview.Disabled() {
			t.Fatal("Preview stays disabled for a good condition")
		}
		test.Tap(e.preview)
	})
	f.Change(func() { f.Denied["Zone WAF Edit"] = true })
	h.confirm(t)
	waitFor(t, "the refusal in the editor", func() bool {
		ok := false
		h.ui(func() { ok = e.failed.Visible() })
		return ok
	})
	h.ui(func() {
		if !strings.Contains(e.failed.Text, "what you typed is still here") || e.expr.Text != `ip.src.country eq "RU"` {
			t.Fatalf("after a refusal: %q / %q", e.failed.Text, e.expr.Text)
		}
		if !has(kittest.OverlayTexts(h.win), "Add with “and”") {
			t.Fatalf("the editor closed on a refusal: %q", kittest.OverlayTexts(h.win))
		}
	})
	f.Change(func() { f.Denied["Zone WAF Edit"] = false })
	h.ui(func() { test.Tap(e.preview) })
	h.confirm(t)
	waitFor(t, "the edit", func() bool {
		var expr any
		f.Inspect(func() { expr = f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"] })
		return expr == `ip.src.country eq "RU"`
	})
	waitFor(t, "the editor to close", func() bool {
		open := true
		h.ui(func() { open = has(kittest.OverlayTexts(h.win), "Add with “and”") })
		return !open
	})
}

// The hint under "Who" follows the kind; a pasted page is not echoed back;
// when an IP Access rule already names the visitors, a button changes that
// rule instead, and the change goes through.
func TestAllowWizardHintsAndChangeThatRule(t *testing.T) {
	h, f := openDemoZone(t)
	h.ui(func() { test.Tap(findButtonIn(t, h.win.Content(), "Let visitors through…")) })
	h.ui(func() {
		w := h.o.open.wizard
		if w.value.PlaceHolder != "one address or network, like 203.0.113.7 or 203.0.113.0/24" {
			t.Fatalf("ip hint: %q", w.value.PlaceHolder)
		}
		w.kind.SetSelected("A network (ASN), e.g. a hosting company")
		if w.value.PlaceHolder != "one network number, like AS14061" {
			t.Fatalf("asn hint: %q", w.value.PlaceHolder)
		}
		long := strings.Repeat("<p>Sorry, you have been blocked</p>", 100)
		w.value.SetText(long)
		w.next()
		if len(w.errText.Text) > 200 || w.value.Text != long {
			t.Fatalf("long entry: message of %d characters, text kept %v", len(w.errText.Text), w.value.Text == long)
		}
		w.value.SetText("AS14061")
		w.via.SetSelected("An IP Access “Allow” rule")
		w.next()
		if !strings.Contains(w.errText.Text, "There is already an IP Access rule for AS14061 (it blocks)") || !w.instead.Visible() {
			t.Fatalf("existing rule: %q, button %v", w.errText.Text, w.instead.Visible())
		}
		test.Tap(w.instead)
	})
	if shown := h.shownOverlays(); !has(shown, "Allow instead of Block: AS14061") {
		t.Fatalf("preview: %q", shown)
	}
	h.confirm(t)
	waitFor(t, "the rule changed to Allow", func() bool {
		mode := ""
		f.Inspect(func() {
			for _, a := range f.Zones[0].AccessRules {
				if a.Value == "AS14061" {
					mode = a.Mode
				}
			}
		})
		return mode == "whitelist"
	})
}

// More… → Export for Terraform… asks for a folder, writes the files there
// in the background and says what it wrote; it never overwrites.
func TestExportForTerraform(t *testing.T) {
	h, _ := openDemoZone(t)
	h.ui(func() {
		h.more(t, "Export for Terraform…")
		if h.o.open.folder == nil {
			t.Fatal("no folder chooser")
		}
	})
	dir := filepath.Join(t.TempDir(), "demo-terraform")
	h.ui(func() {
		ex, err := tfexport.Site(h.o.site)
		if err != nil {
			t.Fatal(err)
		}
		h.o.exportTo(ex, h.o.site.Zone.Name, dir)
	})
	waitFor(t, "the export's message", func() bool { return has(h.shownOverlays(), "Wrote 10 resources (7 rules) for demo-bakery.example") })
	if _, err := os.Stat(filepath.Join(dir, "main.tf")); err != nil {
		t.Fatal(err)
	}
	h.ui(func() {
		ex, _ := tfexport.Site(h.o.site)
		h.o.exportTo(ex, h.o.site.Zone.Name, dir)
	})
	waitFor(t, "the refusal to overwrite", func() bool { return has(h.shownOverlays(), "choose an empty folder") })
}
