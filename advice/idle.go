package advice

import (
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/impact"
	"rayfix/internal/words"
	"rayfix/planner"
	"rayfix/siteplan"
)

// RuleExpressions are the conditions of the site's custom and rate
// limiting rules, for asking the traffic the dimensions they need.
func RuleExpressions(site *siteplan.Site) []string {
	var out []string
	for _, ph := range []string{cfapi.PhaseCustom, cfapi.PhaseRateLimit} {
		if rs := site.Sets[ph]; rs != nil {
			for _, r := range rs.Rules {
				out = append(out, words.Str(r["expression"]))
			}
		}
	}
	return out
}

// IdleRules are the enabled custom and rate limiting rules that matched
// no request in the recent traffic — only where the traffic answers every
// condition of the rule, so "no request" is what the sample shows, not a
// guess. The sample can miss a rare request, and the words say so.
func IdleRules(site *siteplan.Site, t *impact.Traffic) []Finding {
	var out []Finding
	for _, ph := range []string{cfapi.PhaseCustom, cfapi.PhaseRateLimit} {
		rs := site.Sets[ph]
		if rs == nil {
			continue
		}
		for _, r := range rs.Rules {
			if r["enabled"] != true {
				continue
			}
			rep, err := impact.Expression(site, words.Str(r["expression"]), t)
			if err != nil || rep.Matched.Requests > 0 || rep.Unsure > 0 || len(rep.CannotPreview) > 0 || rep.Truncated {
				continue
			}
			id := words.Str(r["id"])
			out = append(out, Finding{Rule: changes.RuleName(r), RuleID: id, Severity: "info",
				Reason: "It matched no request in the last " + hours(t) + " (in the sample of traffic Cloudflare keeps, which can miss a rare request). " +
					"If it guards against something rare, keep it; otherwise turning it off keeps the list short and easy to read.",
				FixLabel: "Turn it off", Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.SetRuleEnabled(s, id, false) }})
		}
	}
	return out
}

func hours(t *impact.Traffic) string {
	h := int(t.To.Sub(t.From).Hours() + 0.5)
	if h == 1 {
		return "hour"
	}
	return words.Str(h) + " hours"
}
