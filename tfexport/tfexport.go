// Package tfexport writes what RayFix reads of a site as configuration for
// Terraform's Cloudflare provider (v5), for an owner who outgrows clicking:
// one cloudflare_ruleset per phase with its rules in order and their exact
// expressions, the IP Access rules (zone and account), the lists, and the
// security settings, each with an import block in the provider's import ID
// format, so `terraform plan` starts from what is there. The HCL is built
// with hclwrite, never from string templates.
package tfexport

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"rayfix/cfapi"
	"rayfix/siteplan"
)

// ProviderVersion is the provider major the files are written for.
const ProviderVersion = "~> 5.0"

// Export is the files for one site, by name, and what went into them.
type Export struct {
	Files     map[string][]byte
	Resources int      // resources written (each with an import block)
	Rules     int      // ruleset rules among them
	Left      []string // what the provider v5 no longer manages, listed in a comment
}

// ruleFields are the rule fields the provider's rules attribute takes, in
// the order they are written; id, version and last_updated are Cloudflare's.
var ruleFields = []string{"ref", "description", "expression", "action", "action_parameters", "ratelimit", "enabled", "logging"}

var phaseNames = map[string]string{
	cfapi.PhaseCustom: "custom_rules", cfapi.PhaseRateLimit: "rate_limiting_rules", cfapi.PhaseManaged: "managed_rules",
}

// Site writes the site as Terraform files: main.tf (the resources),
// imports.tf (an import block per resource), versions.tf and README.md.
func Site(site *siteplan.Site) (*Export, error) {
	ex := &Export{Files: map[string][]byte{}}
	main, imports := hclwrite.NewEmptyFile(), hclwrite.NewEmptyFile()
	zone := site.Zone
	for _, ph := range []string{cfapi.PhaseCustom, cfapi.PhaseRateLimit, cfapi.PhaseManaged} {
		rs := site.Sets[ph]
		if rs == nil || len(rs.Rules) == 0 {
			continue
		}
		name := phaseNames[ph]
		b := main.Body().AppendNewBlock("resource", []string{"cloudflare_ruleset", name}).Body()
		b.SetAttributeValue("zone_id", cty.StringVal(zone.ID))
		b.SetAttributeValue("name", cty.StringVal("default"))
		b.SetAttributeValue("kind", cty.StringVal("zone"))
		b.SetAttributeValue("phase", cty.StringVal(ph))
		var rules []cty.Value
		for _, r := range rs.Rules {
			v, err := ruleValue(r)
			if err != nil {
				return nil, fmt.Errorf("rule %v: %w", r["id"], err)
			}
			rules = append(rules, v)
		}
		b.SetAttributeValue("rules", cty.TupleVal(rules))
		main.Body().AppendNewline()
		addImport(imports, "cloudflare_ruleset."+name, "zones/"+zone.ID+"/"+rs.ID)
		ex.Resources++
		ex.Rules += len(rules)
	}
	ex.accessRules(main, imports, site)
	ex.lists(main, imports, site)
	ex.settings(main, imports, site)
	ex.legacy(main, site)

	ex.Files["main.tf"] = hclwrite.Format(main.Bytes())
	ex.Files["imports.tf"] = hclwrite.Format(imports.Bytes())
	ex.Files["versions.tf"] = versions()
	ex.Files["README.md"] = []byte(readme(zone.Name))
	return ex, nil
}

// ruleValue is one rule as the provider's rules attribute takes it, with
// its ID as ref so Terraform keeps the rule (and its ID) across changes.
func ruleValue(r map[string]any) (cty.Value, error) {
	attrs := map[string]cty.Value{}
	for _, k := range ruleFields {
		v, ok := r[k]
		if k == "ref" && !ok {
			v, ok = r["id"], r["id"] != nil
		}
		if !ok || v == nil {
			continue
		}
		cv, err := toCty(v)
		if err != nil {
			return cty.NilVal, fmt.Errorf("%s: %w", k, err)
		}
		attrs[k] = cv
	}
	return cty.ObjectVal(attrs), nil
}

// toCty turns a decoded JSON value into HCL's: objects, tuples, strings,
// numbers and booleans.
func toCty(v any) (cty.Value, error) {
	switch x := v.(type) {
	case string:
		return cty.StringVal(x), nil
	case bool:
		return cty.BoolVal(x), nil
	case float64:
		if x == float64(int64(x)) {
			return cty.NumberIntVal(int64(x)), nil
		}
		return cty.NumberFloatVal(x), nil
	case int:
		return cty.NumberIntVal(int64(x)), nil
	case []any:
		return listToCty(x)
	case []string:
		items := make([]any, len(x))
		for i, e := range x {
			items[i] = e
		}
		return listToCty(items)
	case map[string]any:
		return mapToCty(x)
	}
	return cty.NilVal, fmt.Errorf("a value of kind %T cannot be written", v)
}

