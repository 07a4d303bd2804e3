package ui

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/diagnose"
	"rayfix/internal/i18n"
	"rayfix/internal/i18n/i18ntest"
	"rayfix/ui/kit"
	"rayfix/ui/kit/kittest"
)

// TestMain runs the window's tests in English whatever the machine's
// language, so what they read is what they expect.
func TestMain(m *testing.M) {
	i18ntest.English()
	os.Exit(m.Run())
}

// TestLanguageSwitchesAtOnce: Settings → Language → Deutsch re-words the
// verdict on screen, the buttons and the menus without a restart, is
// remembered, and the system's language comes back with "System language".
func TestLanguageSwitchesAtOnce(t *testing.T) {
	h := newHarness(t, EngineFunc(func(_ context.Context, input string, o diagnose.Options) (diagnose.Report, error) {
		rep := diagnose.Report{Input: input, URL: "https://x.example/", Status: 403, CheckedAt: fixedNow, Classification: diagnose.Classification{
			Verdict: diagnose.VerdictBlocked, Cloudflare: true, Vendor: diagnose.VendorCloudflare, Product: diagnose.ProductCustomRule,
			ErrorCode: 1020, RayID: "8e2f0a1b2c3d4e5f"}}
		diagnose.Localize(&rep, o.Lang)
		return rep, nil
	}))
	rep := h.check(t, "x.example")
	if rep.Language != "en" || !strings.Contains(rep.Headline, "firewall blocked you") {
		t.Fatalf("English first: %q %q", rep.Language, rep.Headline)
	}
	var d interface{ Submit() }
	h.ui(func() {
		fd := showSettings(h.sh)
		sel := findSelect(t, h.sh.win.Canvas().Overlays().Top())
		sel.SetSelected("Deutsch")
		d = fd
	})
	h.ui(d.Submit)
	var said []string
	h.ui(func() { said = kittest.Texts(h.sh.win.Content(), nil) })
	for _, want := range []string{"Die Cloudflare-Firewall der Website hat Sie gesperrt", "Was Sie tun können", "Erneut prüfen", "Warum komme ich nicht auf diese Website?"} {
		if !has(said, want) {
			t.Errorf("after choosing Deutsch the window lacks %q: %q", want, said)
		}
	}
	if has(said, "What you can do") {
		t.Error("English left on screen")
	}
	if h.sh.ownerHost.EnglishOnly != "Der Betreibermodus ist vorerst auf Englisch." {
		t.Errorf("owner mode's note: %q", h.sh.ownerHost.EnglishOnly)
	}
	if h.sh.settings.Language() != "de" || h.sh.win.MainMenu().Items[0].Label != "Datei" {
		t.Errorf("remembered %q, menu %q", h.sh.settings.Language(), h.sh.win.MainMenu().Items[0].Label)
	}
	// A new check speaks German too, and the JSON says so.
	h.v = h.sh.visitor
	rep = h.check(t, "x.example")
	if rep.Language != "de" || rep.Headline != i18n.T("de", "The site's Cloudflare firewall blocked you")+i18n.T("de", " — Error {{code}}", "code", 1020) {
		t.Errorf("a German check: %q %q", rep.Language, rep.Headline)
	}
	h.ui(func() { h.sh.setLanguage("") })
	if h.sh.lang() != "en" || h.sh.settings.Language() != "" {
		t.Errorf("back to the system's: %s", h.sh.lang())
	}
}

func findSelect(t *testing.T, root fyne.CanvasObject) *widget.Select {
	t.Helper()
	var found *widget.Select
	walk(root, func(o fyne.CanvasObject) bool {
		if s, ok := o.(*widget.Select); ok {
			found = s
			return true
		}
		return false
	})
	if found == nil {
		t.Fatal("no language list in Settings")
	}
	return found
}

