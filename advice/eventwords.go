package advice

import (
	"fmt"
	"strings"

	"rayfix/cfapi"
	"rayfix/events"
	"rayfix/internal/words"
	"rayfix/siteplan"
)

// eventAction says what an action Security Events records did to the
// request, and whether the request was stopped. Only stopped requests get
// fixes: a skip, an allow, a log or a passed challenge is not a block.
func eventAction(action string) (did string, stopped bool) {
	a := strings.ToLower(action)
	switch {
	case a == "block" || a == "connection_close" || a == "force_connection_close":
		return "blocked", true
	case strings.HasSuffix(a, "_solved"):
		return "challenged, and the visitor passed the check", false
	case strings.HasSuffix(a, "_failed"):
		return "challenged, and the check failed", true
	case strings.HasSuffix(a, "_bypassed") || a == "managed_challenge_skipped":
		return "let through without a challenge", false
	case strings.Contains(a, "challenge"):
		return "challenged", true
	case a == "skip":
		return "let past the checks this rule skips", false
	case a == "allow" || a == "bypass":
		return "let through", false
	case a == "log":
		return "only logged (it did not stop)", false
	}
	return "acted on", true
}

// sourceNames are the products Security Events names, in words.
var sourceNames = map[string]string{
	"uablock": "User Agent Blocking", "zonelockdown": "Zone Lockdown", "bic": "Browser Integrity Check",
	"hot": "Hotlink Protection", "securitylevel": "the Security Level", "ratelimit": "a rate limiting rule",
	"firewallmanaged": "Cloudflare's managed rules", "waf": "Cloudflare's managed rules", "firewallcustom": "a custom rule",
	"l7ddos": "Cloudflare's DDoS protection", "botfight": "Bot Fight Mode", "botfightmode": "Bot Fight Mode",
	"superbotfightmode": "Super Bot Fight Mode", "ip": "an IP Access rule", "iprange": "an IP Access rule",
	"asn": "an IP Access rule", "country": "an IP Access rule", "validation": "Cloudflare's request validation",
	"apishield": "API Shield", "dlp": "Data Loss Prevention", "firewallrules": "a legacy Firewall Rule",
}

// sourceName is the product that acted, in words; one RayFix does not
// know is said to be one.
func sourceName(source string) string {
	if n, ok := sourceNames[normSource(source)]; ok {
		return n
	}
	return "a Cloudflare feature RayFix does not recognise"
}

func normSource(source string) string {
	return strings.ToLower(strings.ReplaceAll(source, "_", ""))
}

// accessRuleName names an IP Access rule by what it does and matches, and
// its notes: "the IP Access rule that challenges the network AS14061 (Scrapers)".
func accessRuleName(a *cfapi.AccessRule) string {
	what := accessTargetWords(a)
	verb := map[string]string{"block": "blocks", "whitelist": "allows"}[a.Mode]
	if verb == "" {
		verb = "challenges"
	}
	name := fmt.Sprintf("the IP Access rule that %s %s", verb, what)
	if a.Notes != "" {
		name += " (“" + a.Notes + "”)"
	}
	return name
}

// accessTargetWords is whom an IP Access rule is about: "the network AS14061".
func accessTargetWords(a *cfapi.AccessRule) string {
	what := map[string]string{"country": "visitors from " + siteplan.CountryOnly(a.Configuration.Value), "asn": "the network " + a.Configuration.Value,
		"ip_range": "the IP range " + a.Configuration.Value}[a.Configuration.Target]
	if what == "" {
		what = "the IP address " + a.Configuration.Value
	}
	return what
}

// attackSigns are what make a request itself look like an attack: attack
// tools' user agents and payloads in the user agent, path or query.
var attackSigns = []string{"${jndi:", "sqlmap", "nikto", "nmap", "masscan", "zgrab", "wpscan", "acunetix", "nessus",
	"union select", "union+select", "<script", "%3cscript", "../", "..%2f", "/etc/passwd", "' or '1'='1", "or+1=1", "xp_cmdshell", "${"}

// attackSign returns what makes the event's request look like a real
// attack, or "".
func attackSign(ev *events.Event) string {
	text := strings.ToLower(ev.UserAgent + " " + ev.Path + " " + ev.Query)
	for _, s := range attackSigns {
		if strings.Contains(text, s) {
			return s
		}
	}
	return ""
}

// GroupName names a group of blocks in "who is being blocked" with the
// words a Ray ID explanation uses: the rule, the IP Access rule it is
// (with the site), or the product.
func GroupName(site *siteplan.Site, g events.BlockGroup) string {
	ev := &events.Event{RuleID: g.RuleID, Source: g.Source, Description: g.Rule}
	if site != nil {
		return words.Capitalize(actorName(site, ev))
	}
	if g.Rule != "" && g.Rule != g.Source {
		return "“" + g.Rule + "”"
	}
	return words.Capitalize(sourceName(g.Source))
}
