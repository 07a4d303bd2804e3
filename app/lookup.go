package app

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

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

// Event is one Security Event (firewallEventsAdaptive row).
type Event struct {
	Datetime    string `json:"datetime"`
	RayName     string `json:"rayName"`
	Action      string `json:"action"`
	Source      string `json:"source"`
	RuleID      string `json:"ruleId"`
	RulesetID   string `json:"rulesetId"`
	Description string `json:"description"`
	ClientIP    string `json:"clientIP"`
	Country     string `json:"clientCountryName"`
	ASN         string `json:"clientAsn"`
	UserAgent   string `json:"userAgent"`
	Host        string `json:"clientRequestHTTPHost"`
	Method      string `json:"clientRequestHTTPMethodName"`
	Path        string `json:"clientRequestPath"`
	Query       string `json:"clientRequestQuery"`
	Colo        string `json:"edgeColoName"`
}

// Fix is one remedy offered for a lookup, planned against the site.
type Fix struct {
	Label string                       `json:"label"`
	Plan  func(*Site) (*Change, error) `json:"-"`
}

// Lookup is what RayFix found for a Ray ID.
type Lookup struct {
	Query       RayQuery `json:"query"`
	Found       bool     `json:"found"`
	Zone        Zone     `json:"zone"`
	Event       *Event   `json:"event,omitempty"`
	Explanation string   `json:"explanation"`
	RuleID      string   `json:"rule_id,omitempty"`
	Matched     string   `json:"matched,omitempty"`
	Fixes       []Fix    `json:"fixes"`
	WhyMissing  []string `json:"why_missing,omitempty"`
	Window      string   `json:"window"`
	FromArchive bool     `json:"from_archive"`
	ByIP        bool     `json:"found_by_ip"` // the Ray ID was missing; this event is the visitor's IP near that time
}

const eventFields = `datetime rayName action source kind ruleId rulesetId description matchIndex clientIP clientCountryName clientAsn clientASNDescription userAgent clientRequestHTTPHost clientRequestHTTPMethodName clientRequestPath clientRequestQuery edgeColoName edgeResponseStatus`

// retention reads how far back Security Events go for this zone (the
// GraphQL settings node), in seconds.
func (c *Connection) retention(ctx context.Context, zoneID string) (notOlder, maxDur int, err error) {
	// A zone's retention changes only with its plan: ask once per session.
	if v, ok := c.retained.Load(zoneID); ok {
		r := v.([2]int)
		return r[0], r[1], nil
	}
	defer func() {
		if err == nil {
			c.retained.Store(zoneID, [2]int{notOlder, maxDur})
		}
	}()
	var out struct {
		Viewer struct {
			Zones []struct {
				Settings struct {
					F struct {
						NotOlderThan int `json:"notOlderThan"`
						MaxDuration  int `json:"maxDuration"`
					} `json:"firewallEventsAdaptive"`
				} `json:"settings"`
			} `json:"zones"`
		} `json:"viewer"`
	}
	const q = `query Settings($zoneTag: string) { viewer { zones(filter: {zoneTag: $zoneTag}) { settings { firewallEventsAdaptive { enabled maxDuration notOlderThan maxPageSize } } } } }`
	if err := c.GraphQL(ctx, q, map[string]any{"zoneTag": zoneID}, &out); err != nil {
		return 0, 0, err
	}
	if len(out.Viewer.Zones) == 0 {
		return 86400, 86400, nil
	}
	f := out.Viewer.Zones[0].Settings.F
	return max(f.NotOlderThan, 3600), max(f.MaxDuration, 3600), nil
}

// Events queries Security Events of a zone with a filter, within the
// window the plan keeps.
func (c *Connection) Events(ctx context.Context, zoneID string, filter map[string]any, from, to time.Time, limit int) ([]Event, error) {
	evs, _, err := c.eventsQuery(ctx, zoneID, filter, from, to, limit, false)
	return evs, err
}

const retentionFields = `settings { firewallEventsAdaptive { enabled maxDuration notOlderThan maxPageSize } }`

