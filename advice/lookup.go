package advice

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/diagnose/places"
	"rayfix/events"
	"rayfix/internal/words"
	"rayfix/planner"
	"rayfix/siteplan"

	"rayfix/app/ruleslang"
)

// RayQuery is what a visitor sent: a Ray ID, and when known the time, IP
// and country (a whole RayFix visitor message can be pasted).
type RayQuery struct {
	RayID   string    `json:"ray_id"`
	Code    int       `json:"error_code,omitempty"` // the Cloudflare error the visitor saw, when the report says
	At      time.Time `json:"at,omitempty"`
	IP      string    `json:"ip,omitempty"`
	Country string    `json:"country,omitempty"`
}

var (
	reRay     = regexp.MustCompile(`(?i)\b([0-9a-f]{16})(?:-[a-z]{3})?\b`)
	reRayTime = regexp.MustCompile(`(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2})`)
	reRayIP   = regexp.MustCompile(`(?i)IP(?: address)?[^:\n]*:\s*([0-9a-f:.]{3,45})`)
	reRayCode = regexp.MustCompile(`(?i)\berror(?: code)?:?\s*(1\d{3})\b`)
	reRayCC   = regexp.MustCompile(`(?i)country[^:\n]*:[^\n(]*\(([A-Z]{2})\)|country[^:\n]*:\s*([A-Z]{2})\b`)
)

// ParseRayQuery reads a Ray ID with or without its "-LHR" suffix, or a
// whole visitor report, and picks out the Ray ID, time, IP and country.
func ParseRayQuery(s string) (RayQuery, error) {
	m := reRay.FindStringSubmatch(s)
	if m == nil {
		return RayQuery{}, errors.New("no Ray ID found: it is 16 letters and digits, like 8e2f0a1b2c3d4e5f, at the bottom of the error page")
	}
	q := RayQuery{RayID: strings.ToLower(m[1])}
	if t := reRayTime.FindStringSubmatch(s); t != nil {
		if at, err := time.Parse("2006-01-02 15:04:05", strings.Replace(t[1], "T", " ", 1)); err == nil {
			q.At = at.UTC()
		}
	}
	if ip := reRayIP.FindStringSubmatch(s); ip != nil {
		if a, err := netip.ParseAddr(strings.TrimRight(ip[1], ".")); err == nil {
			q.IP = a.String()
		}
	}
	if c := reRayCode.FindStringSubmatch(s); c != nil {
		q.Code, _ = strconv.Atoi(c[1])
	}
	if cc := reRayCC.FindStringSubmatch(s); cc != nil {
		q.Country = strings.ToUpper(cc[1] + cc[2])
	}
	return q, nil
}

// Fix is one remedy offered for a lookup, planned against the site.
type Fix struct {
	Label   string                                        `json:"label"`
	Warning string                                        `json:"warning,omitempty"` // why this fix may be a bad idea
	Plan    func(*siteplan.Site) (*changes.Change, error) `json:"-"`
}

// Lookup is what RayFix found for a Ray ID.
type Lookup struct {
	Query       RayQuery      `json:"query"`
	Found       bool          `json:"found"`
	Zone        cfapi.Zone    `json:"zone"`
	Event       *events.Event `json:"event,omitempty"`
	Explanation string        `json:"explanation"`
	RuleID      string        `json:"rule_id,omitempty"`
	Matched     string        `json:"matched,omitempty"`
	Fixes       []Fix         `json:"fixes"`
	WhyMissing  []string      `json:"why_missing,omitempty"`
	Window      string        `json:"window"`
	FromArchive bool          `json:"from_archive"`
	Attack      string        `json:"attack,omitempty"`  // what makes the request look like a real attack
	Offline     bool          `json:"offline,omitempty"` // Cloudflare could not be reached: found in the archive
	ByIP        bool          `json:"found_by_ip"`       // the Ray ID was missing; this event is the visitor's IP near that time
	Today       string        `json:"today,omitempty"`   // what the same request would meet now, by the simulator's walk
}

// LookupRay finds a Ray ID in Security Events, in the given zones (all
// the token sees when none), and explains it.
func LookupRay(ctx context.Context, c *cfapi.Connection, zones []cfapi.Zone, q RayQuery, now time.Time) (*Lookup, error) {
	return LookupRayArchived(ctx, c, zones, q, now, nil)
}

