package diagnose

import (
	"net/http"
	"regexp"
	"strings"
	"time"

	"rayfix/diagnose/pagetext"
	"rayfix/diagnose/vendors"
)

// classifyOther handles a response that did not come through Cloudflare:
// another vendor's page, the site's own refusal, a refusal by a system
// RayFix does not recognise, or a page that refuses nobody.
func classifyOther(c *Classification, status int, h http.Header, p pagetext.Parts) {
	vp := vendors.Page{Status: status, Header: h, Raw: p.Raw, Text: p.Text, Title: p.Title}
	c.ClientIP = findClientIP(p)
	if v, ev := vendors.Find(vp); v != nil {
		c.Vendor = Vendor(v.ID)
		c.sentence(ev)
		c.ReferenceID = v.Reference(vp)
		if m := reReason.FindStringSubmatch(vp.Text); m != nil {
			c.BlockReason = m[1]
		}
		if t, ok := v.ReferenceTime(c.ReferenceID); ok {
			c.PageTime = t
		} else {
			c.PageTime, c.PageTimeText = printedTime(vp.Text)
		}
		c.Verdict = vendorVerdict(v, status, vp)
		switch c.Verdict {
		case VerdictDenied:
			c.note("%s refused the request. This is not Cloudflare, so Cloudflare's settings cannot change it.", v.Name)
		case VerdictChallenge:
			c.note("%s is checking that you are a person.", v.Name)
		}
		return
	}
	if status == 0 {
		classifyPastedOther(c, vp)
		return
	}
	switch {
	case status == 429:
		c.Verdict = VerdictRateLimited
		c.note("HTTP status 429 (Too Many Requests) from the site's own server.")
	case status == 401 || status == 403 || status == 451:
		c.Verdict = VerdictDenied
		c.note("HTTP status %d from the site's own server: it refused the request. The site is not behind Cloudflare, so this is not a Cloudflare block.", status)
	case status >= 500:
		c.Verdict = VerdictOriginError
		c.note("HTTP status %d: the site's own server failed.", status)
	default:
		c.Verdict = VerdictOK
		c.note("HTTP status %d: the site answered normally.", status)
	}
}

// classifyPastedOther reads a pasted page no vendor was recognised on. It
// was pasted because something refused the visitor: its words decide, and
// "ok" only when nothing on it refuses anyone.
func classifyPastedOther(c *Classification, vp vendors.Page) {
	kind, said := vendors.Refusal(vp)
	if server := webServer(vp.Text); server != "" && kind == vendors.Denied {
		c.Verdict = VerdictDenied
		c.note("The page is a plain %s refusal (%s): the site's own web server refused the request, not a firewall in front of it.", server, quotes(said))
		return
	}
	if kind == "" {
		c.Verdict = VerdictOK
		c.NotAnError = true
		c.note("Nothing on this page refuses you: it does not look like an error or block page.")
		return
	}
	c.Verdict, c.Vendor = Verdict(kind), VendorUnknown
	c.Said = said
	c.ReferenceID = genericReference(vp.Text)
	c.note("The page says %s, but RayFix does not recognise whose system made it: it could be the site's own server or a firewall in front of it.", quotes(said))
}

// webServers are the default refusal pages of web servers, by a phrase of
// theirs: such a page is the site's own server speaking.
var webServers = []struct{ name, sign string }{
	{"nginx", "nginx"}, {"Apache", "Apache/"}, {"Apache", "Apache Server at"}, {"Microsoft IIS", "Microsoft-IIS"},
	{"LiteSpeed", "LiteSpeed Web Server"}, {"OpenResty", "openresty"}, {"HAProxy", "Request forbidden by administrative rules"},
	{"Caddy", "Caddy"}, {"Microsoft IIS", "You do not have permission to view this directory or page using the credentials that you supplied"},
}

func webServer(text string) string {
	for _, w := range webServers {
		if strings.Contains(text, w.sign) {
			return w.name
		}
	}
	return ""
}

var (
	reStampZoned = regexp.MustCompile(`\b(20\d\d-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.\d+)?(Z| UTC| GMT)`)
	reStamp      = regexp.MustCompile(`\b(20\d\d-\d\d-\d\d[ T]\d\d:\d\d:\d\d)\b`)
	reRFC1123    = regexp.MustCompile(`\b[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} 20\d\d \d\d:\d\d:\d\d GMT\b`)
)

// printedTime is the moment a non-Cloudflare page prints: in UTC when it
// names its zone (UTC, GMT, Z), else as printed, its zone unknown.
func printedTime(text string) (time.Time, string) {
	if m := reStampZoned.FindStringSubmatch(text); m != nil {
		if t, err := time.Parse(time.DateTime, m[1]+" "+m[2]); err == nil {
			return t.UTC(), ""
		}
	}
	if m := reRFC1123.FindString(text); m != "" {
		if t, err := time.Parse(time.RFC1123, m); err == nil {
			return t.UTC(), ""
		}
	}
	if m := reStamp.FindString(text); m != "" {
		return time.Time{}, strings.Replace(m, "T", " ", 1)
	}
	return time.Time{}, ""
}

// reGenericRef is a reference a support team asks for, on a page from a
// system RayFix does not recognise.
var reGenericRef = regexp.MustCompile(`(?i)\b(?:reference|incident|support|request|event|block|case)\s*(?:id|#|number|no\.?)\s*(?:is)?\s*[:#]?\s*([A-Za-z0-9][A-Za-z0-9.\-]{5,63})`)

func genericReference(text string) string {
	if m := reGenericRef.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

func vendorVerdict(v *vendors.Vendor, status int, vp vendors.Page) Verdict {
	if v.IsCheck(vp) {
		return VerdictChallenge
	}
	switch {
	case status == 429:
		return VerdictRateLimited
	case status >= 500:
		return VerdictOriginError
	case status == 401 || status == 403 || status == 451 || status == 406:
		return VerdictDenied
	case status == 0 || !(status >= 200 && status < 300):
		// A pasted page of a vendor's, or an odd status: its words decide.
		if kind, _ := vendors.Refusal(vp); kind != "" {
			return Verdict(kind)
		}
		if status == 0 {
			return VerdictDenied // a vendor's page pasted because it stopped the visitor
		}
	}
	return VerdictOK
}
