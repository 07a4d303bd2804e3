package diagnose

import (
	"rayfix/diagnose/pagetext"
	"regexp"
	"strings"
)

var (
	reTitleHost = regexp.MustCompile(`(?i)^(?:Access denied \| )?([a-z0-9.-]+\.[a-z]{2,}) (?:used Cloudflare|\| )`)
	reTextHost  = regexp.MustCompile(`(?i)\b(?:You cannot access|You do not have access to|You are unable to access|access to) ([a-z0-9.-]+\.[a-z]{2,})\b`)
)

// hostFromPage finds the site's name on a pasted block page, so the report
// and the owner message can name it.
func hostFromPage(title string, body []byte) string {
	if m := reTitleHost.FindStringSubmatch(title); m != nil && m[1] != "site.com" {
		return strings.ToLower(m[1])
	}
	p := pagetext.Split(body)
	if m := reTextHost.FindStringSubmatch(p.Text); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}
