package impact

import (
	"context"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"

	"rayfix/app/ruleslang"
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/diagnose/places"
	"rayfix/internal/words"
	"rayfix/siteplan"
)

// Count is one line of a breakdown: a country, network, page or browser
// and its requests.
type Count struct {
	Name     string `json:"name"`
	Requests int    `json:"requests"`
}

// Slice is a set of requests with its breakdowns and the ones the owner
// most likely wants through (verified bots, monitors, webhooks).
type Slice struct {
	Requests  int      `json:"requests"`
	Countries []Count  `json:"countries,omitempty"`
	Networks  []Count  `json:"networks,omitempty"`
	Pages     []Count  `json:"pages,omitempty"`
	Browsers  []Count  `json:"user_agents,omitempty"`
	Wanted    []Wanted `json:"wanted,omitempty"`
	groups    []Group
}

// Report is what a rule matched, or what a change would have done, over
// the traffic of a window. Every figure is an estimate from sampled
// traffic.
type Report struct {
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	Total     int       `json:"total_requests"`
	Estimated bool      `json:"estimated"` // always true: the dataset is sampled
	Truncated bool      `json:"truncated,omitempty"`
	Clamped   string    `json:"window_note,omitempty"`
	// CannotPreview names the conditions the analytics cannot answer;
	// Unsure counts the requests they leave open.
	CannotPreview []string `json:"cannot_preview,omitempty"`
	Unsure        int      `json:"unsure_requests"`

	// For a condition on its own (a rule, or "what would this catch?"),
	// and for an existing rule how many of those reach it: the others are
	// decided by something checked before it.
	Matched  *Slice `json:"matched,omitempty"`
	Reaching *int   `json:"reaching_the_rule,omitempty"`

	// For a change: what it would newly stop and newly let through, and
	// for a change to one rule, what that rule matched before and after.
	Change       bool   `json:"change,omitempty"`
	NewlyStopped *Slice `json:"newly_stopped,omitempty"`
	NewlyThrough *Slice `json:"newly_let_through,omitempty"`
	Softened     *Slice `json:"challenged_instead_of_blocked,omitempty"`
	Hardened     *Slice `json:"blocked_instead_of_challenged,omitempty"`
	RuleName     string `json:"rule,omitempty"`
	RuleBefore   *int   `json:"rule_matched_before,omitempty"`
	RuleAfter    *int   `json:"rule_matched_after,omitempty"`
	// For a change to a rate limiting rule: who would have gone over the
	// limit before and after (the walk alone cannot say: it has no clock).
	Rate *RateChange `json:"rate_limit,omitempty"`
}

// Preview is what a change would have done to the last 24 hours of
// traffic: every group walked through the site now and after, and for a
// rate limiting rule who would have gone over the limit.
func Preview(ctx context.Context, c *cfapi.Connection, site *siteplan.Site, ch *changes.Change, now time.Time, own string) (*Report, error) {
	var exprs []string
	for _, st := range ch.Steps {
		exprs = append(exprs, words.Str(st.Before["expression"]), words.Str(st.After["expression"]))
	}
	t, err := Recent(ctx, c, site.Zone.ID, now, Needs(exprs...))
	if err != nil {
		return nil, err
	}
	rep := ForChange(site, ch, t.WithOwn(own))
	if rep.Rate, err = RatePreview(ctx, c, site, ch, now); err != nil {
		return nil, err
	}
	return rep, nil
}

func newReport(t *Traffic) *Report {
	return &Report{From: t.From, To: t.To, Total: t.Total(), Estimated: true, Truncated: t.Truncated, Clamped: t.Clamped}
}

// Needs is the extra dimensions an expression needs beyond the
// breakdowns (an IP, the host, the method).
func Needs(exprs ...string) []string {
	var out []string
	for _, f := range fieldsOfAll(exprs) {
		if d := dimensionOf[f]; d != "" {
			out = append(out, d)
		}
	}
	return out
}

// fieldsOfAll lists the fields the expressions read (those that parse).
func fieldsOfAll(exprs []string) []string {
	var out []string
	for _, e := range exprs {
		if x := ruleslang.ParseCached(e); x.Err == nil {
			out = append(out, fieldsOf(x.Root)...)
		}
	}
	return out
}

