package diagnose

// Compare says in a few words what changed between two checks of the same
// site, for "Check again" and for watching a site, in the language of the
// newer report.
func Compare(prev, cur Report) string {
	t := cur.tr
	was, is := prev.Verdict == VerdictOK, cur.Verdict == VerdictOK
	switch {
	case !was && is:
		return t("You're through now — the site answers normally.")
	case was && !is:
		return t("Now {{state}} — it was working at the last check.", "state", cur.verdictWords(cur))
	case was && is:
		return t("Still working — nothing is blocking you.")
	case prev.Verdict == cur.Verdict && prev.ErrorCode == cur.ErrorCode:
		return t("Still {{state}}.", "state", cur.verdictWords(cur))
	}
	return t("Changed: {{before}} before, {{now}} now.", "before", cur.verdictWords(prev), "now", cur.verdictWords(cur))
}

// Changed reports whether a watched site went from through to blocked or back.
func Changed(prev, cur Report) bool {
	return (prev.Verdict == VerdictOK) != (cur.Verdict == VerdictOK)
}

// verdictWords says r's verdict in the language of the receiver.
func (in Report) verdictWords(r Report) string {
	t := in.tr
	code := ""
	if r.ErrorCode != 0 {
		code = t(" (error {{code}})", "code", r.ErrorCode)
	}
	switch r.Verdict {
	case VerdictBlocked:
		return t("blocked") + code
	case VerdictRateLimited:
		return t("rate limited") + code
	case VerdictChallenge:
		return t("asked to prove you're human")
	case VerdictOriginError:
		return t("down on the site's side") + code
	case VerdictDNSError:
		return t("not found") + code
	case VerdictDenied:
		return t("refused by the site")
	case VerdictUnreachable:
		return t("unreachable")
	}
	return t("working")
}
