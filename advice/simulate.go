package advice

import (
	"fmt"
	"net/netip"
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/siteplan"
	"strconv"
	"strings"

	"rayfix/app/ruleslang"
)

// SimStep is one check of a simulated request, in Cloudflare's order.
type SimStep struct {
	Stage   string `json:"stage"`
	Rule    string `json:"rule"`
	RuleID  string `json:"rule_id,omitempty"`
	Result  string `json:"result"` // matches, no match, unknown, skipped, not checked
	Why     string `json:"why"`
	Decides bool   `json:"decides"` // this step decided what the visitor sees
}

// Simulation answers "would this visitor be blocked?".
type Simulation struct {
	Verdict     string    `json:"verdict"` // what the visitor would see
	DecidedBy   string    `json:"decided_by"`
	Steps       []SimStep `json:"steps"`
	LocalOnly   []string  `json:"local_only"` // what only the local evaluation covers
	Unevaluated []string  `json:"unevaluated"`
}

// Simulate evaluates the zone's rules for one request locally, in the
// order Cloudflare applies them, and says which rule acts first and why.
func Simulate(site *siteplan.Site, r *ruleslang.Request) *Simulation {
	sim := &Simulation{Verdict: "the site (nothing in the rules RayFix can see stops this request)",
		LocalOnly: []string{"the visitor's IP address and network (ASN) as given here", "IP Access rules"}}
	r.InList = site.InList
	decided := false
	step := func(s SimStep) {
		if decided && s.Result != "skipped" {
			s.Result, s.Why = "not checked", "an earlier rule already decided"
		}
		if s.Decides && !decided {
			decided = true
			sim.DecidedBy = s.Rule
		} else {
			s.Decides = false
		}
		sim.Steps = append(sim.Steps, s)
	}
	// 1. IP Access rules: the most specific match acts (IP, range, ASN, country).
	if a := matchAccess(site, r); a != nil {
		s := SimStep{Stage: siteplan.StageIPAccess, Rule: "IP Access: " + changes.ModeNames[a.Mode] + " " + a.Configuration.Value, RuleID: a.ID, Result: "matches",
			Why: fmt.Sprintf("the visitor's %s is %s", a.Configuration.Target, a.Configuration.Value)}
		if a.Mode == "whitelist" {
			s.Why += "; allowed requests skip custom rules, rate limiting and managed rules"
			step(s)
			sim.Verdict = "the site (an IP Access Allow rule lets them through)"
			sim.DecidedBy = s.Rule
			return sim
		}
		s.Decides = true
		step(s)
		sim.Verdict = siteplan.VisitorSees(a.Mode, accessCode(a))
	} else {
		step(SimStep{Stage: siteplan.StageIPAccess, Rule: "IP Access rules", Result: "no match", Why: fmt.Sprintf("none of the %d rules is about this visitor", len(site.AccessRules))})
	}
	// 2. Zone Lockdown: a listed URL open only to listed IPs.
	for _, l := range site.Lockdowns {
		if l["paused"] == true {
			continue
		}
		if urlMatches(l["urls"], r) {
			allowed := lockdownAllows(l["configurations"], r)
			s := SimStep{Stage: siteplan.StageLockdown, Rule: "Zone Lockdown: " + str(l["description"]), RuleID: str(l["id"])}
			if allowed {
				s.Result, s.Why = "no match", "the page is locked down, but this IP is on its list"
			} else {
				s.Result, s.Why, s.Decides = "matches", "the page is locked down to listed IPs, and this one is not listed", true
				if !decided {
					sim.Verdict = "Error 1106"
				}
			}
			step(s)
		}
	}
	// 3. User Agent blocking: an exact user agent.
	for _, u := range site.UARules {
		cfg, _ := u["configuration"].(map[string]any)
		if u["paused"] == true || str(cfg["value"]) != r.UserAgent {
			continue
		}
		step(SimStep{Stage: siteplan.StageUABlock, Rule: "User Agent rule: " + str(u["description"]), RuleID: str(u["id"]), Result: "matches",
			Why: "the user agent is exactly " + str(cfg["value"]), Decides: true})
		if sim.DecidedBy == "User Agent rule: "+str(u["description"]) {
			sim.Verdict = siteplan.VisitorSees(str(u["mode"]), "Error 1010")
		}
	}
	// 5. Custom rules, top to bottom; a Skip skips what it names.
	skipped := map[string]bool{}
	if rs := site.Sets[cfapi.PhaseCustom]; rs != nil {
		for _, rule := range rs.Rules {
			name := "Custom rule: " + str(rule["description"])
			if rule["enabled"] != true {
				step(SimStep{Stage: siteplan.StageCustom, Rule: name, RuleID: str(rule["id"]), Result: "skipped", Why: "the rule is off"})
				continue
			}
			if skipped["rules"] {
				step(SimStep{Stage: siteplan.StageCustom, Rule: name, RuleID: str(rule["id"]), Result: "skipped", Why: "an earlier Skip rule skips the remaining custom rules"})
				continue
			}
			res, why := evalRule(str(rule["expression"]), r)
			s := SimStep{Stage: siteplan.StageCustom, Rule: name, RuleID: str(rule["id"]), Result: res, Why: why}
			if res == "matches" {
				if rule["action"] == "skip" {
					p, _ := rule["action_parameters"].(map[string]any)
					for _, k := range skipKeys(p) {
						skipped[k] = true
					}
					s.Why += "; it skips " + siteplan.SkipTargetsOf(p)
				} else {
					s.Decides = true
					if !decided {
						sim.Verdict = siteplan.VisitorSees(str(rule["action"]), "Error 1020")
					}
				}
			}
			step(s)
		}
	}
	// 6. Rate limiting: a match only counts the request.
	simPhase(site, cfapi.PhaseRateLimit, siteplan.StageRateLimit, "Rate limit: ", "a Skip rule skips rate limiting", skipped, r, step,
		func(rule map[string]any, why string) string {
			rl, _ := rule["ratelimit"].(map[string]any)
			return why + fmt.Sprintf("; this request is counted, and more than %v in %v seconds would be stopped (Error 1015)", rl["requests_per_period"], rl["period"])
		})
	// 7. Managed rules: exceptions, then the managed rulesets (their attack
	// signatures are Cloudflare's and cannot be evaluated locally).
	simPhase(site, cfapi.PhaseManaged, siteplan.StageManaged, "Managed: ", "a Skip rule skips managed rules", skipped, r, step,
		func(rule map[string]any, why string) string {
			if rule["action"] == "execute" {
				return "the request is inspected for attacks; an ordinary page view passes"
			}
			return why
		})
	if site.BotFightMode {
		sim.Unevaluated = append(sim.Unevaluated, "Bot Fight Mode is on: Cloudflare may challenge requests it thinks are automated")
	}
	if site.BrowserCheck == "on" {
		sim.Unevaluated = append(sim.Unevaluated, "Browser Integrity Check is on: requests with missing or bot-like headers get Error 1010")
	}
	if site.SecurityLevel != "" && site.SecurityLevel != "off" && site.SecurityLevel != "essentially_off" {
		sim.Unevaluated = append(sim.Unevaluated, "Security Level "+site.SecurityLevel+": addresses with a poor reputation are challenged")
	}
	return sim
}

