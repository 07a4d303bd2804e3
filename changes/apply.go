package changes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"rayfix/cfapi"
	"rayfix/internal/words"
)

// Apply writes a change: it re-reads everything the change touches, stops
// with a ConflictError when anything changed since the preview (writing
// nothing), then for each step journals it before sending it, sends it
// once, and re-reads Cloudflare to learn what really happened, whatever
// the answer said. The journal ends with each step's real state, so Undo
// can revert what is in place even when Cloudflare's answer was lost.
func Apply(ctx context.Context, s *cfapi.Service, j *Journal, c *Change) error {
	for i := range c.Steps {
		k, err := kindOf(c.Steps[i])
		if err == nil {
			err = k.check(ctx, s, &c.Steps[i])
		}
		if err != nil {
			return &ApplyError{Err: err, Total: len(c.Steps), Sent: false}
		}
	}
	c.Status, c.Error, c.Outcome = "pending", "", nil
	if err := j.Put(*c); err != nil {
		return &ApplyError{Err: fmt.Errorf("RayFix could not write its change journal: %w", err), Total: len(c.Steps)}
	}
	for i := range c.Steps {
		if err := applyStep(ctx, s, j, c, i); err != nil {
			return err
		}
	}
	c.Status = "done"
	return j.Put(*c)
}

// applyStep sends step i and records its real outcome; an error stops the
// change there.
func applyStep(ctx context.Context, s *cfapi.Service, j *Journal, c *Change, i int) error {
	st := &c.Steps[i]
	k, _ := kindOf(*st) // every kind was checked before the first write
	if i > 0 {          // later steps: check again right before their write
		if err := k.check(ctx, s, st); err != nil {
			return stop(j, c, i, err)
		}
	}
	st.State = StepSending
	if err := j.Put(*c); err != nil {
		st.State = ""
		return stop(j, c, i, fmt.Errorf("RayFix could not write its change journal: %w", err))
	}
	werr := k.do(ctx, s, st)
	state, rerr := reread(ctx, s, k, st)
	st.State, st.Detail = state, cfapi.ErrorDetail(werr)
	thing, done := k.words(*st)
	if state == StepApplied {
		if werr != nil {
			c.Outcome = append(c.Outcome, appliedDespite(thing, done, werr))
		}
		return j.Put(*c)
	}
	if werr == nil {
		werr = acceptedBut(state, thing, done, rerr)
	}
	return stop(j, c, i, werr)
}

// appliedDespite words a write that is in place although its answer was
// an error or never came.
func appliedDespite(thing, done string, werr error) string {
	if cfapi.AnswerLost(werr) {
		return fmt.Sprintf("%s was %s, although Cloudflare's answer was lost.", words.Capitalize(thing), done)
	}
	return fmt.Sprintf("%s was %s, although Cloudflare answered with an error.", words.Capitalize(thing), done)
}

// acceptedBut words a write Cloudflare accepted that a re-read does not
// show in place.
func acceptedBut(state, thing, done string, rerr error) error {
	switch {
	case state == StepNotApplied:
		return fmt.Errorf("Cloudflare answered that %s was %s, but reading it back shows it was not.", thing, done)
	case rerr != nil:
		return fmt.Errorf("Cloudflare accepted the change, but RayFix could not read %s back to make sure: %w", thing, rerr)
	}
	return fmt.Errorf("Cloudflare accepted the change, but %s now reads differently from both before and after; someone else may have changed it.", thing)
}

// reread asks Cloudflare what a step left behind. It has its own time
// budget: the write may have failed because the caller's time ran out, and
// the owner must still learn what happened.
func reread(ctx context.Context, s *cfapi.Service, k stepKind, st *Step) (string, error) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfapi.ReadAttempts*cfapi.RequestTimeout+5*time.Second)
	defer cancel()
	state, err := k.verify(rctx, s, st)
	if err != nil {
		return StepUnknown, err
	}
	return state, nil
}

// stop records a change that broke off at step i, with every step's real
// state, and returns the error that says so.
func stop(j *Journal, c *Change, i int, err error) error {
	ae := &ApplyError{Err: err, Total: len(c.Steps), Sent: true}
	for _, st := range c.Steps {
		switch st.State {
		case StepApplied:
			ae.Applied++
		case StepUnknown, StepSending:
			ae.Unknown = append(ae.Unknown, st.Outcome())
		}
	}
	st := c.Steps[i]
	ae.Sent = st.State != ""
	ae.Verified = st.State == StepNotApplied
	c.Status = "failed"
	if len(ae.Unknown) > 0 {
		c.Status = "unknown"
	}
	c.Error = ae.Error()
	_ = j.Put(*c)
	return ae
}

// ApplyError is a change that stopped: why, and what is really in place.
type ApplyError struct {
	Err      error
	Total    int      // steps in the change
	Applied  int      // steps a re-read shows in place
	Unknown  []string // steps whose fate neither the answer nor a re-read told
	Sent     bool     // the step that failed was sent
	Verified bool     // a re-read showed the failed step not in place
}

