package diagnose

import (
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"rayfix/diagnose/pagetext"
	"rayfix/diagnose/places"
	"rayfix/internal/i18n"
)

var sprintf = fmt.Sprintf

var (
	reCfRay      = regexp.MustCompile(`(?i)^\s*([0-9a-f]{16})(?:-([a-z]{3}))?\s*$`)
	rePlainCode  = regexp.MustCompile(`(?i)^\s*error code:\s*(\d{3,4})\s*$`)
	reCodeClass  = regexp.MustCompile(`(?i)class="cf-error-code"[^>]*>\s*(\d{3,4})\s*<`)
	reCodeSpan   = regexp.MustCompile(`(?is)<span[^>]*data-translate="error"[^>]*>\s*Error\s*</span>\s*<span[^>]*>\s*(\d{3,4})\s*</span>`)
	reCodeLabel  = regexp.MustCompile(`(?is)code-label[^>]*>\s*Error code:?\s*(?:<span[^>]*>)?\s*(\d{3,4})`)
	reCodeCustom = regexp.MustCompile(`(?i)class="[^"]*\bcf-error-(\d{3,4})\b`)
	reCodeRef    = regexp.MustCompile(`(?i)Error reference number:?\s*(\d{3,4})\b`)
	reCodeCopied = regexp.MustCompile(`(?i)\bError code:?\s*(\d{4})\b`)
	reCodeJS     = regexp.MustCompile(`errorCode:\s*"?(\d{3,4})\b`)
	reCodeTitle  = regexp.MustCompile(`\|\s*(5\d\d|1\d\d\d):\s`)
	reCodeText   = regexp.MustCompile(`(?:^|\s)Error (5\d\d|1\d\d\d)\b`)

	reRayText  = regexp.MustCompile(`(?i)\bRay ID:?\s*([0-9a-f]{15,16})\b`)
	reRayJS    = regexp.MustCompile(`(?i)\bcRay:\s*['"]([0-9a-f]{16})['"]`)
	reRayURL   = regexp.MustCompile(`(?i)[?&]ray=([0-9a-f]{16})\b`)
	reRayBM    = regexp.MustCompile(`(?i)__CF\$cv\$params\s*=\s*\{\s*r:\s*'([0-9a-f]{16})'`)
	reIPText   = regexp.MustCompile(`(?i)\bYour IP(?: address)?\s*:?\s*(?:Click to reveal\s*)?([0-9a-f:.]{3,45})`)
	reIPFooter = regexp.MustCompile(`(?i)id="cf-footer-ip"[^>]*>\s*([0-9a-f:.]{3,45})\s*<`)
	reIPCopied = regexp.MustCompile(`(?m)^\s*IP:\s*([0-9a-fA-F:.]{3,45})\s*$`)
	reColoText = regexp.MustCompile(`(?i)\bData cent(?:er|re):?\s*([a-z]{3})\d*\b`)
	reChlType  = regexp.MustCompile(`cType:\s*['"]([a-z-]+)['"]`)
	reTagStrip = regexp.MustCompile(`<[^>]*>`)
	// Cloudflare's own plain pages, nginx style: "403 Forbidden … cloudflare".
	reBareCF   = regexp.MustCompile(`^(?:(\d{3}) [A-Za-z][A-Za-z ]{2,40} )+cloudflare(?:-nginx)?$`)
	rePageTime = regexp.MustCompile(`\b(20\d\d-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC\b`)
	reReason   = regexp.MustCompile(`(?i)\bBlock reason:?\s*(.{3,120}?\.)(?:\s|$)`)
)

// challengeMarkers only appear on Cloudflare's challenge interstitials, never
// on a normal page (where Cloudflare may inject /cdn-cgi/challenge-platform/
// scripts/jsd or Bot Fight Mode code, which is why those are not listed).
var challengeMarkers = []string{
	"_cf_chl_opt", "cf-browser-verification", `id="challenge-form"`, "/orchestrate/chl_page",
	"/orchestrate/managed/", "/orchestrate/jsch/", "/orchestrate/captcha/",
	`data-translate="challenge_headline"`, "__cf_chl_captcha_tk__", "__cf_chl_jschl_tk__",
	"__cf_chl_managed_tk__", "/cdn-cgi/l/chk_jschl", "/cdn-cgi/l/chk_captcha",
	"cf-im-under-attack", "cf-challenge-running", "cf_captcha_kind", "cf-hcaptcha-container",
}

