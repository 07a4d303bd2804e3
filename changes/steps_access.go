package changes

import (
	"context"
	"fmt"

	"rayfix/cfapi"
	"rayfix/internal/words"
)

// The step kinds outside rulesets: IP Access rules, zone settings, Bot
// Fight Mode and custom list items.

type accessCreateStep struct{}

func (accessCreateStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	rules, err := accessRulesFor(ctx, s, st.ZoneID, st.AccountID, accessQuery{value: words.Str(st.After["value"])})
	if err != nil {
		return err
	}
	if len(rules) > 0 {
		return &ConflictError{What: "an IP Access rule for " + words.Str(st.After["value"]), Changes: []Line{{Label: "rule", Before: "none", After: cfapi.ActionName(rules[0].Mode)}}}
	}
	return nil
}

func (accessCreateStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	_, err := s.CreateAccessRule(ctx, st.ZoneID, st.AccountID, words.Str(st.After["mode"]), words.Str(st.After["target"]), words.Str(st.After["value"]), words.Str(st.After["notes"]))
	return err
}

// verify: check found no rule for the value before the write, so one with
// the mode asked for is the one the write made.
func (accessCreateStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	rules, err := accessRulesFor(ctx, s, st.ZoneID, st.AccountID, accessQuery{value: words.Str(st.After["value"])})
	if err != nil {
		return StepUnknown, err
	}
	for _, a := range rules {
		if a.Mode == words.Str(st.After["mode"]) {
			st.ResultID = a.ID
			st.After["modified_on"] = a.ModifiedOn
			return StepApplied, nil
		}
	}
	return StepNotApplied, nil
}

func (accessCreateStep) inverse(st Step) (Step, bool) {
	return undoCreate(st, "access.delete", st.After)
}

func (accessCreateStep) words(st Step) (string, string) {
	return "the IP Access rule for " + words.Str(st.After["value"]), "created"
}

type accessUpdateStep struct{}

func (accessUpdateStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	now, err := accessRule(ctx, s, st)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("the IP Access rule for %v", st.Before["value"])
	if now == nil {
		return &ConflictError{What: what, Changes: []Line{{Label: "rule", Before: "there", After: "deleted"}}}
	}
	if now.Mode != st.Before["mode"] || now.Notes != st.Before["notes"] || now.ModifiedOn != st.Before["modified_on"] {
		return &ConflictError{What: what, Changes: []Line{{Label: "mode", Before: words.Str(st.Before["mode"]), After: now.Mode},
			{Label: "notes", Before: words.Str(st.Before["notes"]), After: now.Notes}}}
	}
	return nil
}

func (accessUpdateStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	_, err := s.UpdateAccessRule(ctx, st.ZoneID, st.AccountID, st.TargetID, words.Str(st.After["mode"]), words.Str(st.After["notes"]))
	return err
}

func (accessUpdateStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	now, err := accessRule(ctx, s, st)
	switch {
	case err != nil:
		return StepUnknown, err
	case now == nil:
		return StepNotApplied, nil
	}
	state := stateOf(now.Mode+"\x00"+now.Notes, words.Str(st.After["mode"])+"\x00"+words.Str(st.After["notes"]), words.Str(st.Before["mode"])+"\x00"+words.Str(st.Before["notes"]))
	if state == StepApplied {
		st.After["modified_on"] = now.ModifiedOn
	}
	return state, nil
}

func (accessUpdateStep) inverse(st Step) (Step, bool) {
	inv := st.inverseBase("access.update")
	inv.Before, inv.After = map[string]any{}, st.Before
	for k, v := range st.After {
		inv.Before[k] = v
	}
	inv.Before["value"] = st.Before["value"]
	return inv, true
}

func (accessUpdateStep) words(st Step) (string, string) {
	return "the IP Access rule for " + words.Str(st.Before["value"]), "changed"
}

type accessDeleteStep struct{}

func (accessDeleteStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	return accessUpdateStep{}.check(ctx, s, st)
}

func (accessDeleteStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	return s.DeleteAccessRule(ctx, st.ZoneID, st.AccountID, st.TargetID)
}

func (accessDeleteStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	now, err := accessRule(ctx, s, st)
	return deleted(now != nil, err)
}

func (accessDeleteStep) inverse(st Step) (Step, bool) {
	inv := st.inverseBase("access.create")
	inv.After, inv.TargetID = st.Before, ""
	return inv, true
}

func (accessDeleteStep) words(st Step) (string, string) {
	return "the IP Access rule for " + words.Str(st.Before["value"]), "deleted"
}

type settingStep struct{}

var settingNames = map[string]string{"security_level": "the Security Level", "browser_check": "Browser Integrity Check"}

func (settingStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	v, err := s.Setting(ctx, st.ZoneID, st.TargetID)
	if err != nil {
		return err
	}
	if v != words.Str(st.Before["value"]) {
		return &ConflictError{What: settingNames[st.TargetID], Changes: []Line{{Label: "value", Before: words.Str(st.Before["value"]), After: v}}}
	}
	return nil
}