func (e *ApplyError) Error() string {
	msg := strings.TrimSpace(e.Err.Error())
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	var ce *ConflictError
	switch {
	case len(e.Unknown) > 0:
		msg += " " + strings.Join(e.Unknown, " ") + " The change is in the journal: when Cloudflare can be reached again, open Changes & undo — Undo checks what is there before it writes anything."
	case e.Applied > 0:
		msg += fmt.Sprintf(" The change stopped part-way: %s of %d %s made before this and %s in the journal, where Undo can revert %s.",
			plural(e.Applied, "step", "steps"), e.Total, pick(e.Applied, "was", "were"), pick(e.Applied, "is", "are"), pick(e.Applied, "it", "them"))
	case errors.As(e.Err, &ce):
		// a conflict already says nothing was written
	case e.Verified:
		msg += " Nothing was changed: RayFix read it back to make sure."
	case !e.Sent:
		msg += " Nothing was changed."
	}
	return msg
}

func (e *ApplyError) Unwrap() error { return e.Err }

// plural is "1 step", "2 steps".
func plural(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, pick(n, one, many))
}

func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// DefinitionDiff lists the definition fields that differ between two
// readings of a rule.
func DefinitionDiff(seen, now map[string]any) []Line {
	var out []Line
	for _, k := range ruleDefinition {
		a, b := NormJSON(seen[k]), NormJSON(now[k])
		if a != b {
			out = append(out, Line{Label: k, Before: a, After: b})
		}
	}
	return out
}

// NormJSON is a field's value as text, for comparing and showing.
func NormJSON(v any) string {
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

type accessQuery struct{ value string }

func accessRulesFor(ctx context.Context, s *cfapi.Service, zoneID, accountID string, q accessQuery) ([]cfapi.AccessRule, error) {
	all, err := s.AccessRules(ctx, zoneID, accountID, nil)
	if err != nil {
		return nil, err
	}
	var out []cfapi.AccessRule
	for _, a := range all {
		if q.value == "" || a.Configuration.Value == q.value {
			out = append(out, a)
		}
	}
	return out, nil
}

func accessRule(ctx context.Context, s *cfapi.Service, st *Step) (*cfapi.AccessRule, error) {
	rules, err := accessRulesFor(ctx, s, st.ZoneID, st.AccountID, accessQuery{value: words.Str(st.Before["value"])})
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

// Undo plans the reverse of a journaled change. Steps whose fate is
// unknown are re-read first (and the journal updated); steps not in place
// are left out. Applying the plan goes through the same preview and
// conflict check: if someone changed the rule since, nothing is written.
func Undo(ctx context.Context, s *cfapi.Service, j *Journal, id string) (*Change, error) {
	orig, err := j.Get(id)
	if err != nil {
		return nil, err
	}
	if !orig.Undoable() {
		return nil, errors.New("nothing of that change is in place, so there is nothing to undo")
	}
	if err := settle(ctx, s, j, &orig); err != nil {
		return nil, err
	}
	c := &Change{ID: NewChangeID(), ZoneID: orig.ZoneID, ZoneName: orig.ZoneName, Title: "Undo: " + orig.Title,
		Undoes: orig.ID, Status: "planned"}
	c.Created = time.Now().UTC()
	for i := len(orig.Steps) - 1; i >= 0; i-- {
		st := orig.Steps[i]
		if !st.inPlace(orig.Status) {
			continue
		}
		k, err := kindOf(st)
		if err != nil {
			return nil, err
		}
		if inv, ok := k.inverse(st); ok {
			c.Steps = append(c.Steps, inv)
		}
	}
	for _, l := range orig.Lines {
		c.Lines = append(c.Lines, Line{Label: l.Label, Before: l.After, After: l.Before})
	}
	if len(c.Steps) == 0 {
		return nil, errors.New("nothing of that change reached Cloudflare, so there is nothing to undo")
	}
	c.Consequence = undoWords(c.Steps)
	return c, nil
}

// undoWords says what Undo will do, step by step ("The IP Access rule for
// 203.0.113.41 will be deleted."), not what the change it reverts did.
func undoWords(steps []Step) string {
	var out []string
	for _, st := range steps {
		if k, err := kindOf(st); err == nil {
			thing, done := k.words(st)
			out = append(out, words.Capitalize(thing)+" will be "+done+".")
		}
	}
	return strings.Join(out, " ")
}

// settle re-reads the steps of a change whose outcome is unknown and
// records what Cloudflare now holds.
func settle(ctx context.Context, s *cfapi.Service, j *Journal, c *Change) error {
	changed := false
	for i := range c.Steps {
		st := &c.Steps[i]
		if st.State != StepUnknown && st.State != StepSending {
			continue
		}
		k, err := kindOf(*st)
		if err != nil {
			return err
		}
		state, err := k.verify(ctx, s, st)
		if err != nil {
			thing, done := k.words(*st)
			return fmt.Errorf("before undoing, RayFix must find out whether %s was %s, and could not. %w", thing, done, err)
		}
		st.State, changed = state, true
	}
	if !changed {
		return nil
	}
	if c.Status == "unknown" {
		c.Status = "failed"
		if c.allApplied() {
			c.Status = "done"
		}
	}
	return j.Put(*c)
}

// Undoable says whether some step of the change may be in place.
func (c *Change) Undoable() bool {
	if c.Status == "undone" || c.Status == "planned" {
		return false
	}
	for _, st := range c.Steps {
		if st.inPlace(c.Status) {
			return true
		}
	}
	return false
}

func (c *Change) allApplied() bool {
	for _, st := range c.Steps {
		if st.State != StepApplied {
			return false
		}
	}
	return true
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

func botFightMode(ctx context.Context, s *cfapi.Service, zoneID string) (bool, error) {
	b, err := s.Bots(ctx, zoneID)
	return err == nil && b.FightMode != nil && *b.FightMode, err
}
