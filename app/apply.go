package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cloudflare/cloudflare-go/v7/bot_management"
	"github.com/cloudflare/cloudflare-go/v7/option"
)

// Apply writes a change: it re-reads everything the change touches, stops
// with a ConflictError when anything changed since the preview (writing
// nothing), journals the change before sending it, writes step by step, and
// records how it ended. A write that fails midway is re-read and reported
// as things really stand.
func (s *Service) Apply(ctx context.Context, j *Journal, c *Change) error {
	for i := range c.Steps {
		if err := s.checkStep(ctx, &c.Steps[i]); err != nil {
			return err
		}
	}
	c.Status = "pending"
	if err := j.Put(*c); err != nil {
		return fmt.Errorf("RayFix could not write its change journal, so it changed nothing: %w", err)
	}
	for i := range c.Steps {
		if i > 0 { // later steps: check again right before their write
			if err := s.checkStep(ctx, &c.Steps[i]); err != nil {
				return s.fail(j, c, err, i)
			}
		}
		if err := s.doStep(ctx, &c.Steps[i]); err != nil {
			return s.fail(j, c, err, i)
		}
	}
	c.Status = "done"
	return j.Put(*c)
}

// fail records a change that broke off. Steps that went through keep their
// results (so Undo can revert them); the error says how far it got.
func (s *Service) fail(j *Journal, c *Change, err error, done int) error {
	total := len(c.Steps)
	c.Status = "failed"
	c.Error = err.Error()
	if done > 0 {
		c.Error = fmt.Sprintf("%s — %d of %d steps were written before this; Undo reverts them", c.Error, done, len(c.Steps))
		c.Steps = c.Steps[:done]
	}
	_ = j.Put(*c)
	return &PartialError{Err: err, Done: done, Total: total}
}

// PartialError is a change that failed; Done steps of Total went through.
type PartialError struct {
	Err         error
	Done, Total int
}

func (e *PartialError) Error() string {
	if e.Done == 0 {
		return e.Err.Error() + " Nothing was changed."
	}
	return fmt.Sprintf("%v The change stopped part-way: %d step(s) were written and are in the journal, where Undo can revert them.", e.Err, e.Done)
}

func (e *PartialError) Unwrap() error { return e.Err }

func definitionDiff(seen, now map[string]any) []Line {
	var out []Line
	for _, k := range ruleDefinition {
		a, b := normJSON(seen[k]), normJSON(now[k])
		if a != b {
			out = append(out, Line{Label: k, Before: a, After: b})
		}
	}
	return out
}

func normJSON(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if s == "null" {
		return ""
	}
	return strings.Trim(s, `"`)
}

// checkStep re-reads what a step touches and compares it with what the
// preview saw.
func (s *Service) checkStep(ctx context.Context, st *Step) error {
	switch st.Op {
	case "rule.update", "rule.delete", "rule.move":
		rs, err := s.Ruleset(ctx, st.ZoneID, st.Phase)
		if err != nil {
			return err
		}
		var now map[string]any
		if rs != nil {
			for _, r := range rs.Rules {
				if r["id"] == st.TargetID {
					now = r
				}
			}
		}
		what := "the rule " + ruleName(st.Before)
		if now == nil {
			return &ConflictError{What: what, Changes: []Line{{Label: "rule", Before: "there", After: "deleted"}}}
		}
		if d := definitionDiff(st.Before, now); len(d) > 0 {
			return &ConflictError{What: what, Changes: d}
		}
	case "rule.create":
		rs, err := s.Ruleset(ctx, st.ZoneID, st.Phase)
		if err != nil {
			return err
		}
		switch {
		case rs == nil && st.RulesetID != "":
			return &ConflictError{What: "the rule list", Changes: []Line{{Label: "rules", Before: "there", After: "all removed"}}}
		case rs != nil && st.RulesetID == "":
			st.RulesetID = rs.ID // someone created the first rule meanwhile: add to it
		case rs != nil && rs.ID != st.RulesetID:
			return &ConflictError{What: "the rule list", Changes: []Line{{Label: "ruleset", Before: st.RulesetID, After: rs.ID}}}
		}
	case "access.update", "access.delete":
		now, err := s.accessRule(ctx, st)
		if err != nil {
			return err
		}
		what := fmt.Sprintf("the IP Access rule for %v", st.Before["value"])
		if now == nil {
			return &ConflictError{What: what, Changes: []Line{{Label: "rule", Before: "there", After: "deleted"}}}
		}
		if now.Mode != st.Before["mode"] || now.Notes != st.Before["notes"] || now.ModifiedOn != st.Before["modified_on"] {
			return &ConflictError{What: what, Changes: []Line{{Label: "mode", Before: str(st.Before["mode"]), After: now.Mode},
				{Label: "notes", Before: str(st.Before["notes"]), After: now.Notes}}}
		}
	case "access.create":
		var p accessQuery
		p.value = str(st.After["value"])
		rules, err := s.accessRulesFor(ctx, st.ZoneID, st.AccountID, p)
		if err != nil {
			return err
		}
		if len(rules) > 0 {
			return &ConflictError{What: "an IP Access rule for " + p.value, Changes: []Line{{Label: "rule", Before: "none", After: modeNames[rules[0].Mode]}}}
		}
	case "setting.set":
		v, err := s.setting(ctx, st.ZoneID, st.TargetID)
		if err != nil {
			return err
		}
		if v != str(st.Before["value"]) {
			return &ConflictError{What: "the setting " + st.TargetID, Changes: []Line{{Label: "value", Before: str(st.Before["value"]), After: v}}}
		}
	case "bfm.set":
		on, err := s.botFightMode(ctx, st.ZoneID)
		if err != nil {
			return err
		}
		if on != (st.Before["on"] == true) {
			return &ConflictError{What: "Bot Fight Mode", Changes: []Line{{Label: "on", Before: yesNo(st.Before["on"] == true), After: yesNo(on)}}}
		}
	}
	return nil
}

