package cli

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/siteplan"
)

func TestOwnerDemoZonesAndRules(t *testing.T) {
	code, out, errs := run([]string{"owner", "zones", "--demo"}, "")
	if code != ExitOK || !strings.Contains(out, fakecf.DemoZoneName) || !strings.Contains(out, "Free Website") {
		t.Fatalf("zones: %d %q %q", code, out, errs)
	}
	code, out, _ = run([]string{"owner", "rules", "--demo", fakecf.DemoZoneName}, "")
	for _, want := range []string{"4 of 5 custom rules used on the Free plan", "2. Custom rules", "Blocks visitors from Russia or China",
		"Visitor sees: Error 1020", "Visitor sees: Error 1015 (rate limited)", "office (2): 203.0.113.10, 203.0.113.0/28"} {
		if !strings.Contains(out, want) {
			t.Errorf("rules text lacks %q", want)
		}
	}
	if code != ExitOK {
		t.Fatal(code)
	}
	code, out, _ = run([]string{"owner", "rules", fakecf.DemoZoneName, "--demo", "--json"}, "")
	var zr siteplan.ZoneRules
	if code != ExitOK || json.Unmarshal([]byte(out), &zr) != nil || zr.Zone.Name != fakecf.DemoZoneName || zr.Count("custom_rule") != 4 {
		t.Fatalf("json: %d %.200s", code, out)
	}
}

func TestOwnerUsesEnvironmentToken(t *testing.T) {
	srv := httptest.NewServer(fakecf.NewDemo())
	defer srv.Close()
	t.Setenv("CLOUDFLARE_API_TOKEN", fakecf.DemoToken)
	t.Setenv("CLOUDFLARE_BASE_URL", srv.URL+"/client/v4")
	code, out, errs := run([]string{"owner", "zones", "--json"}, "")
	if code != ExitOK || !strings.Contains(out, `"name": "demo-bakery.example"`) {
		t.Fatalf("%d %s %s", code, out, errs)
	}
	// A wrong token of a real token's shape: Cloudflare answers the zones
	// listing with the same 403 as a missing permission; RayFix says the
	// token is not valid, not that it lacks Zone Read.
	t.Setenv("CLOUDFLARE_API_TOKEN", "cfut_wrongTokenOfRealisticLength0123456789abcdef")
	code, _, errs = run([]string{"owner", "zones"}, "")
	if code != ExitFailed || !strings.Contains(errs, "does not accept this token") || strings.Contains(errs, "Zone Read") || strings.Contains(errs, "wrongToken") {
		t.Fatalf("bad token: %d %q", code, errs)
	}
	t.Setenv("CLOUDFLARE_API_TOKEN", "wrong-token")
	code, _, errs = run([]string{"owner", "zones"}, "")
	if code != ExitFailed || !strings.Contains(errs, "CLOUDFLARE_API_TOKEN: That is too short") || strings.Contains(errs, "wrong-token") {
		t.Fatalf("short token: %d %q", code, errs)
	}
}

func TestOwnerWithoutTokenSaysHowToConnect(t *testing.T) {
	t.Setenv("CLOUDFLARE_API_TOKEN", "")
	var out, errb strings.Builder
	code := Run([]string{"owner", "zones"}, Env{Stdout: &out, Stderr: &errb, Store: &cfapi.TokenStore{Service: "RayFix-test-none"}})
	if code != ExitFailed || !strings.Contains(errb.String(), "CLOUDFLARE_API_TOKEN") {
		t.Fatalf("%d %q", code, errb.String())
	}
	code, _, errs := run([]string{"owner", "rules", "--demo"}, "")
	if code != ExitFailed || !strings.Contains(errs, "needs one site") {
		t.Fatalf("%d %q", code, errs)
	}
}
