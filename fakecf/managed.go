package fakecf

import (
	"net/http"
)

// managedRuleset is one of Cloudflare's managed rulesets as a zone reads it
// (GET /zones/{zone_id}/rulesets/{ruleset_id}): its rules carry the
// descriptions Security Events show, so an owner reads "Log4j Headers",
// not a hex ID. A few rules each: the real sets hold hundreds.
type managedRuleset struct {
	name  string
	rules [][3]string // id, description, category
}

var managedRulesets = map[string]managedRuleset{
	"77454fe2d30c4220b5701f6fdfb893ba": {"Cloudflare Free Managed Ruleset", [][3]string{
		{"6b1cc72dff9746469d4695a474430f12", "Log4j Headers", "log4j"},
		{"0242110ae62e44028a13bf4834780914", "Anomaly:Header:User-Agent - Missing", "anomaly"},
		{"5de7edfa648c4d6891dc3e7f84534ffa", "WordPress - Dangerous File Upload", "wordpress"},
	}},
	"efb7b8c949ac4650a09736fc376e9aee": {"Cloudflare Managed Ruleset", [][3]string{
		{"6b1cc72dff9746469d4695a474430f12", "Log4j Headers", "log4j"},
		{"e3a567afc347477d9702d9047e97d760", "SQLi - Comment", "sqli"},
	}},
}

// managedRulesetJSON answers a managed ruleset by ID; false when the ID is
// not one.
func managedRulesetJSON(w http.ResponseWriter, id string) bool {
	m, ok := managedRulesets[id]
	if !ok {
		return false
	}
	var rules []map[string]any
	for _, r := range m.rules {
		rules = append(rules, map[string]any{"id": r[0], "description": r[1], "action": "block", "enabled": true,
			"categories": []any{r[2]}, "expression": "true", "version": "1", "last_updated": "2026-11-01T00:00:00Z"})
	}
	writeEnvelope(w, http.StatusOK, map[string]any{"id": id, "name": m.name, "description": "", "kind": "managed",
		"phase": "http_request_firewall_managed", "version": "42", "last_updated": "2026-11-01T00:00:00Z", "rules": rules}, nil, nil, nil)
	return true
}
