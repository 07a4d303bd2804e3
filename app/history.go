package app

import (
	"encoding/json"
	"strings"
	"time"
)

const historyKey = "visitor.history"

// MaxHistory is how many recent checks are kept.
const MaxHistory = 30

// HistoryEntry is one finished check, as the history list shows it.
type HistoryEntry struct {
	URL      string    `json:"url"`
	Verdict  string    `json:"verdict"`
	Headline string    `json:"headline"`
	RayID    string    `json:"ray_id,omitempty"`
	At       time.Time `json:"at"`
}

// History is the list of recent checks, newest first, kept in preferences.
// It holds addresses and verdicts only — never page contents or tokens.
type History struct{ prefs Prefs }

// NewHistory reads and writes history through p.
func NewHistory(p Prefs) *History { return &History{prefs: p} }

// Entries returns the stored checks, newest first. A damaged value reads as
// an empty history rather than an error: it is a convenience list.
func (h *History) Entries() []HistoryEntry {
	var out []HistoryEntry
	if s := h.prefs.String(historyKey); s != "" {
		if json.Unmarshal([]byte(s), &out) != nil {
			return nil
		}
	}
	return out
}

// Add records a check at the top of the list.
func (h *History) Add(e HistoryEntry) {
	list := append([]HistoryEntry{e}, h.Entries()...)
	if len(list) > MaxHistory {
		list = list[:MaxHistory]
	}
	b, _ := json.Marshal(list)
	h.prefs.SetString(historyKey, string(b))
}

// Clear forgets every check.
func (h *History) Clear() { h.prefs.RemoveValue(historyKey) }

// RecentURLs lists the distinct addresses checked, newest first, for the
// address field's drop-down.
func (h *History) RecentURLs(n int) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range h.Entries() {
		k := strings.ToLower(e.URL)
		if e.URL == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e.URL)
		if len(out) == n {
			break
		}
	}
	return out
}
