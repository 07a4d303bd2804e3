package planner

import (
	"errors"
	"fmt"
	"strings"

	"rayfix/internal/words"
	"rayfix/siteplan"

	"rayfix/cfapi"
	"rayfix/changes"

	"rayfix/app/ruleslang"
)

// SetRuleDescription renames a rule.
func SetRuleDescription(site *siteplan.Site, ruleID, desc string) (*changes.Change, error) {
	phase, rs, rule, _ := site.FindRule(ruleID)
	if rule == nil {
		return nil, errRuleGone
	}
	desc = strings.TrimSpace(desc)
	if len(desc) > 500 {
		return nil, errors.New("keep the description under 500 characters")
	}
	after := changes.RuleBody(rule)
	after["description"] = desc
	c := newChange(site, "Rename "+changes.RuleName(rule))
	c.Consequence = "Only the name changes; the rule works as before. Security Events show the new name."
	c.Lines = []changes.Line{{Label: "Description", Before: words.Str(rule["description"]), After: desc}}
	c.Steps = updateRule(site, phase, rs, ruleID, rule, after)
	return c, nil
}

// MoveRule moves a rule up (delta -1) or down (+1) in its list.
func MoveRule(site *siteplan.Site, ruleID string, delta int) (*changes.Change, error) {
	phase, rs, rule, idx := site.FindRule(ruleID)
	if rule == nil {
		return nil, errRuleGone
	}
	to := idx + delta
	if to < 1 || to > len(rs.Rules) {
		return nil, errors.New("the rule is already at that end of the list")
	}
	after := changes.RuleBody(rule)
	after["position"] = map[string]any{"index": to}
	c := newChange(site, fmt.Sprintf("Move %s from place %d to %d", changes.RuleName(rule), idx, to))
	c.Consequence = "Rules are checked from the top: the first Block or challenge that matches decides, and a Skip only skips what comes after it."
	c.Lines = []changes.Line{{Label: "Place in the list", Before: fmt.Sprint(idx), After: fmt.Sprint(to)}}
	c.Steps = []changes.Step{{Op: "rule.move", ZoneID: site.Zone.ID, Phase: phase, RulesetID: rs.ID, TargetID: ruleID, Before: rule, After: after, Index: idx}}
	return c, nil
}

// DeleteRule removes a rule (undo puts it back in the same place).
func DeleteRule(site *siteplan.Site, ruleID string) (*changes.Change, error) {
	phase, rs, rule, idx := site.FindRule(ruleID)
	if rule == nil {
		return nil, errRuleGone
	}
	c := newChange(site, "Delete "+changes.RuleName(rule))
	c.Consequence = words.Capitalize(siteplan.Summarize(words.Str(rule["expression"]))) + " will no longer be " + VerbFor(words.Str(rule["action"])) + " by this rule."
	c.Lines = []changes.Line{{Label: "Rule", Before: words.Str(rule["description"]) + ": " + words.Str(rule["expression"])}}
	c.Notes = []string{"Undo puts the rule back in the same place; Cloudflare gives it a new ID."}
	c.Steps = []changes.Step{{Op: "rule.delete", ZoneID: site.Zone.ID, Phase: phase, RulesetID: rs.ID, TargetID: ruleID, Before: rule, Index: idx}}
	return c, nil
}