// eventsQuery sends one GraphQL query for events, and with withSettings
// the zone's retention in the same round trip.
func (c *Connection) eventsQuery(ctx context.Context, zoneID string, filter map[string]any, from, to time.Time, limit int, withSettings bool) ([]Event, *[2]int, error) {
	var out struct {
		Viewer struct {
			Zones []struct {
				Events   []Event `json:"firewallEventsAdaptive"`
				Settings struct {
					F *struct {
						NotOlderThan int `json:"notOlderThan"`
						MaxDuration  int `json:"maxDuration"`
					} `json:"firewallEventsAdaptive"`
				} `json:"settings"`
			} `json:"zones"`
		} `json:"viewer"`
	}
	f := map[string]any{"datetime_geq": from.UTC().Format(time.RFC3339), "datetime_leq": to.UTC().Format(time.RFC3339)}
	for k, v := range filter {
		f[k] = v
	}
	settings := ""
	if withSettings {
		settings = retentionFields + " "
	}
	q := `query Events($zoneTag: string, $filter: FirewallEventsAdaptiveFilter_InputObject) { viewer { zones(filter: {zoneTag: $zoneTag}) { ` + settings +
		`firewallEventsAdaptive(filter: $filter, limit: ` + strconv.Itoa(limit) + `, orderBy: [datetime_ASC]) { ` + eventFields + ` } } } }`
	if err := c.GraphQL(ctx, q, map[string]any{"zoneTag": zoneID, "filter": f}, &out); err != nil {
		return nil, nil, err
	}
	if len(out.Viewer.Zones) == 0 {
		return nil, nil, nil
	}
	zone := out.Viewer.Zones[0]
	var ret *[2]int
	if st := zone.Settings.F; st != nil {
		ret = &[2]int{max(st.NotOlderThan, 3600), max(st.MaxDuration, 3600)}
	}
	return zone.Events, ret, nil
}

// window is the time range a search covered, and how long the plan keeps
// events.
type window struct {
	from, to         time.Time
	notOlder, maxDur int
}

// minRetention is what every plan keeps and may query at once (24 h): a
// first search within it is always accepted, so the zone's own retention
// can come back in the same round trip.
const minRetention = 86400

// searchEvents finds events for a filter around `at` (or the latest the
// plan allows). When the zone's retention is not known yet it is asked in
// the same query as the events, over the 24 hours every plan keeps; only
// when the plan keeps more, nothing was found and the wider window
// matters is there a second query.
func (c *Connection) searchEvents(ctx context.Context, zoneID string, filter map[string]any, now, at time.Time, limit int) ([]Event, window, error) {
	if v, ok := c.retained.Load(zoneID); ok {
		r := v.([2]int)
		w := window{notOlder: r[0], maxDur: r[1]}
		w.from, w.to = searchWindow(now, at, w.notOlder, w.maxDur)
		if !w.from.Before(w.to) {
			return nil, w, nil
		}
		evs, err := c.Events(ctx, zoneID, filter, w.from, w.to, limit)
		return evs, w, err
	}
	w := window{notOlder: minRetention, maxDur: minRetention}
	w.from, w.to = searchWindow(now, at, minRetention, minRetention)
	if !w.from.Before(w.to) { // older than every plan keeps: ask the retention alone
		notOlder, maxDur, err := c.retention(ctx, zoneID)
		if err != nil {
			return nil, w, err
		}
		real := window{notOlder: notOlder, maxDur: maxDur}
		real.from, real.to = searchWindow(now, at, notOlder, maxDur)
		if !real.from.Before(real.to) {
			return nil, real, nil
		}
		evs, err := c.Events(ctx, zoneID, filter, real.from, real.to, limit)
		return evs, real, err
	}
	evs, ret, err := c.eventsQuery(ctx, zoneID, filter, w.from, w.to, limit, true)
	if err != nil {
		return nil, w, err
	}
	if ret == nil {
		ret = &[2]int{minRetention, minRetention}
	}
	c.retained.Store(zoneID, *ret)
	real := window{notOlder: ret[0], maxDur: ret[1]}
	real.from, real.to = searchWindow(now, at, real.notOlder, real.maxDur)
	if len(evs) > 0 || !real.from.Before(w.from) { // found, or the whole window was searched
		w.notOlder, w.maxDur = real.notOlder, real.maxDur
		return evs, w, nil
	}
	evs, err = c.Events(ctx, zoneID, filter, real.from, real.to, limit)
	return evs, real, err
}

// LookupRay finds a Ray ID in Security Events, in the given zones (all
// the token sees when none), and explains it.
func (c *Connection) LookupRay(ctx context.Context, zones []Zone, q RayQuery, now time.Time) (*Lookup, error) {
	return c.LookupRayArchived(ctx, zones, q, now, nil)
}

