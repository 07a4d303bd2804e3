package cli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"rayfix/fakecf"
)

// TestOwnerImpact: `owner impact` counts what a condition catches in the
// fake's traffic (checked against the rows it serves), in words and in
// JSON; a condition that cannot be read is refused where it was typed.
func TestOwnerImpact(t *testing.T) {
	f, run := editEnv(t)
	ru, all := 0, 0
	for _, r := range f.Zones[0].Traffic {
		all += r.Count
		if r.Country == "RU" {
			ru += r.Count
		}
	}
	code, out, errs := run("owner", "impact", fakecf.DemoZoneName, "--expr", `ip.src.country eq "RU"`)
	if code != ExitOK || !strings.Contains(out, "matched about "+strconv.Itoa(ru)+" of "+commas(all)+" requests") ||
		!strings.Contains(out, "Russia") || !strings.Contains(out, "estimates") {
		t.Fatalf("text: %d %q %q", code, out, errs)
	}
	code, out, errs = run("owner", "impact", fakecf.DemoZoneName, "--expr", `ip.src.country eq "US"`, "--json")
	var rep struct {
		Total   int `json:"total_requests"`
		Matched struct {
			Requests int `json:"requests"`
			Wanted   []struct {
				Kind, Name string
			} `json:"wanted"`
		} `json:"matched"`
		Words []struct{ Text string } `json:"words"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != ExitOK {
		t.Fatalf("json: %v %d %q %q", err, code, out, errs)
	}
	kinds := map[string]bool{}
	for _, w := range rep.Matched.Wanted {
		kinds[w.Kind] = true
	}
	if rep.Total != all || rep.Matched.Requests == 0 || !kinds["verified_bot"] || !kinds["monitor"] || !kinds["webhook"] || len(rep.Words) == 0 {
		t.Errorf("json: %+v", rep)
	}
	code, _, errs = run("owner", "impact", fakecf.DemoZoneName, "--expr", `ip.src.country eq "RU"`, "--since", "yesterday")
	if code != ExitFailed || !strings.Contains(errs, `--since "yesterday" is not a length of time like 24h`) || strings.Contains(errs, "Usage") {
		t.Errorf("bad --since: %d %q", code, errs)
	}
	code, _, errs = run("owner", "impact", fakecf.DemoZoneName, "--expr", `ip.src.contry eq "RU"`)
	if code != ExitFailed || !strings.Contains(errs, "did you mean ip.src.country") {
		t.Errorf("bad condition: %d %q", code, errs)
	}
	// A preview without --yes says whom the change would have let through.
	code, out, _ = run("owner", "allow", fakecf.DemoZoneName, "RU")
	if code != ExitOK || !strings.Contains(out, "would have let through about "+strconv.Itoa(ru)+" requests that were stopped") || f.Writes != 0 {
		t.Errorf("allow preview: %q", out)
	}
}

func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