// cloudflareTemplateMarkers are parts of Cloudflare's error-page templates
// themselves (not of pages that merely pass through Cloudflare).
var cloudflareTemplateMarkers = []string{
	"cf-error-details", `id="cf-wrapper"`, "/cdn-cgi/styles/", "cferror_details", "cf-error-overview",
	"utm_source=1020_error", "utm_source=errorcode_", `data-translate="block_headline"`,
}

// cloudflareBodyMarkers show that a page was made by Cloudflare's templates.
var cloudflareBodyMarkers = []string{
	"cf-error-details", `id="cf-wrapper"`, "/cdn-cgi/styles/", "cf-error-overview",
	"Cloudflare Ray ID", "CloudFlare Ray ID", "used Cloudflare to restrict access",
	"used CloudFlare to restrict access", "| Cloudflare</title>", "cferror_details",
	`data-translate="block_headline"`, "cf-footer-ip", "utm_source=1020_error",
	"utm_source=errorcode_", "cf-error-code", "Performance &amp; security by",
	// The same pages' visible text, as a visitor copies it.
	"Performance & security by Cloudflare", "Performance & security by CloudFlare",
	"DDoS protection by Cloudflare", "DDoS protection by CloudFlare",
}

// challengeTexts are the visible words of Cloudflare's challenge pages, for
// a page pasted as text. The first are Cloudflare's alone; the others are
// enough only beside Cloudflare's name or a Ray ID (other vendors also
// write "Checking your browser").
var challengeTexts = []string{
	"Please stand by, while we are checking your browser", "Enable JavaScript and cookies to continue",
	"Checking if the site connection is secure",
	"needs to review the security of your connection before proceeding", "Why do I have to complete a CAPTCHA?",
	"Verify you are human by completing the action below", "DDoS protection by Cloudflare", "DDoS protection by CloudFlare",
	"Please enable Cookies and reload the page",
}

var challengeTextsNearCloudflare = []string{
	"Checking your browser before accessing", "Please complete the security check to access", "One more step", "Just a moment",
}

// challengeText says whether a page's visible text is a Cloudflare
// challenge's.
func challengeText(p pagetext.Parts) bool {
	if containsAny(p.Text, challengeTexts) {
		return true
	}
	near := strings.Contains(p.Text, "Cloudflare") || strings.Contains(p.Text, "CloudFlare") || reRayText.MatchString(p.Text)
	return near && containsAny(p.Text, challengeTextsNearCloudflare)
}

// ClassifyPage decides what a response is: a Cloudflare block, a challenge,
// an origin failure, another vendor's refusal, or a normal page. status is 0
// and headers nil for a page the user pasted. It never trusts an error code
// found inside a script: challenge scripts have been seen carrying the
// markup of a 1020 page.
func ClassifyPage(status int, headers http.Header, body []byte) Classification {
	c := Classification{Evidence: []string{}}
	p := pagetext.Split(body)
	c.Title = p.Title
	if headers == nil {
		headers = http.Header{}
	}
	sig := cloudflareSignals(&c, headers, p)
	if !c.Cloudflare {
		classifyOther(&c, status, headers, p)
		return c
	}
	c.Vendor = VendorCloudflare
	c.RayID, c.Colo, c.ClientIP = findRay(p), findColo(p), findClientIP(p)
	c.PageTime = pageTime(p.Text)
	crossCheckRay(&c, sig.headerRay)
	if sig.headerColo != "" {
		c.Colo = sig.headerColo
	}
	switch {
	case classifyChallenge(&c, headers, p, sig.header):
	case classifyByCode(&c, status, p, sig.plainCode):
	case bareCloudflare(p) == 403:
		c.Verdict, c.Product = VerdictBlocked, ProductAccessDenied
		c.note("Cloudflare's own plain \"403 Forbidden\" page (signed \"cloudflare\"): Cloudflare refused the request itself, before it reached the site. The page shows no code or Ray ID, so RayFix cannot tell which setting did it.")
	case strings.Contains(p.Markup, `data-translate="block_headline"`) || !isNormal(status) && strings.Contains(p.Text, "Sorry, you have been blocked"):
		c.Verdict, c.Product = VerdictBlocked, ProductManagedRules
		c.note(`The page says "Sorry, you have been blocked": Cloudflare's WAF block page, which shows no error code. Managed rules (or a custom rule using that page) stopped the request.`)
	default:
		classifyByStatus(&c, status)
	}
	return c
}

