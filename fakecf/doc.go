// Package fakecf is a stand-in for Cloudflare's API that speaks its wire
// format (envelopes, paging, error bodies, 429s, what Cloudflare rejects)
// so the real SDK runs against it: it backs the tests and the demo site.
// It keeps its own copy of Cloudflare's facts (plan limits, phases) from
// docs/cloudflare-api.md, so a wrong table in RayFix's core is caught by
// the fake rejecting what Cloudflare would. The core never imports it;
// the window and the command line wire it for the demo.
package fakecf

import "fmt"

// The ruleset phases the fake serves.
const (
	PhaseCustom    = "http_request_firewall_custom"
	PhaseRateLimit = "http_ratelimit"
	PhaseManaged   = "http_request_firewall_managed"
)

// planRules is how many custom rules and rate limiting rules each plan
// allows (docs/cloudflare-api.md, plan limits).
var planRules = map[string]struct{ custom, rateLimit int }{
	"free": {5, 1}, "pro": {20, 2}, "business": {100, 5}, "enterprise": {1000, 5},
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