// LookupRayArchived is LookupRay that also searches RayFix's own archive
// of events, for Ray IDs older than the plan keeps.
func LookupRayArchived(ctx context.Context, c *cfapi.Connection, zones []cfapi.Zone, q RayQuery, now time.Time, arch *events.Archive) (*Lookup, error) {
	if len(zones) == 0 {
		var err error
		if zones, err = c.Service().Zones(ctx); err != nil {
			return nil, err
		}
	}
	l := &Lookup{Query: q}
	for _, find := range []func() (bool, error){
		func() (bool, error) { return l.byRay(ctx, c, zones, now) },
		func() (bool, error) { return l.inArchive(arch, zones), nil },
		func() (bool, error) { return l.byIP(ctx, c, zones, now) }, // the visitor's IP around the reported time
	} {
		found, err := find()
		if cfapi.ConnectionLost(err) && l.inArchive(arch, zones) { // offline: what RayFix kept, said so
			l.Offline = true
			l.WhyMissing = []string{"Cloudflare could not be reached, so this comes from RayFix's own archive of events; the rules may have changed since."}
			return l, nil
		}
		if found || err != nil {
			return l, err
		}
	}
	l.WhyMissing = append(l.WhyMissing,
		"Cloudflare samples Security Events: a single request can be missing.",
		"An IP Access Allow rule lets requests through without an event.",
		"Blocks by Browser Integrity Check, Bot Fight Mode, Zone Lockdown or User Agent blocking may not show up; RayFix explains them from the error code the visitor saw.",
		"The site may be on another account, or the Ray ID may have been copied wrong.")
	return l, nil
}

// byRay searches each zone's Security Events for the Ray ID.
func (l *Lookup) byRay(ctx context.Context, c *cfapi.Connection, zones []cfapi.Zone, now time.Time) (bool, error) {
	q := l.Query
	for _, z := range zones {
		evs, win, err := events.SearchEvents(ctx, c, z.ID, map[string]any{"rayName": q.RayID}, now, q.At, 20)
		if err != nil {
			return false, err
		}
		l.Window = fmt.Sprintf("%s to %s UTC", win.From.Format("2 Jan 15:04"), win.To.Format("2 Jan 15:04"))
		if !q.At.IsZero() && q.At.Before(now.Add(-time.Duration(win.NotOlder)*time.Second)) {
			l.WhyMissing = append(l.WhyMissing, fmt.Sprintf("The block happened on %s, but Cloudflare keeps Security Events of %s for only %s.",
				q.At.Format("2 Jan 15:04"), z.Name, humanSeconds(win.NotOlder)))
			continue
		}
		if len(evs) > 0 {
			l.Found, l.Zone, l.Event = true, z, culprit(evs)
			return true, nil
		}
	}
	return false, nil
}

// inArchive looks for the Ray ID in RayFix's own archive of events.
func (l *Lookup) inArchive(arch *events.Archive, zones []cfapi.Zone) bool {
	if arch == nil {
		return false
	}
	zoneID, evs := arch.FindRay(l.Query.RayID)
	i := slices.IndexFunc(zones, func(z cfapi.Zone) bool { return z.ID == zoneID })
	if len(evs) == 0 || i < 0 {
		return false
	}
	l.Found, l.Zone, l.Event, l.FromArchive, l.WhyMissing = true, zones[i], culprit(evs), true, nil
	return true
}

// byIP finds the block of the visitor's IP closest to the reported time,
// for a Ray ID that sampling left out.
func (l *Lookup) byIP(ctx context.Context, c *cfapi.Connection, zones []cfapi.Zone, now time.Time) (bool, error) {
	if l.Query.IP == "" {
		return false, nil
	}
	for _, z := range zones {
		evs, _, err := events.SearchEvents(ctx, c, z.ID, map[string]any{"clientIP": l.Query.IP}, now, l.Query.At, 100)
		if err != nil {
			return false, err
		}
		if ev := closest(evs, l.Query.At); ev != nil {
			l.Found, l.Zone, l.Event, l.ByIP = true, z, ev, true
			l.WhyMissing = []string{"The Ray ID itself was not in Security Events (they are sampled); this is the block of the same IP address closest to that time."}
			return true, nil
		}
	}
	return false, nil
}

// culprit is the event of a request whose action ended it: a Log or a
// Skip along the way is not what stopped the visitor.
func culprit(evs []events.Event) *events.Event {
	ev := evs[len(evs)-1]
	for i := range evs {
		if a := strings.ToLower(evs[i].Action); a != "log" && a != "skip" {
			ev = evs[i]
		}
	}
	return &ev
}

