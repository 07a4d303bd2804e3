package advice

import (
	"fmt"
	"strconv"
	"strings"

	"rayfix/app/ruleslang"
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/internal/words"
	"rayfix/planner"
	"rayfix/siteplan"
)

// customRule is one enabled custom rule with its parsed condition and
// place (1-based) in the list.
type customRule struct {
	rule  map[string]any
	root  ruleslang.Node
	place int
}

func (c customRule) id() string     { return words.Str(c.rule["id"]) }
func (c customRule) name() string   { return changes.RuleName(c.rule) }
func (c customRule) action() string { return words.Str(c.rule["action"]) }
func (c customRule) what() string   { return siteplan.Summarize(words.Str(c.rule["expression"])) }

// orderFindings are the custom rules that can never act, or that fight:
// a rule turned off, one that repeats an earlier rule, one an earlier rule
// that ends evaluation already covers (shadowed), a Skip placed where it
// cannot help, and an IP Access rule that decides first. Each is proved
// from the conditions themselves: "covers" is shown from the conditions,
// and "overlaps" by a request both rules match, built and checked with the
// evaluator — so a doubt is never reported as a finding.
func orderFindings(site *siteplan.Site) []Finding {
	rs := site.Sets[cfapi.PhaseCustom]
	if rs == nil {
		return nil
	}
	var rules []customRule
	var out []Finding
	for i, r := range rs.Rules {
		if r["enabled"] != true {
			out = append(out, offFinding(r))
			continue
		}
		if e := ruleslang.Parse(words.Str(r["expression"])); e.Err == nil {
			rules = append(rules, customRule{r, e.Root, i + 1})
		}
	}
	for i, later := range rules {
		// The strongest proof first: a rule that can never act, then an
		// IP Access rule that decides first, then a partial fight.
		f, ok := earlierFinding(rules[:i], later, coverFinding)
		if !ok {
			f, ok = accessFinding(site, later)
		}
		if !ok {
			f, ok = earlierFinding(rules[:i], later, conflictFinding)
		}
		if ok {
			out = append(out, f)
		}
	}
	return out
}

func offFinding(r map[string]any) Finding {
	id := words.Str(r["id"])
	return Finding{Rule: changes.RuleName(r), RuleID: id, Severity: "info",
		Reason:   "It is turned off, so it stops nobody. Delete it if you no longer need it, to keep the list short and readable.",
		FixLabel: "Delete it", Plan: func(s *siteplan.Site) (*changes.Change, error) { return planner.DeleteRule(s, id) }}
}

// earlierFinding is the first thing an earlier rule proves about a later
// one; one reason per rule is enough.
func earlierFinding(earlier []customRule, later customRule, pair func(e, l customRule) (Finding, bool)) (Finding, bool) {
	for _, e := range earlier {
		if f, ok := pair(e, later); ok {
			return f, true
		}
	}
	return Finding{}, false
}

func deleteFix(l customRule) func(*siteplan.Site) (*changes.Change, error) {
	return func(s *siteplan.Site) (*changes.Change, error) { return planner.DeleteRule(s, l.id()) }
}

func moveAboveFix(e, l customRule) func(*siteplan.Site) (*changes.Change, error) {
	return func(s *siteplan.Site) (*changes.Change, error) { return planner.MoveRule(s, l.id(), e.place-l.place) }
}

// coverFinding says what an earlier rule proves about a later one from
// the conditions alone: the later rule repeats it, or everything it
// matches is decided by the earlier one first.
func coverFinding(e, l customRule) (Finding, bool) {
	f := Finding{Rule: l.name(), RuleID: l.id(), Severity: "warning", FixLabel: "Delete it", Plan: deleteFix(l)}
	if !implies(l.root, e.root) {
		return Finding{}, false
	}
	switch {
	case ruleslang.Print(bare(e.root)) == ruleslang.Print(bare(l.root)) && e.action() == l.action():
		f.Reason = fmt.Sprintf("It repeats %s, which comes first with the same condition and action: it never acts.", e.name())
	case ends(e.action()) && l.action() == "skip":
		f.Reason = fmt.Sprintf("Every request this Skip rule is meant to let through (%s) is already %s by %s, which comes first: the Skip never gets them. Move it above %s.",
			l.what(), planner.VerbFor(e.action()), e.name(), e.name())
		f.FixLabel, f.Plan = "Move it above", moveAboveFix(e, l)
	case ends(e.action()):
		f.Reason = fmt.Sprintf("It never acts: every request it matches (%s) is already %s by %s, which comes first.",
			l.what(), planner.VerbFor(e.action()), e.name())
	case e.action() == "skip" && skipsRules(e.rule) && ends(l.action()):
		f.Reason = fmt.Sprintf("It never acts: the Skip rule %s comes first and lets every request it matches (%s) past the remaining custom rules.",
			e.name(), l.what())
	default:
		return Finding{}, false
	}
	return f, true
}

