package diagnose

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var pasteNow = time.Date(2026, 11, 30, 23, 10, 32, 0, time.UTC)

// A pasted page's time is the one it prints, never the moment of pasting.
func TestPastedPageKeepsItsOwnTime(t *testing.T) {
	page := strings.Replace(cfWrapper("1020", "Access denied", "203.0.113.9"), "2024-05-01 10:00:00 UTC", "2020-11-07 02:45:23 UTC", 1)
	for form, body := range map[string][]byte{"html": []byte(page), "copied text": copiedText([]byte(page))} {
		rep := ReportFromPage(body, pasteNow)
		if !rep.PageTime.Equal(time.Date(2020, 11, 7, 2, 45, 23, 0, time.UTC)) {
			t.Errorf("%s: page time %v", form, rep.PageTime)
		}
		if !strings.Contains(rep.OwnerMessage, "- Time (UTC): 2020-11-07 02:45:23 (as the error page shows it)") || strings.Contains(rep.OwnerMessage, "2026-11-30") {
			t.Errorf("%s: message %s", form, rep.OwnerMessage)
		}
	}
	rep := ReportFromPage([]byte(layout2022), pasteNow) // this layout prints no time
	if !strings.Contains(rep.OwnerMessage, "- Time: unknown — please add when it happened") {
		t.Errorf("no time: %s", rep.OwnerMessage)
	}
}

// A pasted Sucuri page is Sucuri's refusal, and the message speaks of
// Sucuri and its Block ID, not of Cloudflare.
func TestPastedSucuriPageSpeaksOfSucuri(t *testing.T) {
	var sucuri string
	for _, vp := range vendorPages {
		if vp.name == "sucuri" {
			sucuri = vp.page
		}
	}
	for form, body := range map[string][]byte{"html": []byte(sucuri), "copied text": copiedText([]byte(sucuri))} {
		rep := ReportFromPage(body, pasteNow)
		m := rep.OwnerMessage
		if rep.Verdict != VerdictDenied || rep.Vendor != VendorSucuri || strings.Contains(rep.Headline, "Nothing is blocking") {
			t.Errorf("%s: %q %q %q", form, rep.Verdict, rep.Vendor, rep.Headline)
		}
		for _, want := range []string{"was blocked by Sucuri", "Details for finding the request in the logs or dashboard of Sucuri:", "- Sucuri Block ID: BNP005",
			"- Block reason the page gave: Bad bot access attempt.", "- My IP address as the page showed it: 203.0.113.9"} {
			if !strings.Contains(m, want) {
				t.Errorf("%s: message lacks %q:\n%s", form, want, m)
			}
		}
		if strings.Contains(m, "Cloudflare") {
			t.Errorf("%s: a Sucuri message speaks of Cloudflare:\n%s", form, m)
		}
	}
}

// A pasted page that refuses nobody says so, instead of "this site
// answered normally (HTTP 0)".
func TestPastedPageWithoutRefusal(t *testing.T) {
	rep := ReportFromPage([]byte("<html><body><h1>Fresh bread</h1><p>Open every day from 7.</p></body></html>"), pasteNow)
	if rep.Headline != "This page does not look like an error page" || strings.Contains(rep.Explanation, "HTTP 0") {
		t.Fatalf("%q / %q", rep.Headline, rep.Explanation)
	}
	rep = ReportFromPage([]byte("Access restricted\nYour address has been blocked by the administrator.\nIncident ID: 7f3a9c2b1d"), pasteNow)
	if rep.Verdict != VerdictDenied || !strings.Contains(rep.Headline, "RayFix does not recognise whose system it is") ||
		!strings.Contains(rep.Explanation, "“Access restricted”") || !strings.Contains(rep.OwnerMessage, "- Reference on the page: 7f3a9c2b1d") {
		t.Fatalf("unknown refusal: %q / %q / %s", rep.Headline, rep.Explanation, rep.OwnerMessage)
	}
}

// Bot managers get steps about the browser itself.
func TestBotManagerSteps(t *testing.T) {
	rep := ReportFromPage([]byte(vendorPages[0].page), pasteNow) // HUMAN (PerimeterX)
	var ids []string
	for _, s := range rep.Steps {
		ids = append(ids, s.ID)
	}
	got := strings.Join(ids, ",")
	if !strings.HasPrefix(got, "allow_javascript,extensions_off,private_window,solve_check,no_automation") || !strings.Contains(rep.OwnerMessage, "HUMAN (PerimeterX) Reference ID: 3f0c8a1e") {
		t.Fatalf("steps %s\n%s", got, rep.OwnerMessage)
	}
}

// Cloudflare's plain 403 page is Cloudflare's refusal, not the site's.
func TestBareCloudflare403(t *testing.T) {
	page := `<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>cloudflare</center></body></html>`
	for form, body := range map[string][]byte{"html": []byte(page), "copied text": copiedText([]byte(page))} {
		c := ClassifyPage(0, nil, body)
		if c.Vendor != VendorCloudflare || c.Verdict != VerdictBlocked || c.Product != ProductAccessDenied {
			t.Errorf("%s: %q %q %q %v", form, c.Vendor, c.Verdict, c.Product, c.Evidence)
		}
	}
	// Served by Cloudflare with status 403, the same.
	if c := ClassifyPage(403, http.Header{"Server": {"cloudflare"}}, []byte(page)); c.Verdict != VerdictBlocked || c.Vendor != VendorCloudflare {
		t.Errorf("served: %q %q", c.Verdict, c.Vendor)
	}
}

