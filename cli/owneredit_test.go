package cli

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/fakecf"
	"rayfix/planner"
)

func editEnv(t *testing.T) (*fakecf.API, func(args ...string) (int, string, string)) {
	f := fakecf.NewDemo()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	t.Setenv("CLOUDFLARE_API_TOKEN", fakecf.DemoToken)
	t.Setenv("CLOUDFLARE_BASE_URL", srv.URL+"/client/v4")
	dir := t.TempDir()
	return f, func(args ...string) (int, string, string) {
		var out, errb strings.Builder
		code := Run(args, Env{Stdout: &out, Stderr: &errb, JournalDir: dir})
		return code, out.String(), errb.String()
	}
}

func TestOwnerAllowPreviewThenApplyThenUndo(t *testing.T) {
	f, run := editEnv(t)
	code, out, errs := run("owner", "allow", fakecf.DemoZoneName, "203.0.113.7", "--via", "exception", "--rule", "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d")
	if code != ExitOK || !strings.Contains(out, "Nothing was changed") || !strings.Contains(out, "and not ip.src in {203.0.113.7}") || f.Writes != 0 {
		t.Fatalf("preview: %d %q %q (%d writes)", code, out, errs, f.Writes)
	}
	code, out, errs = run("owner", "allow", fakecf.DemoZoneName, "203.0.113.7", "--via", "exception", "--rule", "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d", "--yes")
	if code != ExitOK || !strings.Contains(out, "Done:") || f.Writes != 1 {
		t.Fatalf("apply: %d %q %q", code, out, errs)
	}
	code, out, _ = run("owner", "undo", "--list")
	if code != ExitOK || !strings.Contains(out, "done") {
		t.Fatalf("list: %q", out)
	}
	code, out, errs = run("owner", "undo", "--yes")
	if code != ExitOK || f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"] != `(ip.src.country in {"RU" "CN"})` {
		t.Fatalf("undo: %d %q %q", code, out, errs)
	}
	_, out, _ = run("owner", "undo", "--list", "--json")
	var entries []changes.Change
	if json.Unmarshal([]byte(out), &entries) != nil || len(entries) != 2 || entries[1].Status != "undone" {
		t.Fatalf("journal after undo: %s", out)
	}
}

func TestOwnerAllowRefusesInjection(t *testing.T) {
	f, run := editEnv(t)
	code, _, errs := run("owner", "allow", fakecf.DemoZoneName, "1.2.3.4} or true {", "--yes")
	if code != ExitFailed || !strings.Contains(errs, "not an IP address") || f.Writes != 0 {
		t.Fatalf("%d %q", code, errs)
	}
	code, _, errs = run("owner", "allow", fakecf.DemoZoneName, "203.0.113.7", "--until", "next week")
	if code != ExitFailed || !strings.Contains(errs, "not a date") {
		t.Fatalf("%d %q", code, errs)
	}
}

func TestOwnerBackup(t *testing.T) {
	_, run := editEnv(t)
	file := filepath.Join(t.TempDir(), "rules.json")
	code, out, errs := run("owner", "backup", fakecf.DemoZoneName, file)
	if code != ExitOK || !strings.Contains(out, "Saved 7 rules") {
		t.Fatalf("%d %q %q", code, out, errs)
	}
	b, _ := os.ReadFile(file)
	if _, err := planner.ReadBackup(b); err != nil || strings.Contains(string(b), fakecf.DemoToken) {
		t.Fatalf("backup: %v", err)
	}
}

func TestOwnerLookupAndSimulate(t *testing.T) {
	_, run := editEnv(t)
	code, out, errs := run("owner", "lookup", fakecf.DemoZoneName, "8e2f0a1b2c3d4e5f-DME")
	if code != ExitOK || !strings.Contains(out, "“Block Russia and China” blocked a visitor from Russia") || !strings.Contains(out, "Challenge instead of block") {
		t.Fatalf("lookup: %d %q %q", code, out, errs)
	}
	code, out, _ = run("owner", "lookup", "0000111122223333")
	if code != ExitBlocked || !strings.Contains(out, "was not found") {
		t.Fatalf("not found: %d %q", code, out)
	}
	code, out, errs = run("owner", "simulate", fakecf.DemoZoneName, "--ip", "192.0.2.44", "--country", "RU", "--url", "demo-bakery.example/menu")
	if code != ExitOK || !strings.Contains(out, "This visitor would see: Error 1020") || !strings.Contains(out, "→ Custom rule: Block Russia and China") {
		t.Fatalf("simulate: %d %q %q", code, out, errs)
	}
	code, _, errs = run("owner", "simulate", fakecf.DemoZoneName, "--ip", "not-an-ip")
	if code != ExitFailed || !strings.Contains(errs, "IP:") {
		t.Fatalf("bad ip: %d %q", code, errs)
	}
}