// cfSignals is what says a response came from Cloudflare.
type cfSignals struct {
	header                bool // Server: cloudflare or a cf-ray header
	plainCode             int  // an error code in a plain-text body
	headerRay, headerColo string
}

// cloudflareSignals decides whether the response is Cloudflare's, from its
// headers and body, and notes why. A body that looks like Cloudflare's but
// came from another server is the site's own imitation.
func cloudflareSignals(c *Classification, headers http.Header, p pagetext.Parts) cfSignals {
	var sig cfSignals
	server := strings.ToLower(headers.Get("Server"))
	if m := reCfRay.FindStringSubmatch(headers.Get("Cf-Ray")); m != nil {
		sig.headerRay, sig.headerColo = strings.ToLower(m[1]), strings.ToUpper(m[2])
	}
	sig.header = strings.HasPrefix(server, "cloudflare") || headers.Get("Cf-Ray") != ""
	switch {
	case headers.Get("Cf-Ray") != "":
		c.note("The response carries a cf-ray header (%s): it went through Cloudflare.", headers.Get("Cf-Ray"))
	case sig.header:
		c.note("The server calls itself %q: the site is behind Cloudflare.", headers.Get("Server"))
	}
	if !p.IsHTML {
		if m := rePlainCode.FindStringSubmatch(p.Raw); m != nil {
			if n, _ := strconv.Atoi(m[1]); plausibleCode(n) {
				sig.plainCode = n
			}
		}
	}
	cfBody := sig.plainCode > 0 || cloudflareBody(p)
	c.Cloudflare = sig.header || cfBody
	if cfBody && !sig.header && server != "" {
		c.Cloudflare = false
		c.note("The page looks like a Cloudflare page, but it was sent by %q, not by Cloudflare: the site made it itself.", headers.Get("Server"))
	}
	return sig
}

