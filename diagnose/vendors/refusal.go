package vendors

import "strings"

// Kinds of refusal a page can show.
const (
	Denied      = "denied"
	RateLimited = "rate_limited"
	Check       = "challenge"
)

// refusalWords are what pages that refuse a visitor say, by kind, in the
// order they are looked for: a check page often also says "blocked", a
// rate limit "denied".
var refusalWords = []struct {
	kind  string
	words []string
}{
	{Check, []string{"verify you are human", "verify you are a human", "verify that you are human", "verify that you're human",
		"are you a robot", "i'm not a robot", "i am not a robot", "prove you are human", "prove you're human", "human verification",
		"complete the security check", "press & hold", "captcha", "checking your browser", "verify to continue", "security check to access"}},
	{RateLimited, []string{"too many requests", "rate limit", "rate-limit", "ratelimit", "slow down", "request limit"}},
	{Denied, []string{"access denied", "access is denied", "403 forbidden", "forbidden", "not allowed", "you have been blocked",
		"you've been blocked", "has been blocked", "request blocked", "request was blocked", "access restricted", "restricted access",
		"access to this page has been denied", "request rejected", "was rejected", "unauthorized", "permission denied",
		"don't have permission", "do not have permission", "not acceptable", "blocked by", "your ip has been", "banned"}},
}

// Refusal reads a page no vendor was recognised on: the kind of refusal
// it shows and the words that show it (as the page writes them), or ""
// when nothing on it refuses the visitor.
func Refusal(p Page) (kind string, said []string) {
	low := strings.ToLower(p.Text + " " + p.Title)
	for _, group := range refusalWords {
		for _, w := range group.words {
			if i := strings.Index(low, w); i >= 0 && len(said) < 3 {
				said = append(said, excerpt(p.Text+" "+p.Title, i, len(w)))
				if kind == "" {
					kind = group.kind
				}
			}
		}
		if kind != "" {
			return kind, said
		}
	}
	return "", nil
}

// excerpt is the words at i as the page writes them.
func excerpt(s string, i, n int) string {
	if i >= len(s) {
		return ""
	}
	if i+n > len(s) {
		return strings.TrimSpace(s[i:])
	}
	return s[i : i+n]
}
