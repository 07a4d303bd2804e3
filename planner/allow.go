package planner

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"rayfix/internal/words"
	"rayfix/siteplan"

	"rayfix/cfapi"
	"rayfix/changes"

	"rayfix/app/ruleslang"
)

// errRuleGone is a rule that was there when the site was read and is not
// in this reading any more.
var errRuleGone = errors.New("that rule is no longer there; reload the site")

// updateRule is the one step of every change to a single rule: a PATCH of
// its whole definition, with the rule as read for the conflict check.
func updateRule(site *siteplan.Site, phase string, rs *cfapi.RuleSet, ruleID string, before, after map[string]any) []changes.Step {
	return []changes.Step{{Op: "rule.update", ZoneID: site.Zone.ID, Phase: phase, RulesetID: rs.ID, TargetID: ruleID, Before: before, After: after}}
}

func newChange(site *siteplan.Site, title string) *changes.Change {
	return &changes.Change{ID: changes.NewChangeID(), Created: time.Now().UTC(), ZoneID: site.Zone.ID, ZoneName: site.Zone.Name, Title: title, Status: "planned"}
}

// customActions are the actions RayFix offers for a custom rule; Log is
// Enterprise-only.
func customActions(site *siteplan.Site) []string {
	a := []string{"block", "managed_challenge", "js_challenge", "challenge", "skip"}
	if site.Zone.PlanID() == "enterprise" {
		a = append(a, "log")
	}
	return a
}

// SetRuleAction changes what a rule does (Block → Managed Challenge…).
func SetRuleAction(site *siteplan.Site, ruleID, action string) (*changes.Change, error) {
	phase, rs, rule, _ := site.FindRule(ruleID)
	if rule == nil {
		return nil, errRuleGone
	}
	if phase == cfapi.PhaseCustom && !Contains(customActions(site), action) {
		return nil, fmt.Errorf("the %s plan does not allow the action %q here", site.Zone.PlanName(), action)
	}
	after := changes.RuleBody(rule)
	after["action"] = action
	if action == "skip" {
		after["action_parameters"] = map[string]any{"ruleset": "current"}
	} else if rule["action"] == "skip" {
		delete(after, "action_parameters")
	}
	c := newChange(site, fmt.Sprintf("%s instead of %s: %s", cfapi.ActionName(action), cfapi.ActionName(words.Str(rule["action"])), changes.RuleName(rule)))
	who := siteplan.Summarize(words.Str(rule["expression"]))
	c.Consequence = fmt.Sprintf("%s: %s instead of %s.", words.Capitalize(who), VerbFor(action), VerbFor(words.Str(rule["action"])))
	c.VisitorAfter = siteplan.VisitorSees(action, "Error 1020")
	c.Lines = []changes.Line{{Label: "Action", Before: cfapi.ActionName(words.Str(rule["action"])), After: cfapi.ActionName(action)}}
	c.Steps = updateRule(site, phase, rs, ruleID, rule, after)
	return c, nil
}

func VerbFor(action string) string {
	switch action {
	case "block":
		return "blocked"
	case "managed_challenge", "js_challenge", "challenge":
		return "challenged"
	case "skip":
		return "let through"
	case "log":
		return "only logged"
	}
	return action
}

// SetRuleEnabled turns a rule on or off.
func SetRuleEnabled(site *siteplan.Site, ruleID string, on bool) (*changes.Change, error) {
	phase, rs, rule, _ := site.FindRule(ruleID)
	if rule == nil {
		return nil, errRuleGone
	}
	after := changes.RuleBody(rule)
	after["enabled"] = on
	word := map[bool]string{true: "Turn on", false: "Turn off"}[on]
	c := newChange(site, word+": "+changes.RuleName(rule))
	if on {
		c.Consequence = words.Capitalize(siteplan.Summarize(words.Str(rule["expression"]))) + " will be " + VerbFor(words.Str(rule["action"])) + " again."
	} else {
		c.Consequence = words.Capitalize(siteplan.Summarize(words.Str(rule["expression"]))) + " will no longer be " + VerbFor(words.Str(rule["action"])) + " by this rule."
	}
	c.Lines = []changes.Line{{Label: "Enabled", Before: changes.YesNo(rule["enabled"] == true), After: changes.YesNo(on)}}
	c.Steps = updateRule(site, phase, rs, ruleID, rule, after)
	return c, nil
}