// simPhase evaluates the rules of one phase after the custom rules; a
// matching rule's explanation is completed by onMatch (what a match means
// differs: counted for a rate limit, inspected for a managed ruleset).
func simPhase(site *siteplan.Site, phase, stage, prefix, skipWhy string, skipped map[string]bool, r *ruleslang.Request, step func(SimStep), onMatch func(rule map[string]any, why string) string) {
	rs := site.Sets[phase]
	if rs == nil {
		return
	}
	for _, rule := range rs.Rules {
		name := prefix + str(rule["description"])
		if skipped[phase] {
			step(SimStep{Stage: stage, Rule: name, Result: "skipped", Why: skipWhy})
			continue
		}
		res, why := evalRule(str(rule["expression"]), r)
		if res == "matches" {
			why = onMatch(rule, why)
		}
		step(SimStep{Stage: stage, Rule: name, RuleID: str(rule["id"]), Result: res, Why: why})
	}
}

func skipKeys(p map[string]any) []string {
	var out []string
	if p["ruleset"] == "current" {
		out = append(out, "rules")
	}
	for _, l := range []string{"phases", "products"} {
		if xs, ok := p[l].([]any); ok {
			for _, x := range xs {
				out = append(out, str(x))
			}
		}
	}
	return out
}

// evalRule evaluates one rule's expression and says why, in words.
func evalRule(expr string, r *ruleslang.Request) (string, string) {
	e := ruleslang.Parse(expr)
	if e.Err != nil {
		return "unknown", "RayFix cannot read this rule's condition"
	}
	switch ruleslang.Eval(e.Root, r) {
	case ruleslang.True:
		return "matches", MatchedWords(e.Root, r)
	case ruleslang.False:
		return "no match", "it does not match " + ruleslang.Summarize(e, siteplan.CountryOnly)
	}
	return "unknown", "it depends on something RayFix does not know here (a header, a cookie, a list)"
}