// CreateCustomRule adds a custom rule at the end, within the plan's count.
func CreateCustomRule(site *siteplan.Site, desc, expr, action string) (*changes.Change, error) {
	e := ruleslang.Parse(expr)
	if e.Err != nil {
		return nil, e.Err
	}
	if !Contains(customActions(site), action) {
		return nil, fmt.Errorf("the action %q is not available on the %s plan", action, site.Zone.PlanName())
	}
	rs := site.Sets[cfapi.PhaseCustom]
	if lim := siteplan.PlanLimits[site.Zone.PlanID()]; rs != nil && lim[0] > 0 && len(rs.Rules) >= lim[0] {
		return nil, fmt.Errorf("the %s plan allows %d custom rules and all are used", site.Zone.PlanName(), lim[0])
	}
	body := map[string]any{"action": action, "expression": Print(e), "description": strings.TrimSpace(desc), "enabled": true}
	if action == "skip" {
		body["action_parameters"] = map[string]any{"ruleset": "current"}
	}
	c := newChange(site, "New custom rule: "+desc)
	c.Consequence = words.Capitalize(siteplan.Summarize(Print(e))) + " will be " + VerbFor(action) + "."
	c.VisitorAfter = siteplan.VisitorSees(action, "Error 1020")
	c.Lines = []changes.Line{{Label: "New rule", After: desc + ": " + Print(e)}}
	st := changes.Step{Op: "rule.create", ZoneID: site.Zone.ID, Phase: cfapi.PhaseCustom, After: body}
	if rs != nil {
		st.RulesetID = rs.ID
	}
	c.Steps = []changes.Step{st}
	return c, nil
}

// Print is the canonical text of a parsed expression.
func Print(e *ruleslang.Expr) string { return e.String() }

// Allowed rate limiting values (Cloudflare's).
var (
	rlPeriods  = []int{10, 60, 120, 300, 600, 3600}
	rlTimeouts = []int{0, 10, 60, 120, 300, 600, 3600, 86400}
	rlPlanMax  = map[string][2]int{"free": {10, 10}, "pro": {60, 3600}, "business": {600, 86400}, "enterprise": {3600, 86400}}
)

