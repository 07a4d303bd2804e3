package events

import (
	"context"
	"sort"
	"strings"
	"time"

	"rayfix/cfapi"
)

// BlockGroup is the recent events of one rule, summarised.
type BlockGroup struct {
	Rule         string         `json:"rule"`
	RuleID       string         `json:"rule_id"`
	Source       string         `json:"source"` // the product, as Security Events names it
	Action       string         `json:"action"`
	Count        int            `json:"count"`
	IPs          int            `json:"distinct_ips"`
	Countries    map[string]int `json:"countries"`
	ASNs         map[string]int `json:"asns"`
	Paths        map[string]int `json:"paths"`
	UserAgents   map[string]int `json:"user_agents"`
	LooksHuman   []string       `json:"looks_legitimate"` // why some of it may be real visitors
	LastRayID    string         `json:"last_ray_id"`
	LastDatetime string         `json:"last_datetime"`
}

// monitorAgents are user agents of well-known monitoring and payment
// services: blocking them is rarely intended.
var monitorAgents = []string{"uptimerobot", "pingdom", "statuscake", "site24x7", "betteruptime", "uptime-kuma", "stripe", "paypal", "googlebot", "bingbot", "applebot"}

// RecentBlocks groups a zone's recent Security Events by rule, newest
// Window the plan keeps, and flags traffic that looks legitimate.
func RecentBlocks(ctx context.Context, c *cfapi.Connection, z cfapi.Zone, since time.Duration, now time.Time) ([]BlockGroup, error) {
	notOlder, _, err := retention(ctx, c, z.ID)
	if err != nil {
		return nil, err
	}
	if max := time.Duration(notOlder) * time.Second; since <= 0 || since > max {
		since = max
	}
	evs, err := Events(ctx, c, z.ID, nil, now.Add(-since), now, 10000)
	if err != nil {
		return nil, err
	}
	return GroupEvents(evs), nil
}

// GroupEvents summarises events by rule, largest first.
func GroupEvents(evs []Event) []BlockGroup {
	groups := map[string]*BlockGroup{}
	ips := map[string]map[string]bool{}
	for _, e := range evs {
		a := strings.ToLower(e.Action)
		if a == "log" || a == "skip" || a == "allow" {
			continue
		}
		key := e.RuleID + "|" + e.Source
		g := groups[key]
		if g == nil {
			g = &BlockGroup{Rule: e.Description, RuleID: e.RuleID, Source: e.Source, Action: e.Action, Countries: map[string]int{}, ASNs: map[string]int{}, Paths: map[string]int{}, UserAgents: map[string]int{}}
			if g.Rule == "" {
				g.Rule = e.Source
			}
			groups[key] = g
			ips[key] = map[string]bool{}
		}
		g.Count++
		g.Countries[e.Country]++
		g.ASNs[e.ASN]++
		g.Paths[e.Path]++
		g.UserAgents[e.UserAgent]++
		ips[key][e.ClientIP] = true
		if e.Datetime >= g.LastDatetime {
			g.LastDatetime, g.LastRayID = e.Datetime, e.RayName
		}
	}
	var out []BlockGroup
	for key, g := range groups {
		g.IPs = len(ips[key])
		for ua := range g.UserAgents {
			l := strings.ToLower(ua)
			for _, m := range monitorAgents {
				if strings.Contains(l, m) {
					g.LooksHuman = append(g.LooksHuman, "requests from "+m+" (a known bot, monitor or payment service)")
				}
			}
		}
		for p := range g.Paths {
			if strings.Contains(strings.ToLower(p), "webhook") {
				g.LooksHuman = append(g.LooksHuman, "requests to "+p+" (a webhook: payment or other services call it)")
			}
		}
		for asn, n := range g.ASNs {
			if n >= 5 && g.IPs >= 5 {
				g.LooksHuman = append(g.LooksHuman, "many different addresses from network AS"+asn+" (many people, not one bot)")
			}
		}
		sort.Strings(g.LooksHuman)
		out = append(out, *g)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Count > out[b].Count })
	return out
}
