package siteplan

import (
	"fmt"
	"sort"
	"strings"

	"rayfix/cfapi"
	"rayfix/diagnose/places"
	"rayfix/internal/words"

	"rayfix/app/ruleslang"
)

// PlanLimits are the rule counts per plan (Cloudflare's plan table).
var PlanLimits = map[string][2]int{ // custom rules, rate limiting rules
	"free": {5, 1}, "pro": {20, 2}, "business": {100, 5}, "enterprise": {1000, 5},
}

func Summarize(expr string) string {
	return ruleslang.Summarize(ruleslang.Parse(expr), CountryOnly)
}

// CountryOnly names a country without its code ("Germany").
func CountryOnly(code string) string {
	n := places.CountryName(code)
	if i := strings.LastIndex(n, " ("); i > 0 {
		n = n[:i]
	}
	return n
}

func ActionWords(action string) string {
	switch action {
	case "block":
		return "Blocks"
	case "managed_challenge":
		return "Challenges (managed)"
	case "challenge":
		return "Challenges (interactive)"
	case "js_challenge":
		return "Challenges (JavaScript)"
	case "skip":
		return "Lets through (skips later checks for)"
	case "log":
		return "Only logs"
	case "whitelist":
		return "Allows"
	case "execute":
		return "Checks with managed rules"
	}
	return action
}

func VisitorSees(action, blockCode string) string {
	switch action {
	case "block":
		return blockCode
	case "managed_challenge", "challenge", "js_challenge":
		return "a \"check you're human\" page"
	case "skip", "whitelist":
		return "nothing (let through)"
	case "log":
		return "nothing (only logged)"
	}
	return ""
}

func (zr *ZoneRules) build(phases map[string]*cfapi.RuleSet, zoneAR, acctAR []cfapi.AccessRule, lockdown, uaRules []map[string]any) {
	add := func(r Rule) { zr.Rules = append(zr.Rules, r) }
	for _, set := range []struct {
		rules []cfapi.AccessRule
		scope string
	}{{zoneAR, "this site"}, {acctAR, "the whole account"}} {
		for _, a := range set.rules {
			add(accessRuleWords(a, set.scope))
		}
	}
	if rs := phases[cfapi.PhaseCustom]; rs != nil {
		for _, r := range rs.Rules {
			add(zr.phaseRule(cfapi.PhaseCustom, r))
		}
	}
	for _, l := range lockdown {
		add(Rule{Stage: StageLockdown, Kind: "lockdown", ID: words.Str(l["id"]), Description: words.Str(l["description"]), Action: "block",
			Enabled: l["paused"] != true, Legacy: true, Summary: LockdownWords(l),
			VisitorSees: "Error 1106", Note: "Zone Lockdown is a legacy product; Cloudflare recommends a custom rule instead."})
	}
	for _, u := range uaRules {
		cfg, _ := u["configuration"].(map[string]any)
		add(Rule{Stage: StageUABlock, Kind: "ua_block", ID: words.Str(u["id"]), Description: words.Str(u["description"]), Action: words.Str(u["mode"]),
			Enabled: u["paused"] != true, Legacy: true,
			Summary:     fmt.Sprintf("%s browsers whose user agent is exactly %q", ActionWords(words.Str(u["mode"])), words.Str(cfg["value"])),
			VisitorSees: VisitorSees(words.Str(u["mode"]), "Error 1010 or 1020"), Note: "User Agent blocking is a legacy product."})
	}
	zr.addSettings()
	for _, ph := range []string{cfapi.PhaseRateLimit, cfapi.PhaseManaged} {
		if rs := phases[ph]; rs != nil {
			for _, r := range rs.Rules {
				add(zr.phaseRule(ph, r))
			}
		}
	}
	if zr.BotFightMode != nil && *zr.BotFightMode {
		add(Rule{Stage: StageBots, Kind: "setting", ID: "bot_fight_mode", Description: "Bot Fight Mode", Action: "managed_challenge", Enabled: true,
			Summary:     "Challenges traffic Cloudflare thinks is automated",
			VisitorSees: VisitorSees("managed_challenge", ""), Note: "No rule and no IP Access Allow can skip Bot Fight Mode: if it stops a monitor or an API client you need, the only way is to turn it off."})
	}
	if lim, ok := PlanLimits[zr.Zone.PlanID()]; ok {
		zr.Limits = append(zr.Limits,
			fmt.Sprintf("%d of %d custom rules used on the %s plan", zr.Count("custom_rule"), lim[0], words.Capitalize(zr.Zone.PlanID())),
			fmt.Sprintf("%d of %d rate limiting rules used", zr.Count("rate_limit"), lim[1]))
	}
}

