package siteplan

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"rayfix/cfapi"
	"rayfix/diagnose/places"
	"rayfix/internal/words"

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
	Unsure      []string  `json:"unsure,omitempty"` // rules that might stop it, on what RayFix does not know
}

// Simulate evaluates the site's rules for one request locally, in the
// order Cloudflare applies them (Stages), and says which rule acts first
// and why. The preview's "what the visitor will see" and the Ray ID
// explanation's fixes come from this same walk.
func Simulate(site *Site, r *ruleslang.Request) *Simulation {
	sm := &simulator{site: site, r: r, skipped: map[string]bool{}, sim: &Simulation{
		Verdict:   "the site (nothing in the rules RayFix can see stops this request)",
		LocalOnly: []string{"the visitor's IP address and network (ASN) as given here", "IP Access rules"}}}
	if r.InList == nil {
		r.InList = site.InList
	}
	sm.ipAccess()
	sm.customRules()
	sm.lockdowns()
	sm.userAgents()
	// Rate limiting: a match only counts the request.
	sm.phase(cfapi.PhaseRateLimit, StageRateLimit, "Rate limit: ", func(rule map[string]any, why string) string {
		rl, _ := rule["ratelimit"].(map[string]any)
		return why + fmt.Sprintf("; this request is counted, and more than %v in %v seconds would be stopped (Error 1015)", rl["requests_per_period"], rl["period"])
	})
	// Managed rules: exceptions, then the managed rulesets (their attack
	// signatures are Cloudflare's and cannot be evaluated locally).
	sm.phase(cfapi.PhaseManaged, StageManaged, "Managed: ", func(rule map[string]any, why string) string {
		if rule["action"] == "execute" {
			return "the request is inspected for attacks; an ordinary page view passes"
		}
		return why
	})
	sm.sim.Unevaluated = sm.unevaluated()
	if !sm.decided && len(sm.sim.Unsure) > 0 {
		why := "something RayFix does not know here"
		if len(sm.unsureWhy) > 0 {
			why = joinAnd(slices.Compact(slices.Sorted(slices.Values(sm.unsureWhy)))) + ", which RayFix does not know here"
		}
		sm.sim.Verdict = "the site, unless " + strings.Join(sm.sim.Unsure, " or ") + " stops it: that depends on " + why
	}
	return sm.sim
}

