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
			if f, ok := idleFinding(site, r, t); ok {
				out = append(out, f)
			}
		}
	}
	return out
}

// idleFinding: the rule's condition matched nothing, or everything it
// matched was decided before it (an IP Access rule, a rule above it).
func idleFinding(site *siteplan.Site, r map[string]any, t *impact.Traffic) (Finding, bool) {
	id := words.Str(r["id"])
	rep, err := impact.ForRule(site, id, words.Str(r["expression"]), t)
	if err != nil || rep.Unsure > 0 || len(rep.CannotPreview) > 0 || rep.Truncated || *rep.Reaching > 0 {
		return Finding{}, false
	}
	f := Finding{Rule: changes.RuleName(r), RuleID: id, Severity: "info", FixLabel: "Turn it off",
		Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.SetRuleEnabled(s, id, false) }}
	sample := " (in the sample of traffic Cloudflare keeps, which can miss a rare request). "
	if rep.Matched.Requests == 0 {
		f.Reason = "It matched no request in the last " + hours(t) + sample +
			"If it guards against something rare, keep it; otherwise turning it off keeps the list short and easy to read."
	} else {
		f.Reason = "It never acted in the last " + hours(t) + sample + "Its condition matched about " + words.Str(rep.Matched.Requests) +
			" requests, but something checked before it (an IP Access rule, or a rule above it) decided every one of them."
	}
	return f, true
}

func hours(t *impact.Traffic) string {
	h := int(t.To.Sub(t.From).Hours() + 0.5)
	if h == 1 {
		return "hour"
	}
	return words.Str(h) + " hours"
}