func (settingStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	return s.SetSetting(ctx, st.ZoneID, st.TargetID, words.Str(st.After["value"]))
}

func (settingStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	v, err := s.Setting(ctx, st.ZoneID, st.TargetID)
	if err != nil {
		return StepUnknown, err
	}
	return stateOf(v, words.Str(st.After["value"]), words.Str(st.Before["value"])), nil
}

func (settingStep) inverse(st Step) (Step, bool) {
	inv := st.inverseBase("setting.set")
	inv.Before, inv.After = st.After, st.Before
	return inv, true
}

func (settingStep) words(st Step) (string, string) {
	if n := settingNames[st.TargetID]; n != "" {
		return n, "changed"
	}
	return "the setting", "changed"
}

type botFightStep struct{}

func (botFightStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	on, err := botFightMode(ctx, s, st.ZoneID)
	if err != nil {
		return err
	}
	if on != (st.Before["on"] == true) {
		return &ConflictError{What: "Bot Fight Mode", Changes: []Line{{Label: "on", Before: YesNo(st.Before["on"] == true), After: YesNo(on)}}}
	}
	return nil
}

func (botFightStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	return s.SetBotFightMode(ctx, st.ZoneID, st.After["on"] == true)
}

func (botFightStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	on, err := botFightMode(ctx, s, st.ZoneID)
	if err != nil {
		return StepUnknown, err
	}
	return stateOf(YesNo(on), YesNo(st.After["on"] == true), YesNo(st.Before["on"] == true)), nil
}

func (botFightStep) inverse(st Step) (Step, bool) {
	inv := st.inverseBase("bfm.set")
	inv.Before, inv.After = st.After, st.Before
	return inv, true
}

func (botFightStep) words(st Step) (string, string) {
	if st.After["on"] == true {
		return "Bot Fight Mode", "switched on"
	}
	return "Bot Fight Mode", "switched off"
}

type listAddStep struct{}

func (listAddStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	items, err := s.ListItems(ctx, st.AccountID, st.TargetID)
	if err != nil {
		return err
	}
	st.Known = nil
	for _, it := range items {
		if it.IP == words.Str(st.After["ip"]) {
			return &ConflictError{What: "the list", Changes: []Line{{Label: words.Str(st.After["ip"]), Before: "not on it", After: "on it"}}}
		}
		st.Known = append(st.Known, it.ID)
	}
	return nil
}

func (listAddStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	return s.AddListItem(ctx, st.AccountID, st.TargetID, words.Str(st.After["ip"]), "added by RayFix")
}

func (listAddStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	items, err := s.ListItems(ctx, st.AccountID, st.TargetID)
	if err != nil {
		return StepUnknown, err
	}
	for _, it := range items {
		if it.IP == words.Str(st.After["ip"]) {
			st.ResultID = it.ID
			return StepApplied, nil
		}
	}
	return StepNotApplied, nil
}

func (listAddStep) inverse(st Step) (Step, bool) {
	if st.ResultID == "" {
		return Step{}, false
	}
	inv := st.inverseBase("list.remove")
	inv.Before = map[string]any{"item_id": st.ResultID, "ip": st.After["ip"]}
	return inv, true
}

func (listAddStep) words(st Step) (string, string) {
	return "the address " + words.Str(st.After["ip"]), "added to the list"
}

type listRemoveStep struct{}

func (listRemoveStep) check(ctx context.Context, s *cfapi.Service, st *Step) error {
	if state, err := (listRemoveStep{}).verify(ctx, s, st); err != nil {
		return err
	} else if state == StepApplied {
		return &ConflictError{What: "the list", Changes: []Line{{Label: words.Str(st.Before["ip"]), Before: "on it", After: "removed"}}}
	}
	return nil
}

func (listRemoveStep) do(ctx context.Context, s *cfapi.Service, st *Step) error {
	return s.RemoveListItem(ctx, st.AccountID, st.TargetID, words.Str(st.Before["item_id"]))
}

func (listRemoveStep) verify(ctx context.Context, s *cfapi.Service, st *Step) (string, error) {
	items, err := s.ListItems(ctx, st.AccountID, st.TargetID)
	if err != nil {
		return StepUnknown, err
	}
	for _, it := range items {
		if it.ID == words.Str(st.Before["item_id"]) {
			return StepNotApplied, nil
		}
	}
	return StepApplied, nil
}

func (listRemoveStep) inverse(st Step) (Step, bool) {
	inv := st.inverseBase("list.add")
	inv.After = map[string]any{"ip": st.Before["ip"]}
	return inv, true
}

func (listRemoveStep) words(st Step) (string, string) {
	return "the address " + words.Str(st.Before["ip"]), "removed from the list"
}