func humanSeconds(s int) string {
	n, unit := s, "second"
	switch {
	case s >= 86400:
		n, unit = s/86400, "day"
	case s >= 3600:
		n, unit = s/3600, "hour"
	}
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// Explain resolves a found event to the site's rule: which product and
// rule, which conditions matched this visitor, and the fixes that fit.
func (l *Lookup) Explain(site *siteplan.Site) {
	ev := l.Event
	if ev == nil {
		return
	}
	req := &ruleslang.Request{UserAgent: ev.UserAgent, Host: ev.Host, Path: ev.Path, Query: ev.Query, Method: ev.Method,
		Country: strings.ToUpper(ev.Country), Continent: places.ContinentOf(strings.ToUpper(ev.Country)), InList: site.InList}
	req.IP, _ = netip.ParseAddr(ev.ClientIP)
	req.ASN, _ = strconv.Atoi(ev.ASN)
	at := ev.Datetime
	if t, err := time.Parse(time.RFC3339, ev.Datetime); err == nil {
		at = t.UTC().Format("2 Jan 2006 15:04:05 UTC")
	}
	who := fmt.Sprintf("a visitor from %s (IP %s, network AS%s)", siteplan.CountryOnly(req.Country), ev.ClientIP, ev.ASN)
	l.RuleID = ev.RuleID
	did, stopped := eventAction(ev.Action)
	if !stopped {
		l.Explanation = fmt.Sprintf("On %s %s %s %s asking for %s. The request was not stopped, so there is nothing to fix.",
			at, actorName(site, ev), did, who, ev.Path)
		return
	}
	phase, _, rule, _ := site.FindRule(ev.RuleID)
	switch {
	case rule != nil && phase == cfapi.PhaseCustom:
		l.explainCustom(rule, req, at, who, did)
	case rule != nil && phase == cfapi.PhaseRateLimit:
		l.explainRateLimit(rule, at, who)
	case normSource(ev.Source) == "firewallmanaged" || normSource(ev.Source) == "waf":
		l.explainManaged(site, at, who, did)
	case site.FindAccess(ev.RuleID) != nil:
		l.explainAccess(site.FindAccess(ev.RuleID), at, who, did)
	case normSource(ev.Source) == "zonelockdown":
		l.explainLockdown(site, req, at, who, did)
	default:
		l.Explanation = fmt.Sprintf("On %s %s %s %s asking for %s.", at, actorName(site, ev), did, who, ev.Path)
		l.productFixes(site)
	}
	l.today(site, req)
	if sign := attackSign(ev); sign != "" {
		l.warnAttack(sign)
	}
}

// productFixes offers, for a product outside the rules, only a fix that
// gets this visitor past it: an Allow gets past the legacy products and
// the Security Level, a Skip rule past Super Bot Fight Mode; nothing a
// rule does gets past Bot Fight Mode or DDoS protection.
func (l *Lookup) productFixes(site *siteplan.Site) {
	ev := l.Event
	ip := siteplan.Who{Kind: "ip", Value: ev.ClientIP}
	switch src := normSource(ev.Source); {
	case src == "botfight" || src == "botfightmode":
		l.Explanation += " No rule and no IP Access Allow can get a visitor past Bot Fight Mode; the only way is to turn it off for the whole site."
		if site.BotFightMode {
			l.Fixes = append(l.Fixes, Fix{Label: "Turn Bot Fight Mode off", Warning: "This turns the bot check off for the whole site, for every visitor.",
				Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.SetBotFightMode(s, false) }})
		}
	case src == "superbotfightmode" || src == "sbfm":
		l.Fixes = append(l.Fixes, Fix{Label: "Let this IP skip Super Bot Fight Mode (a Skip rule)", Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.AddSkipRule(s, ip, "from a Ray ID look-up")
		}})
	case src == "l7ddos":
		l.Explanation += " DDoS protection is Cloudflare's own and cannot be changed from RayFix; if it keeps stopping real visitors, tell Cloudflare's support."
	case siteplan.AllowSkips[legacyProduct[src]] && ev.ClientIP != "":
		l.Fixes = append(l.Fixes, Fix{Label: "Allow this IP (an IP Access Allow rule)", Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.AddAccessAllow(s, ip, "from a Ray ID look-up", false)
		}})
	default:
		l.Explanation += " RayFix has no fix to offer for this one."
	}
}

// legacyProduct maps a Security Events source to the product an IP Access
// Allow gets a request past.
var legacyProduct = map[string]string{"uablock": "uaBlock", "bic": "bic", "hot": "hot", "securitylevel": "securityLevel", "zonelockdown": "zoneLockdown"}

