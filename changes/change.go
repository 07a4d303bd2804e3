package changes

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Step is one API write of a change, with the state before and after it,
// so it can be previewed, checked for concurrent edits, and undone.
type Step struct {
	Op        string         `json:"op"` // rule.create, rule.update, rule.move, rule.delete, access.create, access.update, access.delete, setting.set, bfm.set, list.add, list.remove
	ZoneID    string         `json:"zone_id,omitempty"`
	AccountID string         `json:"account_id,omitempty"`
	Phase     string         `json:"phase,omitempty"`
	RulesetID string         `json:"ruleset_id,omitempty"`
	TargetID  string         `json:"target_id,omitempty"` // rule, access rule, setting name or list ID
	Before    map[string]any `json:"before,omitempty"`
	After     map[string]any `json:"after,omitempty"`
	Index     int            `json:"index,omitempty"`     // 1-based position of a rule (delete, move)
	ResultID  string         `json:"result_id,omitempty"` // what a create made (filled in when applied)
	Known     []string       `json:"known_ids,omitempty"` // rules or list items there before a create, to tell ours apart
	State     string         `json:"state,omitempty"`     // StepSending, StepApplied, StepNotApplied, StepUnknown; "" = not sent
	Detail    string         `json:"detail,omitempty"`    // Cloudflare's technical answer when the write failed
}

// Line is one row of a preview: what a thing is now and what it becomes.
type Line struct {
	Label  string `json:"label"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Change is one guided fix: previewed, confirmed, journaled, undoable.
type Change struct {
	ID           string    `json:"id"`
	Created      time.Time `json:"created"`
	ZoneID       string    `json:"zone_id"`
	ZoneName     string    `json:"zone_name"`
	Title        string    `json:"title"`       // "Challenge instead of block: Block Russia and China"
	Consequence  string    `json:"consequence"` // "Visitors from Russia or China will be challenged instead of blocked."
	VisitorAfter string    `json:"visitor_after"`
	Lines        []Line    `json:"lines"`
	Notes        []string  `json:"notes,omitempty"`
	Steps        []Step    `json:"steps"`
	Until        time.Time `json:"until,omitempty"`   // a temporary allow: offered for removal after this
	Status       string    `json:"status"`            // planned, pending, done, failed, unknown, undone
	Outcome      []string  `json:"outcome,omitempty"` // how the writes really went, in words, when not plainly
	Error        string    `json:"error,omitempty"`
	Undoes       string    `json:"undoes,omitempty"` // the change this one reverts
}

// Preview renders the change as text: the CLI's preview and the report.
func (c *Change) Preview() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", c.Title, c.Consequence)
	for _, l := range c.Lines {
		fmt.Fprintf(&b, "\n%s\n  before: %s\n  after:  %s\n", l.Label, orNone(l.Before), orNone(l.After))
	}
	if c.VisitorAfter != "" {
		fmt.Fprintf(&b, "\nAfterwards the visitor sees: %s\n", c.VisitorAfter)
	}
	if !c.Until.IsZero() {
		fmt.Fprintf(&b, "Temporary: RayFix offers to remove it after %s.\n", c.Until.Format("2 Jan 2006"))
	}
	for _, n := range c.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(nothing)"
	}
	return s
}

// ConflictError means the thing a change touches was changed by someone
// else (in the dashboard, say) since the preview. Nothing was written.
type ConflictError struct {
	What    string // "the rule “Block Russia and China”"
	Changes []Line // what differs, before = what RayFix saw, after = what is there now
}

func (e *ConflictError) Error() string {
	var parts []string
	for _, l := range e.Changes {
		parts = append(parts, fmt.Sprintf("%s was %s, now %s", l.Label, l.Before, l.After))
	}
	msg := fmt.Sprintf("%s was changed by someone else since you looked, so RayFix wrote nothing", e.What)
	if len(parts) > 0 {
		msg += " (" + strings.Join(parts, "; ") + ")"
	}
	return msg + ". Look at it again and redo the change if it is still needed."
}

// ruleDefinition is what a rule PATCH must carry; the rest is read-only.
var ruleDefinition = []string{"action", "expression", "description", "enabled", "action_parameters", "logging", "ratelimit"}

// RuleBody copies the definition fields of a rule as read, for a PATCH.
func RuleBody(rule map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range ruleDefinition {
		if v, ok := rule[k]; ok && v != nil {
			out[k] = v
		}
	}
	return out
}

// NewChangeID is a change's ID: when, and six random hex digits.
func NewChangeID() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return time.Now().UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b)
}