// SiteNeeds is what walking the whole site needs: the visitor's IP for
// IP Access rules and lists, the host and method some rules use.
var SiteNeeds = []string{"clientIP", "clientRequestHTTPHost", "clientRequestHTTPMethodName"}

// fieldsOf lists the fields an expression reads.
func fieldsOf(n ruleslang.Node) []string {
	var out []string
	var walk func(n ruleslang.Node)
	walk = func(n ruleslang.Node) {
		switch x := n.(type) {
		case *ruleslang.Paren:
			walk(x.X)
		case *ruleslang.Not:
			walk(x.X)
		case *ruleslang.Logical:
			walk(x.Left)
			walk(x.Right)
		case *ruleslang.Compare:
			walk(x.Left)
		case *ruleslang.Call:
			for _, a := range x.Args {
				walk(a)
			}
		case *ruleslang.Field:
			out = append(out, x.Name)
		}
	}
	walk(n)
	return out
}

// fieldWords names a condition the analytics cannot answer.
var fieldWords = map[string]string{
	"http.cookie": "the cookie condition", "http.request.headers": "the header condition", "http.referer": "the referer condition",
	"http.request.uri.query": "the query string condition", "http.request.uri": "the address condition (it includes the query string)",
	"http.request.full_uri": "the full address condition (it includes the query string)", "http.request.uri.args": "the query string condition",
	"cf.threat_score": "the threat score condition", "cf.bot_management.score": "the bot score condition", "cf.waf.score": "the attack score condition",
	"http.request.body.raw": "the request body condition", "ssl": "the HTTPS condition", "http.request.version": "the HTTP version condition",
}

// cannotPreview names the conditions of the expressions that the traffic
// does not answer.
func cannotPreview(t *Traffic, exprs ...string) []string {
	var out []string
	for _, f := range fieldsOfAll(exprs) {
		if d := dimensionOf[f]; d != "" && t.Dims[d] || f == "true" || f == "false" {
			continue
		}
		w := fieldWords[f]
		if w == "" {
			w = "the condition on " + f
		}
		out = append(out, w)
	}
	sort.Strings(out)
	return compact(out)
}

