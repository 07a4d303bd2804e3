package diagnose

import "testing"

func TestCompare(t *testing.T) {
	blocked := Report{Classification: Classification{Verdict: VerdictBlocked, ErrorCode: 1020}}
	ok := Report{Classification: Classification{Verdict: VerdictOK}}
	limited := Report{Classification: Classification{Verdict: VerdictRateLimited, ErrorCode: 1015}}
	cases := []struct {
		a, b    Report
		want    string
		changed bool
	}{
		{blocked, blocked, "Still blocked (error 1020).", false},
		{blocked, ok, "You're through now — the site answers normally.", true},
		{ok, blocked, "Now blocked (error 1020) — it was working at the last check.", true},
		{ok, ok, "Still working — nothing is blocking you.", false},
		{blocked, limited, "Changed: blocked (error 1020) before, rate limited (error 1015) now.", false},
	}
	for _, c := range cases {
		if got := Compare(c.a, c.b); got != c.want {
			t.Errorf("Compare = %q, want %q", got, c.want)
		}
		if Changed(c.a, c.b) != c.changed {
			t.Errorf("Changed(%s→%s) wrong", c.a.Verdict, c.b.Verdict)
		}
	}
}
