package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

const (
	timeoutKey  = "visitor.timeout_seconds"
	watchKey    = "visitor.watch_minutes"
	languageKey = "visitor.language"
)

// Defaults and bounds of the visitor settings.
const (
	DefaultTimeoutSeconds = 20
	MinTimeoutSeconds     = 3
	MaxTimeoutSeconds     = 120
	DefaultWatchMinutes   = 5
	MinWatchMinutes       = 1
	MaxWatchMinutes       = 24 * 60
)

// Settings are the user's choices, kept in preferences.
type Settings struct{ prefs Prefs }

// NewSettings reads and writes settings through p.
func NewSettings(p Prefs) *Settings { return &Settings{prefs: p} }

// Timeout is how long one check may take.
func (s *Settings) Timeout() time.Duration {
	n := s.prefs.Int(timeoutKey)
	if n < MinTimeoutSeconds || n > MaxTimeoutSeconds {
		n = DefaultTimeoutSeconds
	}
	return time.Duration(n) * time.Second
}

// WatchInterval is how often a watched site is checked again.
func (s *Settings) WatchInterval() time.Duration {
	n := s.prefs.Int(watchKey)
	if n < MinWatchMinutes || n > MaxWatchMinutes {
		n = DefaultWatchMinutes
	}
	return time.Duration(n) * time.Minute
}

// Language is the language chosen in Settings ("de", "pt-BR"); "" means
// the system's.
func (s *Settings) Language() string { return s.prefs.String(languageKey) }

// SetLanguage remembers the chosen language ("" for the system's).
func (s *Settings) SetLanguage(tag string) { s.prefs.SetString(languageKey, tag) }

// SetTimeoutText validates what the user typed (whole seconds) and stores
// it; the error is worded for the field it came from.
func (s *Settings) SetTimeoutText(text string) error {
	n, err := parseBounded(text, MinTimeoutSeconds, MaxTimeoutSeconds, "seconds")
	if err != nil {
		return err
	}
	s.prefs.SetInt(timeoutKey, n)
	return nil
}

// SetWatchText validates and stores the watch interval in minutes.
func (s *Settings) SetWatchText(text string) error {
	n, err := parseBounded(text, MinWatchMinutes, MaxWatchMinutes, "minutes")
	if err != nil {
		return err
	}
	s.prefs.SetInt(watchKey, n)
	return nil
}

// ValidateTimeoutText and ValidateWatchText check without storing, for
// entry validators that show the message as the user types.
func ValidateTimeoutText(text string) error {
	_, err := parseBounded(text, MinTimeoutSeconds, MaxTimeoutSeconds, "seconds")
	return err
}

// ValidateWatchText checks a watch interval without storing it.
func ValidateWatchText(text string) error {
	_, err := parseBounded(text, MinWatchMinutes, MaxWatchMinutes, "minutes")
	return err
}

func parseBounded(text string, lo, hi int, unit string) (int, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, fmt.Errorf("enter a number of %s", unit)
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number of %s", t, unit)
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("choose between %d and %d %s", lo, hi, unit)
	}
	return n, nil
}
