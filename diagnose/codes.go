package diagnose

// codeInfo says what a Cloudflare error code means for a visitor.
type codeInfo struct {
	verdict Verdict
	product Product
	reason  string // Cloudflare's own short name for the error
	explain string // what it means, when the family's words do not fit
}

// cloudflareCodes maps Cloudflare's 1xxx and 5xx page codes to a verdict and
// the product that most likely produced them (Cloudflare's 1xxx error docs).
var cloudflareCodes = map[int]codeInfo{
	1000: {VerdictDNSError, ProductDNS, "DNS points to a prohibited IP", "The site's DNS record points at one of Cloudflare's own addresses, which Cloudflare will not use as the site's server."},
	1001: {VerdictDNSError, ProductDNS, "DNS resolution error", "The name leads to Cloudflare, but no Cloudflare site is set up for it (often a site that moved or was removed)."},
	1002: {VerdictDNSError, ProductDNS, "DNS points to a prohibited IP", "The site's DNS record points at an address Cloudflare will not use as the site's server."},
	1003: {VerdictBlocked, ProductDirectIP, "Direct IP access not allowed", ""},
	1004: {VerdictDNSError, ProductDNS, "Host not configured to serve web traffic", "Cloudflare knows this name but is not set to serve web pages for it (a new or unfinished setup)."},
	1005: {VerdictBlocked, ProductASNBlock, "Access denied (your network, ASN, is banned)", ""},
	1006: {VerdictBlocked, ProductIPAccessRule, "Access denied (your IP address is banned)", ""},
	1007: {VerdictBlocked, ProductIPAccessRule, "Access denied (your IP address is banned)", ""},
	1008: {VerdictBlocked, ProductIPAccessRule, "Access denied (your IP address is banned)", ""},
	1009: {VerdictBlocked, ProductCountryBlock, "Access denied (your country or region is banned)", ""},
	1010: {VerdictBlocked, ProductBrowserIntegrity, "Access denied (your browser's signature was banned)", ""},
	1011: {VerdictBlocked, ProductHotlink, "Access denied (hotlinking denied)", ""},
	1012: {VerdictBlocked, ProductAccessDenied, "Access denied", ""},
	1013: {VerdictBlocked, ProductClientMismatch, "HTTP hostname and TLS SNI mismatch", ""},
	1014: {VerdictDNSError, ProductDNS, "CNAME cross-user banned", "The site's DNS points to a name on another Cloudflare account, which Cloudflare does not allow."},
	1015: {VerdictRateLimited, ProductRateLimiting, "You are being rate limited", ""},
	1016: {VerdictDNSError, ProductDNS, "Origin DNS error", "Cloudflare could not find the address of the site's own server: its DNS record for the server is missing or wrong."},
	1018: {VerdictDNSError, ProductDNS, "Could not find host", "Cloudflare cannot find the site for this name: it may have been removed from Cloudflare or set up wrong."},
	1019: {VerdictOriginError, ProductWorker, "Compute server error", ""},
	1020: {VerdictBlocked, ProductCustomRule, "Access denied (a firewall rule of the site blocked you)", ""},
	1023: {VerdictDNSError, ProductDNS, "Could not find host", "Cloudflare cannot find the site for this name: it may have been removed from Cloudflare or set up wrong."},
	1025: {VerdictBlocked, ProductPlanLimit, "Please check back later", ""},
	1033: {VerdictOriginError, ProductTunnel, "Cloudflare Tunnel error", ""},
	1034: {VerdictDNSError, ProductDNS, "Edge IP restricted", "The site's DNS points to a Cloudflare address the site may not use."},
	1101: {VerdictOriginError, ProductWorker, "Worker threw exception", ""},
	1102: {VerdictOriginError, ProductWorker, "Worker exceeded resource limits", ""},
	1106: {VerdictBlocked, ProductZoneLockdown, "Access denied (the site is locked down to certain IPs)", ""},
	1200: {VerdictOriginError, ProductOrigin, "Cache connection limit", ""},
	500:  {VerdictOriginError, ProductOrigin, "Internal server error", ""},
	502:  {VerdictOriginError, ProductOrigin, "Bad gateway", ""},
	503:  {VerdictOriginError, ProductOrigin, "Service unavailable", ""},
	504:  {VerdictOriginError, ProductOrigin, "Gateway timeout", ""},
	520:  {VerdictOriginError, ProductOrigin, "Web server is returning an unknown error", ""},
	521:  {VerdictOriginError, ProductOrigin, "Web server is down", ""},
	522:  {VerdictOriginError, ProductOrigin, "Connection timed out", ""},
	523:  {VerdictOriginError, ProductOrigin, "Origin is unreachable", ""},
	524:  {VerdictOriginError, ProductOrigin, "A timeout occurred", ""},
	525:  {VerdictOriginError, ProductOrigin, "SSL handshake failed", ""},
	526:  {VerdictOriginError, ProductOrigin, "Invalid SSL certificate", ""},
	527:  {VerdictOriginError, ProductOrigin, "Railgun error", ""},
	530:  {VerdictOriginError, ProductOrigin, "Origin error", ""},
}

// lookupCode returns what we know of a Cloudflare code. Unknown 1xxx codes
// are treated as a generic access denial, unknown 5xx as an origin error.
func lookupCode(code int) (codeInfo, bool) {
	if ci, ok := cloudflareCodes[code]; ok {
		return ci, true
	}
	switch {
	case code >= 1035 && code <= 1041:
		return codeInfo{VerdictDNSError, ProductDNS, "Invalid request rewrite", "A rewrite rule of the site turned the request into one Cloudflare cannot use."}, true
	case code >= 1000 && code < 1100:
		return codeInfo{VerdictBlocked, ProductAccessDenied, "Cloudflare error", ""}, false
	case code >= 500 && code < 600, code >= 1100 && code < 1300:
		return codeInfo{VerdictOriginError, ProductOrigin, "Cloudflare error", ""}, false
	}
	return codeInfo{}, false
}