// TestMessageInTheOwnersLanguage: the site's security.txt says its owner
// reads German; a Russian visitor gets the message in German, with the
// Russian beside it, can switch it to English, and an edited message is
// never rewritten.
func TestMessageInTheOwnersLanguage(t *testing.T) {
	h := newHarness(t, realEngine())
	h.ui(func() { h.sh.settings.SetLanguage("ru") })
	rep := diagnose.Report{URL: "https://shop.example/", CheckedAt: fixedNow, ContactChecked: true, Contact: "mailto:owner@shop.example",
		OwnerLanguages: []string{"de", "en"}, Classification: diagnose.Classification{
			Verdict: diagnose.VerdictBlocked, Vendor: diagnose.VendorCloudflare, Cloudflare: true, ErrorCode: 1020, RayID: "8e2f0a1b2c3d4e5f"}}
	var m *messageDialog
	h.ui(func() { m = showMessageDialog(h.sh, rep) })
	h.ui(func() {
		if !strings.HasPrefix(m.text.Text, "Hallo,") || m.langs.Selected != "Deutsch" {
			t.Errorf("German first: %q / %q", m.langs.Selected, m.text.Text)
		}
		if m.besides.Hidden || !strings.HasPrefix(m.translation.Text, "Здравствуйте!") {
			t.Errorf("the Russian beside it: %q", m.translation.Text)
		}
		m.langs.SetSelected("English")
		if !strings.HasPrefix(m.text.Text, "Hello,") {
			t.Errorf("switched to English: %q", m.text.Text)
		}
		m.text.SetText(m.text.Text + "\nP.S. I am a customer.")
		m.langs.SetSelected("Deutsch")
		if !strings.HasPrefix(m.text.Text, "Hello,") || !strings.Contains(m.text.Text, "P.S. I am a customer.") {
			t.Errorf("an edited message was rewritten: %q", m.text.Text)
		}
	})
}

// TestEveryLanguageFitsTheNarrowestWindow: long German words, Russian and
// wide Chinese and Japanese characters — the start screen, the verdict,
// the settings and the message dialog fit the narrowest window in every
// language.
func TestEveryLanguageFitsTheNarrowestWindow(t *testing.T) {
	h := newHarness(t, EngineFunc(func(_ context.Context, input string, o diagnose.Options) (diagnose.Report, error) {
		rep := diagnose.Report{Input: input, URL: "https://a-rather-long-shop-name.example/", Status: 403, CheckedAt: fixedNow, ContactChecked: true,
			Classification: diagnose.Classification{Verdict: diagnose.VerdictBlocked, Cloudflare: true, Vendor: diagnose.VendorCloudflare,
				Product: diagnose.ProductCustomRule, ErrorCode: 1020, Reason: "Access denied (a firewall rule of the site blocked you)", RayID: "8e2f0a1b2c3d4e5f",
				ClientIP: "203.0.113.9", Colo: "FRA"}, Country: "DE", ColoCity: "Frankfurt"}
		diagnose.Localize(&rep, o.Lang)
		return rep, nil
	}))
	h.ui(func() { h.sh.app.Settings().SetTheme(theme.DefaultTheme()) })
	for _, l := range i18n.Languages {
		h.ui(func() { h.sh.setLanguage(string(l.Tag)) })
		h.v = h.sh.visitor
		rep := h.check(t, "a-rather-long-shop-name.example")
		if rep.Language != string(l.Tag) {
			t.Fatalf("%s: report in %q", l.English, rep.Language)
		}
		h.ui(func() {
			if w := h.v.content.MinSize().Width; w > minWidth {
				t.Errorf("%s: the verdict needs %.0f px, the window may be %d", l.English, w, minWidth)
			}
			if w := h.sh.start.MinSize().Width; w > minWidth {
				t.Errorf("%s: the start screen needs %.0f px", l.English, w)
			}
			showSettings(h.sh)
			showMessageDialog(h.sh, rep)
			for _, o := range h.sh.win.Canvas().Overlays().List() {
				if w := o.MinSize().Width; w > minWidth-16 {
					t.Errorf("%s: a dialog needs %.0f px", l.English, w)
				}
			}
			for kit.CloseTopDialog(h.sh.win.Canvas()) {
			}
		})
		saveNarrowShot(t, h, l.Tag)
	}
}

