package advice

import (
	"fmt"
	"strings"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/internal/words"
	"rayfix/planner"
	"rayfix/siteplan"

	"rayfix/app/ruleslang"
)

// Finding is one thing the health check thinks may catch real visitors.
type Finding struct {
	Rule     string                                        `json:"rule"`
	RuleID   string                                        `json:"rule_id,omitempty"`
	Severity string                                        `json:"severity"` // warning, info
	Reason   string                                        `json:"reason"`
	FixLabel string                                        `json:"fix,omitempty"`
	Plan     func(*siteplan.Site) (*changes.Change, error) `json:"-"`
}

// anyNode reports whether pred holds for any node of the expression.
func anyNode(n ruleslang.Node, pred func(ruleslang.Node) bool) bool {
	if pred(n) {
		return true
	}
	switch x := n.(type) {
	case *ruleslang.Paren:
		return anyNode(x.X, pred)
	case *ruleslang.Not:
		return anyNode(x.X, pred)
	case *ruleslang.Logical:
		return anyNode(x.Left, pred) || anyNode(x.Right, pred)
	case *ruleslang.Compare:
		return anyNode(x.Left, pred)
	case *ruleslang.Call:
		for _, a := range x.Args {
			if anyNode(a, pred) {
				return true
			}
		}
	}
	return false
}

func usesField(n ruleslang.Node, names ...string) bool {
	return anyNode(n, func(x ruleslang.Node) bool {
		f, ok := x.(*ruleslang.Field)
		return ok && planner.Contains(names, f.Name)
	})
}

// exactUserAgent finds `http.user_agent eq "…"`, which misses every other
// version of the same program.
func exactUserAgent(n ruleslang.Node) bool {
	return anyNode(n, func(x ruleslang.Node) bool {
		c, ok := x.(*ruleslang.Compare)
		if !ok || c.Op != "eq" && c.Op != "==" {
			return false
		}
		f, ok := c.Left.(*ruleslang.Field)
		return ok && f.Name == "http.user_agent"
	})
}

// Health flags rules likely to catch legitimate visitors, each with the
// reason and, where one fits, a fix that goes through preview and undo.
func Health(site *siteplan.Site, expired []changes.Change) []Finding {
	var out []Finding
	if rs := site.Sets[cfapi.PhaseCustom]; rs != nil {
		for _, r := range rs.Rules {
			out = append(out, customRuleFindings(r)...)
		}
	}
	if rs := site.Sets[cfapi.PhaseRateLimit]; rs != nil {
		for _, r := range rs.Rules {
			out = append(out, rateLimitFindings(r)...)
		}
	}
	out = append(out, orderFindings(site)...)
	if site.BotFightMode && usesWebhooksOrMonitors(site) {
		out = append(out, Finding{Rule: "Bot Fight Mode", Severity: "warning",
			Reason:   "Bot Fight Mode is on while webhooks or monitors reach the site; it challenges them and cannot be skipped by rules.",
			FixLabel: "Turn Bot Fight Mode off", Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.SetBotFightMode(s, false) }})
	}
	for _, a := range site.AccessRules {
		if a.Mode == "whitelist" {
			out = append(out, Finding{Rule: "IP Access: Allow " + a.Configuration.Value, RuleID: a.ID, Severity: "info",
				Reason: "Requests it allows get past every other check but Bot Fight Mode and never appear in Security Events, so problems from that address stay invisible."})
		}
	}
	for _, c := range expired {
		out = append(out, Finding{Rule: c.Title, Severity: "warning",
			Reason: "This temporary exception passed its end date on " + c.Until.Format("2 Jan 2006") + ". Undo it under “Changes & undo”."})
	}
	return out
}

// customRuleFindings are what may be wrong with one custom rule.
func customRuleFindings(r map[string]any) []Finding {
	e := ruleslang.Parse(words.Str(r["expression"]))
	if r["enabled"] != true || e.Err != nil {
		return nil
	}
	var out []Finding
	id, name, action := words.Str(r["id"]), changes.RuleName(r), words.Str(r["action"])
	geo := usesField(e.Root, "ip.src.country", "ip.geoip.country", "ip.src.asnum", "ip.geoip.asnum", "ip.src.continent", "ip.geoip.continent")
	bots := usesField(e.Root, "cf.client.bot", "cf.bot_management.verified_bot", "cf.verified_bot_category")
	blocking := action == "block" || strings.Contains(action, "challenge")
	if geo && blocking && !bots {
		out = append(out, Finding{Rule: name, RuleID: id, Severity: "warning",
			Reason:   "It stops whole countries or networks, including search engines and monitoring services that crawl from there.",
			FixLabel: "Let known good bots through", Plan: func(s *siteplan.Site) (*changes.Change, error) {
				return planner.AddException(s, id, siteplan.Who{Kind: "verified_bots"})
			}})
	}
	if usesField(e.Root, "cf.threat_score") {
		out = append(out, Finding{Rule: name, RuleID: id, Severity: "warning",
			Reason:   "It uses cf.threat_score, which Cloudflare no longer fills in (always 0): the rule never does what it says.",
			FixLabel: "Turn it off", Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.SetRuleEnabled(s, id, false) }})
	}
	if exactUserAgent(e.Root) {
		out = append(out, Finding{Rule: name, RuleID: id, Severity: "info",
			Reason: "It compares the user agent exactly (eq): the next version of the same browser or program no longer matches. Use “contains” on lower(http.user_agent)."})
	}
	if action == "block" && (geo || usesField(e.Root, "http.user_agent")) {
		out = append(out, Finding{Rule: name, RuleID: id, Severity: "info",
			Reason:   "It blocks outright. A Managed Challenge stops bots just as well but lets real people through.",
			FixLabel: "Challenge instead of block", Plan: func(s *siteplan.Site) (*changes.Change, error) {
				return planner.SetRuleAction(s, id, "managed_challenge")
			}})
	}
	return out
}

// rateLimitFindings flag a rate limit on the whole site that one page view
// can exceed.
func rateLimitFindings(r map[string]any) []Finding {
	rl, _ := r["ratelimit"].(map[string]any)
	req, per := toInt(rl["requests_per_period"]), toInt(rl["period"])
	expr := strings.TrimSpace(words.Str(r["expression"]))
	wholeSite := expr == "true" || expr == "(true)" || !strings.Contains(expr, "http.request.uri")
	if per <= 0 || !wholeSite || float64(req)/float64(per) >= 1 {
		return nil
	}
	id := words.Str(r["id"])
	return []Finding{{Rule: changes.RuleName(r), RuleID: id, Severity: "warning",
		Reason:   fmt.Sprintf("It allows only %d requests in %d seconds on every page; one page with its images and scripts can take more.", req, per),
		FixLabel: "Double the allowed requests", Plan: func(s *siteplan.Site) (*changes.Change, error) {
			return planner.SetRateLimit(s, id, req*2, per, toInt(rl["mitigation_timeout"]), words.Str(r["action"]))
		}}}
}

func usesWebhooksOrMonitors(site *siteplan.Site) bool {
	for _, rs := range site.Sets {
		if rs == nil {
			continue
		}
		for _, r := range rs.Rules {
			text := strings.ToLower(words.Str(r["expression"]) + " " + words.Str(r["description"]))
			if strings.Contains(text, "webhook") || strings.Contains(text, "monitor") || strings.Contains(text, "uptime") {
				return true
			}
		}
	}
	for _, a := range site.AccessRules {
		n := strings.ToLower(a.Notes)
		if strings.Contains(n, "monitor") || strings.Contains(n, "uptime") || strings.Contains(n, "webhook") {
			return true
		}
	}
	return false
}