func TestOwnerHealth(t *testing.T) {
	_, run := editEnv(t)
	code, out, errs := run("owner", "health", fakecf.DemoZoneName)
	if code != ExitBlocked || !strings.Contains(out, "It stops whole countries") || !strings.Contains(out, "Fix: Let known good bots through") {
		t.Fatalf("%d %q %q", code, out, errs)
	}
}

func TestOwnerEvents(t *testing.T) {
	_, run := editEnv(t)
	code, out, errs := run("owner", "events", fakecf.DemoZoneName, "--since", "6h")
	if code != ExitOK || !strings.Contains(out, "Who is being blocked on demo-bakery.example") || !strings.Contains(out, "“Block Russia and China” — once (Block) from 1 address") {
		t.Fatalf("%d %q %q", code, out, errs)
	}
}

func TestOwnerLookupByErrorCode(t *testing.T) {
	_, run := editEnv(t)
	code, out, errs := run("owner", "lookup", fakecf.DemoZoneName, "Error 1010 Ray ID: 1234123412341234")
	if code != ExitOK || !strings.Contains(out, "Browser Integrity Check") {
		t.Fatalf("%d %q %q", code, out, errs)
	}
}

// The issue's own scenario: the API creates the allow rule and loses the
// answer (a 500, or the connection dropped). The CLI says it was created,
// and undo removes it.
func TestOwnerAllowWithLostAnswerThenUndo(t *testing.T) {
	for _, how := range []string{"500", "drop"} {
		t.Run(how, func(t *testing.T) {
			f, run := editEnv(t)
			f.LoseAnswers, f.LoseAnswerHow = 1, how
			code, out, errs := run("owner", "allow", fakecf.DemoZoneName, "198.51.100.80", "--via", "access-rule", "--yes")
			if code != ExitOK || !strings.Contains(out, "The IP Access rule for 198.51.100.80 was created, although Cloudflare's answer was lost.") ||
				strings.Contains(out+errs, "Nothing was changed") || f.WritesSent != 1 {
				t.Fatalf("apply: %d %q %q (%d writes sent)", code, out, errs, f.WritesSent)
			}
			code, out, errs = run("owner", "undo", "--yes")
			if code != ExitOK {
				t.Fatalf("undo: %d %q %q", code, out, errs)
			}
			for _, a := range f.Zones[0].AccessRules {
				if a.Value == "198.51.100.80" {
					t.Fatalf("the allow rule is still there after undo: %q", out)
				}
			}
		})
	}
}

// An API that is gone: words on stderr, and with --json the technical
// answer on stdout for scripts.
func TestOwnerZonesWithoutCloudflare(t *testing.T) {
	srv := httptest.NewServer(nil)
	url := srv.URL
	srv.Close()
	t.Setenv("CLOUDFLARE_API_TOKEN", fakecf.DemoToken)
	t.Setenv("CLOUDFLARE_BASE_URL", url+"/client/v4")
	var out, errb strings.Builder
	code := Run([]string{"owner", "zones", "--json"}, Env{Stdout: &out, Stderr: &errb, JournalDir: t.TempDir()})
	if code != ExitFailed || !strings.Contains(errb.String(), "Cloudflare could not be reached.") || strings.Contains(errb.String(), "dial tcp") {
		t.Fatalf("%d %q", code, errb.String())
	}
	var got struct{ Error, Detail string }
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil || !strings.Contains(got.Detail, "connection refused") {
		t.Fatalf("json %q: %v", out.String(), err)
	}
}

// `rayfix owner export ZONE --terraform DIR` writes the Terraform files and
// says what it wrote; it never overwrites a folder's configuration.
func TestOwnerExportTerraform(t *testing.T) {
	_, run := editEnv(t)
	dir := filepath.Join(t.TempDir(), "tf")
	code, out, errs := run("owner", "export", fakecf.DemoZoneName, "--terraform", dir)
	if code != ExitOK || !strings.Contains(out, "Wrote 10 resources (7 rules) for demo-bakery.example") {
		t.Fatalf("%d %q %q", code, out, errs)
	}
	for _, f := range []string{"main.tf", "imports.tf", "versions.tf", "README.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if code, _, errs := run("owner", "export", fakecf.DemoZoneName, "--terraform", dir); code != ExitFailed || !strings.Contains(errs, "choose an empty folder") {
		t.Fatalf("overwrite: %d %q", code, errs)
	}
	if code, _, errs := run("owner", "export", fakecf.DemoZoneName); code != ExitFailed || !strings.Contains(errs, "needs a site and a folder") {
		t.Fatalf("no folder: %d %q", code, errs)
	}
}
