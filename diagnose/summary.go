package diagnose

import (
	"strings"

	"rayfix/diagnose/address"
	"rayfix/diagnose/places"
	"rayfix/diagnose/vendors"
	"rayfix/internal/i18n"
)

// Summarize gives the one-line headline and one paragraph of explanation a
// visitor reads first: what blocked them, whether it is about them or about
// the site, and what it means.
func Summarize(r Report) (headline, explanation string) {
	host := hostOf(r.URL)
	if host == "" {
		host = r.tr("this site") // a pasted page that does not name its site
	}
	by := map[Verdict]func(Report, string) (string, string){VerdictBlocked: blockedSummary, VerdictRateLimited: rateLimitedSummary, VerdictChallenge: challengeSummary, VerdictOriginError: originSummary, VerdictDNSError: dnsSummary, VerdictDenied: deniedSummary, VerdictUnreachable: unreachableSummary}
	if f, ok := by[r.Verdict]; ok {
		return f(r, host)
	}
	return okSummary(r, host)
}

// okSummary is a page that answered normally — or, pasted, a page with
// nothing on it that refuses anyone.
func okSummary(r Report, host string) (string, string) {
	t, gap := r.tr, r.gap()
	if r.Pasted {
		return t("This page does not look like an error page"),
			t("Nothing on the page you pasted refuses you, checks you or reports an error. If your browser shows something else when you open the site, select all of that page, copy it and paste it here — or save it and open the file.")
	}
	e := t("{{host}} answered normally (HTTP {{status}}).", "host", host, "status", r.Status)
	if r.PlainUA != nil && r.PlainUA.Verdict != VerdictOK {
		e += gap + t("It does turn away plain programs, so a script or app may be refused while your browser is not.")
	}
	e += gap + t("If your browser still shows an error, the difference is in the browser: an extension, a VPN only in the browser, or old cookies. Paste the error page into RayFix to read it.")
	return t("Nothing is blocking you from here"), e
}

func rateLimitedSummary(r Report, host string) (string, string) {
	t := r.tr
	h := t("You are being rate limited — wait a few minutes")
	if r.RetryAfter > 0 {
		h = t("You are being rate limited — wait about {{wait}}", "wait", r.humanWait(r.RetryAfter))
	}
	if r.ErrorCode != 0 {
		h += t(" (Error {{code}})", "code", r.ErrorCode)
	}
	return h, t("{{who}} allows only so many requests in a short time, and requests from your address went over that limit. "+
		"This is temporary: it lifts by itself once you stop for a while. Reloading again and again makes it last longer. "+
		"If many people share your address (an office, a school, a VPN), their requests count together.", "who", siteWho(r, host))
}

func challengeSummary(r Report, host string) (string, string) {
	t := r.tr
	switch r.Vendor {
	case VendorCloudflare, VendorNone:
		return t("Cloudflare wants to check you're human"),
			t("{{Host}} asks Cloudflare to check visitors before letting them in. This is not a block: in a normal browser with JavaScript and cookies allowed, the check usually passes by itself or after one click. "+
				"Cloudflare shows it more often to addresses with a poor reputation, such as shared VPN exits.", "Host", capitalize(host))
	case VendorUnknown:
		return t("A check that you're human — from a system RayFix does not recognise"),
			t("The page says {{said}}. RayFix does not recognise whose check it is, so it cannot say more about why it appeared; in a normal browser with JavaScript and cookies allowed such checks usually pass.", "said", quotes(r.Said).in(i18n.Tag(r.Language)))
	}
	name := r.tr(VendorName(r.Vendor))
	e := t("{{Host}} uses {{vendor}}, which shows a check page before letting visitors in. In a normal browser with JavaScript and cookies allowed it usually passes by itself within seconds.", "Host", capitalize(host), "vendor", name)
	if v := vendors.ByID(string(r.Vendor)); v != nil && v.BotManager {
		e = t("{{Host}} uses {{vendor}}, a bot manager: it judges your browser itself — whether JavaScript and cookies work, and whether anything makes the browser look automated (extensions that change it, automation tools). In a normal browser it passes, sometimes after you solve a puzzle or press and hold a button.", "Host", capitalize(host), "vendor", name)
	}
	return t("{{vendor}} wants to check you're human", "vendor", name), e
}