// today walks the site's rules as they are now for the same request —
// the simulator's walk, the one previews use — and, when a rule RayFix
// can evaluate decides, says what the visitor would see if they came
// back. (Managed rules, bots and reputation cannot be evaluated here, so
// "nothing stops it" is never claimed.)
func (l *Lookup) today(site *siteplan.Site, req *ruleslang.Request) {
	sim := siteplan.Simulate(site, req)
	if sim.DecidedBy == "" {
		return
	}
	l.Today = sim.Verdict
	l.Explanation += fmt.Sprintf(" If they came back now, they would see %s (%s).", sim.Verdict, sim.DecidedBy)
}

// explainLockdown names the Zone Lockdown rule that covers the page and
// who it lets in.
func (l *Lookup) explainLockdown(site *siteplan.Site, req *ruleslang.Request, at, who, did string) {
	ev := l.Event
	l.Explanation = fmt.Sprintf("On %s Zone Lockdown %s %s asking for %s.", at, did, who, ev.Path)
	for _, ld := range site.Lockdowns {
		if words.Str(ld["id"]) == ev.RuleID || siteplan.LockdownCovers(ld, req) {
			l.Explanation = fmt.Sprintf("On %s the Zone Lockdown rule “%s” %s %s asking for %s. %s.", at, words.Str(ld["description"]), did, who, ev.Path, siteplan.LockdownWords(ld))
			break
		}
	}
	ip := siteplan.Who{Kind: "ip", Value: ev.ClientIP}
	l.Fixes = append(l.Fixes, Fix{Label: "Let this IP through (a Skip rule that skips Zone Lockdown)", Plan: func(s *siteplan.Site) (*changes.Change, error) {
		return planner.AddSkipRule(s, ip, "from a Ray ID look-up")
	}})
}

// actorName names what acted on the request, in words.
func actorName(site *siteplan.Site, ev *events.Event) string {
	phase, _, rule, _ := site.FindRule(ev.RuleID)
	switch {
	case rule != nil && phase == cfapi.PhaseCustom:
		return "the custom rule " + changes.RuleName(rule)
	case rule != nil && phase == cfapi.PhaseRateLimit:
		return "the rate limit " + changes.RuleName(rule)
	case rule != nil:
		return "the managed rule exception " + changes.RuleName(rule)
	case site.FindAccess(ev.RuleID) != nil:
		return accessRuleName(site.FindAccess(ev.RuleID))
	case ev.Description != "" && strings.HasPrefix(sourceName(ev.Source), "Cloudflare's managed"):
		return "Cloudflare's managed rule “" + ev.Description + "”"
	case ev.Description != "" && normSource(ev.Source) == "firewallcustom":
		return "the custom rule “" + ev.Description + "”"
	case ev.Description != "" && normSource(ev.Source) == "ratelimit":
		return "the rate limit “" + ev.Description + "”"
	}
	return sourceName(ev.Source)
}

func (l *Lookup) explainCustom(rule map[string]any, req *ruleslang.Request, at, who, did string) {
	ev := l.Event
	e := ruleslang.Parse(words.Str(rule["expression"]))
	l.Matched = siteplan.MatchedWords(e.Root, req)
	l.Explanation = fmt.Sprintf("On %s the custom rule %s %s %s asking for %s. It matched because: %s. (The rule %s %s.)",
		at, changes.RuleName(rule), did, who, ev.Path, orUnknown(l.Matched),
		strings.ToLower(siteplan.ActionWords(words.Str(rule["action"]))), siteplan.Summarize(words.Str(rule["expression"])))
	for _, w := range []struct {
		label string
		who   siteplan.Who
	}{{"Let this IP through (an exception in this rule)", siteplan.Who{Kind: "ip", Value: ev.ClientIP}},
		{"Let this network (AS" + ev.ASN + ") through", siteplan.Who{Kind: "asn", Value: ev.ASN}},
		{"Let requests to " + ev.Path + " through", siteplan.Who{Kind: "path", Value: ev.Path}},
		{"Let known good bots through", siteplan.Who{Kind: "verified_bots"}}} {
		who := w.who
		l.Fixes = append(l.Fixes, Fix{Label: w.label, Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.AddException(s, ev.RuleID, who) }})
	}
	if rule["action"] == "block" { // only where it changes something
		l.Fixes = append(l.Fixes, Fix{Label: "Challenge instead of block (people pass, bots do not)", Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.SetRuleAction(s, ev.RuleID, "managed_challenge")
		}})
	}
}