func listToCty(x []any) (cty.Value, error) {
	if len(x) == 0 {
		return cty.EmptyTupleVal, nil
	}
	out := make([]cty.Value, 0, len(x))
	for _, e := range x {
		ce, err := toCty(e)
		if err != nil {
			return cty.NilVal, err
		}
		out = append(out, ce)
	}
	return cty.TupleVal(out), nil
}

// mapToCty leaves out nil values: an absent attribute is what the
// provider expects for "not set", not null.
func mapToCty(x map[string]any) (cty.Value, error) {
	attrs := map[string]cty.Value{}
	for k, e := range x {
		if e == nil {
			continue
		}
		ce, err := toCty(e)
		if err != nil {
			return cty.NilVal, err
		}
		attrs[k] = ce
	}
	if len(attrs) == 0 {
		return cty.EmptyObjectVal, nil
	}
	return cty.ObjectVal(attrs), nil
}

func addImport(f *hclwrite.File, to, id string) {
	b := f.Body().AppendNewBlock("import", nil).Body()
	b.SetAttributeTraversal("to", traversal(to))
	b.SetAttributeValue("id", cty.StringVal(id))
	f.Body().AppendNewline()
}

// traversal is a resource address ("cloudflare_ruleset.custom_rules").
func traversal(addr string) hcl.Traversal {
	parts := strings.Split(addr, ".")
	t := hcl.Traversal{hcl.TraverseRoot{Name: parts[0]}}
	for _, p := range parts[1:] {
		t = append(t, hcl.TraverseAttr{Name: p})
	}
	return t
}

var reLabel = regexp.MustCompile(`[^a-z0-9_]+`)

// label makes a resource name from words: lower case, underscores, unique.
func label(seen map[string]bool, words ...string) string {
	s := strings.Trim(reLabel.ReplaceAllString(strings.ToLower(strings.Join(words, "_")), "_"), "_")
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "r_" + s
	}
	base, n := s, 2
	for seen[s] {
		s = fmt.Sprintf("%s_%d", base, n)
		n++
	}
	seen[s] = true
	return s
}

func (ex *Export) accessRules(main, imports *hclwrite.File, site *siteplan.Site) {
	seen := map[string]bool{}
	rules := append([]cfapi.AccessRule(nil), site.AccessRules...)
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].Configuration.Value < rules[j].Configuration.Value })
	for _, a := range rules {
		name := label(seen, a.Mode, a.Configuration.Value)
		b := main.Body().AppendNewBlock("resource", []string{"cloudflare_access_rule", name}).Body()
		scope := "zones/" + site.Zone.ID
		if a.Scope.Type == "organization" || a.Scope.Type == "account" {
			b.SetAttributeValue("account_id", cty.StringVal(site.Zone.Account.ID))
			scope = "accounts/" + site.Zone.Account.ID
		} else {
			b.SetAttributeValue("zone_id", cty.StringVal(site.Zone.ID))
		}
		b.SetAttributeValue("mode", cty.StringVal(a.Mode))
		b.SetAttributeValue("configuration", cty.ObjectVal(map[string]cty.Value{
			"target": cty.StringVal(a.Configuration.Target), "value": cty.StringVal(a.Configuration.Value)}))
		if a.Notes != "" {
			b.SetAttributeValue("notes", cty.StringVal(a.Notes))
		}
		main.Body().AppendNewline()
		addImport(imports, "cloudflare_access_rule."+name, scope+"/"+a.ID)
		ex.Resources++
	}
}

func (ex *Export) lists(main, imports *hclwrite.File, site *siteplan.Site) {
	seen := map[string]bool{}
	for _, l := range site.Lists {
		name := label(seen, l.Name)
		b := main.Body().AppendNewBlock("resource", []string{"cloudflare_list", name}).Body()
		b.SetAttributeValue("account_id", cty.StringVal(site.Zone.Account.ID))
		b.SetAttributeValue("name", cty.StringVal(l.Name))
		b.SetAttributeValue("kind", cty.StringVal(l.Kind))
		var items []cty.Value
		for _, it := range l.Items {
			item := map[string]cty.Value{}
			switch {
			case it.IP != "":
				item["ip"] = cty.StringVal(it.IP)
			case it.ASN != 0:
				item["asn"] = cty.NumberIntVal(int64(it.ASN))
			default:
				continue
			}
			if it.Comment != "" {
				item["comment"] = cty.StringVal(it.Comment)
			}
			items = append(items, cty.ObjectVal(item))
		}
		if len(items) > 0 {
			b.SetAttributeValue("items", cty.TupleVal(items))
		}
		main.Body().AppendNewline()
		addImport(imports, "cloudflare_list."+name, site.Zone.Account.ID+"/"+l.ID)
		ex.Resources++
	}
}

