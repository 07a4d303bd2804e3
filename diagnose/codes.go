package diagnose

import "rayfix/internal/i18n"

// codeInfo says what a Cloudflare error code means for a visitor.
type codeInfo struct {
	verdict Verdict
	product Product
	reason  string // Cloudflare's own short name for the error (marked for translation)
	explain string // what it means, when the family's words do not fit
}

// cloudflareCodes maps Cloudflare's 1xxx and 5xx page codes to a verdict and
// the product that most likely produced them (Cloudflare's 1xxx error docs).
var cloudflareCodes = map[int]codeInfo{
	1000: {VerdictDNSError, ProductDNS, i18n.N("DNS points to a prohibited IP"), i18n.N("The site's DNS record points at one of Cloudflare's own addresses, which Cloudflare will not use as the site's server.")},
	1001: {VerdictDNSError, ProductDNS, i18n.N("DNS resolution error"), i18n.N("The name leads to Cloudflare, but no Cloudflare site is set up for it (often a site that moved or was removed).")},
	1002: {VerdictDNSError, ProductDNS, i18n.N("DNS points to a prohibited IP"), i18n.N("The site's DNS record points at an address Cloudflare will not use as the site's server.")},
	1003: {VerdictBlocked, ProductDirectIP, i18n.N("Direct IP access not allowed"), ""},
	1004: {VerdictDNSError, ProductDNS, i18n.N("Host not configured to serve web traffic"), i18n.N("Cloudflare knows this name but is not set to serve web pages for it (a new or unfinished setup).")},
	1005: {VerdictBlocked, ProductASNBlock, i18n.N("Access denied (your network, ASN, is banned)"), ""},
	1006: {VerdictBlocked, ProductIPAccessRule, i18n.N("Access denied (your IP address is banned)"), ""},
	1007: {VerdictBlocked, ProductIPAccessRule, i18n.N("Access denied (your IP address is banned)"), ""},
	1008: {VerdictBlocked, ProductIPAccessRule, i18n.N("Access denied (your IP address is banned)"), ""},
	1009: {VerdictBlocked, ProductCountryBlock, i18n.N("Access denied (your country or region is banned)"), ""},
	1010: {VerdictBlocked, ProductBrowserIntegrity, i18n.N("Access denied (your browser's signature was banned)"), ""},
	1011: {VerdictBlocked, ProductHotlink, i18n.N("Access denied (hotlinking denied)"), ""},
	1012: {VerdictBlocked, ProductAccessDenied, i18n.N("Access denied"), ""},
	1013: {VerdictBlocked, ProductClientMismatch, i18n.N("HTTP hostname and TLS SNI mismatch"), ""},
	1014: {VerdictDNSError, ProductDNS, i18n.N("CNAME cross-user banned"), i18n.N("The site's DNS points to a name on another Cloudflare account, which Cloudflare does not allow.")},
	1015: {VerdictRateLimited, ProductRateLimiting, i18n.N("You are being rate limited"), ""},
	1016: {VerdictDNSError, ProductDNS, i18n.N("Origin DNS error"), i18n.N("Cloudflare could not find the address of the site's own server: its DNS record for the server is missing or wrong.")},
	1018: {VerdictDNSError, ProductDNS, i18n.N("Could not find host"), i18n.N("Cloudflare cannot find the site for this name: it may have been removed from Cloudflare or set up wrong.")},
	1019: {VerdictOriginError, ProductWorker, i18n.N("Compute server error"), ""},
	1020: {VerdictBlocked, ProductCustomRule, i18n.N("Access denied (a firewall rule of the site blocked you)"), ""},
	1023: {VerdictDNSError, ProductDNS, i18n.N("Could not find host"), i18n.N("Cloudflare cannot find the site for this name: it may have been removed from Cloudflare or set up wrong.")},
	1025: {VerdictBlocked, ProductPlanLimit, i18n.N("Please check back later"), ""},
	1033: {VerdictOriginError, ProductTunnel, i18n.N("Cloudflare Tunnel error"), ""},
	1034: {VerdictDNSError, ProductDNS, i18n.N("Edge IP restricted"), i18n.N("The site's DNS points to a Cloudflare address the site may not use.")},
	1101: {VerdictOriginError, ProductWorker, i18n.N("Worker threw exception"), ""},
	1102: {VerdictOriginError, ProductWorker, i18n.N("Worker exceeded resource limits"), ""},
	1106: {VerdictBlocked, ProductZoneLockdown, i18n.N("Access denied (the site is locked down to certain IPs)"), ""},
	1200: {VerdictOriginError, ProductOrigin, i18n.N("Cache connection limit"), ""},
	500:  {VerdictOriginError, ProductOrigin, i18n.N("Internal server error"), ""},
	502:  {VerdictOriginError, ProductOrigin, i18n.N("Bad gateway"), ""},
	503:  {VerdictOriginError, ProductOrigin, i18n.N("Service unavailable"), ""},
	504:  {VerdictOriginError, ProductOrigin, i18n.N("Gateway timeout"), ""},
	520:  {VerdictOriginError, ProductOrigin, i18n.N("Web server is returning an unknown error"), ""},
	521:  {VerdictOriginError, ProductOrigin, i18n.N("Web server is down"), ""},
	522:  {VerdictOriginError, ProductOrigin, i18n.N("Connection timed out"), ""},
	523:  {VerdictOriginError, ProductOrigin, i18n.N("Origin is unreachable"), ""},
	524:  {VerdictOriginError, ProductOrigin, i18n.N("A timeout occurred"), ""},
	525:  {VerdictOriginError, ProductOrigin, i18n.N("SSL handshake failed"), ""},
	526:  {VerdictOriginError, ProductOrigin, i18n.N("Invalid SSL certificate"), ""},
	527:  {VerdictOriginError, ProductOrigin, i18n.N("Railgun error"), ""},
	530:  {VerdictOriginError, ProductOrigin, i18n.N("Origin error"), ""},
}

// lookupCode returns what we know of a Cloudflare code. Unknown 1xxx codes
// are treated as a generic access denial, unknown 5xx as an origin error.
func lookupCode(code int) (codeInfo, bool) {
	if ci, ok := cloudflareCodes[code]; ok {
		return ci, true
	}
	switch {
	case code >= 1035 && code <= 1041:
		return codeInfo{VerdictDNSError, ProductDNS, i18n.N("Invalid request rewrite"), i18n.N("A rewrite rule of the site turned the request into one Cloudflare cannot use.")}, true
	case code >= 1000 && code < 1100:
		return codeInfo{VerdictBlocked, ProductAccessDenied, i18n.N("Cloudflare error"), ""}, false
	case code >= 500 && code < 600, code >= 1100 && code < 1300:
		return codeInfo{VerdictOriginError, ProductOrigin, i18n.N("Cloudflare error"), ""}, false
	}
	return codeInfo{}, false
}
