package changes

import (
	"context"
	"fmt"

	"rayfix/cfapi"
	"rayfix/internal/words"
)

// What Cloudflare holds after a step's write, as a re-read shows it (never
// as the HTTP status suggests).
const (
	StepSending    = "sending"     // journaled just before sending; not yet re-read
	StepApplied    = "applied"     // a re-read shows the write in place
	StepNotApplied = "not_applied" // a re-read shows it is not
	StepUnknown    = "unknown"     // the answer was lost and the re-read failed too
)

// stepKind is one kind of write: everything Apply and Undo need to know
// about it lives in its type, so a new kind of write is added here alone.
type stepKind interface {
	// check re-reads what the step touches and returns a ConflictError when
	// it differs from what the preview saw. It may note what was there
	// before (IDs of existing rules) for verify.
	check(ctx context.Context, s *cfapi.Service, st *Step) error
	// do sends the write once (writes are never retried).
	do(ctx context.Context, s *cfapi.Service, st *Step) error
	// verify re-reads and says whether the write is in place.
	verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error)
	// inverse is the step that puts things back; false when there is
	// nothing to put back.
	inverse(st Step) (Step, bool)
	// words names what the step does: the thing, and the verb in the past.
	words(st Step) (thing, done string)
}

var stepKinds = map[string]stepKind{
	"rule.update":   ruleUpdateStep{},
	"rule.move":     ruleMoveStep{},
	"rule.create":   ruleCreateStep{},
	"rule.delete":   ruleDeleteStep{},
	"access.create": accessCreateStep{},
	"access.update": accessUpdateStep{},
	"access.delete": accessDeleteStep{},
	"setting.set":   settingStep{},
	"bfm.set":       botFightStep{},
	"list.add":      listAddStep{},
	"list.remove":   listRemoveStep{},
}

func kindOf(st Step) (stepKind, error) {
	k, ok := stepKinds[st.Op]
	if !ok {
		return nil, fmt.Errorf("RayFix does not know how to make a change of the kind %q", st.Op)
	}
	return k, nil
}

// Outcome says in words what a step's state means for the owner.
func (st Step) Outcome() string {
	k, err := kindOf(st)
	if err != nil {
		return ""
	}
	thing, done := k.words(st)
	switch st.State {
	case StepApplied:
		return words.Capitalize(thing) + " was " + done + "."
	case StepNotApplied:
		return words.Capitalize(thing) + " was not " + done + "."
	case StepUnknown, StepSending:
		return "RayFix cannot tell whether " + thing + " was " + done + "."
	}
	return words.Capitalize(thing) + " was not sent."
}

// inPlace says whether Undo has something to put back for the step: it
// was applied, or its fate is unknown (Undo re-reads it first). Journals
// written before steps had a state count as applied when the change got
// through (failed changes kept only their written steps).
func (st Step) inPlace(changeStatus string) bool {
	switch st.State {
	case StepApplied, StepUnknown, StepSending:
		return true
	case "":
		return changeStatus == "done" || changeStatus == "failed"
	}
	return false
}

// ruleAt re-reads a phase and returns the rule with that ID and its
// 1-based place (nil, 0 when it is gone).
func ruleAt(ctx context.Context, s *cfapi.Service, st *Step, id string) (*cfapi.RuleSet, map[string]any, int, error) {
	rs, err := s.Ruleset(ctx, st.ZoneID, st.Phase)
	if err != nil || rs == nil {
		return rs, nil, 0, err
	}
	for i, r := range rs.Rules {
		if r["id"] == id {
			return rs, r, i + 1, nil
		}
	}
	return rs, nil, 0, nil
}

// ruleChanged is the conflict check of every step that edits an existing
// rule: it must be there, defined as the preview saw it.
func ruleChanged(ctx context.Context, s *cfapi.Service, st *Step) error {
	_, now, _, err := ruleAt(ctx, s, st, st.TargetID)
	if err != nil {
		return err
	}
	what := "the rule " + RuleName(st.Before)
	if now == nil {
		return &ConflictError{What: what, Changes: []Line{{Label: "rule", Before: "there", After: "deleted"}}}
	}
	if d := DefinitionDiff(st.Before, now); len(d) > 0 {
		return &ConflictError{What: what, Changes: d}
	}
	return nil
}

// stateOf compares what is there now with the state before and after.
func stateOf(now, after, before string) string {
	switch now {
	case after:
		return StepApplied
	case before:
		return StepNotApplied
	}
	return StepUnknown
}

type ruleUpdateStep struct{}

func (ruleUpdateStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	return ruleChanged(ctx, s, st)
}

func (ruleUpdateStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	_, err := s.UpdateRule(ctx, st.ZoneID, st.RulesetID, st.TargetID, st.After)
	return err
}

func (ruleUpdateStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	_, now, _, err := ruleAt(ctx, s, st, st.TargetID)
	switch {
	case err != nil:
		return StepUnknown, err
	case now == nil: // deleted meanwhile: the change is not in place
		return StepNotApplied, nil
	case len(DefinitionDiff(RuleBody(st.After), now)) == 0:
		return StepApplied, nil
	case len(DefinitionDiff(st.Before, now)) == 0:
		return StepNotApplied, nil
	}
	return StepUnknown, nil
}