// addSettings lists Browser Integrity Check and the Security Level when
// they can stop someone.
func (zr *ZoneRules) addSettings() {
	if zr.BrowserCheck == "on" {
		zr.Rules = append(zr.Rules, Rule{Stage: StageSettings, Kind: "setting", ID: "browser_check", Description: "Browser Integrity Check", Action: "block", Enabled: true,
			Summary: "Blocks requests whose headers look like a bad bot's or are missing", VisitorSees: "Error 1010"})
	}
	if zr.SecurityLevel != "" && zr.SecurityLevel != "off" && zr.SecurityLevel != "essentially_off" {
		zr.Rules = append(zr.Rules, Rule{Stage: StageSettings, Kind: "setting", ID: "security_level", Description: "Security Level: " + zr.SecurityLevel, Action: "managed_challenge", Enabled: true,
			Summary:     "Challenges visitors whose IP address has a poor reputation",
			VisitorSees: VisitorSees("managed_challenge", ""), Note: securityLevelNote(zr.SecurityLevel)})
	}
}

// LockdownWords says who may open what under a Zone Lockdown rule:
// "Only 203.0.113.0/24 may open demo-bakery.example/admin*".
func LockdownWords(l map[string]any) string {
	var urls, ips []string
	list, _ := l["urls"].([]any)
	for _, u := range list {
		urls = append(urls, words.Str(u))
	}
	cfg, _ := l["configurations"].([]any)
	for _, c := range cfg {
		m, _ := c.(map[string]any)
		ips = append(ips, words.Str(m["value"]))
	}
	who := "nobody"
	if len(ips) > 0 {
		who = joinAnd(ips)
	}
	return "Only " + who + " may open " + joinAnd(urls)
}

// accessRuleWords words one IP Access rule; scope is this site or the
// whole account.
func accessRuleWords(a cfapi.AccessRule, scope string) Rule {
	code := map[string]string{"country": "Error 1009 (country banned)", "asn": "Error 1005 (network banned)"}[a.Configuration.Target]
	if code == "" {
		code = "Error 1006 (IP banned)"
	}
	return Rule{Stage: StageIPAccess, Kind: "ip_access", ID: a.ID, Description: a.Notes, Action: a.Mode, Enabled: true,
		Summary:     fmt.Sprintf("%s %s, on %s", ActionWords(a.Mode), accessTarget(a), scope),
		VisitorSees: VisitorSees(a.Mode, code),
		Note:        accessNote(a)}
}

// phaseRule words one rule of a ruleset phase, read whole.
func (zr *ZoneRules) phaseRule(ph string, r map[string]any) Rule {
	stage := map[string]string{cfapi.PhaseCustom: StageCustom, cfapi.PhaseRateLimit: StageRateLimit, cfapi.PhaseManaged: StageManaged}
	kind := map[string]string{cfapi.PhaseCustom: "custom_rule", cfapi.PhaseRateLimit: "rate_limit", cfapi.PhaseManaged: "managed"}
	action, expr := words.Str(r["action"]), words.Str(r["expression"])
	params, _ := r["action_parameters"].(map[string]any)
	rule := Rule{Stage: stage[ph], Kind: kind[ph], ID: words.Str(r["id"]), Description: words.Str(r["description"]), Action: action,
		Enabled: r["enabled"] == true, Expression: expr}
	cond := Summarize(expr)
	switch {
	case ph == cfapi.PhaseRateLimit:
		rl, _ := r["ratelimit"].(map[string]any)
		rule.Summary = fmt.Sprintf("%s a visitor who sends more than %v requests in %v seconds, when %s", ActionWords(action),
			rl["requests_per_period"], rl["period"], cond)
		rule.VisitorSees = "Error 1015 (rate limited)"
		if t, ok := rl["mitigation_timeout"]; ok {
			rule.Note = fmt.Sprintf("The block lasts %v seconds.", t)
		}
	case ph == cfapi.PhaseManaged && action == "skip":
		rule.Kind = "managed_exception"
		rule.Summary = "Exception: " + exceptionScope(params, zr.names, cond)
		rule.VisitorSees = "nothing (let through)"
	case ph == cfapi.PhaseManaged:
		rule.Summary = "Checks every request with " + ManagedName(params)
		if strings.TrimSpace(expr) != "true" {
			rule.Summary = fmt.Sprintf("Checks %s with %s", cond, ManagedName(params))
		}
		rule.VisitorSees = "\"Sorry, you have been blocked\" when a rule matches"
		rule.Note = OverridesNote(params, zr.names)
	default:
		rule.Summary = ActionWords(action) + " " + cond
		rule.VisitorSees = VisitorSees(action, "Error 1020")
		if strings.Contains(expr, "cf.threat_score") {
			rule.Note = "Uses cf.threat_score, which Cloudflare no longer fills in (always 0)."
		}
		if action == "skip" {
			rule.Note = "Skips " + SkipTargetsOf(params) + " for these requests."
		}
	}
	return rule
}

func accessTarget(a cfapi.AccessRule) string {
	v := a.Configuration.Value
	switch a.Configuration.Target {
	case "country":
		return "visitors from " + CountryOnly(v)
	case "asn":
		return "the network " + v
	case "ip_range":
		return "the IP range " + v
	}
	return "the IP address " + v
}

