package i18n

import (
	"testing"
	"time"
)

// TestDatesAndNumbersInTheLanguagesWay: each language writes a moment and
// a decimal number the way its readers do.
func TestDatesAndNumbersInTheLanguagesWay(t *testing.T) {
	at := time.Date(2026, 11, 30, 9, 5, 7, 0, time.UTC)
	want := map[Tag][3]string{
		"en":    {"09:05:07, Mon 30 Nov 2026", "Mon 30 Nov 09:05", "0.5"},
		"de":    {"30.11.2026, 09:05:07", "30.11.2026, 09:05", "0,5"},
		"fr":    {"30/11/2026 09:05:07", "30/11/2026 09:05", "0,5"},
		"id":    {"30/11/2026 09.05.07", "30/11/2026 09.05", "0,5"},
		"vi":    {"09:05:07 30/11/2026", "09:05 30/11/2026", "0,5"},
		"zh-CN": {"2026/11/30 09:05:07", "2026/11/30 09:05", "0.5"},
		"ja":    {"2026/11/30 09:05:07", "2026/11/30 09:05", "0.5"},
	}
	for tag, w := range want {
		got := [3]string{DateTime(tag, at), ShortDateTime(tag, at), Decimal(tag, 0.5, 1)}
		if got != w {
			t.Errorf("%s: %q, want %q", tag, got, w)
		}
	}
	for _, l := range Languages {
		if l.Tag != English && DateTime(l.Tag, at) == DateTime(English, at) {
			t.Errorf("%s writes dates as English does", l.English)
		}
	}
}
