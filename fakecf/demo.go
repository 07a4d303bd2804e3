package fakecf

import (
	"encoding/json"
	"time"
)

// DemoToken is the token the demo zone accepts. It is not a secret: the
// demo runs against the in-process fake API only.
const DemoToken = "RayFixDemo_notASecret_0123456789abcdefghij" // shaped like a real token (40+ characters)

// RuleCountryBlock is the demo's custom rule "Block Russia and China".
const RuleCountryBlock = "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d"

// DemoZoneName is the demo site's name.
const DemoZoneName = "demo-bakery.example"

// NewDemo returns a fake API holding a realistic small site: a country
// block without a bot exception, a user-agent rule, a rate limit, managed
// rules with one exception, IP Access rules (one blocking an ASN), a list.
func NewDemo() *API {
	f := New(DemoToken)
	acct := Account{ID: "9a7806061c88ada191ed06f989cc3dac", Name: "Demo Bakery",
		AccessRules: []AccessRule{{ID: "c1a0b2f3d4e5f60718293a4b5c6d7e8f", Mode: "block", Target: "ip", Value: "198.51.100.66", Notes: "Card testing attack, March"}},
		Lists: []List{{ID: "2c0fc9fa937b11eaa1b71c4d701ab86e", Name: "office", Kind: "ip", Description: "Our shop and office",
			Items: []string{"203.0.113.10", "203.0.113.0/28"}}},
	}
	z := &Zone{ID: "023e105f4ecef8ad9ca31a8372d0c353", Name: DemoZoneName, Status: "active", Plan: "free", AccountID: acct.ID,
		Settings:     map[string]string{"security_level": "medium", "browser_check": "on"},
		BotFightMode: true,
		Phases: map[string]*Ruleset{
			PhaseCustom: {ID: "2f2feab2026849078ba485f918791bdc", Version: "7", Rules: []map[string]any{
				rule("1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d", "block", "Block Russia and China", `(ip.src.country in {"RU" "CN"})`, true, nil),
				rule("2b3c4d5e6f7a4b8c9d0e1f2a3b4c5d6e", "block", "Block scrapers", `(lower(http.user_agent) contains "python-requests") or (http.user_agent contains "curl")`, true, nil),
				rule("3c4d5e6f7a8b4c9d0e1f2a3b4c5d6e7f", "managed_challenge", "Check logins from outside Europe", `(http.request.uri.path eq "/login" and ip.src.continent ne "EU" and not ip.src in $office)`, true, nil),
				rule("4d5e6f7a8b9c4d0e1f2a3b4c5d6e7f80", "managed_challenge", "Old threat score rule", `(cf.threat_score gt 10)`, false, nil),
			}},
			PhaseRateLimit: {ID: "6b0e8e3c9bb34b4b9bb1c5d5a8f07e1a", Version: "3", Rules: []map[string]any{func() map[string]any {
				r := rule("5e6f7a8b9c0d4e1f2a3b4c5d6e7f8091", "block", "Login flood", `(http.request.uri.path eq "/login")`, true, nil)
				r["ratelimit"] = map[string]any{"characteristics": []string{"cf.colo.id", "ip.src"}, "period": 10, "requests_per_period": 5, "mitigation_timeout": 10}
				return r
			}()}},
			PhaseManaged: {ID: "0d3a4bb6e1e24b1e8f2c67d5d2d6a6a0", Version: "5", Rules: []map[string]any{
				rule("6f7a8b9c0d1e4f2a3b4c5d6e7f8091a2", "skip", "Stripe webhooks", `(http.request.uri.path eq "/webhooks/stripe")`, true,
					map[string]any{"rules": map[string]any{"77454fe2d30c4220b5701f6fdfb893ba": []any{"6b1cc72dff9746469d4695a474430f12"}}}),
				rule("7a8b9c0d1e2f4a3b4c5d6e7f8091a2b3", "execute", "Free Managed Ruleset", `true`, true,
					map[string]any{"id": "77454fe2d30c4220b5701f6fdfb893ba", "overrides": map[string]any{"rules": []any{
						map[string]any{"id": "0242110ae62e44028a13bf4834780914", "action": "log"}}}}),
			}},
		},
		AccessRules: []AccessRule{
			{ID: "92f17202ed8bd63d69a66b86a49a8f6b", Mode: "block", Target: "asn", Value: "AS14061", Notes: "Scrapers from a hosting company", Modified: time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)},
			{ID: "a3f17202ed8bd63d69a66b86a49a8f6c", Mode: "whitelist", Target: "ip", Value: "203.0.113.10", Notes: "Shop till", Modified: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)},
			{ID: "b4f17202ed8bd63d69a66b86a49a8f6d", Mode: "managed_challenge", Target: "country", Value: "T1", Notes: "Tor", Modified: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)},
		},
		UARules: []map[string]any{{"id": "372e67954025e0ba6aaa6d586b9e0b59", "description": "Old bad bot", "mode": "block", "paused": false,
			"configuration": map[string]any{"target": "ua", "value": "BadBot/1.0"}}},
	}
	now := time.Now().UTC()
	z.Events = []map[string]any{
		Event(now.Add(-2*time.Hour), "8e2f0a1b2c3d4e5f", "block", "firewallCustom", "1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d", "2f2feab2026849078ba485f918791bdc",
			"Block Russia and China", "192.0.2.44", "RU", "12389", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36", "/menu", "DME"),
		Event(now.Add(-90*time.Minute), "8e2f0a1b2c3d4e60", "block", "firewallCustom", "2b3c4d5e6f7a4b8c9d0e1f2a3b4c5d6e", "2f2feab2026849078ba485f918791bdc",
			"Block scrapers", "198.51.100.23", "US", "16509", "python-requests/2.32.3", "/api/prices", "IAD"),
		Event(now.Add(-30*time.Minute), "8e2f0a1b2c3d4e61", "block", "ratelimit", "5e6f7a8b9c0d4e1f2a3b4c5d6e7f8091", "6b0e8e3c9bb34b4b9bb1c5d5a8f07e1a",
			"Login flood", "203.0.113.77", "DE", "3320", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15", "/login", "FRA"),
	}
	z.Traffic = demoTraffic(DemoZoneName)
	f.Accounts = []Account{acct}
	f.Zones = []*Zone{z}
	return f
}

func rule(id, action, desc, expr string, enabled bool, params map[string]any) map[string]any {
	r := map[string]any{"id": id, "action": action, "description": desc, "expression": expr, "enabled": enabled,
		"version": "1", "last_updated": "2026-11-20T10:00:00Z", "ref": id}
	if params != nil {
		r["action_parameters"] = params
	}
	return r
}

// Event is one Security Event row as firewallEventsAdaptive returns it.
func Event(at time.Time, ray, action, source, ruleID, rulesetID, desc, ip, country, asn, ua, path, colo string) map[string]any {
	return map[string]any{"datetime": at.Format(time.RFC3339), "rayName": ray, "action": action, "source": source, "kind": "firewall",
		"ruleId": ruleID, "rulesetId": rulesetID, "description": desc, "matchIndex": 0, "clientIP": ip, "clientCountryName": country,
		"clientAsn": asn, "clientASNDescription": "", "userAgent": ua, "clientRequestHTTPHost": DemoZoneName,
		"clientRequestHTTPMethodName": "GET", "clientRequestPath": path, "clientRequestQuery": "", "edgeColoName": colo, "edgeResponseStatus": 403}
}

// StripVolatile drops from rules as JSON the fields Cloudflare changes on
// every write (version, last_updated), so tests can compare rules before a
// change and after its undo.
func StripVolatile(s string) string {
	var rules []map[string]any
	_ = json.Unmarshal([]byte(s), &rules)
	for _, r := range rules {
		delete(r, "version")
		delete(r, "last_updated")
	}
	b, _ := json.Marshal(rules)
	return string(b)
}