func (l *Lookup) explainRateLimit(rule map[string]any, at, who string) {
	ev := l.Event
	rl, _ := rule["ratelimit"].(map[string]any)
	l.Explanation = fmt.Sprintf("On %s the rate limit %s stopped %s after more than %v requests in %v seconds.", at, changes.RuleName(rule), who, rl["requests_per_period"], rl["period"])
	l.Fixes = append(l.Fixes,
		Fix{Label: "Double the allowed requests", Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.SetRateLimit(s, ev.RuleID, toInt(rl["requests_per_period"])*2, toInt(rl["period"]), toInt(rl["mitigation_timeout"]), words.Str(rule["action"]))
		}},
		Fix{Label: "Let this IP skip the checks (Skip rule)", Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.AddSkipRule(s, siteplan.Who{Kind: "ip", Value: ev.ClientIP}, "rate limited by mistake")
		}})
}

func (l *Lookup) explainManaged(site *siteplan.Site, at, who, did string) {
	ev := l.Event
	name := "a managed rule"
	if ev.Description != "" {
		name = "the managed rule “" + ev.Description + "”"
	}
	l.Explanation = fmt.Sprintf("On %s Cloudflare's managed rules %s %s: %s took the request to %s for an attack.", at, did, who, name, ev.Path)
	exec := site.ExecuteRuleFor(ev.RulesetID)
	if exec == "" {
		return
	}
	pathWho := siteplan.Who{Kind: "path", Value: ev.Path}
	l.Fixes = append(l.Fixes,
		Fix{Label: "Exempt " + ev.Path + " from " + name, Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.ManagedException(s, exec, pathWho, ev.RuleID)
		}},
		Fix{Label: "Turn " + name + " off", Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.ManagedOverride(s, exec, ev.RuleID, "disable")
		}})
}

func (l *Lookup) explainAccess(a *cfapi.AccessRule, at, who, did string) {
	ev := l.Event
	l.Explanation = fmt.Sprintf("On %s %s %s %s.", at, accessRuleName(a), did, who)
	if a.Mode == "block" { // only where it changes something
		l.Fixes = append(l.Fixes, Fix{Label: "Challenge instead of block", Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.SetAccessRule(s, ev.RuleID, "managed_challenge", a.Notes)
		}})
	}
	l.Fixes = append(l.Fixes,
		Fix{Label: "Delete this IP Access rule", Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.DeleteAccessRule(s, ev.RuleID) }},
		Fix{Label: "Allow this IP", Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.AddAccessAllow(s, siteplan.Who{Kind: "ip", Value: ev.ClientIP}, "from a Ray ID look-up", false)
		}})
}

// warnAttack says a request that looks like an attack was rightly stopped,
// and puts every fix behind a warning.
func (l *Lookup) warnAttack(sign string) {
	l.Attack = sign
	l.Explanation += fmt.Sprintf(" This looks like a real attack (the request carries %q): the rule did its job.", sign)
	for i := range l.Fixes {
		l.Fixes[i].Warning = "This request looks like an attack: letting it through weakens your site's protection."
		l.Fixes[i].Label += " — not recommended"
	}
}

// ToInt reads a JSON number (float64) or an int.
func ToInt(v any) int { return words.Int(v) }

func toInt(v any) int { return words.Int(v) }

func orUnknown(s string) string {
	if s == "" {
		return "a condition RayFix cannot check from the event alone"
	}
	return s
}