func originSummary(r Report, host string) (string, string) {
	t := r.tr
	h := t("The site itself is down — not you")
	if r.ErrorCode != 0 {
		h += t(" (Error {{code}})", "code", r.ErrorCode)
	}
	switch {
	case r.FailureKind == "redirects":
		return h, t("The site keeps redirecting to itself, so no page ever loads. This is a setting the owner must fix (often the HTTPS setting between Cloudflare and the server).")
	case r.ErrorCode >= 520 && r.ErrorCode <= 530:
		return h, t("Cloudflare reached out to the site's own server for you, and that server failed ({{reason}}). Nothing you change will fix it; the owner has to.", "reason", t(r.Reason))
	case r.Product == ProductWorker:
		return h, t("The site's own code running on Cloudflare (a Worker) failed. The owner has to fix it.")
	}
	return h, t("The site's server answered with an error. Nothing is blocking you: the site is broken for everyone right now, or overloaded.")
}

func dnsSummary(r Report, host string) (string, string) {
	t, gap := r.tr, r.gap()
	if r.ErrorCode != 0 {
		h := t("The site's setup on Cloudflare is broken (Error {{code}})", "code", r.ErrorCode)
		if r.Meaning != "" {
			return h, t(r.Meaning) + gap + t("This is the owner's configuration, not you: only they can fix it.")
		}
		return h, t("Cloudflare could not reach the site's server: {{reason}}. This is the owner's configuration, not you.", "reason", t(r.Reason))
	}
	if r.FailureKind == "lookup" {
		return t("Your computer could not look up the site's address"),
			t("Finding the site's server by its name failed on this computer, before the site was even asked. That usually means no internet connection, or a DNS server (your router's or your provider's) that is not answering — not a problem with the site or with a block.")
	}
	return t("The site's address cannot be found"), t("The name in the address does not lead to any server. Check the address for typos; if it is right, the site's domain may have expired or be misconfigured.")
}

func deniedSummary(r Report, host string) (string, string) {
	t, gap := r.tr, r.gap()
	switch r.Vendor {
	case VendorUnknown:
		e := t("The page says {{said}}. RayFix does not recognise whose system wrote it — the site's own server or a firewall in front of it — so it cannot tell you which rule it was.", "said", quotes(r.Said).in(i18n.Tag(r.Language)))
		if r.ReferenceID != "" {
			e += gap + t("The page gives the reference {{ref}}: the site's owner can look it up.", "ref", r.ReferenceID)
		}
		return t("Something refused you — RayFix does not recognise whose system it is"), e
	case VendorNone:
		h := t("The site's own server refused you")
		if r.Status > 0 {
			h += t(" (HTTP {{status}})", "status", r.Status)
		}
		e := t("This refusal comes from the website's own server, not from a firewall in front of it.")
		if r.Cloudflare {
			e += gap + t("Cloudflare only passed the answer along.")
		}
		return h, e + gap + t("It may need a login, or the page may be private.")
	}
	name := r.tr(VendorName(r.Vendor))
	e := t("{{Host}} is protected by {{vendor}}, which refused this request. Cloudflare is not involved, so the advice and fixes for Cloudflare errors do not apply; the site owner can check their {{vendor}} settings.", "Host", capitalize(host), "vendor", name)
	if r.BlockReason != "" {
		e += gap + t("The reason the page gives: {{reason}}", "reason", r.BlockReason)
	}
	if r.ReferenceID != "" {
		e += gap + t("The page's reference, {{ref}}, lets them find this request.", "ref", r.ReferenceID)
	}
	return t("Access denied by {{vendor}} — not Cloudflare", "vendor", name), e
}

func unreachableSummary(r Report, host string) (string, string) {
	t := r.tr
	switch r.FailureKind {
	case "tls":
		return t("The site's secure connection is broken"), strings.Join(r.Evidence, " ")
	case "cancelled":
		return t("Check cancelled"), t("The check was stopped before it finished.")
	}
	return t("Couldn't reach the site"), firstOr(r.Evidence, t("The site did not answer.")) + r.gap() + t("This can be your connection, or the site being down.")
}

func blockedSummary(r Report, host string) (string, string) {
	code := ""
	if r.ErrorCode != 0 {
		code = r.tr(" — Error {{code}}", "code", r.ErrorCode)
	}
	h, e := blockedWords(r)
	return r.tr(h) + code, r.tr(e, "host", host, "ip", orUnknown(r.ClientIP), "country", places.CountryIn(r.Country, i18n.Tag(r.Language)), "Host", capitalize(host))
}