// MatchedWords names the conditions that matched, in plain words.
func MatchedWords(root ruleslang.Node, r *ruleslang.Request) string {
	var parts []string
	for _, n := range ruleslang.Matched(root, r) {
		parts = append(parts, ruleslang.Summarize(&ruleslang.Expr{Root: n, Source: ruleslang.Print(n)}, siteplan.CountryOnly))
	}
	return strings.Join(parts, " and ")
}

// matchAccess finds the IP Access rule that applies: an IP rule before a
// range, a range before an ASN, an ASN before a country.
func matchAccess(site *siteplan.Site, r *ruleslang.Request) *cfapi.AccessRule {
	order := map[string]int{"ip": 0, "ip6": 0, "ip_range": 1, "asn": 2, "country": 3}
	var best *cfapi.AccessRule
	for i := range site.AccessRules {
		a := &site.AccessRules[i]
		v := a.Configuration.Value
		hit := false
		switch a.Configuration.Target {
		case "ip", "ip6":
			ip, err := netip.ParseAddr(v)
			hit = err == nil && r.IP == ip
		case "ip_range":
			p, err := netip.ParsePrefix(v)
			hit = err == nil && r.IP.IsValid() && p.Contains(r.IP)
		case "asn":
			n, _ := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(v), "AS"))
			hit = n != 0 && n == r.ASN
		case "country":
			hit = strings.EqualFold(v, r.Country)
		}
		if hit && (best == nil || order[a.Configuration.Target] < order[best.Configuration.Target]) {
			best = a
		}
	}
	return best
}

func accessCode(a *cfapi.AccessRule) string {
	switch a.Configuration.Target {
	case "country":
		return "Error 1009 (country banned)"
	case "asn":
		return "Error 1005 (network banned)"
	}
	return "Error 1006 (IP banned)"
}

// RequestFrom builds a request from what a person typed; each value is
// checked, and the error names the field.
func RequestFrom(ip, country string, asn string, ua, rawURL string) (*ruleslang.Request, error) {
	r := &ruleslang.Request{UserAgent: ua, Method: "GET"}
	if ip != "" {
		a, err := netip.ParseAddr(strings.TrimSpace(ip))
		if err != nil {
			return nil, fmt.Errorf("IP: %q is not an IP address", ip)
		}
		r.IP = a
	}
	if country != "" {
		w, err := siteplan.ParseWho("country", country)
		if err != nil {
			return nil, fmt.Errorf("country: %v", err)
		}
		r.Country = w.Value
		r.Continent = continentOf(w.Value)
	}
	if asn != "" {
		w, err := siteplan.ParseWho("asn", asn)
		if err != nil {
			return nil, fmt.Errorf("network: %v", err)
		}
		r.ASN, _ = strconv.Atoi(w.Value)
	}
	if rawURL != "" {
		u := strings.TrimSpace(rawURL)
		if !strings.Contains(u, "://") {
			u = "https://" + u
		}
		host, rest, _ := strings.Cut(strings.SplitN(u, "://", 2)[1], "/")
		path, query, _ := strings.Cut("/"+rest, "?")
		r.Host, r.Path, r.Query = strings.ToLower(host), path, query
	}
	return r, nil
}

// urlMatches checks a Zone Lockdown URL pattern list ("example.com/admin*").
func urlMatches(v any, r *ruleslang.Request) bool {
	list, _ := v.([]any)
	for _, u := range list {
		p := strings.ToLower(str(u))
		target := strings.ToLower(r.Host + r.Path)
		if strings.HasSuffix(p, "*") && strings.HasPrefix(target, strings.TrimSuffix(p, "*")) || p == target {
			return true
		}
	}
	return false
}

func lockdownAllows(v any, r *ruleslang.Request) bool {
	list, _ := v.([]any)
	for _, c := range list {
		m, _ := c.(map[string]any)
		switch str(m["target"]) {
		case "ip":
			if a, err := netip.ParseAddr(str(m["value"])); err == nil && a == r.IP {
				return true
			}
		case "ip_range":
			if p, err := netip.ParsePrefix(str(m["value"])); err == nil && r.IP.IsValid() && p.Contains(r.IP) {
				return true
			}
		}
	}
	return false
}