// SetRuleExpression replaces a rule's condition with one the owner wrote.
// It is parsed first; the error carries the line and column.
func SetRuleExpression(site *siteplan.Site, ruleID, expr string) (*changes.Change, error) {
	e := ruleslang.Parse(expr)
	if e.Err != nil {
		return nil, e.Err
	}
	return setExpression(site, ruleID, e.Root, "Change the condition of ")
}

func setExpression(site *siteplan.Site, ruleID string, root ruleslang.Node, title string) (*changes.Change, error) {
	phase, rs, rule, _ := site.FindRule(ruleID)
	if rule == nil {
		return nil, errRuleGone
	}
	newExpr := ruleslang.Print(root)
	if err := ruleslang.CheckLength(newExpr); err != nil {
		return nil, err
	}
	after := changes.RuleBody(rule)
	after["expression"] = newExpr
	c := newChange(site, title+changes.RuleName(rule))
	oldWords, newWords := siteplan.Summarize(words.Str(rule["expression"])), siteplan.Summarize(newExpr)
	c.Consequence = fmt.Sprintf("The rule will apply to %s (before: %s).", newWords, oldWords)
	c.Lines = []changes.Line{{Label: "In words", Before: oldWords, After: newWords}, {Label: "Expression", Before: words.Str(rule["expression"]), After: newExpr}}
	c.VisitorAfter = siteplan.VisitorSees(words.Str(rule["action"]), "Error 1020") + " — only when the new condition matches"
	c.Steps = updateRule(site, phase, rs, ruleID, rule, after)
	return c, nil
}

// AddException narrows a blocking rule: (original) and not <who>.
func AddException(site *siteplan.Site, ruleID string, who siteplan.Who) (*changes.Change, error) {
	_, _, rule, _ := site.FindRule(ruleID)
	if rule == nil {
		return nil, errRuleGone
	}
	orig := ruleslang.Parse(words.Str(rule["expression"]))
	if orig.Err != nil {
		return nil, fmt.Errorf("RayFix cannot safely change this rule's condition (%v); edit it in the dashboard", orig.Err)
	}
	root := &ruleslang.Logical{Op: "and", Left: &ruleslang.Paren{X: orig.Root}, Right: &ruleslang.Not{Op: "not", X: who.Node()}}
	c, err := setExpression(site, ruleID, root, "Let "+who.Words()+" through ")
	if err != nil {
		return nil, err
	}
	c.Title = "Exception for " + who.Words() + " in " + changes.RuleName(rule)
	c.Consequence = words.Capitalize(who.Words()) + " will no longer be " + VerbFor(words.Str(rule["action"])) + " by " + changes.RuleName(rule) + "; everyone else it matched still is."
	c.VisitorAfter = site.SeesAfter(c, who)
	return c, nil
}

// AddSkipRule lets visitors through with a Skip rule placed first.
func AddSkipRule(site *siteplan.Site, who siteplan.Who, note string) (*changes.Change, error) {
	rs := site.Sets[cfapi.PhaseCustom]
	lim := siteplan.PlanLimits[site.Zone.PlanID()]
	if rs != nil && lim[0] > 0 && len(rs.Rules) >= lim[0] {
		if _, _, ok := who.AccessTarget(); !ok {
			return nil, fmt.Errorf("the %s plan allows %d custom rules and all are used, and %s cannot be named in an IP Access rule. Remove or merge a custom rule first, or add an exception to the rule that blocks them (its menu: Let visitors through…)", site.Zone.PlanName(), lim[0], who.Words())
		}
		return nil, fmt.Errorf("the %s plan allows %d custom rules and all are used; use an IP Access rule, or remove a rule first", site.Zone.PlanName(), lim[0])
	}
	desc := "RayFix: let " + who.Words() + " through"
	if note != "" {
		desc += " (" + note + ")"
	}
	body := map[string]any{"action": "skip", "expression": ruleslang.Print(who.Node()), "description": desc, "enabled": true,
		"action_parameters": siteplan.SkipEverything, "logging": map[string]any{"enabled": true}, "position": map[string]any{"before": ""}}
	c := newChange(site, "Skip rule for "+who.Words())
	c.Consequence = words.Capitalize(who.Words()) + " will skip " + siteplan.SkipTargetsOf(siteplan.SkipEverything) + "."
	c.Lines = []changes.Line{{Label: "New first custom rule", After: desc}, {Label: "Expression", After: words.Str(body["expression"])}}
	c.Notes = bfmNote(site)
	step := changes.Step{Op: "rule.create", ZoneID: site.Zone.ID, Phase: cfapi.PhaseCustom, After: body, Index: 1}
	if rs != nil {
		step.RulesetID = rs.ID
	}
	c.Steps = []changes.Step{step}
	c.VisitorAfter = site.SeesAfter(c, who)
	return c, nil
}

