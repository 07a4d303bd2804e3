package impact

import (
	"fmt"
	"strconv"
	"strings"

	"rayfix/diagnose/places"
)

// Line is one sentence of a report; Warn marks one the owner should not
// miss (wanted traffic that a change would stop).
type Line struct {
	Text string `json:"text"`
	Warn bool   `json:"warn,omitempty"`
}

// Lines is the report in words, most important first.
func (r *Report) Lines() []Line {
	var out []Line
	if r.Change {
		out = r.changeLines()
	} else {
		out = r.matchLines()
	}
	if len(r.CannotPreview) > 0 || r.Unsure > 0 {
		out = append(out, Line{Text: r.unsureWords()})
	}
	if r.Truncated {
		out = append(out, Line{Text: "This site had more kinds of traffic than one answer holds: the figures count the busiest groups only, so the real numbers may be higher."})
	}
	if r.Clamped != "" {
		out = append(out, Line{Text: r.Clamped})
	}
	out = append(out, Line{Text: "These are estimates from the sample of traffic Cloudflare keeps, not exact counts."})
	return out
}

func (r *Report) window() string {
	return "In the last " + hoursWords(r.To.Sub(r.From))
}

func (r *Report) matchLines() []Line {
	m := r.Matched
	if m.Requests == 0 {
		return []Line{{Text: fmt.Sprintf("%s this condition matched no request (of about %s).", r.window(), requests(r.Total))}}
	}
	out := []Line{{Text: fmt.Sprintf("%s this condition matched about %s of %s requests (%s).", r.window(), number(m.Requests), number(r.Total), percent(m.Requests, r.Total))}}
	if r.Reaching != nil && *r.Reaching != m.Requests {
		out = append(out, Line{Text: fmt.Sprintf("About %s of them reach this rule: the others are stopped or let through by something checked before it (IP Access rules, or rules above it).", number(*r.Reaching))})
	}
	out = append(out, m.breakdownLines("")...)
	if len(m.Wanted) > 0 {
		out = append(out, Line{Text: "Among them is traffic you most likely want: " + wantedWords(m.Wanted) + ".", Warn: true})
	} else {
		out = append(out, Line{Text: "No verified bot, monitor or webhook is among them."})
	}
	return out
}

func (r *Report) changeLines() []Line {
	s, t := r.NewlyStopped, r.NewlyThrough
	var parts []string
	if s.Requests > 0 {
		parts = append(parts, "stopped about "+requests(s.Requests)+" more")
	}
	if t.Requests > 0 {
		parts = append(parts, "let through about "+requests(t.Requests)+" that were stopped")
	}
	if r.Softened.Requests > 0 {
		parts = append(parts, "challenged about "+requests(r.Softened.Requests)+" instead of blocking them (real people can pass a challenge)")
	}
	if r.Hardened.Requests > 0 {
		parts = append(parts, "blocked about "+requests(r.Hardened.Requests)+" that were only challenged")
	}
	var out []Line
	switch {
	case r.Rate != nil: // the walk has no clock: the rate lines say it
		out = append(out, r.Rate.lines(r.window())...)
	case len(parts) == 0:
		out = append(out, Line{Text: fmt.Sprintf("%s this change would not have changed what happened to any request (of about %s).", r.window(), requests(r.Total))})
	default:
		out = append(out, Line{Text: fmt.Sprintf("%s this change would have %s (of %s).", r.window(), joinAnd(parts), number(r.Total))})
	}
	if r.RuleBefore != nil || r.RuleAfter != nil {
		out = append(out, Line{Text: ruleWords(r.RuleName, r.RuleBefore, r.RuleAfter)})
	}
	if s.Requests > 0 {
		out = append(out, s.breakdownLines("The requests it would newly stop:")...)
		if len(s.Wanted) > 0 {
			out = append(out, Line{Text: "It would stop traffic you most likely want: " + wantedWords(s.Wanted) + ".", Warn: true})
		}
	}
	if h := r.Hardened; h.Requests > 0 && len(h.Wanted) > 0 {
		out = append(out, Line{Text: "It would block traffic you most likely want: " + wantedWords(h.Wanted) + ".", Warn: true})
	}
	if t.Requests > 0 {
		out = append(out, t.breakdownLines("The requests it would let through:")...)
	}
	return out
}

func ruleWords(name string, before, after *int) string {
	switch {
	case before == nil:
		return fmt.Sprintf("The new rule %s would match about %s.", name, requests(*after))
	case after == nil:
		return fmt.Sprintf("%s matched about %s.", name, requests(*before))
	}
	return fmt.Sprintf("%s matched about %s; with the change it would match about %s.", name, requests(*before), requests(*after))
}

func (r *Report) unsureWords() string {
	what := "a condition the traffic does not show"
	if len(r.CannotPreview) > 0 {
		what = joinAnd(r.CannotPreview)
	}
	if r.Unsure == 0 {
		return "RayFix can't preview " + what + "; the figures above leave it out."
	}
	if r.Change {
		return fmt.Sprintf("About %s could go either way: it depends on %s, which RayFix can't preview.", requests(r.Unsure), what)
	}
	return fmt.Sprintf("RayFix can't preview %s: up to about %s more may match.", what, requests(r.Unsure))
}

// breakdownLines are the countries, networks, pages and browsers of a
// slice, each with its share, under a heading when there is one.
func (s *Slice) breakdownLines(heading string) []Line {
	var out []Line
	if heading != "" {
		out = append(out, Line{Text: heading})
	}
	add := func(what string, cs []Count, name func(string) string) {
		if len(cs) == 0 {
			return
		}
		parts := make([]string, 0, len(cs))
		for _, c := range cs {
			parts = append(parts, name(c.Name)+" "+percent(c.Requests, s.Requests))
		}
		out = append(out, Line{Text: what + ": " + strings.Join(parts, ", ") + "."})
	}
	add("Countries", s.Countries, places.CountryName)
	add("Networks", s.Networks, same)
	add("Pages", s.Pages, same)
	add("Browsers", s.Browsers, shortUA)
	return out
}

func same(s string) string { return s }

func shortUA(s string) string {
	if r := []rune(s); len(r) > 48 {
		return "“" + string(r[:47]) + "…”"
	}
	return "“" + s + "”"
}

func wantedWords(ws []Wanted) string {
	var parts []string
	for _, w := range ws {
		var what string
		switch w.Kind {
		case "verified_bot":
			what = w.Name + " (a verified bot"
			if w.Category != "" && w.Category != w.Name {
				what += ": " + w.Category
			}
			what += ")"
		case "you":
			what = "your own requests (" + w.Name + ")"
		case "monitor":
			what = "the monitor " + w.Name
		default:
			what = "webhooks from " + w.Name
		}
		if strings.HasPrefix(w.Name, "a ") { // known by its page, not its name
			what = w.Name
		}
		if len(w.Pages) > 0 {
			what += " on " + strings.Join(w.Pages, ", ")
		}
		parts = append(parts, what+", about "+requests(w.Requests))
	}
	return strings.Join(parts, "; ")
}

func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func requests(n int) string {
	if n == 1 {
		return "1 request"
	}
	return number(n) + " requests"
}

// number writes 1240 as "1,240".
func number(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func percent(part, whole int) string {
	if whole == 0 {
		return "0 %"
	}
	p := float64(part) * 100 / float64(whole)
	if p > 0 && p < 1 {
		return "under 1 %"
	}
	return strconv.Itoa(int(p+0.5)) + " %"
}
