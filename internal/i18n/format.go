package i18n

import (
	"strconv"
	"strings"
	"time"
)

// dateStyle is how a language writes a date and a time of day, as its
// people read them (the CLDR's numeric patterns): the day before the month
// in most of Europe, the year first in Chinese and Japanese, "15.04" in
// Indonesian.
type dateStyle struct {
	date, clock, clockSeconds string // Go layouts
	clockFirst                bool   // Vietnamese writes the time first
	comma                     bool   // the decimal mark is a comma
}

var dateStyles = map[Tag]dateStyle{
	"es":    {date: "02/01/2006", clock: "15:04", clockSeconds: "15:04:05", comma: true},
	"pt-BR": {date: "02/01/2006", clock: "15:04", clockSeconds: "15:04:05", comma: true},
	"fr":    {date: "02/01/2006", clock: "15:04", clockSeconds: "15:04:05", comma: true},
	"de":    {date: "02.01.2006,", clock: "15:04", clockSeconds: "15:04:05", comma: true},
	"ru":    {date: "02.01.2006,", clock: "15:04", clockSeconds: "15:04:05", comma: true},
	"uk":    {date: "02.01.2006,", clock: "15:04", clockSeconds: "15:04:05", comma: true},
	"tr":    {date: "02.01.2006", clock: "15:04", clockSeconds: "15:04:05", comma: true},
	"id":    {date: "02/01/2006", clock: "15.04", clockSeconds: "15.04.05", comma: true},
	"vi":    {date: "02/01/2006", clock: "15:04", clockSeconds: "15:04:05", clockFirst: true, comma: true},
	"zh-CN": {date: "2006/01/02", clock: "15:04", clockSeconds: "15:04:05"},
	"ja":    {date: "2006/01/02", clock: "15:04", clockSeconds: "15:04:05"},
}

// DateTime is a moment to the second, in the language's way: "15:04:05,
// Mon 2 Jan 2006" in English, "02.01.2006, 15:04:05" in German.
func DateTime(t Tag, at time.Time) string {
	s, ok := dateStyles[t]
	if !ok {
		return at.Format("15:04:05, Mon 2 Jan 2006")
	}
	return s.join(at.Format(s.date), at.Format(s.clockSeconds))
}

// ShortDateTime is a moment to the minute, for lists: "Mon 2 Jan 15:04" in
// English.
func ShortDateTime(t Tag, at time.Time) string {
	s, ok := dateStyles[t]
	if !ok {
		return at.Format("Mon 2 Jan 15:04")
	}
	return s.join(at.Format(s.date), at.Format(s.clock))
}

// Clock is the time of day to the minute: "15:04", "15.04" in Indonesian.
func Clock(t Tag, at time.Time) string {
	if s, ok := dateStyles[t]; ok {
		return at.Format(s.clock)
	}
	return at.Format("15:04")
}

func (s dateStyle) join(date, clock string) string {
	if s.clockFirst {
		return clock + " " + strings.TrimSuffix(date, ",")
	}
	return date + " " + clock
}

// Decimal writes a number with the language's decimal mark: "0.5" in
// English, "0,5" in German.
func Decimal(t Tag, x float64, digits int) string {
	out := strconv.FormatFloat(x, 'f', digits, 64)
	if dateStyles[t].comma {
		out = strings.Replace(out, ".", ",", 1)
	}
	return out
}