// blockedText is the headline and explanation for each product that
// blocks, as sentences to translate: {{host}} is the site, {{Host}} the
// same at the start of a sentence, {{ip}} and {{country}} the visitor's.
var blockedText = map[Product][2]string{
	ProductCustomRule: {
		i18n.N("The site's Cloudflare firewall blocked you"),
		i18n.N("The owner of {{host}} set up a custom firewall rule in Cloudflare, and your request matched it. Such rules usually look at your country, your network or VPN, your browser, or the page you asked for. Cloudflare itself has nothing against you; only the site's owner can change the rule. The Ray ID lets them find exactly which rule it was."),
	},
	ProductIPAccessRule: {
		i18n.N("Your IP address is blocked on this site"),
		i18n.N("The owner of {{host}} blocked the IP address you are using ({{ip}}) with an IP Access rule. If you share that address (a VPN, a company or mobile network), someone else's behaviour may have caused it."),
	},
	ProductCountryBlock: {
		i18n.N("The site blocks visitors from your country"),
		i18n.N("The owner of {{host}} blocked visitors from {{country}}. A VPN or travel can make you appear in a different country than you are."),
	},
	ProductASNBlock: {
		i18n.N("The site blocks your network provider"),
		i18n.N("The owner of {{host}} blocked the whole network (ISP, hosting company or VPN provider) your address belongs to. Another network, such as mobile data, is likely to work."),
	},
	ProductBrowserIntegrity: {
		i18n.N("Cloudflare's browser check refused your browser"),
		i18n.N("Cloudflare's Browser Integrity Check on {{host}} found something unusual in the headers your browser sent, often caused by a privacy extension, an old browser or a proxy that rewrites headers."),
	},
	ProductHotlink: {
		i18n.N("Hotlinking is not allowed"),
		i18n.N("The site only serves this file (usually an image) when it is shown on the site's own pages. Open the page that contains it instead."),
	},
	ProductZoneLockdown: {
		i18n.N("This part of the site is locked to certain addresses"),
		i18n.N("The owner of {{host}} allows only specific IP addresses (an office, staff) into this part of the site. Others cannot get in without the owner adding them."),
	},
	ProductManagedRules: {
		i18n.N("Cloudflare's security rules blocked this request"),
		i18n.N("{{Host}} uses Cloudflare's managed rules (the WAF), which block requests that look like attacks. Something in your request — a form entry, the address, a browser extension's changes — looked suspicious. This is usually a false alarm the owner can fix with the Ray ID."),
	},
	ProductDirectIP: {
		i18n.N("Open the site by its name, not by an address"),
		i18n.N("The address you opened is one of Cloudflare's IP addresses, not the site's name. Cloudflare serves many sites from the same addresses and needs the name to know which one you want, so it refuses the request. This is not a block against you."),
	},
	ProductClientMismatch: {
		i18n.N("The secure connection asked for a different site"),
		i18n.N("Your browser — or something between it and the site, such as a proxy, antivirus software that scans HTTPS, or a VPN app — named one site when setting up the secure connection and another in the request. Cloudflare refuses such requests. It is not a block against you."),
	},
	ProductPlanLimit: {
		i18n.N("The site is temporarily unavailable"),
		i18n.N("The site has gone over a limit of its Cloudflare plan. It is not about you; try again later."),
	},
}

// blockedOther is blockedText for a product without words of its own.
var blockedOther = [2]string{
	i18n.N("Access denied by the site's Cloudflare settings"),
	i18n.N("Cloudflare refused this request on behalf of {{host}}. Only the owner can change that; the Ray ID tells them which setting did it."),
}

// blockedWords are the headline and explanation for the product that
// blocked.
func blockedWords(r Report) (string, string) {
	w, ok := blockedText[r.Product]
	if !ok {
		w = blockedOther
	}
	return w[0], w[1]
}

func siteWho(r Report, host string) string {
	who := r.tr("The site {{host}}", "host", host)
	if host == r.tr("this site") {
		who = r.tr("This site")
	}
	if r.Cloudflare {
		return r.tr("{{who}} (through Cloudflare's rate limiting)", "who", who)
	}
	return who
}

// hostOf is the site's name, as a person writes it.
func hostOf(raw string) string {
	s := raw
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	return address.HostName(s)
}

// capitalize starts a sentence: "this site" → "This site".
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// humanWait is how long to wait, in the report's language.
func (r Report) humanWait(seconds int) string {
	return spanIn(i18n.Tag(r.Language), seconds)
}

// spanIn is a span of time in a language's words: "40 seconds",
// "3 minutes", "2 hours" — never Go's "40s".
func spanIn(lang i18n.Tag, seconds int) string {
	switch {
	case seconds < 90:
		return i18n.T(lang, "{{n}} seconds", "n", seconds)
	case seconds < 90*60:
		return i18n.T(lang, "{{n}} minutes", "n", (seconds+59)/60)
	}
	return i18n.T(lang, "{{n}} hours", "n", (seconds+3599)/3600)
}

// gap is what goes between two sentences in the report's language.
func (r Report) gap() string { return i18n.SentenceGap(i18n.Tag(r.Language)) }