// ExplainByCode explains a block that never reaches Security Events (IP
// Access rules, Zone Lockdown, User Agent blocking, Browser Integrity Check,
// Bot Fight Mode) from the error code the visitor reported and the zone's
// configuration.
func (l *Lookup) ExplainByCode(site *siteplan.Site) {
	q := l.Query
	req := &ruleslang.Request{Country: q.Country}
	req.IP, _ = netip.ParseAddr(q.IP)
	switch q.Code {
	case 1010:
		if site.BrowserCheck == "on" {
			l.Explanation = "Error 1010 comes from Browser Integrity Check, which is on for " + site.Zone.Name + ": the visitor's browser sent headers that looked like a bad bot's (often a privacy extension or an old browser). It does not show up in Security Events."
			l.Fixes = append(l.Fixes, Fix{Label: "Turn Browser Integrity Check off", Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.SetBrowserCheck(s, false) }})
		}
		if site.Rules != nil && site.Rules.Count("ua_block") > 0 {
			l.Explanation += " A User Agent blocking rule can also cause it."
		}
	case 1005, 1006, 1007, 1008, 1009:
		if a := siteplan.MatchAccess(site, req); a != nil {
			id, notes := a.ID, a.Notes
			l.Explanation = fmt.Sprintf("Error %d comes from %s.", q.Code, accessRuleName(a))
			if a.Mode == "block" { // only where it changes something
				l.Fixes = append(l.Fixes, Fix{Label: "Challenge instead of block", Plan: func(s *siteplan.Site) (*changes.Change, error) {
					return planner.SetAccessRule(s, id, "managed_challenge", notes)
				}})
			}
			l.Fixes = append(l.Fixes, Fix{Label: "Delete this IP Access rule", Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.DeleteAccessRule(s, id) }})
		} else {
			l.Explanation = fmt.Sprintf("Error %d comes from an IP Access rule, but none of this site's matches the visitor's IP or country as reported; look for one on the account or check the IP.", q.Code)
		}
	case 1106:
		l.Explanation = "Error 1106 comes from Zone Lockdown: only listed IP addresses may open that part of the site."
	}
	if l.Explanation == "" && site.BotFightMode {
		l.Explanation = "Bot Fight Mode is on for " + site.Zone.Name + "; it challenges traffic it thinks is automated and its challenges are not always in Security Events."
		l.Fixes = append(l.Fixes, Fix{Label: "Turn Bot Fight Mode off", Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.SetBotFightMode(s, false) }})
	}
}

// closest picks the blocking event nearest to at (the latest when at is zero).
func closest(evs []events.Event, at time.Time) *events.Event {
	var best *events.Event
	var bestD time.Duration
	for i := range evs {
		if a := strings.ToLower(evs[i].Action); a == "log" || a == "skip" {
			continue
		}
		t, err := time.Parse(time.RFC3339, evs[i].Datetime)
		if err != nil {
			continue
		}
		d := at.Sub(t)
		if at.IsZero() {
			d = -t.Sub(time.Time{}) // newest first
		}
		if d < 0 {
			d = -d
		}
		if best == nil || d < bestD || at.IsZero() && evs[i].Datetime > best.Datetime {
			best, bestD = &evs[i], d
		}
	}
	return best
}

// ExplainRay finds a Ray ID and explains it against the rules of the site
// it happened on. With one site named, its rules are read while Security
// Events are searched — neither waits for the other — so a look-up costs
// about three round trips: the zone, then the events beside the rules,
// then at most one more (list items, a wider window). When the Ray ID is
// not on the named site, `others` are searched too.
func ExplainRay(ctx context.Context, c *cfapi.Connection, zones, others []cfapi.Zone, q RayQuery, now time.Time, arch *events.Archive) (*Lookup, *siteplan.Site, error) {
	var site *siteplan.Site
	var siteErr error
	loaded := make(chan struct{})
	if len(zones) == 1 {
		go func() {
			defer close(loaded)
			site, siteErr = siteplan.LoadSite(ctx, c.Service(), zones[0])
		}()
	} else {
		close(loaded)
	}
	l, err := LookupRayArchived(ctx, c, zones, q, now, arch)
	if err == nil && !l.Found && len(zones) > 0 && len(others) > 0 {
		l, err = LookupRayArchived(ctx, c, others, q, now, arch)
	}
	<-loaded
	if err != nil {
		return nil, nil, err
	}
	site, err = l.explainFound(ctx, c, site, siteErr)
	return l, site, err
}

// explainFound explains what the look-up found against the site's rules
// (read beside it, or now when the Ray ID was on another site); offline,
// from the event alone and with no fix.
func (l *Lookup) explainFound(ctx context.Context, c *cfapi.Connection, site *siteplan.Site, siteErr error) (*siteplan.Site, error) {
	haveSite := siteErr == nil && site != nil
	switch {
	case l.Found && l.Offline && !haveSite:
		l.Explain(&siteplan.Site{Zone: l.Zone}) // without the rules: what the event itself says
		l.Fixes = nil                           // nothing can be changed while Cloudflare is away
		return nil, nil
	case l.Found:
		if !haveSite || site.Zone.ID != l.Zone.ID {
			var err error
			if site, err = siteplan.LoadSite(ctx, c.Service(), l.Zone); err != nil {
				return nil, err
			}
		}
		l.Explain(site)
		return site, nil
	case l.Query.Code != 0 && haveSite:
		l.ExplainByCode(site) // blocks that never reach Security Events: explain from the code
		return site, nil
	}
	return nil, nil
}
