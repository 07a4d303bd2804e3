package fakecf

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// API is an in-process stand-in for Cloudflare's API that speaks its
// wire format as docs/cloudflare-api.md describes it — envelopes,
// result_info page paging, error bodies with codes, 429 with Retry-After —
// so the real SDK runs against it unchanged. It backs the tests and the demo
// zone. Serve it with httptest or net/http; paths are under /client/v4/.
type API struct {
	mu sync.RWMutex // reads share it, so parallel page requests are served in parallel
	// Tokens maps a token to its status ("active", "disabled", "expired").
	Tokens map[string]string
	// AccountTokens are account-owned tokens: token → account ID. They
	// verify only under /accounts/{id}/tokens/verify.
	AccountTokens map[string]string
	// Denied lists permissions the tokens lack ("Zone WAF Read", …): calls
	// that need one answer 403 with code 10000.
	Denied map[string]bool
	// RateLimitNext makes the next N requests answer 429 with Retry-After
	// (RetryAfter seconds, 1 when zero).
	RateLimitNext int
	RetryAfter    int
	// Delay is added to every request (benchmarks of paging).
	Delay time.Duration
	// Broken makes requests whose path contains it answer malformed JSON.
	Broken string
	// FailWritesAfter makes writes fail with a 500 once this many have
	// succeeded (-1: never), to test a change that breaks off midway.
	FailWritesAfter int
	Writes          int // successful writes
	WritesSent      int // every write request that reached the fake
	// LoseAnswers makes the next N writes apply and then lose their answer:
	// LoseAnswerHow "drop" closes the connection without answering, anything
	// else answers 500 with Cloudflare's error body.
	LoseAnswers     int
	LoseAnswerHow   string
	LoseAnswersFrom int // once this many writes succeeded (like FailWritesAfter)
	// LastWrite is the last write request: method, path and JSON body.
	LastWrite struct {
		Method, Path string
		Body         map[string]any
	}

	Accounts []Account
	Zones    []*Zone
	Requests int
	log      []string // every request: method, path and query
}

// RequestLog returns every request the fake has served, in order, as
// "METHOD /path?query", and starts a new log.
func (f *API) RequestLog() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.log
	f.log = nil
	return out
}

// Account is an account in the fake.
type Account struct {
	ID, Name    string
	AccessRules []AccessRule
	Lists       []List
}

// List is a custom list and its items.
type List struct {
	ID, Name, Kind, Description string
	Items                       []string
}

// Zone is a zone with the settings and rules that can block visitors.
type Zone struct {
	ID, Name, Status, Plan, AccountID string
	Settings                          map[string]string // security_level, browser_check, …
	BotFightMode                      bool
	Bots                              map[string]any      // other bot management fields: sbfm_* (Pro and up), ai_bots_protection
	Phases                            map[string]*Ruleset // phase → entry point; missing = 404
	AccessRules                       []AccessRule
	Lockdowns                         []map[string]any
	LegacyFirewallRules               []map[string]any // pre-2025 Firewall Rules; nil answers 400 like new zones
	Events                            []map[string]any // Security Events (firewallEventsAdaptive rows)
	Traffic                           []TrafficRow     // all requests, sampled (httpRequestsAdaptiveGroups)
	UARules                           []map[string]any
}

// Ruleset is an entry point ruleset.
type Ruleset struct {
	ID, Version string
	Rules       []map[string]any
}

// AccessRule is an IP Access rule.
type AccessRule struct {
	ID, Mode, Target, Value, Notes string
	Modified                       time.Time
}

// New returns an empty fake API that knows one active token.
func New(activeToken string) *API {
	return &API{Tokens: map[string]string{activeToken: "active"}, Denied: map[string]bool{}, FailWritesAfter: -1}
}