// SetRateLimit relaxes or tightens a rate limiting rule.
func SetRateLimit(site *siteplan.Site, ruleID string, requests, period, timeout int, action string) (*changes.Change, error) {
	phase, rs, rule, _ := site.FindRule(ruleID)
	if rule == nil || phase != cfapi.PhaseRateLimit {
		return nil, errors.New("that is not a rate limiting rule")
	}
	lim := rlPlanMax[site.Zone.PlanID()]
	switch {
	case requests < 1 || requests > 1000000:
		return nil, errors.New("requests per period must be between 1 and 1,000,000")
	case !containsInt(rlPeriods, period) || lim[0] > 0 && period > lim[0]:
		return nil, fmt.Errorf("the period must be one of %v seconds, at most %d on the %s plan", rlPeriods, lim[0], site.Zone.PlanName())
	case !containsInt(rlTimeouts, timeout) || lim[1] > 0 && timeout > lim[1]:
		return nil, fmt.Errorf("the block time must be one of %v seconds, at most %d on the %s plan", rlTimeouts, lim[1], site.Zone.PlanName())
	case action != "block" && timeout != 0 && site.Zone.PlanID() != "enterprise":
		return nil, errors.New("with a challenge the block time must be 0 (Cloudflare's rule below Enterprise)")
	}
	after := changes.RuleBody(rule)
	rl := map[string]any{}
	old, _ := rule["ratelimit"].(map[string]any)
	for k, v := range old {
		rl[k] = v
	}
	rl["requests_per_period"], rl["period"], rl["mitigation_timeout"] = requests, period, timeout
	after["ratelimit"] = rl
	after["action"] = action
	c := newChange(site, "Change the rate limit "+changes.RuleName(rule))
	c.Consequence = fmt.Sprintf("A visitor will be %s after more than %d requests in %d seconds (before: %v in %v).", VerbFor(action), requests, period, old["requests_per_period"], old["period"])
	c.Lines = []changes.Line{
		{Label: "Requests per period", Before: fmt.Sprint(old["requests_per_period"]), After: fmt.Sprint(requests)},
		{Label: "Period (seconds)", Before: fmt.Sprint(old["period"]), After: fmt.Sprint(period)},
		{Label: "Block lasts (seconds)", Before: fmt.Sprint(old["mitigation_timeout"]), After: fmt.Sprint(timeout)},
		{Label: "Action", Before: cfapi.ActionName(words.Str(rule["action"])), After: cfapi.ActionName(action)},
	}
	c.VisitorAfter = siteplan.VisitorSees(action, "Error 1015 (rate limited)")
	c.Steps = updateRule(site, phase, rs, ruleID, rule, after)
	return c, nil
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// ManagedException exempts a path, host or IP from managed rules: the whole
// managed ruleset, or only managedRuleID (the one that misfired).
func ManagedException(site *siteplan.Site, executeRuleID string, who siteplan.Who, managedRuleID string) (*changes.Change, error) {
	phase, rs, exec, _ := site.FindRule(executeRuleID)
	if exec == nil || phase != cfapi.PhaseManaged || exec["action"] != "execute" {
		return nil, errors.New("pick the managed ruleset the exception is for")
	}
	params, _ := exec["action_parameters"].(map[string]any)
	setID := words.Str(params["id"])
	skip := map[string]any{"rulesets": []any{setID}}
	scope := siteplan.ManagedName(params)
	if managedRuleID != "" {
		skip = map[string]any{"rules": map[string]any{setID: []any{managedRuleID}}}
		scope = siteplan.ManagedRuleName(managedRuleID, site.ManagedNames)
	}
	body := map[string]any{"action": "skip", "expression": ruleslang.Print(who.Node()), "enabled": true,
		"description": "RayFix: " + who.Words() + " skip " + scope, "action_parameters": skip,
		"logging": map[string]any{"enabled": true}, "position": map[string]any{"before": executeRuleID}}
	c := newChange(site, "Exception from "+scope+" for "+who.Words())
	c.Consequence = words.Capitalize(who.Words()) + " will no longer be checked by " + scope + "; everything else still is."
	c.VisitorAfter = "the site, unless another rule stops them"
	c.Lines = []changes.Line{{Label: "New managed-rules exception", After: words.Str(body["expression"])}}
	c.Steps = []changes.Step{{Op: "rule.create", ZoneID: site.Zone.ID, Phase: phase, RulesetID: rs.ID, After: body}}
	return c, nil
}

// ManagedOverride changes what one managed rule does: "disable", or "log"
// where the plan allows.
func ManagedOverride(site *siteplan.Site, executeRuleID, managedRuleID, what string) (*changes.Change, error) {
	phase, rs, exec, _ := site.FindRule(executeRuleID)
	if exec == nil || exec["action"] != "execute" {
		return nil, errors.New("pick the managed ruleset first")
	}
	if what == "log" && site.Zone.PlanID() != "enterprise" {
		return nil, fmt.Errorf("logging instead of blocking needs the Enterprise plan; turn the rule off instead")
	}
	after := changes.RuleBody(exec)
	params := map[string]any{}
	old, _ := exec["action_parameters"].(map[string]any)
	for k, v := range old {
		params[k] = v
	}
	ov := map[string]any{}
	if o, ok := old["overrides"].(map[string]any); ok {
		for k, v := range o {
			ov[k] = v
		}
	}
	var rules []any
	if rr, ok := ov["rules"].([]any); ok {
		for _, r := range rr {
			if m, _ := r.(map[string]any); words.Str(m["id"]) != managedRuleID {
				rules = append(rules, r)
			}
		}
	}
	entry := map[string]any{"id": managedRuleID}
	if what == "disable" {
		entry["enabled"] = false
	} else {
		entry["action"] = what
	}
	ov["rules"] = append(rules, entry)
	params["overrides"] = ov
	after["action_parameters"] = params
	name := siteplan.ManagedRuleName(managedRuleID, site.ManagedNames)
	c := newChange(site, words.Capitalize(name)+": "+map[string]string{"disable": "off", "log": "log only"}[what])
	c.Consequence = words.Capitalize(name) + " will " + map[string]string{"disable": "no longer act", "log": "only log"}[what] + "; the rest of " + siteplan.ManagedName(old) + " keeps protecting the site."
	c.Lines = []changes.Line{{Label: "Your changes", Before: siteplan.OverridesNote(old, site.ManagedNames), After: siteplan.OverridesNote(params, site.ManagedNames)}}
	c.Steps = updateRule(site, phase, rs, executeRuleID, exec, after)
	return c, nil
}

func accessState(a *cfapi.AccessRule) map[string]any {
	return map[string]any{"mode": a.Mode, "notes": a.Notes, "modified_on": a.ModifiedOn,
		"target": a.Configuration.Target, "value": a.Configuration.Value}
}

func accessScope(site *siteplan.Site, a *cfapi.AccessRule) (zoneID, accountID string) {
	if a.Scope.Type == "organization" {
		return "", site.Zone.Account.ID
	}
	return site.Zone.ID, ""
}

// SetAccessRule changes an IP Access rule's mode and notes.
func SetAccessRule(site *siteplan.Site, id, mode, notes string) (*changes.Change, error) {
	a := site.FindAccess(id)
	if a == nil {
		return nil, errors.New("that IP Access rule is no longer there; reload the site")
	}
	if cfapi.ActionName(mode) == "" {
		return nil, fmt.Errorf("unknown mode %q", mode)
	}
	zoneID, accountID := accessScope(site, a)
	c := newChange(site, fmt.Sprintf("%s instead of %s: %s", cfapi.ActionName(mode), cfapi.ActionName(a.Mode), a.Configuration.Value))
	c.Consequence = fmt.Sprintf("Requests from %s will be %s instead of %s.", a.Configuration.Value, VerbFor(accessVerb(mode)), VerbFor(accessVerb(a.Mode)))
	c.Lines = []changes.Line{{Label: "Mode", Before: cfapi.ActionName(a.Mode), After: cfapi.ActionName(mode)}, {Label: "Notes", Before: a.Notes, After: notes}}
	if mode == "whitelist" {
		c.Notes = append([]string{"Requests allowed this way no longer appear in Security Events."}, bfmNote(site)...)
	}
	c.Steps = []changes.Step{{Op: "access.update", ZoneID: zoneID, AccountID: accountID, TargetID: id, Before: accessState(a), After: map[string]any{"mode": mode, "notes": notes}}}
	c.VisitorAfter = site.SeesAfter(c, whoOfAccess(a))
	return c, nil
}

// whoOfAccess is the group of visitors an IP Access rule names.
func whoOfAccess(a *cfapi.AccessRule) siteplan.Who {
	v := a.Configuration.Value
	switch a.Configuration.Target {
	case "asn":
		return siteplan.Who{Kind: "asn", Value: strings.TrimPrefix(strings.ToUpper(v), "AS")}
	case "country":
		return siteplan.Who{Kind: "country", Value: v}
	}
	return siteplan.Who{Kind: "ip", Value: v}
}

func accessVerb(mode string) string {
	if mode == "whitelist" {
		return "skip"
	}
	return mode
}

// DeleteAccessRule removes an IP Access rule.
func DeleteAccessRule(site *siteplan.Site, id string) (*changes.Change, error) {
	a := site.FindAccess(id)
	if a == nil {
		return nil, errors.New("that IP Access rule is no longer there; reload the site")
	}
	zoneID, accountID := accessScope(site, a)
	c := newChange(site, "Delete the IP Access rule for "+a.Configuration.Value)
	c.Consequence = fmt.Sprintf("Requests from %s will no longer be %s by this rule.", a.Configuration.Value, VerbFor(accessVerb(a.Mode)))
	c.Lines = []changes.Line{{Label: "IP Access rule", Before: cfapi.ActionName(a.Mode) + " " + a.Configuration.Value}}
	c.Steps = []changes.Step{{Op: "access.delete", ZoneID: zoneID, AccountID: accountID, TargetID: id, Before: accessState(a)}}
	c.VisitorAfter = site.SeesAfter(c, whoOfAccess(a))
	return c, nil
}

var securityLevels = map[string]string{
	"essentially_off": "only the most threatening visitors are challenged",
	"low":             "only the most threatening visitors are challenged",
	"medium":          "visitors with a moderately poor reputation are challenged",
	"high":            "every visitor with a poor reputation in the last 14 days is challenged",
	"under_attack":    "every visitor gets a check page (I'm Under Attack mode)",
	"off":             "no visitor is challenged for their reputation (Enterprise)",
}

// SetSecurityLevel changes how strictly visitors with a poor IP reputation
// are challenged.
func SetSecurityLevel(site *siteplan.Site, level string) (*changes.Change, error) {
	what, ok := securityLevels[level]
	if !ok {
		return nil, fmt.Errorf("unknown Security Level %q", level)
	}
	c := newChange(site, "Security Level: "+level)
	c.Consequence = "From now on " + what + "."
	c.Lines = []changes.Line{{Label: "Security Level", Before: site.SecurityLevel, After: level}}
	c.Steps = []changes.Step{{Op: "setting.set", ZoneID: site.Zone.ID, TargetID: "security_level", Before: map[string]any{"value": site.SecurityLevel}, After: map[string]any{"value": level}}}
	return c, nil
}

// SetBrowserCheck switches Browser Integrity Check.
func SetBrowserCheck(site *siteplan.Site, on bool) (*changes.Change, error) {
	v := map[bool]string{true: "on", false: "off"}[on]
	c := newChange(site, "Browser Integrity Check: "+v)
	if on {
		c.Consequence = "Requests with missing or bot-like browser headers will be blocked (Error 1010)."
	} else {
		c.Consequence = "Requests will no longer be blocked for their browser headers; custom rules still apply."
	}
	c.Lines = []changes.Line{{Label: "Browser Integrity Check", Before: site.BrowserCheck, After: v}}
	c.Steps = []changes.Step{{Op: "setting.set", ZoneID: site.Zone.ID, TargetID: "browser_check", Before: map[string]any{"value": site.BrowserCheck}, After: map[string]any{"value": v}}}
	return c, nil
}

// SetBotFightMode switches Bot Fight Mode.
func SetBotFightMode(site *siteplan.Site, on bool) (*changes.Change, error) {
	c := newChange(site, "Bot Fight Mode: "+changes.YesNo(on))
	if on {
		c.Consequence = "Traffic Cloudflare thinks is automated will be challenged. It cannot be skipped by rules; monitors and API clients need an IP Access Allow rule."
	} else {
		c.Consequence = "Cloudflare will stop challenging traffic it thinks is automated; your own rules still apply."
	}
	c.Lines = []changes.Line{{Label: "Bot Fight Mode", Before: changes.YesNo(site.BotFightMode), After: changes.YesNo(on)}}
	c.Steps = []changes.Step{{Op: "bfm.set", ZoneID: site.Zone.ID, Before: map[string]any{"on": site.BotFightMode}, After: map[string]any{"on": on}}}
	return c, nil
}

// RuleEdit is what the rule editor changes; nil fields stay as they are.
type RuleEdit struct {
	Description *string
	Action      *string
	Enabled     *bool
	Expression  *string
	// Skip says what a Skip rule skips: "rules" (the remaining custom
	// rules) and phases/products such as "http_ratelimit" or "bic".
	Skip []string
}

// SkipTargets are what a Skip rule can skip, with their plain names.
var SkipTargets = []struct{ Key, Label string }{
	{"rules", "the remaining custom rules"}, {cfapi.PhaseRateLimit, "rate limiting rules"}, {cfapi.PhaseManaged, "managed rules"},
	{"http_request_sbfm", "Super Bot Fight Mode"}, {"bic", "Browser Integrity Check"}, {"securityLevel", "Security Level"},
	{"zoneLockdown", "Zone Lockdown"}, {"uaBlock", "User Agent blocking"}, {"hot", "Hotlink Protection"},
}

func skipParams(keys []string) map[string]any {
	p := map[string]any{}
	var phases, products []any
	for _, k := range keys {
		switch k {
		case "rules":
			p["ruleset"] = "current"
		case cfapi.PhaseRateLimit, cfapi.PhaseManaged, "http_request_sbfm":
			phases = append(phases, k)
		default:
			products = append(products, k)
		}
	}
	if len(phases) > 0 {
		p["phases"] = phases
	}
	if len(products) > 0 {
		p["products"] = products
	}
	return p
}

// EditRule plans one update carrying every field the editor changed.
func EditRule(site *siteplan.Site, ruleID string, e RuleEdit) (*changes.Change, error) {
	phase, rs, rule, _ := site.FindRule(ruleID)
	if rule == nil {
		return nil, errRuleGone
	}
	after := changes.RuleBody(rule)
	var lines []changes.Line
	if e.Description != nil && *e.Description != words.Str(rule["description"]) {
		after["description"] = strings.TrimSpace(*e.Description)
		lines = append(lines, changes.Line{Label: "Description", Before: words.Str(rule["description"]), After: words.Str(after["description"])})
	}
	if e.Action != nil && *e.Action != words.Str(rule["action"]) {
		if phase == cfapi.PhaseRateLimit && !Contains([]string{"block", "managed_challenge", "js_challenge", "challenge"}, *e.Action) {
			return nil, fmt.Errorf("a rate limiting rule can block or challenge, not %q", cfapi.ActionName(*e.Action))
		}
		if phase == cfapi.PhaseCustom && !Contains(customActions(site), *e.Action) {
			return nil, fmt.Errorf("the %s plan does not allow the action %q here", site.Zone.PlanName(), *e.Action)
		}
		after["action"] = *e.Action
		if *e.Action == "skip" {
			after["action_parameters"] = map[string]any{"ruleset": "current"}
		} else if rule["action"] == "skip" {
			delete(after, "action_parameters")
		}
		lines = append(lines, changes.Line{Label: "Action", Before: cfapi.ActionName(words.Str(rule["action"])), After: cfapi.ActionName(*e.Action)})
	}
	if words.Str(after["action"]) == "skip" && e.Skip != nil {
		if len(e.Skip) == 0 {
			return nil, errors.New("a Skip rule must skip something; tick at least one")
		}
		p := skipParams(e.Skip)
		if changes.NormJSON(p) != changes.NormJSON(rule["action_parameters"]) {
			after["action_parameters"] = p
			lines = append(lines, changes.Line{Label: "Skips", Before: siteplan.SkipTargetsOf(asMap(rule["action_parameters"])), After: siteplan.SkipTargetsOf(p)})
		}
	}
	if e.Enabled != nil && *e.Enabled != (rule["enabled"] == true) {
		after["enabled"] = *e.Enabled
		lines = append(lines, changes.Line{Label: "Enabled", Before: changes.YesNo(rule["enabled"] == true), After: changes.YesNo(*e.Enabled)})
	}
	if e.Expression != nil {
		p := ruleslang.Parse(*e.Expression)
		if p.Err != nil {
			return nil, p.Err
		}
		if Print(p) != words.Str(rule["expression"]) {
			after["expression"] = Print(p)
			lines = append(lines, changes.Line{Label: "In words", Before: siteplan.Summarize(words.Str(rule["expression"])), After: siteplan.Summarize(Print(p))},
				changes.Line{Label: "Expression", Before: words.Str(rule["expression"]), After: Print(p)})
		}
	}
	if len(lines) == 0 {
		return nil, errors.New("nothing was changed")
	}
	c := newChange(site, "Edit "+changes.RuleName(rule))
	verb := VerbFor(words.Str(after["action"]))
	if after["enabled"] == false {
		c.Consequence = "The rule will be off: nobody is " + VerbFor(words.Str(rule["action"])) + " by it."
	} else {
		c.Consequence = words.Capitalize(siteplan.Summarize(words.Str(after["expression"]))) + " will be " + verb + "."
	}
	c.VisitorAfter = siteplan.VisitorSees(words.Str(after["action"]), "Error 1020")
	c.Lines = lines
	c.Steps = updateRule(site, phase, rs, ruleID, rule, after)
	return c, nil
}

// Condition builds one condition of the rule builder from what was typed:
// country, ip, asn, user_agent (contains), path (starts with), verified_bots.
func Condition(kind, value string) (ruleslang.Node, error) {
	if kind == "user_agent" {
		v := strings.TrimSpace(value)
		if v == "" || len(v) > 200 {
			return nil, errors.New("type a part of the user agent, like python-requests")
		}
		return &ruleslang.Compare{Left: &ruleslang.Call{Name: "lower", Args: []ruleslang.Node{&ruleslang.Field{Name: "http.user_agent"}}},
			Op: "contains", Right: ruleslang.NewString(strings.ToLower(v))}, nil
	}
	w, err := siteplan.ParseWho(kind, value)
	if err != nil {
		return nil, err
	}
	return w.Node(), nil
}

// AndCondition adds a condition to an expression with "and".
func AndCondition(expr string, cond ruleslang.Node) (string, error) {
	if strings.TrimSpace(expr) == "" {
		return ruleslang.Print(cond), nil
	}
	p := ruleslang.Parse(expr)
	if p.Err != nil {
		return "", p.Err
	}
	out := ruleslang.Print(&ruleslang.Logical{Op: "and", Left: &ruleslang.Paren{X: p.Root}, Right: cond})
	return out, ruleslang.CheckLength(out)
}

// AddAccessRule creates an IP Access rule with any mode (block, challenge,
// allow), on this site or every site of the account.
func AddAccessRule(site *siteplan.Site, who siteplan.Who, mode, notes string, accountWide bool) (*changes.Change, error) {
	if mode == "whitelist" {
		return AddAccessAllow(site, who, notes, accountWide)
	}
	target, value, ok := who.AccessTarget()
	if !ok {
		return nil, fmt.Errorf("an IP Access rule can only name an IP address, a network or a country, not %s", who.Words())
	}
	if cfapi.ActionName(mode) == "" {
		return nil, fmt.Errorf("unknown mode %q", mode)
	}
	if target == "country" && mode == "block" && site.Zone.PlanID() != "enterprise" {
		return nil, errors.New("blocking a whole country with an IP Access rule needs the Enterprise plan; use a custom rule, or challenge instead")
	}
	if a := accessRuleFor(site, value); a != nil {
		return nil, &ExistingAccessRule{Rule: *a}
	}
	where := "this site"
	step := changes.Step{Op: "access.create", ZoneID: site.Zone.ID, After: map[string]any{"mode": mode, "target": target, "value": value, "notes": strings.TrimSpace(notes)}}
	if accountWide {
		where, step.ZoneID, step.AccountID = "every site of the account", "", site.Zone.Account.ID
	}
	c := newChange(site, fmt.Sprintf("%s %s on %s", cfapi.ActionName(mode), who.Words(), where))
	c.Consequence = fmt.Sprintf("Requests from %s will be %s on %s, before any other rule.", who.Words(), VerbFor(mode), where)
	c.VisitorAfter = siteplan.VisitorSees(mode, "Error 1006 (IP banned)")
	c.Lines = []changes.Line{{Label: "New IP Access rule", After: fmt.Sprintf("%s %s %s", cfapi.ActionName(mode), target, value)}}
	c.Steps = []changes.Step{step}
	return c, nil
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
