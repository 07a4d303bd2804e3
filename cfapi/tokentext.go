package cfapi

import (
	"fmt"
	"strings"
)

// CleanToken checks a token as typed or pasted before it goes anywhere;
// the message says what is wrong, in words for the place it was typed.
func CleanToken(s string) (string, string) {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return "", "Paste the API token first."
	case strings.ContainsAny(t, " \t\r\n"):
		return "", "A token is one word without spaces. Copy it again from the dashboard."
	case isGlobalKey(t):
		return "", "That looks like the Global API Key, which can do everything. RayFix needs an API token instead: safer, and limited to what you allow."
	case len(t) < 30:
		return "", fmt.Sprintf("That is too short for a Cloudflare API token (%d characters; a token has 40 or more). Copy it again in full.", len(t))
	case len(t) > 200:
		return "", "That is far too long for an API token. Paste only the token."
	}
	return t, ""
}

func isGlobalKey(s string) bool {
	if len(s) != 37 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