// pageTime is the moment a Cloudflare page prints, always in UTC.
func pageTime(text string) time.Time {
	if m := rePageTime.FindStringSubmatch(text); m != nil {
		if t, err := time.Parse(time.DateTime, m[1]+" "+m[2]); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// cloudflareBody says whether the page itself is one of Cloudflare's, in
// its HTML or in the text a visitor copied from it.
func cloudflareBody(p pagetext.Parts) bool {
	return containsAny(p.Raw, cloudflareBodyMarkers) || containsAny(p.Raw, challengeMarkers) ||
		copiedCloudflareDetails(p) || challengeText(p) || bareCloudflare(p) != 0
}

// bareCloudflare is the status of Cloudflare's own plain page ("403
// Forbidden" over "cloudflare", as nginx writes it), or 0.
func bareCloudflare(p pagetext.Parts) int {
	m := reBareCF.FindStringSubmatch(p.Text)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// isNormal is a status a working page answers with.
func isNormal(status int) bool { return status >= 200 && status < 400 }

// classifyChallenge recognises a Cloudflare challenge page.
func classifyChallenge(c *Classification, headers http.Header, p pagetext.Parts, cfHeader bool) bool {
	mitigated := strings.EqualFold(headers.Get("Cf-Mitigated"), "challenge")
	if !mitigated && !containsAny(p.Raw, challengeMarkers) && !challengeTitle(p, cfHeader) && !challengeText(p) {
		return false
	}
	c.Verdict, c.Product = VerdictChallenge, ProductChallenge
	if mitigated {
		c.note("The cf-mitigated: challenge header marks a Cloudflare challenge page.")
	}
	c.sentence(challengeKind(p))
	return true
}

// classifyByCode reads a Cloudflare error code. A normal page (2xx/3xx)
// can talk about "Error 1020" — a help article, say: codes count there only
// inside Cloudflare's own error template.
func classifyByCode(c *Classification, status int, p pagetext.Parts, plainCode int) bool {
	code, where := plainCode, i18n.N("the plain-text body")
	if code == 0 && (!isNormal(status) || containsAny(p.Markup, cloudflareTemplateMarkers)) {
		code, where = extractCode(p)
	}
	if code == 0 {
		return false
	}
	info, known := lookupCode(code)
	c.ErrorCode, c.Verdict, c.Product, c.Reason, c.Meaning = code, info.verdict, info.product, info.reason, info.explain
	if known {
		c.note("Cloudflare error %d, “%s”, read from %s.", code, phrase(info.reason), phrase(where))
	} else {
		c.note("Cloudflare error %d, read from %s; this code is not one we know well.", code, phrase(where))
	}
	if code == 1015 || status == 429 && c.Verdict == VerdictBlocked {
		c.Verdict, c.Product = VerdictRateLimited, ProductRateLimiting
	}
	if status > 0 && !statusFits(code, status) {
		c.note("The HTTP status %d is unusual for error %d.", status, code)
	}
	return true
}

// classifyByStatus is what is left: a site behind Cloudflare answering with
// no Cloudflare page of its own.
func classifyByStatus(c *Classification, status int) {
	switch {
	case status == 429:
		c.Verdict, c.Product = VerdictRateLimited, ProductRateLimiting
		c.note("HTTP status 429 (Too Many Requests) from a site behind Cloudflare.")
	case status >= 500:
		c.Verdict, c.Product = VerdictOriginError, ProductOrigin
		c.Vendor = VendorNone
		c.note("HTTP status %d without a Cloudflare error page: the site's own server failed and Cloudflare passed its answer on.", status)
	case status == 401 || status == 403 || status == 451:
		c.Verdict, c.Vendor = VerdictDenied, VendorNone
		c.note("HTTP status %d without a Cloudflare block page: the site's own server refused the request; Cloudflare only passed it on.", status)
	case status > 0:
		c.Verdict = VerdictOK
		c.note("HTTP status %d: the site answered normally.", status)
	default:
		c.Verdict = VerdictOK
		c.note("No block, challenge or error page was found in this text.")
	}
}

func containsAny(s string, subs []string) bool {
	for _, m := range subs {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// challengeTitle catches challenge pages whose markers were stripped (a page
// saved without scripts): the title is shared with nothing else of Cloudflare's.
func challengeTitle(p pagetext.Parts, cfHeader bool) bool {
	t := strings.ToLower(p.Title)
	if t == "just a moment..." || strings.HasPrefix(t, "please wait... | cloudflare") {
		return true
	}
	return strings.HasPrefix(t, "attention required! | cloudflare") && strings.Contains(p.Text, "One more step")
}

func challengeKind(p pagetext.Parts) string {
	if m := reChlType.FindStringSubmatch(p.Raw); m != nil {
		switch m[1] {
		case "managed":
			return i18n.N("The page is a Cloudflare Managed Challenge: it decides by itself whether to ask you to click a box.")
		case "non-interactive":
			return i18n.N("The page is a Cloudflare JavaScript challenge: it checks your browser automatically, in about five seconds.")
		case "interactive":
			return i18n.N("The page is a Cloudflare Interactive Challenge: you are asked to click a box or solve a puzzle.")
		}
	}
	switch {
	case strings.Contains(p.Raw, "cf-im-under-attack") || strings.Contains(p.Raw, "jschl"):
		return i18n.N(`The page is Cloudflare's "I'm Under Attack" JavaScript check.`)
	case strings.Contains(p.Raw, "hcaptcha") || strings.Contains(p.Raw, "recaptcha") || strings.Contains(p.Raw, "captcha"):
		return i18n.N("The page is a Cloudflare CAPTCHA challenge: you are asked to prove you are human.")
	case strings.Contains(p.Raw, "turnstile"):
		return i18n.N("The page is a Cloudflare Turnstile challenge.")
	}
	return i18n.N("The page is a Cloudflare challenge page: a check that you are human.")
}

// extractCode reads a Cloudflare error code from the page markup, in the
// order that is most reliable across the template eras.
func extractCode(p pagetext.Parts) (int, string) {
	tries := []struct {
		re    *regexp.Regexp
		in    string
		where string
	}{
		{reCodeClass, p.Markup, i18n.N("the cf-error-code element")},
		{reCodeSpan, p.Markup, i18n.N("the page heading")},
		{reCodeLabel, p.Markup, i18n.N(`the "Error code" label`)},
		{reCodeCustom, p.Markup, i18n.N("the cf-error box of a custom error page")},
		{reCodeRef, p.Text, i18n.N(`"Error reference number"`)},
		{reCodeCopied, p.Text, i18n.N(`the copied "Error code" details`)},
		{reCodeJS, feedbackScript(p.Scripts), i18n.N("the page's feedback script")},
		{reCodeTitle, p.Title, i18n.N("the page title")},
		{reCodeText, p.Text, i18n.N("the page text")},
	}
	for _, t := range tries {
		if m := t.re.FindStringSubmatch(t.in); m != nil {
			if n, _ := strconv.Atoi(m[1]); plausibleCode(n) {
				return n, t.where
			}
		}
	}
	return 0, ""
}

func statusFits(code, status int) bool {
	switch {
	case code >= 500 && code < 600:
		return status == code
	case code == 1015:
		return status == 429
	case code == 1016 || code == 1033:
		return status == 530
	case code >= 1000 && code < 1100:
		return status == 403 || status == 409 || status == 530 || status == 400
	}
	return true
}

func findRay(p pagetext.Parts) string {
	for _, m := range []struct {
		re *regexp.Regexp
		in string
	}{{reRayText, p.Text}, {reRayJS, p.Scripts}, {reRayURL, p.Raw}, {reRayBM, p.Scripts}} {
		if s := m.re.FindStringSubmatch(m.in); s != nil {
			return strings.ToLower(s[1])
		}
	}
	return ""
}

func crossCheckRay(c *Classification, headerRay string) {
	switch {
	case headerRay == "":
	case c.RayID == "":
		c.RayID = headerRay
		c.note("Ray ID %s taken from the cf-ray header.", headerRay)
	case c.RayID != headerRay:
		c.note("The Ray ID on the page (%s) differs from the cf-ray header (%s): the page may be a copy; the header's Ray ID is the real one.", c.RayID, headerRay)
		c.RayID = headerRay
	default:
		c.note("The Ray ID on the page matches the cf-ray header.")
	}
	if c.RayID != "" && len(c.RayID) != 16 {
		c.note("The Ray ID %s is shorter than the usual 16 characters; it may have been shortened when copied.", c.RayID)
	}
}

func findClientIP(p pagetext.Parts) string {
	for _, m := range []struct {
		re *regexp.Regexp
		in string
	}{{reIPFooter, p.Markup}, {reIPText, p.Text}, {reIPCopied, p.Raw}} {
		for _, s := range m.re.FindAllStringSubmatch(m.in, 4) {
			cand := strings.TrimRight(s[1], ".:")
			if ip := net.ParseIP(cand); ip != nil {
				return ip.String()
			}
		}
	}
	return ""
}

func findColo(p pagetext.Parts) string {
	if m := reColoText.FindStringSubmatch(p.Text); m != nil {
		return strings.ToUpper(m[1])
	}
	if i := strings.Index(p.Markup, `id="cf-cloudflare-status"`); i >= 0 {
		seg := p.Markup[i:min(len(p.Markup), i+2000)]
		for _, part := range strings.Split(reTagStrip.ReplaceAllString(seg, "\n"), "\n") {
			if code := places.ColoByCity(part); code != "" {
				return code
			}
		}
	}
	return ""
}

// copiedCloudflareDetails recognises the text a visitor copies from the
// "Error details" box of the 2023 block page: a Ray ID next to an error code
// or a data centre, with no markup at all.
func copiedCloudflareDetails(p pagetext.Parts) bool {
	m := reRayText.FindStringSubmatch(p.Text)
	if m == nil || len(m[1]) != 16 {
		return false
	}
	return reCodeCopied.MatchString(p.Text) || reColoText.MatchString(p.Text)
}

// plausibleCode accepts the ranges Cloudflare uses for its page codes:
// 5xx origin errors and the 1xxx family.
func plausibleCode(n int) bool {
	return n >= 500 && n < 600 || n >= 1000 && n < 1300
}

// feedbackScript returns the scripts only when they hold the error page's
// feedback call (2022+ templates post {event:"feedback clicked",
// properties:{errorCode:N}}). Any other script's "errorCode" is ignored:
// codes found in arbitrary scripts are never trusted.
func feedbackScript(scripts string) string {
	if strings.Contains(scripts, "feedback clicked") {
		return scripts
	}
	return ""
}