// simulator walks the stages in Cloudflare's order; the first step that
// decides sets what the visitor sees, and later ones are not checked.
type simulator struct {
	site    *Site
	r       *ruleslang.Request
	sim     *Simulation
	decided bool
	skipped map[string]bool // what matching Skip rules (or an IP Access Allow) skip
	// unsureWhy: for each rule in Unsure, what it depends on, in words.
	unsureWhy []string
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

// skips says whether a matching Skip rule or Allow skips something (a
// key of Skips), and words the step.
func (sm *simulator) skips(keys ...string) (bool, string) {
	for _, k := range keys {
		if sm.skipped[k] {
			if sm.skipped["allow"] {
				return true, "the IP Access Allow rule lets the request past it"
			}
			return true, "a Skip rule skips it for this request"
		}
	}
	return false, ""
}

// ipAccess: the most specific IP Access rule acts (IP, range, ASN,
// country). An Allow lets the request past every later check except Bot
// Fight Mode; allowing a country does not get past managed rules.
func (sm *simulator) ipAccess() {
	a := MatchAccess(sm.site, sm.r)
	if a == nil {
		sm.step(SimStep{Stage: StageIPAccess, Rule: "IP Access rules", Result: "no match",
			Why: fmt.Sprintf("none of the %d rules is about this visitor", len(sm.site.AccessRules))})
		return
	}
	s := SimStep{Stage: StageIPAccess, Rule: "IP Access: " + cfapi.ActionName(a.Mode) + " " + a.Configuration.Value, RuleID: a.ID, Result: "matches",
		Why: fmt.Sprintf("the visitor's %s is %s", a.Configuration.Target, a.Configuration.Value)}
	if a.Mode != "whitelist" {
		sm.decide(VisitorSees(a.Mode, accessCode(a)))
		s.Decides = true
		sm.step(s)
		return
	}
	for k := range AllowSkips {
		sm.skipped[k] = true
	}
	sm.skipped["allow"] = true
	sm.sim.Verdict = "the site (an IP Access Allow rule lets them through)"
	s.Why += "; an Allow lets the request past every later check except Bot Fight Mode"
	if a.Configuration.Target == "country" {
		// Managed rules still check it, so they can still decide.
		delete(sm.skipped, cfapi.PhaseManaged)
		s.Why = fmt.Sprintf("the visitor's country is %s; allowing a country lets the request past every later check except managed rules and Bot Fight Mode", a.Configuration.Value)
	} else {
		s.Decides = true
	}
	sm.step(s)
}

// lockdowns: a listed URL open only to listed IPs.
func (sm *simulator) lockdowns() {
	for _, l := range sm.site.Lockdowns {
		if l["paused"] == true {
			continue
		}
		if sm.r.Partial && sm.r.Path == "" { // a group of visitors: any page
			sm.maybeLockdown(l)
			continue
		}
		if !urlMatches(l["urls"], sm.r) {
			continue
		}
		s := SimStep{Stage: StageLockdown, Rule: "Zone Lockdown: " + words.Str(l["description"]), RuleID: words.Str(l["id"]),
			Result: "no match", Why: "the page is locked down, but this IP is on its list"}
		if skip, why := sm.skips("zoneLockdown"); skip {
			s.Result, s.Why = "skipped", why
		} else if !lockdownAllows(l["configurations"], sm.r) {
			s.Result, s.Why, s.Decides = "matches", "the page is locked down to listed IPs, and this one is not listed", true
			sm.decide("Error 1106")
		}
		sm.step(s)
	}
}

// maybeLockdown: for a group of visitors on any page, a lockdown they are
// not listed in stops them on its pages, unless something skips it.
func (sm *simulator) maybeLockdown(l map[string]any) {
	s := SimStep{Stage: StageLockdown, Rule: "Zone Lockdown: " + words.Str(l["description"]), RuleID: words.Str(l["id"]),
		Result: "no match", Why: "these visitors are on its list"}
	if skip, why := sm.skips("zoneLockdown"); skip {
		s.Result, s.Why = "skipped", why
	} else if !lockdownAllows(l["configurations"], sm.r) {
		s.Result, s.Why = "unknown", fmt.Sprintf("it stops them on %v (Error 1106)", l["urls"])
		if !sm.decided {
			sm.sim.Unsure = append(sm.sim.Unsure, "Zone Lockdown “"+words.Str(l["description"])+"”")
			sm.unsureWhy = append(sm.unsureWhy, "the page")
		}
	}
	sm.step(s)
}

// userAgents: User Agent blocking matches one exact user agent.
func (sm *simulator) userAgents() {
	for _, u := range sm.site.UARules {
		cfg, _ := u["configuration"].(map[string]any)
		if u["paused"] == true || words.Str(cfg["value"]) != sm.r.UserAgent {
			continue
		}
		s := SimStep{Stage: StageUABlock, Rule: "User Agent rule: " + words.Str(u["description"]), RuleID: words.Str(u["id"]), Result: "matches",
			Why: "the user agent is exactly " + words.Str(cfg["value"]), Decides: true}
		if skip, why := sm.skips("uaBlock"); skip {
			s.Result, s.Why, s.Decides = "skipped", why, false
		} else {
			sm.decide(VisitorSees(words.Str(u["mode"]), "Error 1010"))
		}
		sm.step(s)
	}
}

// customRules, top to bottom; a Skip skips what it names.
func (sm *simulator) customRules() {
	rs := sm.site.Sets[cfapi.PhaseCustom]
	if rs == nil {
		return
	}
	for _, rule := range rs.Rules {
		s := SimStep{Stage: StageCustom, Rule: "Custom rule: " + words.Str(rule["description"]), RuleID: words.Str(rule["id"]), Result: "skipped"}
		if skip, why := sm.skips("rules"); skip {
			s.Why = why
			if !sm.skipped["allow"] {
				s.Why = "an earlier Skip rule skips the remaining custom rules"
			}
		} else if rule["enabled"] != true {
			s.Why = "the rule is off"
		} else {
			s.Result, s.Why = evalRule(words.Str(rule["expression"]), sm.r)
		}
		switch {
		case s.Result == "matches" && rule["action"] == "skip":
			p, _ := rule["action_parameters"].(map[string]any)
			for _, k := range skipKeys(p) {
				sm.skipped[k] = true
			}
			s.Why += "; it skips " + SkipTargetsOf(p)
		case s.Result == "matches" && rule["action"] != "log":
			s.Decides = true
			sm.decide(VisitorSees(words.Str(rule["action"]), "Error 1020"))
		case s.Result == "unknown" && rule["action"] != "skip" && rule["action"] != "log" && !sm.decided:
			sm.sim.Unsure = append(sm.sim.Unsure, "“"+words.Str(rule["description"])+"”")
			sm.unsureWhy = append(sm.unsureWhy, strings.TrimSuffix(strings.TrimPrefix(s.Why, "it depends on "), ", which RayFix does not know here"))
		}
		sm.step(s)
	}
}

// unevaluated names the site-wide checks the simulator cannot run, and
// leaves out those a Skip rule or an Allow gets this request past.
func (sm *simulator) unevaluated() []string {
	var out []string
	site := sm.site
	if site.BotFightMode {
		out = append(out, "Bot Fight Mode is on: Cloudflare may challenge requests it thinks are automated, and no rule can skip it")
	}
	if skip, _ := sm.skips(cfapi.PhaseSBFM); !skip {
		out = append(out, site.Bots.sbfmWords()...)
	}
	out = append(out, site.Bots.aiWords()...)
	if site.BrowserCheck == "on" {
		if skip, _ := sm.skips("bic"); !skip {
			out = append(out, "Browser Integrity Check is on: requests with missing or bot-like headers get Error 1010")
		}
	}
	if site.SecurityLevel != "" && site.SecurityLevel != "off" && site.SecurityLevel != "essentially_off" {
		if skip, _ := sm.skips("securityLevel"); !skip {
			out = append(out, "Security Level "+site.SecurityLevel+": addresses with a poor reputation are challenged")
		}
	}
	return out
}

// phase evaluates the rules of one phase after the custom rules; a
// matching rule's explanation is completed by onMatch (what a match means
// differs: counted for a rate limit, inspected for a managed ruleset).
func (sm *simulator) phase(phase, stage, prefix string, onMatch func(rule map[string]any, why string) string) {
	rs := sm.site.Sets[phase]
	if rs == nil {
		return
	}
	for _, rule := range rs.Rules {
		name := prefix + words.Str(rule["description"])
		if skip, why := sm.skips(phase); skip {
			sm.step(SimStep{Stage: stage, Rule: name, Result: "skipped", Why: why})
			continue
		}
		res, why := evalRule(words.Str(rule["expression"]), sm.r)
		if res == "matches" {
			why = onMatch(rule, why)
		}
		sm.step(SimStep{Stage: stage, Rule: name, RuleID: words.Str(rule["id"]), Result: res, Why: why})
	}
}

// SkipsOf is what a Skip rule skips, as the keys of SkipTargets ("rules"
// for the remaining custom rules, then phases and products).
func (site *Site) SkipsOf(ruleID string) []string {
	_, _, rule, _ := site.FindRule(ruleID)
	p, _ := rule["action_parameters"].(map[string]any)
	return skipKeys(p)
}

func skipKeys(p map[string]any) []string {
	var out []string
	if p["ruleset"] == "current" {
		out = append(out, "rules")
	}
	for _, l := range []string{"phases", "products"} {
		if xs, ok := p[l].([]any); ok {
			for _, x := range xs {
				out = append(out, words.Str(x))
			}
		}
	}
	return out
}

// evalRule evaluates one rule's expression and says why, in words.
func evalRule(expr string, r *ruleslang.Request) (string, string) {
	e := ruleslang.ParseCached(expr)
	if e.Err != nil {
		return "unknown", "RayFix cannot read this rule's condition"
	}
	switch ruleslang.Eval(e.Root, r) {
	case ruleslang.True:
		return "matches", MatchedWords(e.Root, r)
	case ruleslang.False:
		return "no match", "it does not match " + ruleslang.Summarize(e, CountryOnly)
	}
	return "unknown", "it depends on " + unknownWords(e.Root, r) + ", which RayFix does not know here"
}

// unknownNames are the fields a simulated request may leave open, in words.
var unknownNames = map[string]string{
	"ip.src": "the visitor's IP address", "ip.src.country": "the visitor's country", "ip.geoip.country": "the visitor's country",
	"ip.src.continent": "the visitor's continent", "ip.geoip.continent": "the visitor's continent",
	"ip.src.asnum": "the visitor's network", "ip.geoip.asnum": "the visitor's network",
	"http.user_agent": "the browser's name (user agent)", "http.host": "the host name", "http.request.method": "the method (GET or POST)",
	"http.request.uri.path": "the page", "http.request.uri": "the page", "http.request.full_uri": "the page",
	"http.request.uri.query": "the query", "http.referer": "the referring page", "http.cookie": "cookies", "http.request.cookies": "cookies",
	"http.request.headers": "the request's headers", "http.request.headers.names": "the request's headers",
	"http.request.headers.values": "the request's headers", "cf.client.bot": "whether it is a known good bot",
	"cf.bot_management.verified_bot": "whether it is a known good bot",
}

// unknownWords says what a rule needs that the simulated request does not
// give: "the visitor's country and list office".
func unknownWords(root ruleslang.Node, r *ruleslang.Request) string {
	var parts []string
	for _, u := range ruleslang.Unknowns(root, r) {
		w := unknownNames[u]
		switch {
		case strings.HasPrefix(u, "$"):
			w = "list " + u[1:]
		case w == "":
			w = "other details of the request"
		}
		if !slices.Contains(parts, w) {
			parts = append(parts, w)
		}
	}
	if len(parts) == 0 {
		return "details of the request"
	}
	return joinAnd(parts)
}

// MatchedWords names the conditions that matched, in plain words.
func MatchedWords(root ruleslang.Node, r *ruleslang.Request) string {
	var parts []string
	for _, n := range ruleslang.Matched(root, r) {
		parts = append(parts, ruleslang.Summarize(&ruleslang.Expr{Root: n, Source: ruleslang.Print(n)}, CountryOnly))
	}
	return strings.Join(parts, " and ")
}

// MatchAccess finds the IP Access rule that applies: an IP rule before a
// range, a range before an ASN, an ASN before a country.
func MatchAccess(site *Site, r *ruleslang.Request) *cfapi.AccessRule {
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
		w, err := ParseWho("country", country)
		if err != nil {
			return nil, fmt.Errorf("country: %v", err)
		}
		r.Country = w.Value
		r.Continent = places.ContinentOf(w.Value)
	}
	if asn != "" {
		w, err := ParseWho("asn", asn)
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

// LockdownCovers says whether a Zone Lockdown rule covers the request's page.
func LockdownCovers(l map[string]any, r *ruleslang.Request) bool { return urlMatches(l["urls"], r) }

// urlMatches checks a Zone Lockdown URL pattern list ("example.com/admin*").
func urlMatches(v any, r *ruleslang.Request) bool {
	list, _ := v.([]any)
	for _, u := range list {
		p := strings.ToLower(words.Str(u))
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
		switch words.Str(m["target"]) {
		case "ip":
			if a, err := netip.ParseAddr(words.Str(m["value"])); err == nil && a == r.IP {
				return true
			}
		case "ip_range":
			if p, err := netip.ParsePrefix(words.Str(m["value"])); err == nil && r.IP.IsValid() && p.Contains(r.IP) {
				return true
			}
		}
	}
	return false
}
