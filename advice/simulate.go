package advice

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"rayfix/cfapi"
	"rayfix/siteplan"

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
	sm := &simulator{site: site, r: r, skipped: map[string]bool{}, sim: &Simulation{
		Verdict:   "the site (nothing in the rules RayFix can see stops this request)",
		LocalOnly: []string{"the visitor's IP address and network (ASN) as given here", "IP Access rules"}}}
	r.InList = site.InList
	if sm.ipAccess() { // an Allow lets the request past everything below
		return sm.sim
	}
	sm.lockdowns()
	sm.userAgents()
	sm.customRules()
	// Rate limiting: a match only counts the request.
	simPhase(site, cfapi.PhaseRateLimit, siteplan.StageRateLimit, "Rate limit: ", "a Skip rule skips rate limiting", sm.skipped, r, sm.step,
		func(rule map[string]any, why string) string {
			rl, _ := rule["ratelimit"].(map[string]any)
			return why + fmt.Sprintf("; this request is counted, and more than %v in %v seconds would be stopped (Error 1015)", rl["requests_per_period"], rl["period"])
		})
	// Managed rules: exceptions, then the managed rulesets (their attack
	// signatures are Cloudflare's and cannot be evaluated locally).
	simPhase(site, cfapi.PhaseManaged, siteplan.StageManaged, "Managed: ", "a Skip rule skips managed rules", sm.skipped, r, sm.step,
		func(rule map[string]any, why string) string {
			if rule["action"] == "execute" {
				return "the request is inspected for attacks; an ordinary page view passes"
			}
			return why
		})
	sm.sim.Unevaluated = unevaluated(site)
	return sm.sim
}

// simulator walks the stages in Cloudflare's order; the first step that
// decides sets what the visitor sees, and later ones are not checked.
type simulator struct {
	site    *siteplan.Site
	r       *ruleslang.Request
	sim     *Simulation
	decided bool
	skipped map[string]bool // what matching Skip rules skip
}

func (sm *simulator) step(s SimStep) {
	if sm.decided && s.Result != "skipped" {
		s.Result, s.Why = "not checked", "an earlier rule already decided"
	}
	if s.Decides && !sm.decided {
		sm.decided = true
		sm.sim.DecidedBy = s.Rule
	} else {
		s.Decides = false
	}
	sm.sim.Steps = append(sm.sim.Steps, s)
}

// decide sets what the visitor sees, if nothing decided before.
func (sm *simulator) decide(verdict string) {
	if !sm.decided {
		sm.sim.Verdict = verdict
	}
}

// ipAccess: the most specific IP Access rule acts (IP, range, ASN,
// country); true when it allows the request.
func (sm *simulator) ipAccess() bool {
	a := matchAccess(sm.site, sm.r)
	if a == nil {
		sm.step(SimStep{Stage: siteplan.StageIPAccess, Rule: "IP Access rules", Result: "no match",
			Why: fmt.Sprintf("none of the %d rules is about this visitor", len(sm.site.AccessRules))})
		return false
	}
	s := SimStep{Stage: siteplan.StageIPAccess, Rule: "IP Access: " + cfapi.ActionName(a.Mode) + " " + a.Configuration.Value, RuleID: a.ID, Result: "matches",
		Why: fmt.Sprintf("the visitor's %s is %s", a.Configuration.Target, a.Configuration.Value)}
	if a.Mode == "whitelist" {
		s.Why += "; allowed requests skip custom rules, rate limiting and managed rules"
		sm.step(s)
		sm.sim.Verdict = "the site (an IP Access Allow rule lets them through)"
		sm.sim.DecidedBy = s.Rule
		return true
	}
	sm.decide(siteplan.VisitorSees(a.Mode, accessCode(a)))
	s.Decides = true
	sm.step(s)
	return false
}

// lockdowns: a listed URL open only to listed IPs.
func (sm *simulator) lockdowns() {
	for _, l := range sm.site.Lockdowns {
		if l["paused"] == true || !urlMatches(l["urls"], sm.r) {
			continue
		}
		s := SimStep{Stage: siteplan.StageLockdown, Rule: "Zone Lockdown: " + str(l["description"]), RuleID: str(l["id"]),
			Result: "no match", Why: "the page is locked down, but this IP is on its list"}
		if !lockdownAllows(l["configurations"], sm.r) {
			s.Result, s.Why, s.Decides = "matches", "the page is locked down to listed IPs, and this one is not listed", true
			sm.decide("Error 1106")
		}
		sm.step(s)
	}
}

// userAgents: User Agent blocking matches one exact user agent.
func (sm *simulator) userAgents() {
	for _, u := range sm.site.UARules {
		cfg, _ := u["configuration"].(map[string]any)
		if u["paused"] == true || str(cfg["value"]) != sm.r.UserAgent {
			continue
		}
		sm.decide(siteplan.VisitorSees(str(u["mode"]), "Error 1010"))
		sm.step(SimStep{Stage: siteplan.StageUABlock, Rule: "User Agent rule: " + str(u["description"]), RuleID: str(u["id"]), Result: "matches",
			Why: "the user agent is exactly " + str(cfg["value"]), Decides: true})
	}
}

// customRules, top to bottom; a Skip skips what it names.
func (sm *simulator) customRules() {
	rs := sm.site.Sets[cfapi.PhaseCustom]
	if rs == nil {
		return
	}
	for _, rule := range rs.Rules {
		s := SimStep{Stage: siteplan.StageCustom, Rule: "Custom rule: " + str(rule["description"]), RuleID: str(rule["id"]), Result: "skipped"}
		switch {
		case rule["enabled"] != true:
			s.Why = "the rule is off"
		case sm.skipped["rules"]:
			s.Why = "an earlier Skip rule skips the remaining custom rules"
		default:
			s.Result, s.Why = evalRule(str(rule["expression"]), sm.r)
		}
		if s.Result == "matches" && rule["action"] == "skip" {
			p, _ := rule["action_parameters"].(map[string]any)
			for _, k := range skipKeys(p) {
				sm.skipped[k] = true
			}
			s.Why += "; it skips " + siteplan.SkipTargetsOf(p)
		} else if s.Result == "matches" {
			s.Decides = true
			sm.decide(siteplan.VisitorSees(str(rule["action"]), "Error 1020"))
		}
		sm.step(s)
	}
}

// unevaluated names the site-wide checks the simulator cannot run.
func unevaluated(site *siteplan.Site) []string {
	var out []string
	if site.BotFightMode {
		out = append(out, "Bot Fight Mode is on: Cloudflare may challenge requests it thinks are automated")
	}
	if site.BrowserCheck == "on" {
		out = append(out, "Browser Integrity Check is on: requests with missing or bot-like headers get Error 1010")
	}
	if site.SecurityLevel != "" && site.SecurityLevel != "off" && site.SecurityLevel != "essentially_off" {
		out = append(out, "Security Level "+site.SecurityLevel+": addresses with a poor reputation are challenged")
	}
	return out
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