// Each 1xxx code has its own meaning: 1003 is the address typed, not DNS;
// 1013 is the visitor's connection; 1000–1016 are not all "DNS".
func TestCodesHaveTheirOwnMeaning(t *testing.T) {
	page := func(code string) []byte { return []byte(cfWrapper(code, "x", "203.0.113.9")) }
	cases := []struct {
		code     string
		verdict  Verdict
		headline string
	}{
		{"1003", VerdictBlocked, "Open the site by its name, not by an address — Error 1003"},
		{"1013", VerdictBlocked, "The secure connection asked for a different site — Error 1013"},
		{"1000", VerdictDNSError, "The site's setup on Cloudflare is broken (Error 1000)"},
		{"1014", VerdictDNSError, "The site's setup on Cloudflare is broken (Error 1014)"},
		{"1016", VerdictDNSError, "The site's setup on Cloudflare is broken (Error 1016)"},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		rep := ReportFromPage(page(tc.code), pasteNow)
		if rep.Verdict != tc.verdict || rep.Headline != tc.headline || seen[rep.Explanation] {
			t.Errorf("%s: %q %q / %q", tc.code, rep.Verdict, rep.Headline, rep.Explanation)
		}
		seen[rep.Explanation] = true
		if strings.Contains(rep.Explanation, "could not reach the site's server") && tc.code != "1016" {
			t.Errorf("%s explained as an unreachable server: %q", tc.code, rep.Explanation)
		}
	}
	if rep := ReportFromPage(page("1003"), pasteNow); len(rep.Steps) == 0 || rep.Steps[0].ID != StepCheckAddress {
		t.Errorf("1003 steps: %+v", rep.Steps)
	}
}

// For a pasted page the contact is looked up only when asked, from the
// site the page names.
func TestFindContactWhenAsked(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/.well-known/security.txt" {
			_, _ = w.Write([]byte("Contact: mailto:owner@shop.example\nExpires: 2027-01-01T00:00:00Z\n"))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	if got, _ := FindContact(context.Background(), srv.URL+"/some/page", Options{}); got != "mailto:owner@shop.example" {
		t.Fatalf("contact %q", got)
	}
	if rep := ReportFromPage([]byte(layout2022), pasteNow); rep.ContactChecked || rep.Contact != "" {
		t.Fatal("a pasted page claims a contact was looked up")
	}
}

// A time printed without its zone is shown as printed, and said so; a
// sentence about "this site" starts with a capital.
func TestTimeWithoutZoneAndSentenceStart(t *testing.T) {
	text := "Access Denied - Sucuri Website Firewall\nBlock ID: BNP005\nBlock reason: Bad bot access attempt.\nTime: 2026-11-30 23:49:24"
	rep := ReportFromPage([]byte(text), pasteNow)
	if rep.ReferenceID != "BNP005" || rep.PageTimeText != "2026-11-30 23:49:24" || !rep.PageTime.IsZero() {
		t.Fatalf("ref %q time %q %v", rep.ReferenceID, rep.PageTimeText, rep.PageTime)
	}
	if !strings.Contains(rep.OwnerMessage, "- Time: 2026-11-30 23:49:24, as the error page shows it (it does not say which time zone)") {
		t.Errorf("message:\n%s", rep.OwnerMessage)
	}
	if !strings.HasPrefix(rep.Explanation, "This site is protected by Sucuri") {
		t.Errorf("explanation %q", rep.Explanation)
	}
	// Lines run together (a paste that lost its line breaks) still give the ID.
	if rep := ReportFromPage([]byte("Access Denied - Sucuri Website Firewall Block ID:BNP005Block reason:Bad bot."), pasteNow); rep.ReferenceID != "BNP005" {
		t.Errorf("run-together ID %q", rep.ReferenceID)
	}
}

// TestOwnersPreferredLanguages: security.txt's Preferred-Languages (RFC
// 9116) is read with the contact, in order; the message can be written in
// the owner's language.
func TestOwnersPreferredLanguages(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("Contact: mailto:owner@shop.example\nPreferred-Languages: de\n"))
	}))
	defer srv.Close()
	contact, langs := FindContact(context.Background(), srv.URL+"/x", Options{})
	if contact != "mailto:owner@shop.example" || len(langs) != 1 || langs[0] != "de" {
		t.Fatalf("%q %q", contact, langs)
	}
	rep := Report{URL: "https://shop.example/", Classification: Classification{Verdict: VerdictBlocked, Vendor: VendorCloudflare, ErrorCode: 1020, RayID: "8e2f0a1b2c3d4e5f"}}
	de := OwnerMessageIn(rep, "", "de")
	if !strings.HasPrefix(de, "Hallo,") || !strings.Contains(de, "8e2f0a1b2c3d4e5f") || strings.Contains(de, "I tried") {
		t.Errorf("German message: %s", de)
	}
	if en := OwnerMessage(rep, ""); !strings.HasPrefix(en, "Hello,") || !strings.Contains(en, "(Cloudflare error 1020)") {
		t.Errorf("English message: %s", en)
	}
}
