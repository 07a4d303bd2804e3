package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rayfix/app"
	"rayfix/diagnose"
)

func edge(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "cloudflare")
		w.Header().Set("Cf-Ray", "7bd0c0ffee123456-LHR")
		switch r.URL.Path {
		case "/cdn-cgi/trace":
			fmt.Fprint(w, "fl=1\nh=x\nip=198.51.100.20\nts=1\ncolo=LHR\nloc=GB\nwarp=off\ngateway=off\nhttp=http/1.1\ntls=off\n")
		case "/blocked":
			w.WriteHeader(403)
			fmt.Fprint(w, "error code: 1020")
		case "/":
			fmt.Fprint(w, "<html><body>hello</body></html>")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func run(args []string, stdin string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Opts: diagnose.Options{SkipLocal: true}})
	return code, out.String(), errb.String()
}

func TestCheckJSON(t *testing.T) {
	srv := edge(t)
	code, out, errs := run([]string{"check", "--json", srv.URL + "/blocked"}, "")
	if code != ExitBlocked {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"input", "url", "final_url", "status", "verdict", "cloudflare", "vendor", "product",
		"error_code", "ray_id", "colo", "client_ip", "trace", "evidence", "steps", "elapsed_ms"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if m["verdict"] != "blocked" || m["error_code"] != float64(1020) || m["ray_id"] != "7bd0c0ffee123456" ||
		m["colo"] != "LHR" || m["client_ip"] != "198.51.100.20" || m["vendor"] != "cloudflare" || m["product"] != "custom_rule" {
		t.Errorf("fields: %v %v %v %v %v %v %v", m["verdict"], m["error_code"], m["ray_id"], m["colo"], m["client_ip"], m["vendor"], m["product"])
	}
	steps, _ := m["steps"].([]any)
	if len(steps) == 0 {
		t.Fatal("no steps")
	}
	first, _ := steps[0].(map[string]any)
	if first["id"] == "" || first["title"] == "" || first["detail"] == "" {
		t.Errorf("step shape %v", first)
	}
}

func TestCheckFlagsAfterURLAndOKExit(t *testing.T) {
	srv := edge(t)
	code, out, _ := run([]string{"check", srv.URL, "--timeout", "5s"}, "")
	if code != ExitOK || !strings.Contains(out, "Nothing is blocking you") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestCheckReadableText(t *testing.T) {
	srv := edge(t)
	code, out, _ := run([]string{"check", srv.URL + "/blocked"}, "")
	if code != ExitBlocked {
		t.Fatal(code)
	}
	for _, want := range []string{"Error 1020", "Ray ID:       7bd0c0ffee123456", "London (LHR)", "What you can do:"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}

func TestCheckPageFromStdinAndFile(t *testing.T) {
	page := `<html><head><title>Attention Required! | Cloudflare</title></head><body><h1 data-translate="block_headline">Sorry, you have been blocked</h1>
<span>Cloudflare Ray ID: <strong>1234567890abcdef</strong></span></body></html>`
	code, out, _ := run([]string{"check", "--json", "--page", "-"}, page)
	if code != ExitBlocked || !strings.Contains(out, `"product": "managed_rules"`) || !strings.Contains(out, "1234567890abcdef") {
		t.Fatalf("stdin page: exit %d\n%s", code, out)
	}
	f := filepath.Join(t.TempDir(), "saved.html")
	if err := os.WriteFile(f, []byte(page), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := run([]string{"check", "--page", f}, ""); code != ExitBlocked {
		t.Fatalf("file page: exit %d", code)
	}
}

func TestCheckCannotRun(t *testing.T) {
	cases := [][]string{
		{"check"},
		{"check", "ftp://example.com"},
		{"check", "exa mple.com"},
		{"check", "--page", "/no/such/file.html"},
		{"check", "--timeout", "0s", "example.com"},
		{"check", "--bogus", "example.com"},
		{"frobnicate"},
	}
	for _, args := range cases {
		code, _, errs := run(args, "")
		if code != ExitFailed || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	_, _, errs := run([]string{"check", "ftp://example.com"}, "")
	if !strings.Contains(errs, "only check web pages") {
		t.Errorf("message not for a person: %q", errs)
	}
}

func TestUnreachableExitsTwo(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more
	code, out, _ := run([]string{"check", "--timeout", "3s", url}, "")
	if code != ExitFailed || !strings.Contains(out, "Couldn't reach the site") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestVersionAndHelp(t *testing.T) {
	for _, arg := range []string{"--version", "version", "-v"} {
		if code, out, _ := run([]string{arg}, ""); code != ExitOK || strings.TrimSpace(out) != "RayFix "+app.Version {
			t.Errorf("%s: %d %q", arg, code, out)
		}
	}
	// The help names every owner command the CLI has.
	code, out, _ := run([]string{"--help"}, "")
	for _, sub := range []string{"zones", "rules", "allow", "undo", "backup", "lookup", "simulate", "health", "events", "--version"} {
		if code != ExitOK || !strings.Contains(out, sub) {
			t.Errorf("help lacks %q:\n%s", sub, out)
		}
	}
}

// With --json, a check that cannot run still prints JSON (a script reads
// it), with the words a person reads; the text output prints the message
// it says RayFix wrote, and no doubled brackets.
func TestCheckJSONErrorsAndTextMessage(t *testing.T) {
	for _, args := range [][]string{{"check", "--json", "--page", "-"}, {"check", "--json", "--page", "/no/such/file.html"}, {"check", "--json", "ftp://example.com"}, {"check", "--json"}} {
		code, out, _ := run(args, "  \n")
		var m map[string]any
		if code != ExitFailed || json.Unmarshal([]byte(out), &m) != nil || m["error"] == "" || m["error"] == nil {
			t.Errorf("%v: exit %d, out %q", args, code, out)
		}
		if strings.Contains(out, "open /no/such") {
			t.Errorf("%v: raw Go error text: %s", args, out)
		}
	}
	srv := edge(t)
	_, out, _ := run([]string{"check", srv.URL + "/blocked"}, "")
	for _, want := range []string{"A message for the site's owner", "  Hello,", "Error code:   1020 — Access denied (a firewall rule of the site blocked you)"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "))") || strings.Contains(out, ") (") {
		t.Errorf("doubled brackets:\n%s", out)
	}
}