// LookupRayArchived is LookupRay that also searches RayFix's own archive
// of events, for Ray IDs older than the plan keeps.
func (c *Connection) LookupRayArchived(ctx context.Context, zones []Zone, q RayQuery, now time.Time, arch *Archive) (*Lookup, error) {
	if len(zones) == 0 {
		var err error
		if zones, err = c.Service().Zones(ctx); err != nil {
			return nil, err
		}
	}
	l := &Lookup{Query: q}
	for _, z := range zones {
		evs, win, err := c.searchEvents(ctx, z.ID, map[string]any{"rayName": q.RayID}, now, q.At, 20)
		if err != nil {
			return nil, err
		}
		l.Window = fmt.Sprintf("%s to %s UTC", win.from.Format("2 Jan 15:04"), win.to.Format("2 Jan 15:04"))
		if !q.At.IsZero() && q.At.Before(now.Add(-time.Duration(win.notOlder)*time.Second)) {
			l.WhyMissing = append(l.WhyMissing, fmt.Sprintf("The block happened on %s, but Cloudflare keeps Security Events of %s for only %s.",
				q.At.Format("2 Jan 15:04"), z.Name, humanSeconds(win.notOlder)))
			continue
		}
		if len(evs) > 0 {
			l.Found, l.Zone = true, z
			ev := evs[len(evs)-1]
			for i := range evs { // the terminating action names the culprit
				if a := strings.ToLower(evs[i].Action); a != "log" && a != "skip" {
					ev = evs[i]
				}
			}
			l.Event = &ev
			return l, nil
		}
	}
	if arch != nil {
		if zoneID, evs := arch.FindRay(q.RayID); len(evs) > 0 {
			for _, z := range zones {
				if z.ID == zoneID {
					ev := evs[len(evs)-1]
					for i := range evs {
						if a := strings.ToLower(evs[i].Action); a != "log" && a != "skip" {
							ev = evs[i]
						}
					}
					l.Found, l.Zone, l.Event, l.FromArchive, l.WhyMissing = true, z, &ev, true, nil
					return l, nil
				}
			}
		}
	}
	// Fall back to the visitor's IP around the reported time.
	if q.IP != "" {
		for _, z := range zones {
			evs, _, err := c.searchEvents(ctx, z.ID, map[string]any{"clientIP": q.IP}, now, q.At, 100)
			if err != nil {
				return nil, err
			}
			if ev := closest(evs, q.At); ev != nil {
				l.Found, l.Zone, l.Event, l.ByIP = true, z, ev, true
				l.WhyMissing = []string{"The Ray ID itself was not in Security Events (they are sampled); this is the block of the same IP address closest to that time."}
				return l, nil
			}
		}
	}
	l.WhyMissing = append(l.WhyMissing,
		"Cloudflare samples Security Events: a single request can be missing.",
		"An IP Access Allow rule lets requests through without an event.",
		"Blocks by Browser Integrity Check, Bot Fight Mode, Zone Lockdown or User Agent blocking may not show up; RayFix explains them from the error code the visitor saw.",
		"The site may be on another account, or the Ray ID may have been copied wrong.")
	return l, nil
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
func (l *Lookup) Explain(site *Site) {
	ev := l.Event
	if ev == nil {
		return
	}
	req := &ruleslang.Request{UserAgent: ev.UserAgent, Host: ev.Host, Path: ev.Path, Query: ev.Query, Method: ev.Method,
		Country: strings.ToUpper(ev.Country), Continent: continentOf(strings.ToUpper(ev.Country)), InList: site.inList}
	req.IP, _ = netip.ParseAddr(ev.ClientIP)
	req.ASN, _ = strconv.Atoi(ev.ASN)
	at := ev.Datetime
	if t, err := time.Parse(time.RFC3339, ev.Datetime); err == nil {
		at = t.UTC().Format("2 Jan 2006 15:04:05 UTC")
	}
	who := fmt.Sprintf("a visitor from %s (IP %s, network AS%s)", countryOnly(req.Country), ev.ClientIP, ev.ASN)
	l.RuleID = ev.RuleID
	phase, _, rule, _ := site.findRule(ev.RuleID)
	source := strings.ToLower(strings.ReplaceAll(ev.Source, "_", ""))
	ipWho := Who{Kind: "ip", Value: ev.ClientIP}
	asnWho := Who{Kind: "asn", Value: ev.ASN}
	pathWho := Who{Kind: "path", Value: ev.Path}
	switch {
	case rule != nil && phase == PhaseCustom:
		e := ruleslang.Parse(str(rule["expression"]))
		l.Matched = MatchedWords(e.Root, req)
		l.Explanation = fmt.Sprintf("On %s the custom rule %s %s %s asking for %s. It matched because: %s. (The rule %s %s.)",
			at, ruleName(rule), verbFor(str(rule["action"])), who, ev.Path, orUnknown(l.Matched),
			strings.ToLower(actionWords(str(rule["action"]))), summarize(str(rule["expression"])))
		l.Fixes = append(l.Fixes,
			Fix{"Let this IP through (an exception in this rule)", func(s *Site) (*Change, error) { return s.AddException(ev.RuleID, ipWho) }},
			Fix{"Let this network (AS" + ev.ASN + ") through", func(s *Site) (*Change, error) { return s.AddException(ev.RuleID, asnWho) }},
			Fix{"Let requests to " + ev.Path + " through", func(s *Site) (*Change, error) { return s.AddException(ev.RuleID, pathWho) }},
			Fix{"Let known good bots through", func(s *Site) (*Change, error) { return s.AddException(ev.RuleID, Who{Kind: "verified_bots"}) }})
		if rule["action"] == "block" {
			l.Fixes = append(l.Fixes, Fix{"Challenge instead of block (people pass, bots do not)", func(s *Site) (*Change, error) { return s.SetRuleAction(ev.RuleID, "managed_challenge") }})
		}
	case rule != nil && phase == PhaseRateLimit:
		rl, _ := rule["ratelimit"].(map[string]any)
		l.Explanation = fmt.Sprintf("On %s the rate limit %s stopped %s after more than %v requests in %v seconds.", at, ruleName(rule), who, rl["requests_per_period"], rl["period"])
		l.Fixes = append(l.Fixes,
			Fix{"Double the allowed requests", func(s *Site) (*Change, error) {
				n, p, t := 0, 0, 0
				if r := rl; r != nil {
					n, p, t = toInt(r["requests_per_period"]), toInt(r["period"]), toInt(r["mitigation_timeout"])
				}
				return s.SetRateLimit(ev.RuleID, n*2, p, t, str(rule["action"]))
			}},
			Fix{"Let this IP skip the checks (Skip rule)", func(s *Site) (*Change, error) { return s.AddSkipRule(ipWho, "rate limited by mistake") }})
	case strings.Contains(source, "managed") || source == "waf":
		exec := site.executeRuleFor(ev.RulesetID)
		l.Explanation = fmt.Sprintf("On %s Cloudflare's managed rules blocked %s: managed rule %s (%s) thought the request to %s looked like an attack.", at, who, ev.RuleID, ev.Description, ev.Path)
		if exec != "" {
			l.Fixes = append(l.Fixes,
				Fix{"Exempt " + ev.Path + " from managed rule " + ev.RuleID, func(s *Site) (*Change, error) { return s.ManagedException(exec, pathWho, ev.RuleID) }},
				Fix{"Turn managed rule " + ev.RuleID + " off", func(s *Site) (*Change, error) { return s.ManagedOverride(exec, ev.RuleID, "disable") }})
		}
	case source == "ip" || source == "iprange" || source == "asn" || source == "country":
		l.Explanation = fmt.Sprintf("On %s an IP Access rule (%s) %s %s.", at, ev.Description, verbFor(strings.ReplaceAll(ev.Action, "challenge", "_challenge")), who)
		if a := site.findAccess(ev.RuleID); a != nil {
			l.Fixes = append(l.Fixes,
				Fix{"Challenge instead of block", func(s *Site) (*Change, error) { return s.SetAccessRule(ev.RuleID, "managed_challenge", a.Notes) }},
				Fix{"Delete this IP Access rule", func(s *Site) (*Change, error) { return s.DeleteAccessRule(ev.RuleID) }})
		}
		l.Fixes = append(l.Fixes, Fix{"Allow this IP", func(s *Site) (*Change, error) { return s.AddAccessAllow(ipWho, "from a Ray ID look-up", false) }})
	default:
		l.Explanation = fmt.Sprintf("On %s Cloudflare's %s (%s) acted on %s (%s).", at, ev.Source, ev.Description, who, ev.Action)
		l.Fixes = append(l.Fixes, Fix{"Allow this IP", func(s *Site) (*Change, error) { return s.AddAccessAllow(ipWho, "from a Ray ID look-up", false) }})
	}
}

func (site *Site) executeRuleFor(rulesetID string) string {
	if rs := site.Sets[PhaseManaged]; rs != nil {
		for _, r := range rs.Rules {
			p, _ := r["action_parameters"].(map[string]any)
			if r["action"] == "execute" && (rulesetID == "" || str(p["id"]) == rulesetID) {
				return str(r["id"])
			}
		}
		for _, r := range rs.Rules {
			if r["action"] == "execute" {
				return str(r["id"])
			}
		}
	}
	return ""
}

// ToInt reads a JSON number (float64) or an int.
func ToInt(v any) int { return toInt(v) }

func toInt(v any) int {
	switch x := v.(type) {
	case float64:
		return int(x)
	case int:
		return x
	}
	return 0
}

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
func (l *Lookup) ExplainByCode(site *Site) {
	q := l.Query
	req := &ruleslang.Request{Country: q.Country}
	req.IP, _ = netip.ParseAddr(q.IP)
	switch q.Code {
	case 1010:
		if site.BrowserCheck == "on" {
			l.Explanation = "Error 1010 comes from Browser Integrity Check, which is on for " + site.Zone.Name + ": the visitor's browser sent headers that looked like a bad bot's (often a privacy extension or an old browser). It does not show up in Security Events."
			l.Fixes = append(l.Fixes, Fix{"Turn Browser Integrity Check off", func(s *Site) (*Change, error) { return s.SetBrowserCheck(false) }})
		}
		if site.Rules != nil && site.Rules.Count("ua_block") > 0 {
			l.Explanation += " A User Agent blocking rule can also cause it."
		}
	case 1005, 1006, 1007, 1008, 1009:
		if a := site.matchAccess(req); a != nil {
			id, notes := a.ID, a.Notes
			l.Explanation = fmt.Sprintf("Error %d comes from the IP Access rule “%s”: %s %s.", q.Code, notes, modeNames[a.Mode], a.Configuration.Value)
			l.Fixes = append(l.Fixes,
				Fix{"Challenge instead of block", func(s *Site) (*Change, error) { return s.SetAccessRule(id, "managed_challenge", notes) }},
				Fix{"Delete this IP Access rule", func(s *Site) (*Change, error) { return s.DeleteAccessRule(id) }})
		} else {
			l.Explanation = fmt.Sprintf("Error %d comes from an IP Access rule, but none of this site's matches the visitor's IP or country as reported; look for one on the account or check the IP.", q.Code)
		}
	case 1106:
		l.Explanation = "Error 1106 comes from Zone Lockdown: only listed IP addresses may open that part of the site."
	}
	if l.Explanation == "" && site.BotFightMode {
		l.Explanation = "Bot Fight Mode is on for " + site.Zone.Name + "; it challenges traffic it thinks is automated and its challenges are not always in Security Events."
		l.Fixes = append(l.Fixes, Fix{"Turn Bot Fight Mode off", func(s *Site) (*Change, error) { return s.SetBotFightMode(false) }})
	}
}

// closest picks the blocking event nearest to at (the latest when at is zero).
func closest(evs []Event, at time.Time) *Event {
	var best *Event
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

// searchWindow is the time range to search: an hour either side of the
// reported time, or the longest range one query may span, never older
// than the plan keeps.
func searchWindow(now, at time.Time, notOlder, maxDur int) (from, to time.Time) {
	from, to = now.Add(-time.Duration(maxDur)*time.Second), now
	if !at.IsZero() {
		from, to = at.Add(-time.Hour), at.Add(time.Hour)
	}
	if oldest := now.Add(-time.Duration(notOlder) * time.Second); from.Before(oldest) {
		from = oldest
	}
	return from, to
}

// ExplainRay finds a Ray ID and explains it against the rules of the site
// it happened on. With one site named, its rules are read while Security
// Events are searched — neither waits for the other — so a look-up costs
// about three round trips: the zone, then the events beside the rules,
// then at most one more (list items, a wider window). When the Ray ID is
// not on the named site, `others` are searched too.
func (c *Connection) ExplainRay(ctx context.Context, zones, others []Zone, q RayQuery, now time.Time, arch *Archive) (*Lookup, *Site, error) {
	var site *Site
	var siteErr error
	loaded := make(chan struct{})
	if len(zones) == 1 {
		go func() {
			defer close(loaded)
			site, siteErr = c.Service().LoadSite(ctx, zones[0])
		}()
	} else {
		close(loaded)
	}
	l, err := c.LookupRayArchived(ctx, zones, q, now, arch)
	if err == nil && !l.Found && len(zones) > 0 && len(others) > 0 {
		l, err = c.LookupRayArchived(ctx, others, q, now, arch)
	}
	<-loaded
	if err != nil {
		return nil, nil, err
	}
	switch {
	case l.Found:
		if siteErr != nil || site == nil || site.Zone.ID != l.Zone.ID {
			if site, err = c.Service().LoadSite(ctx, l.Zone); err != nil {
				return l, nil, err
			}
		}
		l.Explain(site)
	case q.Code != 0 && site != nil && siteErr == nil:
		l.ExplainByCode(site) // blocks that never reach Security Events: explain from the code
	default:
		site = nil
	}
	return l, site, nil
}