// conflictFinding: a block (or challenge) placed before a Skip rule that
// shares some of its traffic, proved by a request both match. The first
// rule wins, so the Skip does not get those requests. (A Skip placed
// before a block is the usual exception, and is not a fight.)
func conflictFinding(e, l customRule) (Finding, bool) {
	if !ends(e.action()) || l.action() != "skip" || !skipsRules(l.rule) {
		return Finding{}, false
	}
	ex, ok := exampleRequest(ruleslang.Request{}, e.root, l.root)
	if !ok {
		return Finding{}, false
	}
	return Finding{Rule: l.name(), RuleID: l.id(), Severity: "warning",
		Reason: fmt.Sprintf("It fights %s, which comes first: some of the requests this Skip rule is meant to let through are %s by it instead — for example %s. Move this rule above %s if they should get through.",
			e.name(), planner.VerbFor(e.action()), requestWords(ex), e.name()),
		FixLabel: "Move it above", Plan: moveAboveFix(e, l)}, true
}

// accessFinding: IP Access rules are checked before custom rules. A Skip
// rule only for visitors an IP Access rule blocks or challenges cannot let
// them through; a rule that only stops visitors an IP Access Allow lets
// through never acts. Both are proved from the conditions (the rule names
// the same address, network or country) and checked on a request.
func accessFinding(site *siteplan.Site, l customRule) (Finding, bool) {
	skip := l.action() == "skip" && skipsRules(l.rule)
	if !skip && !ends(l.action()) {
		return Finding{}, false
	}
	for i := range site.AccessRules {
		a := &site.AccessRules[i]
		target := accessCondition(a)
		if target == nil || !implies(l.root, target) {
			continue
		}
		ex, ok := exampleRequest(accessSeed(a), l.root)
		if !ok || siteplan.MatchAccess(site, ex) != a {
			continue
		}
		if f, ok := accessWords(a, l, skip); ok {
			return f, true
		}
	}
	return Finding{}, false
}

// accessWords is the finding for a rule every request of which an IP
// Access rule decides first.
func accessWords(a *cfapi.AccessRule, l customRule, skip bool) (Finding, bool) {
	f := Finding{Rule: l.name(), RuleID: l.id(), Severity: "warning", FixLabel: "Delete it", Plan: deleteFix(l)}
	switch {
	case skip && a.Mode != "whitelist":
		f.Reason = fmt.Sprintf("It cannot let anyone through: every request it matches (%s) comes from %s, and %s is checked before custom rules and decides first. Change that IP Access rule instead.",
			l.what(), accessTargetWords(a), accessRuleName(a))
		f.FixLabel, f.Plan = "", nil
	case !skip && a.Mode == "whitelist":
		f.Reason = fmt.Sprintf("It never acts: every request it matches (%s) comes from %s, and %s is checked first and lets them through.",
			l.what(), accessTargetWords(a), accessRuleName(a))
	case !skip && a.Mode == "block":
		f.Reason = fmt.Sprintf("It never acts: every request it matches (%s) comes from %s, and %s is checked first and blocks them.",
			l.what(), accessTargetWords(a), accessRuleName(a))
	default:
		return Finding{}, false
	}
	return f, true
}

