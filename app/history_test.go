package app

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestHistoryNewestFirstCappedAndRecentURLs(t *testing.T) {
	p := MapPrefs{}
	h := NewHistory(p)
	base := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	for i := 0; i < MaxHistory+5; i++ {
		h.Add(HistoryEntry{URL: fmt.Sprintf("https://site%d.example/", i%7), Verdict: "blocked", At: base.Add(time.Duration(i) * time.Minute)})
	}
	got := h.Entries()
	if len(got) != MaxHistory {
		t.Fatalf("%d entries, want %d", len(got), MaxHistory)
	}
	if !got[0].At.After(got[1].At) {
		t.Error("not newest first")
	}
	urls := NewHistory(p).RecentURLs(5)
	if len(urls) != 5 || urls[0] != "https://site6.example/" {
		t.Fatalf("recent %v", urls)
	}
	h.Clear()
	if len(h.Entries()) != 0 {
		t.Error("clear kept entries")
	}
	p.SetString(historyKey, "{broken")
	if h.Entries() != nil {
		t.Error("damaged history not read as empty")
	}
}

func TestSettingsValidation(t *testing.T) {
	s := NewSettings(MapPrefs{})
	if s.Timeout() != 20*time.Second || s.WatchInterval() != 5*time.Minute {
		t.Fatal("defaults")
	}
	for _, bad := range []string{"", "abc", "0", "1000", "2.5"} {
		if err := s.SetTimeoutText(bad); err == nil {
			t.Errorf("timeout %q accepted", bad)
		}
	}
	if err := s.SetTimeoutText(" 45 "); err != nil || s.Timeout() != 45*time.Second {
		t.Fatalf("timeout 45: %v %v", err, s.Timeout())
	}
	if err := s.SetWatchText("0"); err == nil || !strings.Contains(err.Error(), "between 1 and 1440") {
		t.Errorf("watch 0: %v", err)
	}
	if err := s.SetWatchText("15"); err != nil || s.WatchInterval() != 15*time.Minute {
		t.Fatal("watch 15")
	}
}