// saveNarrowShot writes the verdict at the narrowest window, as the
// software renderer draws it, when RAYFIX_SCREENSHOTS names a folder
// (make screenshots): a picture per language to look at, not a check.
func saveNarrowShot(t *testing.T, h *harness, tag i18n.Tag) {
	dir := os.Getenv("RAYFIX_SCREENSHOTS")
	if dir == "" {
		return
	}
	var img image.Image
	h.ui(func() {
		// Laid out at the narrow width twice: the rows of buttons know
		// their height only after a layout at that width.
		h.sh.win.Resize(fyne.NewSize(minWidth, 701))
		h.sh.win.Resize(fyne.NewSize(minWidth, 700))
		img = h.sh.win.Canvas().Capture()
	})
	f, err := os.Create(filepath.Join(dir, "narrow-"+string(tag)+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestFyneOwnWordsFollowTheWindow: the buttons of Fyne's own dialogs (Yes,
// No, Cancel, the file dialog's) speak the language chosen in Settings —
// also one Fyne has no translation for, and also when the system speaks
// another — and follow the system again when the choice is cleared.
func TestFyneOwnWordsFollowTheWindow(t *testing.T) {
	t.Setenv("LANGUAGE", "fr")
	h := newHarness(t, EngineFunc(func(context.Context, string, diagnose.Options) (diagnose.Report, error) {
		return diagnose.Report{}, nil
	}))
	buttons := func() []string {
		var said []string
		h.ui(func() {
			d := dialog.NewConfirm("RayFix", "?", nil, h.sh.win)
			d.SetDismissText(lang.L("Cancel"))
			d.Show()
			said = kittest.OverlayTexts(h.sh.win)
			d.Hide()
		})
		return said
	}
	for _, c := range []struct {
		choice string
		want   []string
	}{
		{"ja", []string{"はい", "キャンセル"}},
		{"tr", []string{"Evet", "İptal"}},
		{"", []string{"Oui", "Annuler"}}, // the system's language again
	} {
		h.ui(func() { h.sh.setLanguage(c.choice) })
		said := buttons()
		for _, w := range c.want {
			if !has(said, w) {
				t.Errorf("language %q: the dialog lacks %q: %q", c.choice, w, said)
			}
		}
	}
}

// TestCardSaysHowRayFixKnows: the card ends with "How RayFix knows",
// folded, in the reader's language — the evidence a doubting visitor
// wants, which the window showed nowhere before.
func TestCardSaysHowRayFixKnows(t *testing.T) {
	rep := diagnose.ReportFromPage([]byte("error code: 1020"), time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	if len(rep.Evidence) == 0 {
		t.Fatal("a pasted 1020 has no evidence")
	}
	diagnose.Localize(&rep, "de")
	card := verdictCard(rep, cardCallbacks{})
	if said := kittest.Texts(card, nil); !kittest.Has(said, "Woher RayFix das weiß") || kittest.Has(said, "Cloudflare-Fehler 1020") {
		t.Errorf("the section is not there, folded: %q", said)
	}
	kittest.Walk(card, func(o fyne.CanvasObject) bool {
		if a, ok := o.(*widget.Accordion); ok {
			a.Open(0)
			return true
		}
		return false
	})
	said := kittest.Texts(card, nil)
	for _, want := range []string{"Woher RayFix das weiß", "• Cloudflare-Fehler 1020"} {
		if !kittest.Has(said, want) {
			t.Errorf("the German card does not say %q: %q", want, said)
		}
	}
	rep.Evidence = nil
	if said := kittest.Texts(verdictCard(rep, cardCallbacks{}), nil); kittest.Has(said, "Woher RayFix") {
		t.Error("an empty evidence section is shown")
	}
}
