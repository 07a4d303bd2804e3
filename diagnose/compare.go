package diagnose

import "fmt"

// Compare says in a few words what changed between two checks of the same
// site, for "Check again" and for watching a site.
func Compare(prev, cur Report) string {
	was, is := prev.Verdict == VerdictOK, cur.Verdict == VerdictOK
	switch {
	case !was && is:
		return "You're through now — the site answers normally."
	case was && !is:
		return "Now " + verdictWords(cur) + " — it was working at the last check."
	case was && is:
		return "Still working — nothing is blocking you."
	case prev.Verdict == cur.Verdict && prev.ErrorCode == cur.ErrorCode:
		return "Still " + verdictWords(cur) + "."
	}
	return fmt.Sprintf("Changed: %s before, %s now.", verdictWords(prev), verdictWords(cur))
}

// Changed reports whether a watched site went from through to blocked or back.
func Changed(prev, cur Report) bool {
	return (prev.Verdict == VerdictOK) != (cur.Verdict == VerdictOK)
}

func verdictWords(r Report) string {
	code := ""
	if r.ErrorCode != 0 {
		code = fmt.Sprintf(" (error %d)", r.ErrorCode)
	}
	switch r.Verdict {
	case VerdictBlocked:
		return "blocked" + code
	case VerdictRateLimited:
		return "rate limited" + code
	case VerdictChallenge:
		return "asked to prove you're human"
	case VerdictOriginError:
		return "down on the site's side" + code
	case VerdictDNSError:
		return "not found" + code
	case VerdictDenied:
		return "refused by the site"
	case VerdictUnreachable:
		return "unreachable"
	}
	return "working"
}