type accessQuery struct{ value string }

func (s *Service) accessRulesFor(ctx context.Context, zoneID, accountID string, q accessQuery) ([]AccessRule, error) {
	all, err := s.AccessRules(ctx, zoneID, accountID, nil)
	if err != nil {
		return nil, err
	}
	var out []AccessRule
	for _, a := range all {
		if q.value == "" || a.Configuration.Value == q.value {
			out = append(out, a)
		}
	}
	return out, nil
}

func (s *Service) accessRule(ctx context.Context, st *Step) (*AccessRule, error) {
	rules, err := s.accessRulesFor(ctx, st.ZoneID, st.AccountID, accessQuery{value: str(st.Before["value"])})
	if err != nil {
		return nil, err
	}
	for i := range rules {
		if rules[i].ID == st.TargetID {
			return &rules[i], nil
		}
	}
	return nil, nil
}

// doStep sends one write and records what it created.
func (s *Service) doStep(ctx context.Context, st *Step) error {
	switch st.Op {
	case "rule.update":
		_, err := s.UpdateRule(ctx, st.ZoneID, st.RulesetID, st.TargetID, st.After)
		return err
	case "rule.move":
		_, err := s.UpdateRule(ctx, st.ZoneID, st.RulesetID, st.TargetID, st.After)
		return err
	case "rule.delete":
		_, err := s.DeleteRule(ctx, st.ZoneID, st.RulesetID, st.TargetID)
		return err
	case "rule.create":
		var rs *RuleSet
		var err error
		if st.RulesetID == "" {
			first := map[string]any{}
			for k, v := range st.After {
				if k != "position" {
					first[k] = v
				}
			}
			rs, err = s.CreateEntrypoint(ctx, st.ZoneID, st.Phase, []map[string]any{first})
		} else {
			rs, err = s.CreateRule(ctx, st.ZoneID, st.RulesetID, st.After)
		}
		if err != nil {
			return err
		}
		st.RulesetID = rs.ID
		st.ResultID = findCreated(rs, st.After)
		return nil
	case "access.create":
		a, err := s.CreateAccessRule(ctx, st.ZoneID, st.AccountID, str(st.After["mode"]), str(st.After["target"]), str(st.After["value"]), str(st.After["notes"]))
		if err != nil {
			return err
		}
		st.ResultID = a.ID
		st.After["modified_on"] = a.ModifiedOn
		return nil
	case "access.update":
		a, err := s.UpdateAccessRule(ctx, st.ZoneID, st.AccountID, st.TargetID, str(st.After["mode"]), str(st.After["notes"]))
		if err == nil {
			st.After["modified_on"] = a.ModifiedOn
		}
		return err
	case "access.delete":
		return s.DeleteAccessRule(ctx, st.ZoneID, st.AccountID, st.TargetID)
	case "setting.set":
		return s.SetSetting(ctx, st.ZoneID, st.TargetID, str(st.After["value"]))
	case "bfm.set":
		return s.SetBotFightMode(ctx, st.ZoneID, st.After["on"] == true)
	case "list.add":
		if err := s.AddListItem(ctx, st.AccountID, st.TargetID, str(st.After["ip"]), "added by RayFix"); err != nil {
			return err
		}
		items, err := s.ListItems(ctx, st.AccountID, st.TargetID)
		for _, it := range items {
			if it.IP == str(st.After["ip"]) {
				st.ResultID = it.ID
			}
		}
		return err
	case "list.remove":
		return s.RemoveListItem(ctx, st.AccountID, st.TargetID, str(st.Before["item_id"]))
	}
	return fmt.Errorf("unknown step %q", st.Op)
}