// accessCondition is an IP Access rule's target as a condition, so that
// implies can compare it with a rule's; nil where there is no exact one.
func accessCondition(a *cfapi.AccessRule) ruleslang.Node {
	v := a.Configuration.Value
	var src string
	switch a.Configuration.Target {
	case "ip", "ip6":
		src = "ip.src eq " + v
	case "asn":
		src = "ip.src.asnum eq " + strings.TrimPrefix(strings.ToUpper(v), "AS")
	case "country":
		src = "ip.src.country eq " + strconv.Quote(strings.ToUpper(v))
	default:
		return nil
	}
	e := ruleslang.Parse(src)
	if e.Err != nil {
		return nil
	}
	return e.Root
}

// ends says whether an action ends the evaluation of the custom rules.
func ends(action string) bool { return action == "block" || strings.Contains(action, "challenge") }

func skipsRules(r map[string]any) bool {
	p, _ := r["action_parameters"].(map[string]any)
	return p["ruleset"] == "current"
}

// implies says whether every request matching l also matches e, when it
// can be shown from the conditions alone; false means "not shown", never
// "shown not to".
func implies(l, e ruleslang.Node) bool {
	if p, ok := l.(*ruleslang.Paren); ok {
		return implies(p.X, e)
	}
	if p, ok := e.(*ruleslang.Paren); ok {
		return implies(l, p.X)
	}
	if ruleslang.Print(l) == ruleslang.Print(e) || isTrue(e) {
		return true
	}
	if ok, decided := impliesLogical(l, e); decided {
		return ok
	}
	lc, lok := l.(*ruleslang.Compare)
	ec, eok := e.(*ruleslang.Compare)
	return lok && eok && valuesWithin(lc, ec)
}

// impliesLogical handles and/or on either side; decided is false when
// neither side is one.
func impliesLogical(l, e ruleslang.Node) (ok, decided bool) {
	if x, isLogical := l.(*ruleslang.Logical); isLogical {
		switch x.Op {
		case "and", "&&":
			if implies(x.Left, e) || implies(x.Right, e) {
				return true, true
			}
		case "or", "||":
			return implies(x.Left, e) && implies(x.Right, e), true
		}
	}
	if x, isLogical := e.(*ruleslang.Logical); isLogical {
		switch x.Op {
		case "or", "||":
			return implies(l, x.Left) || implies(l, x.Right), true
		case "and", "&&":
			return implies(l, x.Left) && implies(l, x.Right), true
		}
	}
	return false, false
}

// bare is an expression without its outer parentheses.
func bare(n ruleslang.Node) ruleslang.Node {
	for {
		p, ok := n.(*ruleslang.Paren)
		if !ok {
			return n
		}
		n = p.X
	}
}

func isTrue(n ruleslang.Node) bool {
	c, ok := n.(*ruleslang.Compare)
	if !ok || c.Op != "" {
		return false
	}
	f, ok := c.Left.(*ruleslang.Field)
	return ok && f.Name == "true"
}

// valuesWithin: the same plain field compared for equality or membership,
// and every value l accepts is one e accepts.
func valuesWithin(l, e *ruleslang.Compare) bool {
	lf, ok1 := l.Left.(*ruleslang.Field)
	ef, ok2 := e.Left.(*ruleslang.Field)
	if !ok1 || !ok2 || lf.Name != ef.Name || len(lf.Indexes)+len(ef.Indexes) > 0 {
		return false
	}
	lv, ok1 := exactValues(l)
	ev, ok2 := exactValues(e)
	if !ok1 || !ok2 {
		return false
	}
	for v := range lv {
		if !ev[v] {
			return false
		}
	}
	return len(lv) > 0
}

// exactValues are the values an eq or an in {set} accepts, as printed;
// ranges, networks and lists are not exact.
func exactValues(c *ruleslang.Compare) (map[string]bool, bool) {
	switch c.Op {
	case "eq", "==":
		return map[string]bool{ruleslang.Print(c.Right): true}, true
	case "in":
		set, ok := c.Right.(*ruleslang.Set)
		if !ok {
			return nil, false
		}
		out := map[string]bool{}
		for _, it := range set.Items {
			v := ruleslang.Print(it)
			if _, isRange := it.(*ruleslang.Range); isRange || strings.Contains(v, "/") {
				return nil, false
			}
			out[v] = true
		}
		return out, true
	}
	return nil, false
}