func (ex *Export) settings(main, imports *hclwrite.File, site *siteplan.Site) {
	for _, s := range []struct{ id, value string }{{"security_level", site.SecurityLevel}, {"browser_check", site.BrowserCheck}} {
		if s.value == "" {
			continue
		}
		b := main.Body().AppendNewBlock("resource", []string{"cloudflare_zone_setting", s.id}).Body()
		b.SetAttributeValue("zone_id", cty.StringVal(site.Zone.ID))
		b.SetAttributeValue("setting_id", cty.StringVal(s.id))
		b.SetAttributeValue("value", cty.StringVal(s.value))
		main.Body().AppendNewline()
		addImport(imports, "cloudflare_zone_setting."+s.id, site.Zone.ID+"/"+s.id)
		ex.Resources++
	}
}

// legacy lists, in a comment, what the site has that provider v5 does not
// manage: nothing is dropped silently.
func (ex *Export) legacy(main *hclwrite.File, site *siteplan.Site) {
	for _, l := range site.Lockdowns {
		ex.Left = append(ex.Left, fmt.Sprintf("Zone Lockdown %q (%s)", l["description"], siteplan.LockdownWords(l)))
	}
	for _, u := range site.UARules {
		ex.Left = append(ex.Left, fmt.Sprintf("User Agent Blocking rule %q", u["description"]))
	}
	if site.BotFightMode {
		ex.Left = append(ex.Left, "Bot Fight Mode is on (cloudflare_bot_management manages it; not written here)")
	}
	if len(ex.Left) == 0 {
		return
	}
	lines := []string{"# Not written above (provider v5 does not manage these, or RayFix does not write them):"}
	for _, l := range ex.Left {
		lines = append(lines, "#   - "+strings.ReplaceAll(l, "\n", " "))
	}
	main.Body().AppendUnstructuredTokens(hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte(strings.Join(lines, "\n") + "\n")}})
}

func versions() []byte {
	f := hclwrite.NewEmptyFile()
	tf := f.Body().AppendNewBlock("terraform", nil).Body()
	tf.SetAttributeValue("required_version", cty.StringVal(">= 1.5"))
	rp := tf.AppendNewBlock("required_providers", nil).Body()
	rp.SetAttributeValue("cloudflare", cty.ObjectVal(map[string]cty.Value{
		"source": cty.StringVal("cloudflare/cloudflare"), "version": cty.StringVal(ProviderVersion)}))
	f.Body().AppendNewline()
	f.Body().AppendNewBlock("provider", []string{"cloudflare"})
	return hclwrite.Format(f.Bytes())
}

func readme(zone string) string {
	return "# " + zone + " — Cloudflare security configuration\n\n" +
		"Written by RayFix from what Cloudflare holds for " + zone + ": the custom, rate limiting and managed rules in their order, " +
		"the IP Access rules, the lists and the security settings, for Terraform's Cloudflare provider " + ProviderVersion + ".\n\n" +
		"1. Set `CLOUDFLARE_API_TOKEN` (the provider reads it, as RayFix does).\n" +
		"2. `terraform init`, then `terraform plan`: the import blocks in imports.tf bring what exists into Terraform's state, " +
		"and the plan should show no changes. Review any difference before `terraform apply`.\n\n" +
		"Terraform then owns these rulesets: change them in these files from now on, not in the dashboard or RayFix.\n"
}

// Write puts the files in dir (made if missing). It does not overwrite
// Terraform files already there: someone's configuration may be in them.
func (ex *Export) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("the folder %s cannot be made", dir)
	}
	names := make([]string, 0, len(ex.Files))
	for name := range ex.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("%s already has a %s: choose an empty folder, so no configuration is overwritten", dir, name)
		}
	}
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), ex.Files[name], 0o644); err != nil {
			return fmt.Errorf("%s could not be written in %s", name, dir)
		}
	}
	return nil
}

// Summary says in words what was written.
func (ex *Export) Summary(zone, dir string) string {
	s := fmt.Sprintf("Wrote %d resources (%d rules) for %s to %s: main.tf, imports.tf, versions.tf and README.md. Next: terraform init, then terraform plan in that folder.", ex.Resources, ex.Rules, zone, dir)
	if len(ex.Left) > 0 {
		s += " Not written (listed in main.tf): " + strings.Join(ex.Left, "; ") + "."
	}
	return s
}