// findCreated finds the rule a create made: the one with the same
// definition that the preview did not know.
func findCreated(rs *RuleSet, body map[string]any) string {
	want := ruleBody(body)
	for i := len(rs.Rules) - 1; i >= 0; i-- {
		if len(definitionDiff(want, ruleBody(rs.Rules[i]))) == 0 {
			return str(rs.Rules[i]["id"])
		}
	}
	return ""
}

// Undo plans the reverse of a journaled change. Applying it goes through
// the same preview and conflict check: if someone changed the rule since,
// nothing is written.
func (s *Service) Undo(ctx context.Context, j *Journal, id string) (*Change, error) {
	orig, err := j.Get(id)
	if err != nil {
		return nil, err
	}
	if orig.Status != "done" && orig.Status != "failed" {
		return nil, fmt.Errorf("that change is %s; there is nothing to undo", orig.Status)
	}
	c := &Change{ID: newChangeID(), ZoneID: orig.ZoneID, ZoneName: orig.ZoneName, Title: "Undo: " + orig.Title,
		Consequence: "Puts back what was there before: " + lowerFirst(orig.Title) + ".", Undoes: orig.ID, Status: "planned"}
	c.Created = time.Now().UTC()
	for i := len(orig.Steps) - 1; i >= 0; i-- {
		st := orig.Steps[i]
		inv, ok, err := s.inverse(ctx, st)
		if err != nil {
			return nil, err
		}
		if ok {
			c.Steps = append(c.Steps, inv)
		}
	}
	for _, l := range orig.Lines {
		c.Lines = append(c.Lines, Line{Label: l.Label, Before: l.After, After: l.Before})
	}
	if len(c.Steps) == 0 {
		return nil, errors.New("nothing of that change reached Cloudflare, so there is nothing to undo")
	}
	return c, nil
}

func (s *Service) inverse(ctx context.Context, st Step) (Step, bool, error) {
	inv := Step{ZoneID: st.ZoneID, AccountID: st.AccountID, Phase: st.Phase, RulesetID: st.RulesetID, TargetID: st.TargetID}
	switch st.Op {
	case "rule.update":
		// What is there now must be what RayFix wrote.
		inv.Op, inv.Before, inv.After = "rule.update", withID(st.After, st.TargetID), ruleBody(st.Before)
	case "rule.move":
		inv.Op, inv.Before, inv.After = "rule.move", st.Before, map[string]any{"position": map[string]any{"index": st.Index}}
		for k, v := range ruleBody(st.Before) {
			inv.After[k] = v
		}
	case "rule.create":
		if st.ResultID == "" {
			return inv, false, nil
		}
		inv.Op, inv.TargetID, inv.Before = "rule.delete", st.ResultID, withID(st.After, st.ResultID)
	case "rule.delete":
		body := ruleBody(st.Before)
		body["position"] = map[string]any{"index": st.Index}
		inv.Op, inv.After, inv.TargetID = "rule.create", body, ""
	case "access.create":
		if st.ResultID == "" {
			return inv, false, nil
		}
		inv.Op, inv.TargetID, inv.Before = "access.delete", st.ResultID, st.After
	case "access.update":
		inv.Op, inv.Before, inv.After = "access.update", st.After, st.Before
		inv.Before["value"] = st.Before["value"]
	case "access.delete":
		inv.Op, inv.After, inv.TargetID = "access.create", st.Before, ""
	case "setting.set":
		inv.Op, inv.Before, inv.After = "setting.set", st.After, st.Before
	case "bfm.set":
		inv.Op, inv.Before, inv.After = "bfm.set", st.After, st.Before
	case "list.add":
		if st.ResultID == "" {
			return inv, false, nil
		}
		inv.Op, inv.Before = "list.remove", map[string]any{"item_id": st.ResultID, "ip": st.After["ip"]}
	default:
		return inv, false, fmt.Errorf("RayFix cannot undo a %q step", st.Op)
	}
	return inv, true, nil
}

func withID(m map[string]any, id string) map[string]any {
	out := map[string]any{"id": id}
	for k, v := range m {
		if k != "position" {
			out[k] = v
		}
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func (s *Service) botFightMode(ctx context.Context, zoneID string) (bool, error) {
	var env envelope[struct {
		FightMode *bool `json:"fight_mode"`
	}]
	err := s.call("Bot Management Read", "whether Bot Fight Mode is on", &env, func(o ...option.RequestOption) error {
		var p bot_management.BotManagementGetParams
		p.ZoneID.Value, p.ZoneID.Present = zoneID, true
		_, err := bot_management.NewBotManagementService(s.conn.readOptions()...).Get(ctx, p, o...)
		return err
	})
	return env.Result.FightMode != nil && *env.Result.FightMode, err
}
