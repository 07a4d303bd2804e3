package impact

import (
	"context"
	"fmt"
	"sort"
	"time"

	"rayfix/app/ruleslang"
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/internal/words"
	"rayfix/siteplan"
)

// RateHits is what a rate limiting rule would have done to the traffic.
// The traffic counts each address's requests per minute, so an address
// certainly went over the limit only when one minute holds more requests
// than any split of it into periods allows, and certainly did not when
// no two neighbouring minutes together exceed the limit; in between, it
// might have.
type RateHits struct {
	Requests int     `json:"requests_per_period"`
	Period   int     `json:"period_seconds"`
	Certain  []Count `json:"certain"` // addresses, with their busiest minute
	Possible int     `json:"possible"`
	Cannot   string  `json:"cannot_preview,omitempty"`
}

// RateChange is a rate limiting rule before and after a change.
type RateChange struct {
	Rule   string    `json:"rule"`
	Before *RateHits `json:"before"`
	After  *RateHits `json:"after"` // nil: the change removes the limit
}

// rateLimit is one rate limiting rule's condition and numbers.
type rateLimit struct {
	id, expr         string
	requests, period int
	perWhat          []string
}

func rateOf(rule map[string]any) (rateLimit, bool) {
	rl, ok := rule["ratelimit"].(map[string]any)
	if !ok {
		return rateLimit{}, false
	}
	r := rateLimit{id: words.Str(rule["id"]), expr: words.Str(rule["expression"]), requests: words.Int(rl["requests_per_period"]), period: words.Int(rl["period"])}
	switch cs := rl["characteristics"].(type) {
	case []any:
		for _, c := range cs {
			r.perWhat = append(r.perWhat, words.Str(c))
		}
	case []string:
		r.perWhat = cs
	}
	return r, r.requests > 0 && r.period > 0
}

// minuteDims are what a per-minute count needs: the address and minute,
// and what the site's walk needs to know who reaches the rate limit.
var minuteDims = []string{"datetimeMinute", "clientIP", "clientCountryName", "clientAsn", "clientRequestPath", "userAgent", "verifiedBotCategory",
	"clientRequestHTTPHost", "clientRequestHTTPMethodName"}

// RatePreview counts, for a change to a rate limiting rule, the
// addresses that would have gone over the limit before and after.
func RatePreview(ctx context.Context, c *cfapi.Connection, site *siteplan.Site, ch *changes.Change, now time.Time) (*RateChange, error) {
	st, ok := rateStep(ch)
	if !ok {
		return nil, nil
	}
	t, err := load(ctx, c, site.Zone.ID, 24*time.Hour, now, minuteDims, false)
	if err != nil {
		return nil, err
	}
	before, _ := rateOf(st.Before)
	before.id = st.TargetID
	out := &RateChange{Rule: changes.RuleName(st.Before), Before: hitsOf(site, before, t)}
	if after, ok := rateOf(st.After); ok && st.Op != "rule.delete" {
		after.id = st.TargetID // a body to send has no ID; the rule keeps its own
		out.After = hitsOf(site.After(ch), after, t)
	}
	return out, nil
}

func rateStep(ch *changes.Change) (changes.Step, bool) {
	for _, st := range ch.Steps {
		if st.Phase == cfapi.PhaseRateLimit && st.Before != nil {
			return st, true
		}
	}
	return changes.Step{}, false
}

