package tfexport

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/internal/ownertest"
	"rayfix/siteplan"
)

// The demo site's export parses; every rule is there, in order, with its
// exact expression and action; every resource has an import block in the
// provider's ID format; what v5 does not manage is listed, not dropped.
func TestDemoSiteExport(t *testing.T) {
	f, s, _, _ := ownertest.Site(t)
	f.Change(func() {
		f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"] = `http.user_agent contains "${jndi:" or http.host eq "a\"b\\c" or http.request.uri.path contains "%{x}"`
		f.Zones[0].Lockdowns = []map[string]any{{"id": "ld1", "description": "Admin only from the office", "paused": false,
			"urls": []any{"demo-bakery.example/admin*"}, "configurations": []any{map[string]any{"target": "ip_range", "value": "203.0.113.0/24"}}}}
	})
	site, err := siteplan.FindSite(context.Background(), s, fakecf.DemoZoneName)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := Site(site)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"main.tf", "imports.tf", "versions.tf"} {
		if _, diags := hclsyntax.ParseConfig(ex.Files[name], name, hcl.InitialPos); diags.HasErrors() {
			t.Fatalf("%s does not parse: %v\n%s", name, diags, ex.Files[name])
		}
	}
	file, _ := hclsyntax.ParseConfig(ex.Files["main.tf"], "main.tf", hcl.InitialPos)
	body := file.Body.(*hclsyntax.Body)
	rulesets := 0
	for _, b := range body.Blocks {
		if b.Type != "resource" || b.Labels[0] != "cloudflare_ruleset" {
			continue
		}
		rulesets++
		phase, _ := b.Body.Attributes["phase"].Expr.Value(nil)
		rules, diags := b.Body.Attributes["rules"].Expr.Value(nil)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		want := site.Sets[phase.AsString()].Rules
		if rules.LengthInt() != len(want) {
			t.Fatalf("%s: %d rules, want %d", phase.AsString(), rules.LengthInt(), len(want))
		}
		for i, r := range rules.AsValueSlice() {
			got := r.GetAttr("expression").AsString()
			if got != want[i]["expression"] || r.GetAttr("action").AsString() != want[i]["action"] || r.GetAttr("ref").AsString() != want[i]["id"] {
				t.Errorf("%s rule %d: %q %q, want %q %q", phase.AsString(), i, got, r.GetAttr("action").AsString(), want[i]["expression"], want[i]["action"])
			}
		}
	}
	if rulesets != 3 || ex.Rules != 7 {
		t.Errorf("%d rulesets, %d rules", rulesets, ex.Rules)
	}
	imports := string(ex.Files["imports.tf"])
	if n := strings.Count(imports, "import {"); n != ex.Resources {
		t.Errorf("%d import blocks for %d resources", n, ex.Resources)
	}
	id := `[0-9a-f]{32}`
	for _, re := range []string{`id = "zones/` + id + `/` + id + `"`, `to = cloudflare_access_rule\.\w+\s+id = "(zones|accounts)/` + id + `/` + id + `"`,
		`to = cloudflare_list\.office\s+id = "` + id + `/\w+"`, `to = cloudflare_zone_setting\.security_level\s+id = "` + id + `/security_level"`} {
		if !regexp.MustCompile(re).MatchString(imports) {
			t.Errorf("no import ID like %s in\n%s", re, imports)
		}
	}
	if !strings.Contains(string(ex.Files["main.tf"]), `# Not written above`) || !strings.Contains(string(ex.Files["main.tf"]), "Zone Lockdown \"Admin only from the office\"") {
		t.Errorf("legacy products not listed:\n%s", ex.Files["main.tf"])
	}
	if !strings.Contains(string(ex.Files["versions.tf"]), `"~> 5.0"`) {
		t.Errorf("versions.tf:\n%s", ex.Files["versions.tf"])
	}
}