func accessNote(a cfapi.AccessRule) string {
	switch {
	case a.Mode == "whitelist" && a.Configuration.Target == "country":
		return "Allowed requests get past every other check except managed rules and Bot Fight Mode, and do not appear in Security Events."
	case a.Mode == "whitelist":
		return "Allowed requests get past every other check except Bot Fight Mode, and do not appear in Security Events."
	case a.Configuration.Target == "country" && a.Mode == "block":
		return "Blocking a whole country here needs the Enterprise plan; a custom rule does the same on every plan."
	case a.Scope.Type == "organization":
		return "Set on the account: change it there, and it changes for every site."
	}
	return ""
}

func securityLevelNote(level string) string {
	if level == "under_attack" {
		return "\"I'm Under Attack\" mode: every visitor gets a check page. Turn it off once the attack is over."
	}
	return ""
}

func ManagedName(params map[string]any) string {
	switch words.Str(params["id"]) {
	case "efb7b8c949ac4650a09736fc376e9aee":
		return "the Cloudflare Managed Ruleset"
	case "4814384a9e5d4991b9815dcfc25d2f1f":
		return "the OWASP Core Ruleset"
	case "77454fe2d30c4220b5701f6fdfb893ba":
		return "the Cloudflare Free Managed Ruleset"
	}
	return "a managed ruleset"
}

func OverridesNote(params map[string]any, names map[string]string) string {
	ov, _ := params["overrides"].(map[string]any)
	rules, _ := ov["rules"].([]any)
	if len(rules) == 0 {
		return ""
	}
	var parts []string
	for _, r := range rules {
		m, _ := r.(map[string]any)
		switch {
		case m["enabled"] == false:
			parts = append(parts, ManagedRuleName(words.Str(m["id"]), names)+" is turned off")
		case m["action"] != nil:
			parts = append(parts, ManagedRuleName(words.Str(m["id"]), names)+" "+strings.ToLower(ActionWords(words.Str(m["action"])))+" instead")
		}
	}
	return "Changed by you: " + strings.Join(parts, "; ") + "."
}

// ManagedRuleName names one managed rule by its description when RayFix
// could read it: "the managed rule “Log4j Headers”".
func ManagedRuleName(id string, names map[string]string) string {
	if n := names[id]; n != "" {
		return "the managed rule “" + n + "”"
	}
	return "the managed rule with ID " + id
}

// exceptionScope says what a managed-rules exception takes out of the
// checks for the requests it matches (cond): all of them, whole rulesets,
// or single rules.
func exceptionScope(params map[string]any, names map[string]string, cond string) string {
	if named, _ := params["rules"].(map[string]any); len(named) > 0 {
		var parts []string
		for _, ids := range named {
			list, _ := ids.([]any)
			for _, id := range list {
				parts = append(parts, ManagedRuleName(words.Str(id), names))
			}
		}
		sort.Strings(parts)
		verb := "does"
		if len(parts) > 1 {
			verb = "do"
		}
		return joinAnd(parts) + " " + verb + " not check " + cond + "; every other managed rule still does"
	}
	if sets, _ := params["rulesets"].([]any); len(sets) > 0 {
		var parts []string
		for _, id := range sets {
			parts = append(parts, ManagedName(map[string]any{"id": id}))
		}
		return joinAnd(parts) + " do not check " + cond
	}
	return "managed rules do not check " + cond
}

// productNames are the legacy products a Skip rule can skip, in words.
var productNames = map[string]string{"zoneLockdown": "Zone Lockdown", "uaBlock": "User Agent Blocking", "bic": "Browser Integrity Check",
	"hot": "Hotlink Protection", "securityLevel": "the Security Level", "rateLimit": "the old rate limiting rules", "waf": "the old managed rules"}

func SkipTargetsOf(params map[string]any) string {
	var parts []string
	if params["ruleset"] == "current" {
		parts = append(parts, "the remaining custom rules")
	}
	if ph, ok := params["phases"].([]any); ok {
		for _, p := range ph {
			parts = append(parts, map[string]string{"http_ratelimit": "rate limiting", "http_request_firewall_managed": "managed rules", "http_request_sbfm": "Super Bot Fight Mode"}[words.Str(p)])
		}
	}
	if pr, ok := params["products"].([]any); ok {
		for _, p := range pr {
			name, known := productNames[words.Str(p)]
			if !known {
				name = "a product RayFix does not recognise"
			}
			parts = append(parts, name)
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return joinAnd(parts)
}

// joinAnd lists things the way a sentence does: "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// addLegacyFirewallRules shows pre-2025 Firewall Rules read-only: Cloudflare
// converted them to custom rules and no longer accepts changes to them.
func (zr *ZoneRules) addLegacyFirewallRules(legacy []map[string]any) {
	for _, l := range legacy {
		filter, _ := l["filter"].(map[string]any)
		expr := words.Str(filter["expression"])
		action := words.Str(l["action"])
		zr.Rules = append(zr.Rules, Rule{Stage: StageCustom, Kind: "legacy_firewall_rule", ID: words.Str(l["id"]), Description: words.Str(l["description"]),
			Action: action, Enabled: l["paused"] != true, Expression: expr, Legacy: true,
			Summary:     ActionWords(action) + " " + Summarize(expr),
			VisitorSees: VisitorSees(action, "Error 1020"),
			Note:        "An old Firewall Rule (read-only). Cloudflare turned these into custom rules in 2025; change the custom rule instead."})
	}
}
