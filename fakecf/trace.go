package fakecf

import (
	"net/http"
	"net/url"
	"strings"

	"rayfix/app/ruleslang"
)

// trace answers Cloudflare Trace (request tracer): the custom rules the
// request would meet, each with matched true/false, evaluated with the
// same Rules-language evaluator. Like the real tracer it knows no client IP.
func (f *API) trace(w http.ResponseWriter, body map[string]any) {
	if f.Denied["Allow Request Tracer Read"] {
		fail(w, http.StatusForbidden, 10000, "Authentication error")
		return
	}
	u, err := url.Parse(str(body["url"]))
	if err != nil || u.Host == "" {
		fail(w, http.StatusBadRequest, 10001, "url is required")
		return
	}
	var z *Zone
	for _, zz := range f.Zones {
		if strings.EqualFold(zz.Name, u.Hostname()) {
			z = zz
		}
	}
	if z == nil {
		fail(w, http.StatusBadRequest, 10001, "the hostname is not a zone in this account")
		return
	}
	req := &ruleslang.Request{Host: u.Hostname(), Path: u.Path, Query: u.RawQuery, Method: str(body["method"])}
	if req.Path == "" {
		req.Path = "/"
	}
	if h, ok := body["headers"].(map[string]any); ok {
		req.UserAgent = str(h["user-agent"])
	}
	if c, ok := body["context"].(map[string]any); ok {
		if g, ok := c["geoloc"].(map[string]any); ok {
			req.Country, req.Continent = strings.ToUpper(str(g["iso_code"])), str(g["continent"])
		}
	}
	var items []any
	if rs := z.Phases[PhaseCustom]; rs != nil {
		for _, r := range rs.Rules {
			if r["enabled"] != true {
				continue
			}
			e := ruleslang.Parse(str(r["expression"]))
			matched := e.Err == nil && ruleslang.Eval(e.Root, req) == ruleslang.True
			items = append(items, map[string]any{"step_name": r["id"], "type": "rule", "matched": matched, "name": "default",
				"kind": "zone", "description": r["description"], "action": r["action"], "expression": r["expression"], "trace": []any{}})
		}
	}
	writeEnvelope(w, http.StatusOK, map[string]any{"status_code": 200, "trace": []any{map[string]any{
		"step_name": PhaseCustom, "type": "phase", "matched": len(items) > 0, "name": PhaseCustom, "trace": items}}}, nil, nil, nil)
}