type apiMessage struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func writeEnvelope(w http.ResponseWriter, status int, result any, info map[string]any, errs []apiMessage, msgs []apiMessage) {
	if errs == nil {
		errs = []apiMessage{}
	}
	if msgs == nil {
		msgs = []apiMessage{}
	}
	body := map[string]any{"success": len(errs) == 0, "errors": errs, "messages": msgs, "result": result}
	if info != nil {
		body["result_info"] = info
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func fail(w http.ResponseWriter, status, code int, msg string) {
	writeEnvelope(w, status, nil, nil, []apiMessage{{code, msg}}, nil)
}

// paginate answers one page of items with page-number result_info.
func paginate[T any](w http.ResponseWriter, r *http.Request, items []T, defPer, maxPer int) {
	paginateFn(w, r, len(items), defPer, maxPer, func(start, end int) any {
		out := items[start:end]
		if out == nil {
			out = []T{}
		}
		return out
	})
}

// paginateFn is paginate for lists that are expensive to render: only the
// requested page is turned into JSON objects.
func paginateFn(w http.ResponseWriter, r *http.Request, n, defPer, maxPer int, page func(start, end int) any) {
	pg, _ := strconv.Atoi(r.URL.Query().Get("page"))
	per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if pg < 1 {
		pg = 1
	}
	if per < 1 {
		per = defPer
	}
	if per > maxPer {
		per = maxPer
	}
	start := min((pg-1)*per, n)
	end := min(start+per, n)
	pages := (n + per - 1) / per
	writeEnvelope(w, http.StatusOK, page(start, end), map[string]any{
		"page": pg, "per_page": per, "count": end - start, "total_count": n, "total_pages": pages,
	}, nil, nil)
}

// ServeHTTP routes the endpoints RayFix uses.
func (f *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tok, ok := f.admit(w, r)
	if !ok {
		return
	}
	path := strings.Trim(strings.TrimPrefix(r.URL.Path, "/client/v4"), "/")
	switch {
	case f.Broken != "" && strings.Contains(path, f.Broken):
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"success":true,"result":[{"id":`))
	case path == "graphql" && r.Method == http.MethodPost:
		f.graphql(w, r)
	case strings.HasSuffix(path, "/tokens/verify"):
		f.verify(w, path, tok)
	case r.Method != http.MethodGet:
		f.write(w, r, path)
	default:
		f.read(w, r, path)
	}
}

// tokenState is what the fake knows of a request's token.
type tokenState struct {
	status    string // active, disabled, expired
	acctOwner string // the account that owns an account token
}

// admit counts and logs the request, waits the added delay, answers the
// rate limit and an unknown or inactive token; false when it answered.
func (f *API) admit(w http.ResponseWriter, r *http.Request) (tokenState, bool) {
	f.mu.Lock()
	f.Requests++
	f.log = append(f.log, r.Method+" "+strings.TrimPrefix(r.URL.Path, "/client/v4")+"?"+r.URL.RawQuery)
	delay, limited, retryAfter := f.Delay, f.RateLimitNext > 0, max(f.RetryAfter, 1)
	if limited {
		f.RateLimitNext--
	}
	bearer := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	tok := tokenState{status: f.Tokens[bearer], acctOwner: f.AccountTokens[bearer]}
	if tok.acctOwner != "" {
		tok.status = "active"
	}
	f.mu.Unlock()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return tok, false
		}
	}
	switch {
	case limited:
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		fail(w, http.StatusTooManyRequests, 971, "Please wait and consider throttling your request speed")
		return tok, false
	case strings.HasSuffix(r.URL.Path, "/tokens/verify") && tok.status == "":
		fail(w, http.StatusUnauthorized, 1000, "Invalid API Token")
		return tok, false
	case !tokenShaped(bearer):
		// Cloudflare's answer to a header it cannot read.
		fail(w, http.StatusBadRequest, 6003, "Invalid request headers")
		return tok, false
	case tok.status != "active" && !strings.HasSuffix(r.URL.Path, "/tokens/verify"):
		// Elsewhere an unknown token gets the same answer as a missing
		// permission: only the token check tells them apart.
		fail(w, http.StatusForbidden, 10000, "Authentication error")
		return tok, false
	}
	return tok, true
}

// verify answers /user/tokens/verify (user tokens) and
// /accounts/{id}/tokens/verify (account-owned tokens), each only for its kind.
func (f *API) verify(w http.ResponseWriter, path string, tok tokenState) {
	parts := strings.Split(path, "/")
	switch {
	case path == "user/tokens/verify" && tok.acctOwner == "":
		writeEnvelope(w, http.StatusOK, map[string]any{
			"id": "ed17574386854bf78a67040be0a770b0", "status": tok.status,
			"not_before": "2026-01-01T00:00:00Z", "expires_on": "2027-01-01T00:00:00Z",
		}, nil, nil, []apiMessage{{10000, "This API Token is valid and active"}})
	case pathIs(parts, "accounts/*/tokens/verify") && tok.acctOwner == parts[1]:
		writeEnvelope(w, http.StatusOK, map[string]any{"id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "status": "active", "expires_on": "2027-06-01T00:00:00Z"},
			nil, nil, []apiMessage{{10000, "This API Token is valid and active"}})
	default:
		fail(w, http.StatusUnauthorized, 1000, "Invalid API Token")
	}
}

// read answers the GET endpoints.
func (f *API) read(w http.ResponseWriter, r *http.Request, path string) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	parts := strings.Split(path, "/")
	switch {
	case path == "accounts":
		var out []map[string]any
		for _, a := range f.Accounts {
			out = append(out, map[string]any{"id": a.ID, "name": a.Name, "type": "standard", "created_on": "2024-01-01T00:00:00Z"})
		}
		paginate(w, r, out, 20, 50)
	case path == "zones":
		f.zones(w, r)
	case pathIs(parts, "zones/*/**") && f.zone(parts[1]) != nil:
		f.zoneRoutes(w, r, f.zone(parts[1]), parts[2:])
	case pathIs(parts, "accounts/*/**") && f.account(parts[1]) != nil:
		f.accountRoutes(w, r, f.account(parts[1]), parts[2:])
	case pathIs(parts, "zones/*/**") || pathIs(parts, "accounts/*/**"):
		fail(w, http.StatusNotFound, 7003, "Could not route to /"+path+", perhaps your object identifier is invalid?")
	default:
		fail(w, http.StatusNotFound, 7000, "No route for that URI")
	}
}

// graphql answers the queries RayFix sends: the settings node, firewall
// events and grouped traffic. Errors come with HTTP 200, as Cloudflare's do.
func (f *API) graphql(w http.ResponseWriter, r *http.Request) {
	var q struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	if err := json.NewDecoder(r.Body).Decode(&q); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	f.mu.Lock()
	denied := f.Denied["Analytics Read"]
	f.mu.Unlock()
	if denied {
		_ = json.NewEncoder(w).Encode(map[string]any{"data": nil, "errors": []map[string]any{{"message": "not authorized for that account", "path": []string{"viewer"}}}})
		return
	}
	settings := map[string]any{"firewallEventsAdaptive": map[string]any{"enabled": true, "maxDuration": 86400, "notOlderThan": 86400, "maxPageSize": 10000, "maxNumberOfFields": 30}}
	zoneTag, _ := q.Variables["zoneTag"].(string)
	filter, _ := q.Variables["filter"].(map[string]any)
	f.mu.RLock()
	z := f.zone(zoneTag)
	f.mu.RUnlock()
	if z != nil {
		settings["httpRequestsAdaptiveGroups"] = adaptiveSettings(z.Plan)
	}
	if strings.Contains(q.Query, "httpRequestsAdaptiveGroups(") {
		if z == nil {
			_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"viewer": map[string]any{"zones": []any{}}}, "errors": nil})
			return
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		f.adaptiveGroups(w, z, q.Query, filter, settings)
		return
	}
	// Like Cloudflare, refuse a window older than the plan keeps (HTTP 200
	// with an errors array).
	if from, err := time.Parse(time.RFC3339, str(filter["datetime_geq"])); err == nil && time.Since(from) > 86400*time.Second+time.Minute {
		_ = json.NewEncoder(w).Encode(map[string]any{"data": nil, "errors": []map[string]any{{"message": "cannot request data older than 86400s",
			"path": []string{"viewer", "zones", "0", "firewallEventsAdaptive"}}}})
		return
	}
	events := []any{}
	f.mu.RLock()
	if z := f.zone(zoneTag); z != nil {
		for _, e := range z.Events {
			if ray, ok := filter["rayName"].(string); ok && e["rayName"] != ray {
				continue
			}
			if ip, ok := filter["clientIP"].(string); ok && e["clientIP"] != ip {
				continue
			}
			events = append(events, e)
		}
	}
	f.mu.RUnlock()
	_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"viewer": map[string]any{"zones": []any{map[string]any{"settings": settings, "firewallEventsAdaptive": events}}}}, "errors": nil})
}

func (f *API) denied(w http.ResponseWriter, perm string) bool {
	if f.Denied[perm] {
		fail(w, http.StatusForbidden, 10000, "Authentication error")
		return true
	}
	return false
}

func (f *API) zone(id string) *Zone {
	for _, z := range f.Zones {
		if z.ID == id {
			return z
		}
	}
	return nil
}

func (f *API) account(id string) *Account {
	for i := range f.Accounts {
		if f.Accounts[i].ID == id {
			return &f.Accounts[i]
		}
	}
	return nil
}

func (f *API) zoneJSON(z *Zone) map[string]any {
	acct := map[string]any{"id": z.AccountID, "name": ""}
	if a := f.account(z.AccountID); a != nil {
		acct["name"] = a.Name
	}
	planNames := map[string]string{"free": "Free Website", "pro": "Pro Website", "business": "Business Website", "enterprise": "Enterprise Website"}
	return map[string]any{
		"id": z.ID, "name": z.Name, "status": z.Status, "paused": false, "type": "full",
		"account": acct, "plan": map[string]any{"id": z.Plan + "-plan-id", "name": planNames[z.Plan], "legacy_id": z.Plan},
		"name_servers": []string{"ada.ns.cloudflare.com", "bob.ns.cloudflare.com"},
		"created_on":   "2024-01-01T00:00:00Z", "modified_on": "2026-11-01T00:00:00Z", "activated_on": "2024-01-02T00:00:00Z",
		"development_mode": 0, "meta": map[string]any{}, "owner": map[string]any{}, "original_name_servers": nil,
		"original_registrar": nil, "original_dnshost": nil,
	}
}

func (f *API) zones(w http.ResponseWriter, r *http.Request) {
	if f.denied(w, "Zone Read") {
		return
	}
	q := r.URL.Query()
	var out []map[string]any
	for _, z := range f.Zones {
		if id := q.Get("account.id"); id != "" && z.AccountID != id {
			continue
		}
		if n := q.Get("name"); n != "" && z.Name != n {
			continue
		}
		out = append(out, f.zoneJSON(z))
	}
	paginate(w, r, out, 20, 50)
}

// zoneReadPerm is the permission each zone endpoint needs, by its first
// path segment.
var zoneReadPerm = map[string]string{"": "Zone Read", "rulesets": "Zone WAF Read", "firewall": "Firewall Services Read",
	"bot_management": "Bot Management Read", "settings": "Zone Settings Read"}

func (f *API) zoneRoutes(w http.ResponseWriter, r *http.Request, z *Zone, rest []string) {
	p := strings.Join(rest, "/")
	if perm, known := zoneReadPerm[strings.Split(p, "/")[0]]; known && f.denied(w, perm) {
		return
	}
	switch {
	case p == "":
		writeEnvelope(w, http.StatusOK, f.zoneJSON(z), nil, nil, nil)
	case pathIs(rest, "rulesets/phases/*/entrypoint"):
		entrypoint(w, z, rest[2])
	case pathIs(rest, "rulesets/*") && managedRulesetJSON(w, rest[1]):
	case p == "firewall/access_rules/rules":
		f.zoneAccessRules(w, r, z)
	case p == "firewall/rules" && z.LegacyFirewallRules == nil:
		fail(w, http.StatusBadRequest, 10000, "firewallrules.api.not_supported: the Firewall Rules API is no longer supported")
	case p == "firewall/rules":
		paginate(w, r, z.LegacyFirewallRules, 25, 100)
	case p == "firewall/lockdowns":
		paginate(w, r, nonNil(z.Lockdowns), 20, 1000)
	case p == "firewall/ua_rules":
		paginate(w, r, nonNil(z.UARules), 20, 1000)
	case p == "bot_management":
		writeEnvelope(w, http.StatusOK, z.botManagement(), nil, nil, nil)
	case pathIs(rest, "settings/*"):
		setting(w, z, rest[1])
	default:
		fail(w, http.StatusNotFound, 7000, "No route for that URI")
	}
}

// zoneAccessRules lists a zone's IP Access rules. Like Cloudflare's, the
// listing includes the rules the zone inherits from its account, with the
// account's scope.
func (f *API) zoneAccessRules(w http.ResponseWriter, r *http.Request, z *Zone) {
	own := filterAccess(z.AccessRules, r)
	var inherited []AccessRule
	if acct := f.account(z.AccountID); acct != nil {
		inherited = filterAccess(acct.AccessRules, r)
	}
	paginateFn(w, r, len(own)+len(inherited), 20, 1000, func(a, b int) any {
		out := make([]accessRuleJSON, 0, b-a)
		for i := a; i < b; i++ {
			if i < len(own) {
				out = append(out, accessRulesJSON(own[i:i+1], "zone", z.ID)...)
			} else {
				out = append(out, accessRulesJSON(inherited[i-len(own):i-len(own)+1], "organization", z.AccountID)...)
			}
		}
		return out
	})
}

// entrypoint answers a phase's entry point, or 404 code 10003 when the
// phase was never set up.
func entrypoint(w http.ResponseWriter, z *Zone, phase string) {
	rs := z.Phases[phase]
	if rs == nil {
		fail(w, http.StatusNotFound, 10003, "could not find entrypoint ruleset in the "+phase+" phase")
		return
	}
	writeEnvelope(w, http.StatusOK, map[string]any{
		"id": rs.ID, "name": "default", "description": "", "kind": "zone", "phase": phase,
		"version": rs.Version, "last_updated": "2026-11-20T10:00:00Z", "rules": nonNil(rs.Rules),
	}, nil, nil, nil)
}

func setting(w http.ResponseWriter, z *Zone, name string) {
	v, ok := z.Settings[name]
	if !ok {
		fail(w, http.StatusNotFound, 1003, "Invalid or missing zone setting")
		return
	}
	writeEnvelope(w, http.StatusOK, map[string]any{"id": name, "value": v, "editable": true, "modified_on": "2026-11-01T00:00:00Z"}, nil, nil, nil)
}

func nonNil(in []map[string]any) []map[string]any {
	if in == nil {
		return []map[string]any{}
	}
	return in
}

func (f *API) accountRoutes(w http.ResponseWriter, r *http.Request, a *Account, rest []string) {
	p := strings.Join(rest, "/")
	switch {
	case p == "firewall/access_rules/rules":
		if !f.denied(w, "Account Firewall Access Rules Read") {
			rules := filterAccess(a.AccessRules, r)
			paginateFn(w, r, len(rules), 20, 1000, func(x, y int) any { return accessRulesJSON(rules[x:y], "organization", a.ID) })
		}
	case p == "rules/lists":
		if f.denied(w, "Account Filter Lists Read") {
			return
		}
		out := []map[string]any{}
		for _, l := range a.Lists {
			out = append(out, map[string]any{"id": l.ID, "name": l.Name, "kind": l.Kind, "description": l.Description,
				"num_items": len(l.Items), "num_referencing_filters": 1, "created_on": "2025-01-01T00:00:00Z", "modified_on": "2026-01-01T00:00:00Z"})
		}
		writeEnvelope(w, http.StatusOK, out, nil, nil, nil)
	case len(rest) == 4 && rest[0] == "rules" && rest[1] == "lists" && rest[3] == "items":
		if f.denied(w, "Account Filter Lists Read") {
			return
		}
		for _, l := range a.Lists {
			if l.ID == rest[2] {
				listItems(w, r, l)
				return
			}
		}
		fail(w, http.StatusNotFound, 10001, "list not found")
	default:
		fail(w, http.StatusNotFound, 7000, "No route for that URI")
	}
}

// listItems answers with cursor paging (result_info.cursors.after), as the
// list items endpoint does.
func listItems(w http.ResponseWriter, r *http.Request, l List) {
	per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if per < 1 || per > 500 {
		per = 25
	}
	start := 0
	if c := r.URL.Query().Get("cursor"); c != "" {
		start, _ = strconv.Atoi(strings.TrimPrefix(c, "c"))
	}
	start = min(start, len(l.Items))
	end := min(start+per, len(l.Items))
	out := []map[string]any{}
	for i, ip := range l.Items[start:end] {
		out = append(out, map[string]any{"id": fmt.Sprintf("item%028d", start+i), "ip": ip, "comment": "",
			"created_on": "2025-01-01T00:00:00Z", "modified_on": "2025-01-01T00:00:00Z"})
	}
	info := map[string]any{"cursors": map[string]any{}}
	if end < len(l.Items) {
		info["cursors"] = map[string]any{"after": fmt.Sprintf("c%d", end)}
	}
	writeEnvelope(w, http.StatusOK, out, info, nil, nil)
}

func filterAccess(rules []AccessRule, r *http.Request) []AccessRule {
	mode := r.URL.Query().Get("mode")
	if mode == "" {
		return rules
	}
	var out []AccessRule
	for _, a := range rules {
		if a.Mode == mode {
			out = append(out, a)
		}
	}
	return out
}

type accessRuleJSON struct {
	ID            string   `json:"id"`
	Mode          string   `json:"mode"`
	Notes         string   `json:"notes"`
	AllowedModes  []string `json:"allowed_modes"`
	Configuration struct {
		Target string `json:"target"`
		Value  string `json:"value"`
	} `json:"configuration"`
	Scope struct {
		ID   string `json:"id"`
		Type string `json:"type"`
	} `json:"scope"`
	CreatedOn  string `json:"created_on"`
	ModifiedOn string `json:"modified_on"`
}

var allModes = []string{"whitelist", "block", "challenge", "js_challenge", "managed_challenge"}

func accessRulesJSON(rules []AccessRule, scope, scopeID string) []accessRuleJSON {
	out := make([]accessRuleJSON, len(rules))
	for i, a := range rules {
		mod := a.Modified
		if mod.IsZero() {
			mod = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		j := &out[i]
		j.ID, j.Mode, j.Notes, j.AllowedModes = a.ID, a.Mode, a.Notes, allModes
		j.Configuration.Target, j.Configuration.Value = a.Target, a.Value
		j.Scope.ID, j.Scope.Type = scopeID, scope
		j.CreatedOn, j.ModifiedOn = mod.Format(time.RFC3339), mod.Format(time.RFC3339)
	}
	return out
}

// AddAccessRules adds n generated block rules to a zone (large-zone tests).
func (z *Zone) AddAccessRules(n int) {
	for i := 0; i < n; i++ {
		z.AccessRules = append(z.AccessRules, AccessRule{
			ID: fmt.Sprintf("gen%029d", i), Mode: []string{"block", "challenge", "managed_challenge", "whitelist"}[i%4],
			Target: "ip", Value: fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255), Notes: fmt.Sprintf("generated %d", i),
		})
	}
}

// Change runs f with the fake's state locked for writing, for tests that
// change how it behaves (lose the next answer…) while the app talks to it.
func (f *API) Change(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn()
}

// Inspect runs f with the fake's state locked, for tests that look at it
// while the app may be writing.
func (f *API) Inspect(fn func()) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	fn()
}

// botManagement is the zone's bot settings as Cloudflare shapes them by
// plan: Free answers Bot Fight Mode and "Block AI bots"; Pro and up add
// Super Bot Fight Mode's fields.
func (z *Zone) botManagement() map[string]any {
	out := map[string]any{"fight_mode": z.BotFightMode, "enable_js": true, "ai_bots_protection": "disabled"}
	for k, v := range z.Bots {
		if z.Plan == "free" && strings.HasPrefix(k, "sbfm_") {
			continue
		}
		out[k] = v
	}
	return out
}

// tokenShaped: API tokens are letters, digits, "-" and "_".
func tokenShaped(t string) bool {
	if t == "" {
		return false
	}
	for _, c := range t {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