func compact(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// request is a group as a request: only its dimensions are known, and
// those are known even when empty.
func (t *Traffic) request(g Group, site *siteplan.Site) *ruleslang.Request {
	r := &ruleslang.Request{Partial: true, Country: g.Country, Host: g.Host, Path: g.Path, Method: g.Method,
		UserAgent: g.UserAgent, BotCategory: g.BotCategory, VerifiedBot: g.BotCategory != "", Known: t.known()}
	if g.Country != "" {
		r.Continent = places.ContinentOf(g.Country)
	}
	r.ASN, _ = strconv.Atoi(g.ASN)
	r.IP, _ = netip.ParseAddr(g.IP)
	if site != nil {
		r.InList = site.InList
	}
	return r
}

func (t *Traffic) known() map[string]bool {
	return map[string]bool{"http.user_agent": t.Dims["userAgent"], "cf.client.bot": t.Dims["verifiedBotCategory"]}
}

// Expression is what a condition matched in the traffic: the requests,
// their breakdowns, and those it may match (on conditions the analytics
// cannot answer).
func Expression(site *siteplan.Site, expr string, t *Traffic) (*Report, error) {
	x := ruleslang.Parse(expr)
	if x.Err != nil {
		return nil, x.Err
	}
	rep := newReport(t)
	rep.CannotPreview = cannotPreview(t, expr)
	var hit []Group
	known := t.known()
	for _, g := range t.Groups {
		r := t.request(g, site)
		r.Known = known
		switch ruleslang.Eval(x.Root, r) {
		case ruleslang.True:
			hit = append(hit, g)
		case ruleslang.Unknown:
			rep.Unsure += g.Count
		}
	}
	rep.Matched = slice(hit, t.Own)
	return rep, nil
}

// ForRule is Expression for one of the site's rules, with how many of
// the requests its condition matches reach it in Cloudflare's order.
func ForRule(site *siteplan.Site, ruleID, expr string, t *Traffic) (*Report, error) {
	rep, err := Expression(site, expr, t)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, g := range rep.Matched.groups {
		for _, st := range siteplan.Simulate(site, t.request(g, site)).Steps {
			if st.RuleID == ruleID && st.Result == "matches" {
				n += g.Count
				break
			}
		}
	}
	rep.Reaching = &n
	return rep, nil
}

// outcome of one group on a site: let through, blocked, challenged, or
// it depends on something the traffic does not say.
type outcome int8

const (
	through outcome = iota
	blocked
	challenged
	unsure
)

// challengeWords is how the simulator says a challenge.
var challengeWords = siteplan.VisitorSees("managed_challenge", "")

func outcomeOf(site *siteplan.Site, r *ruleslang.Request) outcome {
	sim := siteplan.Simulate(site, r)
	switch {
	case sim.DecidedBy != "" && sim.Verdict == challengeWords:
		return challenged
	case sim.DecidedBy != "" && !strings.HasPrefix(sim.Verdict, "the site"):
		return blocked
	case len(sim.Unsure) > 0:
		return unsure
	}
	return through
}

// ForChange is what a change would have done to the traffic: each group
// walked through the site as it is and as it will be (siteplan's
// simulator, the same walk as the preview's "afterwards the visitor
// sees"), and for a change to one rule's condition, what that rule
// matched before and after.
func ForChange(site *siteplan.Site, c *changes.Change, t *Traffic) *Report {
	after := site.After(c)
	rep := newReport(t)
	rep.Change = true
	var exprs []string
	for _, st := range c.Steps {
		exprs = append(exprs, words.Str(st.Before["expression"]), words.Str(st.After["expression"]))
	}
	rep.CannotPreview = cannotPreview(t, exprs...)
	var stopped, let, softer, harder []Group
	for _, g := range t.Groups {
		b, a := outcomeOf(site, t.request(g, site)), outcomeOf(after, t.request(g, after))
		switch {
		case b == a:
		case b == unsure || a == unsure:
			rep.Unsure += g.Count
		case a == through:
			let = append(let, g)
		case b == through:
			stopped = append(stopped, g)
		case a == challenged:
			softer = append(softer, g)
		default:
			harder = append(harder, g)
		}
	}
	rep.NewlyStopped, rep.NewlyThrough, rep.Softened, rep.Hardened = slice(stopped, t.Own), slice(let, t.Own), slice(softer, t.Own), slice(harder, t.Own)
	ruleBeforeAfter(rep, site, c, t)
	return rep
}

// ruleBeforeAfter fills in what one rule's condition matched before and
// after, when the change edits or creates exactly one rule.
func ruleBeforeAfter(rep *Report, site *siteplan.Site, c *changes.Change, t *Traffic) {
	if len(c.Steps) != 1 {
		return
	}
	st := c.Steps[0]
	count := func(expr string) *int {
		if expr == "" {
			return nil
		}
		r, err := Expression(site, expr, t)
		if err != nil {
			return nil
		}
		return &r.Matched.Requests
	}
	b, a := words.Str(st.Before["expression"]), words.Str(st.After["expression"])
	if st.Op == "rule.delete" {
		a = ""
	}
	if b == a { // the condition is not what changes
		return
	}
	rep.RuleName = changes.RuleName(st.Before)
	if st.Before == nil {
		rep.RuleName = changes.RuleName(st.After)
	}
	rep.RuleBefore, rep.RuleAfter = count(b), count(a)
}

// slice sums groups and breaks them down.
func slice(gs []Group, own string) *Slice {
	s := &Slice{groups: gs}
	countries, networks, pages, browsers := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, g := range gs {
		s.Requests += g.Count
		countries[g.Country] += g.Count
		networks[networkName(g)] += g.Count
		pages[g.Path] += g.Count
		browsers[g.UserAgent] += g.Count
	}
	s.Countries, s.Networks, s.Pages, s.Browsers = top(countries), top(networks), top(pages), top(browsers)
	s.Wanted = wanted(gs, own)
	return s
}

func networkName(g Group) string {
	if g.ASN == "" {
		return ""
	}
	if g.ASNName != "" {
		return "AS" + g.ASN + " (" + g.ASNName + ")"
	}
	return "AS" + g.ASN
}

// topN is how many lines a breakdown keeps.
const topN = 5

func top(m map[string]int) []Count {
	var out []Count
	for k, v := range m {
		if k != "" {
			out = append(out, Count{k, v})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Requests != out[j].Requests {
			return out[i].Requests > out[j].Requests
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > topN {
		out = out[:topN]
	}
	return out
}