func (ruleUpdateStep) inverse(st Step) (Step, bool) {
	inv := st.inverseBase("rule.update")
	inv.Before, inv.After = withID(st.After, st.TargetID), RuleBody(st.Before)
	return inv, true
}

func (ruleUpdateStep) words(st Step) (string, string) {
	return "the rule " + RuleName(st.Before), "changed"
}

type ruleMoveStep struct{}

func (ruleMoveStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	return ruleChanged(ctx, s, st)
}

func (ruleMoveStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	_, err := s.UpdateRule(ctx, st.ZoneID, st.RulesetID, st.TargetID, st.After)
	return err
}

func (ruleMoveStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	_, now, place, err := ruleAt(ctx, s, st, st.TargetID)
	switch {
	case err != nil:
		return StepUnknown, err
	case now == nil:
		return StepNotApplied, nil
	}
	to, _ := st.After["position"].(map[string]any)
	return stateOf(fmt.Sprint(place), fmt.Sprint(to["index"]), fmt.Sprint(st.Index)), nil
}

func (ruleMoveStep) inverse(st Step) (Step, bool) {
	inv := st.inverseBase("rule.move")
	inv.Before = st.Before
	inv.After = map[string]any{"position": map[string]any{"index": st.Index}}
	for k, v := range RuleBody(st.Before) {
		inv.After[k] = v
	}
	if to, ok := st.After["position"].(map[string]any); ok { // where the rule is now
		inv.Index = intOf(to["index"])
	}
	return inv, true
}

func (ruleMoveStep) words(st Step) (string, string) {
	return "the rule " + RuleName(st.Before), "moved"
}

type ruleCreateStep struct{}

func (ruleCreateStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
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
	st.Known = nil
	if rs != nil {
		for _, r := range rs.Rules {
			st.Known = append(st.Known, words.Str(r["id"]))
		}
	}
	return nil
}

func (ruleCreateStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	var err error
	if st.RulesetID == "" {
		first := map[string]any{}
		for k, v := range st.After {
			if k != "position" {
				first[k] = v
			}
		}
		_, err = s.CreateEntrypoint(ctx, st.ZoneID, st.Phase, []map[string]any{first})
	} else {
		_, err = s.CreateRule(ctx, st.ZoneID, st.RulesetID, st.After)
	}
	return err
}

// verify finds the rule the create made: one with the same definition
// that was not there before the write.
func (ruleCreateStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	rs, err := s.Ruleset(ctx, st.ZoneID, st.Phase)
	if err != nil {
		return StepUnknown, err
	}
	if rs == nil {
		return StepNotApplied, nil
	}
	known := map[string]bool{}
	for _, id := range st.Known {
		known[id] = true
	}
	want := RuleBody(st.After)
	for i := len(rs.Rules) - 1; i >= 0; i-- {
		r := rs.Rules[i]
		if !known[words.Str(r["id"])] && len(DefinitionDiff(want, RuleBody(r))) == 0 {
			st.RulesetID, st.ResultID = rs.ID, words.Str(r["id"])
			return StepApplied, nil
		}
	}
	return StepNotApplied, nil
}

func (ruleCreateStep) inverse(st Step) (Step, bool) {
	return undoCreate(st, "rule.delete", withID(st.After, st.ResultID))
}

// undoCreate is the inverse of a create: delete what it made. Nothing to
// undo when no read-back found what it made.
func undoCreate(st Step, op string, before map[string]any) (Step, bool) {
	if st.ResultID == "" {
		return Step{}, false
	}
	inv := st.inverseBase(op)
	inv.TargetID, inv.Before = st.ResultID, before
	return inv, true
}

func (ruleCreateStep) words(st Step) (string, string) {
	return "the rule " + RuleName(st.After), "created"
}

type ruleDeleteStep struct{}

func (ruleDeleteStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	return ruleChanged(ctx, s, st)
}

func (ruleDeleteStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	_, err := s.DeleteRule(ctx, st.ZoneID, st.RulesetID, st.TargetID)
	return err
}

func (ruleDeleteStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	_, now, _, err := ruleAt(ctx, s, st, st.TargetID)
	return deleted(now != nil, err)
}

// deleted is a delete's state from a re-read: gone is applied.
func deleted(stillThere bool, err error) (string, error) {
	switch {
	case err != nil:
		return StepUnknown, err
	case stillThere:
		return StepNotApplied, nil
	}
	return StepApplied, nil
}

func (ruleDeleteStep) inverse(st Step) (Step, bool) {
	inv := st.inverseBase("rule.create")
	body := RuleBody(st.Before)
	body["position"] = map[string]any{"index": st.Index}
	inv.After, inv.TargetID = body, ""
	return inv, true
}

func (ruleDeleteStep) words(st Step) (string, string) {
	return "the rule " + RuleName(st.Before), "deleted"
}

// inverseBase is the part of an inverse step every kind shares.
func (st Step) inverseBase(op string) Step {
	return Step{Op: op, ZoneID: st.ZoneID, AccountID: st.AccountID, Phase: st.Phase, RulesetID: st.RulesetID, TargetID: st.TargetID}
}

func intOf(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case float64:
		return int(n)
	}
	return 0
}