// AddAccessAllow lets visitors through with an IP Access "Allow" rule, on
// this site or (accountWide) every site of the account.
func AddAccessAllow(site *siteplan.Site, who siteplan.Who, note string, accountWide bool) (*changes.Change, error) {
	target, value, ok := who.AccessTarget()
	if !ok {
		return nil, fmt.Errorf("an IP Access rule can only name an IP address, a network or a country, not %s", who.Words())
	}
	if a := accessRuleFor(site, value); a != nil {
		return nil, &ExistingAccessRule{Rule: *a}
	}
	where := "this site"
	step := changes.Step{Op: "access.create", ZoneID: site.Zone.ID, After: map[string]any{"mode": "whitelist", "target": target, "value": value, "notes": "RayFix: " + note}}
	if accountWide {
		where, step.ZoneID, step.AccountID = "every site of the account", "", site.Zone.Account.ID
	}
	c := newChange(site, "Allow "+who.Words()+" on "+where)
	c.Consequence = words.Capitalize(who.Words()) + " will get through on " + where + ", past every other security check but Bot Fight Mode."
	if target == "country" {
		c.Consequence = words.Capitalize(who.Words()) + " will get through on " + where + ", past every other security check but managed rules and Bot Fight Mode."
	}
	c.Lines = []changes.Line{{Label: "New IP Access rule", After: fmt.Sprintf("Allow %s %s", target, value)}}
	c.Notes = append([]string{"Requests allowed this way no longer appear in Security Events."}, bfmNote(site)...)
	c.Steps = []changes.Step{step}
	c.VisitorAfter = site.SeesAfter(c, who)
	return c, nil
}

// ExistingAccessRule is the answer when an IP Access rule for the same
// address, network or country is already there: Cloudflare keeps one per
// value, so that rule is the one to change (the window offers a button).
type ExistingAccessRule struct{ Rule cfapi.AccessRule }

func (e *ExistingAccessRule) Error() string {
	if e.Rule.Mode == "whitelist" {
		return fmt.Sprintf("an IP Access rule already allows %s. If they are still stopped, look up their Ray ID: it names what stops them", e.Rule.Configuration.Value)
	}
	return fmt.Sprintf("there is already an IP Access rule for %s (it %s); change that one instead",
		e.Rule.Configuration.Value, strings.ToLower(siteplan.ActionWords(e.Rule.Mode)))
}

func accessRuleFor(site *siteplan.Site, value string) *cfapi.AccessRule {
	for i, a := range site.AccessRules {
		if strings.EqualFold(a.Configuration.Value, value) {
			return &site.AccessRules[i]
		}
	}
	return nil
}

// bfmNote warns that Bot Fight Mode, when on, still acts: nothing skips it.
func bfmNote(site *siteplan.Site) []string {
	if !site.BotFightMode {
		return nil
	}
	return []string{"Bot Fight Mode is on, and no rule or IP Access Allow can skip it: if it still challenges these visitors, the only way is to turn Bot Fight Mode off."}
}

// AddToList adds an IP or network to a custom list that an allow or
// exception rule already uses.
func AddToList(site *siteplan.Site, listName string, who siteplan.Who) (*changes.Change, error) {
	if who.Kind != "ip" {
		return nil, errors.New("only IP addresses and networks can be added to an IP list")
	}
	var list *cfapi.List
	for i := range site.Lists {
		if site.Lists[i].Name == listName {
			list = &site.Lists[i]
		}
	}
	if list == nil {
		return nil, fmt.Errorf("there is no list called %q", listName)
	}
	for _, it := range list.Items {
		if it.IP == who.Value {
			return nil, fmt.Errorf("%s is already in list %s", who.Value, listName)
		}
	}
	c := newChange(site, "Add "+who.Value+" to list "+listName)
	c.Consequence = words.Capitalize(who.Words()) + " will be treated like the other entries of list " + listName + " by every rule that uses it."
	c.Lines = []changes.Line{{Label: "List " + listName, Before: fmt.Sprintf("%d entries", len(list.Items)), After: fmt.Sprintf("%d entries, with %s", len(list.Items)+1, who.Value)}}
	c.Steps = []changes.Step{{Op: "list.add", AccountID: site.Zone.Account.ID, TargetID: list.ID, After: map[string]any{"ip": who.Value}}}
	return c, nil
}