// hitsOf counts, per address, the requests of each minute that reach the
// rule (nothing before it decided them) and match its condition.
func hitsOf(site *siteplan.Site, rl rateLimit, t *Traffic) *RateHits {
	h := &RateHits{Requests: rl.requests, Period: rl.period}
	for _, w := range rl.perWhat {
		if w != "ip.src" && w != "cf.colo.id" {
			h.Cannot = "it counts requests per " + w + ", which the traffic does not show"
			return h
		}
	}
	perIP := map[string]map[int64]int{}
	unsure := map[string]bool{}
	for _, g := range t.Groups {
		r := t.request(g, site)
		reach, sure := reaches(site, rl.id, r)
		if !reach {
			continue
		}
		if !sure {
			unsure[g.IP] = true
		}
		m, err := time.Parse(time.RFC3339, g.Minute)
		if err != nil || g.IP == "" {
			continue
		}
		if perIP[g.IP] == nil {
			perIP[g.IP] = map[int64]int{}
		}
		perIP[g.IP][m.Unix()/60] += g.Count
	}
	for ip, mins := range perIP {
		certain, busiest, safe := judge(mins, rl.requests, rl.period)
		switch {
		case certain:
			h.Certain = append(h.Certain, Count{ip, busiest})
		case !safe || unsure[ip]:
			h.Possible++
		}
	}
	sort.Slice(h.Certain, func(i, j int) bool { return h.Certain[i].Requests > h.Certain[j].Requests })
	return h
}

// reaches: the request gets to the rate limiting rule and matches it, by
// the simulator's walk; sure is false when that depends on what the
// traffic does not show.
func reaches(site *siteplan.Site, ruleID string, r *ruleslang.Request) (reach, sure bool) {
	for _, st := range siteplan.Simulate(site, r).Steps {
		if st.RuleID == ruleID {
			switch st.Result {
			case "matches":
				return true, true
			case "unknown":
				return true, false
			}
		}
	}
	return false, true
}

// judge decides from per-minute counts whether an address certainly went
// over n requests in period seconds, and whether it certainly did not.
func judge(mins map[int64]int, n, period int) (certain bool, busiest int, safe bool) {
	span := (period + 59) / 60 // minutes a window can touch, less one
	full := period / 60        // minutes a window surely contains
	perMinute := (60 + period - 1) / period
	safe = true
	for m, c := range mins {
		busiest = max(busiest, c)
		if period <= 60 && c > n*perMinute {
			certain = true
		}
		if full > 0 && sumRun(mins, m, full) > n {
			certain = true
		}
		if sumRun(mins, m, span+1) > n {
			safe = false
		}
	}
	return certain, busiest, safe
}

func sumRun(mins map[int64]int, from int64, k int) int {
	s := 0
	for i := int64(0); i < int64(k); i++ {
		s += mins[from+i]
	}
	return s
}

// lines says a rate limit's before and after in words.
func (rc *RateChange) lines(window string) []Line {
	out := []Line{{Text: "Rate limits depend on how fast requests come: RayFix counts each address's requests per minute, so some addresses can only be said to have possibly gone over the limit."}}
	out = append(out, Line{Text: window + ", as it is: " + rc.Before.words()})
	if rc.After != nil {
		out = append(out, Line{Text: "With the change: " + rc.After.words(), Warn: len(rc.After.Certain) > len(rc.Before.Certain)})
	} else {
		out = append(out, Line{Text: "With the change, this rule no longer limits anyone."})
	}
	return out
}

func (h *RateHits) words() string {
	if h.Cannot != "" {
		return "RayFix can't preview this limit: " + h.Cannot + "."
	}
	limit := fmt.Sprintf("more than %d %s in %d seconds", h.Requests, map[bool]string{true: "request", false: "requests"}[h.Requests == 1], h.Period)
	if len(h.Certain) == 0 && h.Possible == 0 {
		return "no address sent " + limit + "."
	}
	var s string
	switch len(h.Certain) {
	case 0:
		s = "no address certainly sent " + limit
	case 1:
		s = fmt.Sprintf("1 address certainly sent %s (%s, %d requests in one minute)", limit, h.Certain[0].Name, h.Certain[0].Requests)
	default:
		s = fmt.Sprintf("%d addresses certainly sent %s (the busiest: %s, %d requests in one minute)", len(h.Certain), limit, h.Certain[0].Name, h.Certain[0].Requests)
	}
	switch h.Possible {
	case 0:
		return s + "."
	case 1:
		return s + "; 1 more might have."
	}
	return fmt.Sprintf("%s; %d more might have.", s, h.Possible)
}