// ListsUsedToAllow are lists named in skip rules or in "not ip.src in $x"
// exceptions: adding to them lets someone through.
func ListsUsedToAllow(site *siteplan.Site) []string {
	var out []string
	if rs := site.Sets[cfapi.PhaseCustom]; rs != nil {
		for _, r := range rs.Rules {
			expr := words.Str(r["expression"])
			for _, l := range site.Lists {
				if strings.Contains(expr, "$"+l.Name) && (r["action"] == "skip" || strings.Contains(expr, "not ip.src in $"+l.Name)) && !Contains(out, l.Name) {
					out = append(out, l.Name)
				}
			}
		}
	}
	return out
}

// Mechanisms for "Let these visitors through".
const (
	ViaException  = "exception"
	ViaSkip       = "skip"
	ViaAccessRule = "access-rule"
	ViaList       = "list"
)

// AllowOptions says how to let visitors through; Via "" lets RayFix choose.
type AllowOptions struct {
	Via         string
	RuleID      string // the blocking rule, for an exception
	List        string // for ViaList
	Until       time.Time
	AccountWide bool
	Note        string
}

// Allow plans "Let these visitors through", choosing the mechanism that
// works on the zone's plan when none is asked for, and says why.
func Allow(site *siteplan.Site, who siteplan.Who, o AllowOptions) (*changes.Change, error) {
	via := o.Via
	why := ""
	if o.AccountWide && via != "" && via != ViaAccessRule && via != ViaList {
		return nil, errors.New("only an IP Access rule (or a list, which belongs to the account) covers every site at once; choose one of those, or this site only")
	}
	if via == "" {
		via, why = chooseMechanism(site, who, o)
	}
	var c *changes.Change
	var err error
	switch via {
	case ViaException:
		if o.RuleID == "" {
			return nil, errors.New("an exception needs the rule that blocks these visitors")
		}
		c, err = AddException(site, o.RuleID, who)
	case ViaSkip:
		c, err = AddSkipRule(site, who, o.Note)
	case ViaAccessRule:
		c, err = AddAccessAllow(site, who, o.Note, o.AccountWide)
	case ViaList:
		name := o.List
		if name == "" {
			if used := ListsUsedToAllow(site); len(used) > 0 {
				name = used[0]
			}
		}
		if name == "" {
			return nil, errors.New("no list is used by an allow or exception rule yet; choose another way")
		}
		c, err = AddToList(site, name, who)
	default:
		return nil, fmt.Errorf("unknown way %q: use exception, skip, access-rule or list", via)
	}
	if err != nil {
		return nil, err
	}
	if why != "" {
		c.Notes = append([]string{why}, c.Notes...)
	}
	if !o.Until.IsZero() {
		c.Until = o.Until.UTC()
		c.Title += " until " + o.Until.Format("2 Jan 2006")
	}
	return c, nil
}

func chooseMechanism(site *siteplan.Site, who siteplan.Who, o AllowOptions) (string, string) {
	_, _, canAccess := who.AccessTarget()
	switch {
	case o.AccountWide && canAccess:
		return ViaAccessRule, "RayFix chose an IP Access Allow rule: it is the one way to cover every site of the account at once."
	case o.RuleID != "":
		return ViaException, "RayFix chose an exception in the rule that blocks them: the smallest change, and nothing else is skipped."
	}
	rs := site.Sets[cfapi.PhaseCustom]
	lim := siteplan.PlanLimits[site.Zone.PlanID()]
	if rs == nil || lim[0] == 0 || len(rs.Rules) < lim[0] {
		return ViaSkip, "RayFix chose a Skip rule placed first: it lets them past every later check and shows up in Security Events."
	}
	if canAccess {
		return ViaAccessRule, "RayFix chose an IP Access Allow rule: all custom rules of the plan are in use."
	}
	return ViaSkip, ""
}

func Contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
