package fakecf

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"time"

	"rayfix/app/ruleslang"
)

// write handles the fake's write endpoints, enforcing what Cloudflare
// enforces: permissions per write, plan rule counts, known fields, valid
// expressions (with Cloudflare's error text), and the 500 of a broken write.
func (f *API) write(w http.ResponseWriter, r *http.Request, path string) {
	var body map[string]any
	if r.Body != nil {
		raw, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if len(raw) > 0 {
			var v any
			if err := json.Unmarshal(raw, &v); err != nil {
				fail(w, http.StatusBadRequest, 10026, "could not parse the request body as JSON")
				return
			}
			body, _ = v.(map[string]any)
			if arr, ok := v.([]any); ok {
				body = map[string]any{"_items": arr}
			}
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if parts := strings.Split(path, "/"); len(parts) == 4 && parts[0] == "accounts" && parts[2] == "request-tracer" && parts[3] == "trace" {
		f.trace(w, body) // a read that happens to be a POST
		return
	}
	f.LastWrite.Method, f.LastWrite.Path, f.LastWrite.Body = r.Method, path, body
	f.WritesSent++
	if f.FailWritesAfter >= 0 && f.Writes >= f.FailWritesAfter {
		fail(w, http.StatusInternalServerError, 10002, "An unknown error has occurred")
		return
	}
	if f.LoseAnswers > 0 && f.Writes >= f.LoseAnswersFrom { // apply the write, then lose its answer
		rec := httptest.NewRecorder()
		if f.route(rec, r, path, body) {
			f.Writes++
			f.LoseAnswers--
			loseAnswer(w, f.LoseAnswerHow)
			return
		}
		copyRecorded(w, rec)
		return
	}
	if f.route(w, r, path, body) {
		f.Writes++
	}
}

// loseAnswer answers a write that was applied as a broken network or a
// failing Cloudflare would: a 500 with Cloudflare's error body, or a
// connection closed without a word.
func loseAnswer(w http.ResponseWriter, how string) {
	if how == "drop" {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
	}
	fail(w, http.StatusInternalServerError, 10000, "Internal server error")
}

func copyRecorded(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// route sends a write to its endpoint; true when it was applied.
func (f *API) route(w http.ResponseWriter, r *http.Request, path string, body map[string]any) bool {
	parts := strings.Split(path, "/")
	switch {
	case pathIs(parts, "zones/*/rulesets/*/**"):
		return f.writeRuleset(w, r, f.zone(parts[1]), parts[3:], body)
	case pathIs(parts, "*/*/firewall/access_rules/*/**"):
		return f.writeAccessRule(w, r, parts, body)
	case pathIs(parts, "zones/*/settings/*") && r.Method == http.MethodPatch:
		return f.writeSetting(w, f.zone(parts[1]), parts[3], body)
	case pathIs(parts, "zones/*/bot_management") && r.Method == http.MethodPut:
		return f.writeBotFightMode(w, f.zone(parts[1]), body)
	case pathIs(parts, "accounts/*/rules/lists/*/*/**"):
		return f.writeListItems(w, r, f.account(parts[1]), parts[4:], body)
	}
	fail(w, http.StatusNotFound, 7000, "No route for that URI")
	return false
}

// pathIs matches path segments against a pattern: "*" is any one segment,
// a final "**" any number more.
func pathIs(parts []string, pattern string) bool {
	pat := strings.Split(pattern, "/")
	rest := len(pat) > 0 && pat[len(pat)-1] == "**"
	if rest {
		pat = pat[:len(pat)-1]
	}
	if len(parts) < len(pat) || !rest && len(parts) != len(pat) {
		return false
	}
	for i, p := range pat {
		if p != "*" && p != parts[i] {
			return false
		}
	}
	return true
}

func (f *API) writeBotFightMode(w http.ResponseWriter, z *Zone, body map[string]any) bool {
	if z == nil || f.denied(w, "Bot Management Edit") {
		return false
	}
	if v, isBool := body["fight_mode"].(bool); isBool {
		z.BotFightMode = v
	}
	writeEnvelope(w, http.StatusOK, map[string]any{"fight_mode": z.BotFightMode}, nil, nil, nil)
	return true
}

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

var ruleFields = map[string]bool{"action": true, "expression": true, "description": true, "enabled": true, "action_parameters": true,
	"logging": true, "ratelimit": true, "position": true, "ref": true}

func (f *API) writeRuleset(w http.ResponseWriter, r *http.Request, z *Zone, rest []string, body map[string]any) bool {
	if z == nil {
		fail(w, http.StatusNotFound, 7003, "Could not route, perhaps your object identifier is invalid?")
		return false
	}
	if f.denied(w, "Zone WAF Edit") {
		return false
	}
	// PUT …/phases/{phase}/entrypoint creates an entry point that does not exist yet.
	if len(rest) == 3 && rest[0] == "phases" && r.Method == http.MethodPut {
		return f.putEntrypoint(w, z, rest[1], body)
	}
	phase, rs := findRuleset(z, rest)
	if rs == nil || len(rest) < 2 || rest[1] != "rules" {
		fail(w, http.StatusNotFound, 10003, "could not find the ruleset")
		return false
	}
	if r.Method == http.MethodPost && r.URL.Query().Get("dry_run") == "true" {
		f.dryRun(w, z, phase, rs, body)
		return false
	}
	var e *writeErr
	switch r.Method + " " + strconv.Itoa(len(rest)) {
	case "POST 2":
		e = f.addRule(z, phase, rs, body)
	case "DELETE 3":
		e = deleteRule(rs, rest[2])
	case "PATCH 3":
		e = f.editRule(z, phase, rs, rest[2], body)
	default:
		e = &writeErr{http.StatusMethodNotAllowed, 10405, "method not allowed"}
	}
	if e != nil {
		fail(w, e.status, e.code, e.msg)
		return false
	}
	v, _ := strconv.Atoi(rs.Version)
	rs.Version = strconv.Itoa(v + 1)
	writeRuleset(w, rs, phase)
	return true
}

// dryRun checks a new rule without adding it.
func (f *API) dryRun(w http.ResponseWriter, z *Zone, phase string, rs *Ruleset, body map[string]any) {
	if e := f.checkRule(z, phase, rs, body, true); e != nil {
		fail(w, e.status, e.code, e.msg)
		return
	}
	writeEnvelope(w, http.StatusOK, nil, nil, nil, nil)
}

// writeErr is a write Cloudflare refuses: the status, its code, its words.
type writeErr struct {
	status, code int
	msg          string
}

func badRule(msg string) *writeErr {
	if msg == "" {
		return nil
	}
	return &writeErr{http.StatusBadRequest, 20021, msg}
}

// putEntrypoint creates a phase's entry point with its first rules.
func (f *API) putEntrypoint(w http.ResponseWriter, z *Zone, phase string, body map[string]any) bool {
	if z.Phases == nil {
		z.Phases = map[string]*Ruleset{}
	}
	rs := &Ruleset{ID: newID(), Version: "1"}
	items, _ := body["rules"].([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		if e := f.checkRule(z, phase, rs, m, true); e != nil {
			fail(w, e.status, e.code, e.msg)
			return false
		}
		m["id"], m["version"], m["last_updated"] = newID(), "1", time.Now().UTC().Format(time.RFC3339)
		rs.Rules = append(rs.Rules, m)
	}
	z.Phases[phase] = rs
	writeRuleset(w, rs, phase)
	return true
}

func findRuleset(z *Zone, rest []string) (string, *Ruleset) {
	for ph, x := range z.Phases {
		if x != nil && len(rest) > 0 && x.ID == rest[0] {
			return ph, x
		}
	}
	return "", nil
}

// addRule is POST …/rules: a new rule where position says (last by default).
func (f *API) addRule(z *Zone, phase string, rs *Ruleset, body map[string]any) *writeErr {
	if e := f.checkRule(z, phase, rs, body, true); e != nil {
		return e
	}
	rule := copyRule(body)
	rule["id"], rule["version"], rule["last_updated"] = newID(), "1", time.Now().UTC().Format(time.RFC3339)
	if _, has := rule["enabled"]; !has {
		rule["enabled"] = true
	}
	return insertAt(rs, rule, body["position"])
}

func insertAt(rs *Ruleset, rule map[string]any, pos any) *writeErr {
	idx, msg := position(rs, pos, len(rs.Rules))
	if msg != "" {
		return &writeErr{http.StatusBadRequest, 20022, msg}
	}
	rs.Rules = append(rs.Rules[:idx], append([]map[string]any{rule}, rs.Rules[idx:]...)...)
	return nil
}

func deleteRule(rs *Ruleset, id string) *writeErr {
	i := ruleIndex(rs, id)
	if i < 0 {
		return &writeErr{http.StatusNotFound, 10004, "could not find rule " + id}
	}
	rs.Rules = append(rs.Rules[:i], rs.Rules[i+1:]...)
	return nil
}

// editRule is PATCH …/rules/{id}: a new definition (the whole of it), a
// new place, or both.
func (f *API) editRule(z *Zone, phase string, rs *Ruleset, id string, body map[string]any) *writeErr {
	i := ruleIndex(rs, id)
	if i < 0 {
		return &writeErr{http.StatusNotFound, 10004, "could not find rule " + id}
	}
	if onlyMove := len(body) == 1 && body["position"] != nil; !onlyMove {
		if e := f.checkRule(z, phase, rs, body, false); e != nil {
			return e
		}
		old := rs.Rules[i]
		rule := copyRule(body)
		v, _ := strconv.Atoi(str(old["version"]))
		rule["id"], rule["ref"], rule["version"], rule["last_updated"] = old["id"], old["ref"], strconv.Itoa(v+1), time.Now().UTC().Format(time.RFC3339)
		if _, has := rule["enabled"]; !has {
			rule["enabled"] = true
		}
		rs.Rules[i] = rule
	}
	if body["position"] == nil {
		return nil
	}
	rule := rs.Rules[i]
	rs.Rules = append(rs.Rules[:i], rs.Rules[i+1:]...)
	return insertAt(rs, rule, body["position"])
}

func writeRuleset(w http.ResponseWriter, rs *Ruleset, phase string) {
	writeEnvelope(w, http.StatusOK, map[string]any{"id": rs.ID, "name": "default", "kind": "zone", "phase": phase,
		"version": rs.Version, "last_updated": time.Now().UTC().Format(time.RFC3339), "rules": rs.Rules}, nil, nil, nil)
}

func copyRule(body map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		if k != "position" {
			out[k] = v
		}
	}
	return out
}

func ruleIndex(rs *Ruleset, id string) int {
	for i, r := range rs.Rules {
		if r["id"] == id {
			return i
		}
	}
	return -1
}

// checkRule validates a rule body as Cloudflare does.
func (f *API) checkRule(z *Zone, phase string, rs *Ruleset, body map[string]any, creating bool) *writeErr {
	if msg := checkFields(body); msg != "" {
		return badRule(msg)
	}
	action, expr := str(body["action"]), str(body["expression"])
	switch {
	case action == "log" && z.Plan != "enterprise":
		return badRule("not entitled: the log action requires an Enterprise plan")
	case strings.Contains(expr, " matches ") && (z.Plan == "free" || z.Plan == "pro"):
		return badRule("not entitled: the matches operator requires a Business or Enterprise plan")
	case !creating:
		return nil
	}
	lim := map[string]int{PhaseCustom: planRules[z.Plan].custom, PhaseRateLimit: planRules[z.Plan].rateLimit}
	if n, limited := lim[phase]; limited && len(rs.Rules) >= n {
		return badRule(fmt.Sprintf("exceeded maximum number of rules in the phase %s: %d out of %d", phase, len(rs.Rules), n))
	}
	return nil
}

// checkFields finds what Cloudflare rejects in any rule: unknown fields,
// no action, and an expression that is blank or does not parse.
func checkFields(body map[string]any) string {
	for k := range body {
		if !ruleFields[k] {
			return fmt.Sprintf("unknown field %q in rule", k)
		}
	}
	if str(body["action"]) == "" {
		return "action is required"
	}
	expr, _ := body["expression"].(string)
	if strings.TrimSpace(expr) == "" {
		return "'' is not a valid value for expression because the expression cannot be blank"
	}
	if e := ruleslang.Parse(expr); e.Err != nil {
		line, col := 1, 1
		if se, ok := e.Err.(*ruleslang.SyntaxError); ok {
			line, col = se.Line, se.Col
		}
		why := e.Err.Error()
		if ruleslang.IsUnknownName(e.Err) {
			why = "unknown identifier" // Cloudflare's own words for a field it does not know
		}
		return fmt.Sprintf("'%s' is not a valid value for expression because could not parse filter expression: Filter parsing error (%d:%d): %s", expr, line, col, why)
	}
	return ""
}

// position resolves a rule position ({before}, {after}, {index}) to an index.
func position(rs *Ruleset, p any, n int) (int, string) {
	m, _ := p.(map[string]any)
	if m == nil {
		return n, ""
	}
	if b, ok := m["before"]; ok {
		if str(b) == "" {
			return 0, ""
		}
		if i := ruleIndex(rs, str(b)); i >= 0 {
			return i, ""
		}
		return 0, "position before an unknown rule"
	}
	if a, ok := m["after"]; ok {
		if str(a) == "" {
			return n, ""
		}
		if i := ruleIndex(rs, str(a)); i >= 0 {
			return i + 1, ""
		}
		return 0, "position after an unknown rule"
	}
	if ix, ok := m["index"].(float64); ok {
		if ix < 1 || int(ix) > n+1 {
			return 0, "index out of range"
		}
		return int(ix) - 1, ""
	}
	return n, ""
}

func (f *API) writeAccessRule(w http.ResponseWriter, r *http.Request, parts []string, body map[string]any) bool {
	var rules *[]AccessRule
	perm, scope := "Firewall Services Edit", "zone"
	if parts[0] == "zones" {
		if z := f.zone(parts[1]); z != nil {
			rules = &z.AccessRules
		}
	} else if a := f.account(parts[1]); a != nil {
		rules, perm, scope = &a.AccessRules, "Account Firewall Access Rules Edit", "organization"
	}
	if rules == nil {
		fail(w, http.StatusNotFound, 7003, "Could not route, perhaps your object identifier is invalid?")
		return false
	}
	if f.denied(w, perm) {
		return false
	}
	var result any
	var e *writeErr
	switch {
	case r.Method == http.MethodPost && len(parts) == 5:
		result, e = createAccessRule(rules, body, scope, parts[1])
	case len(parts) == 6 && (r.Method == http.MethodPatch || r.Method == http.MethodDelete):
		result, e = editAccessRule(rules, parts[5], r.Method, body, scope, parts[1])
	default:
		e = &writeErr{http.StatusMethodNotAllowed, 10405, "method not allowed"}
	}
	if e != nil {
		fail(w, e.status, e.code, e.msg)
		return false
	}
	writeEnvelope(w, http.StatusOK, result, nil, nil, nil)
	return true
}

func createAccessRule(rules *[]AccessRule, body map[string]any, scope, scopeID string) (any, *writeErr) {
	cfg, _ := body["configuration"].(map[string]any)
	mode := str(body["mode"])
	if !validModes[mode] || cfg == nil || str(cfg["value"]) == "" {
		return nil, &writeErr{http.StatusBadRequest, 10001, "firewallaccessrules.api.validation_error: mode and configuration are required"}
	}
	for _, a := range *rules {
		if a.Value == str(cfg["value"]) {
			return nil, &writeErr{http.StatusBadRequest, 10009, "firewallaccessrules.api.duplicate_of_existing"}
		}
	}
	a := AccessRule{ID: newID(), Mode: mode, Target: str(cfg["target"]), Value: str(cfg["value"]), Notes: str(body["notes"]),
		Modified: time.Now().UTC().Truncate(time.Second)}
	*rules = append(*rules, a)
	return accessRulesJSON([]AccessRule{a}, scope, scopeID)[0], nil
}

// editAccessRule is PATCH (mode, notes) or DELETE of one IP Access rule.
func editAccessRule(rules *[]AccessRule, id, method string, body map[string]any, scope, scopeID string) (any, *writeErr) {
	i := slices.IndexFunc(*rules, func(a AccessRule) bool { return a.ID == id })
	if i < 0 {
		return nil, &writeErr{http.StatusNotFound, 10004, "access rule not found"}
	}
	a := (*rules)[i]
	if method == http.MethodDelete {
		*rules = append((*rules)[:i], (*rules)[i+1:]...)
		return map[string]any{"id": a.ID}, nil
	}
	if m := str(body["mode"]); m != "" {
		if !validModes[m] {
			return nil, &writeErr{http.StatusBadRequest, 10001, "firewallaccessrules.api.validation_error: invalid mode"}
		}
		a.Mode = m
	}
	if n, has := body["notes"]; has {
		a.Notes = str(n)
	}
	a.Modified = time.Now().UTC().Truncate(time.Second)
	(*rules)[i] = a
	return accessRulesJSON([]AccessRule{a}, scope, scopeID)[0], nil
}

var validModes = map[string]bool{"block": true, "challenge": true, "js_challenge": true, "managed_challenge": true, "whitelist": true}

var settingValues = map[string]map[string]bool{
	"security_level": {"off": true, "essentially_off": true, "low": true, "medium": true, "high": true, "under_attack": true},
	"browser_check":  {"on": true, "off": true},
}

func (f *API) writeSetting(w http.ResponseWriter, z *Zone, name string, body map[string]any) bool {
	if z == nil || f.denied(w, "Zone Settings Edit") {
		return false
	}
	v := str(body["value"])
	if !settingValues[name][v] {
		fail(w, http.StatusBadRequest, 1007, fmt.Sprintf("Invalid value for zone setting %s", name))
		return false
	}
	z.Settings[name] = v
	writeEnvelope(w, http.StatusOK, map[string]any{"id": name, "value": v, "editable": true, "modified_on": time.Now().UTC().Format(time.RFC3339)}, nil, nil, nil)
	return true
}

// writeListItems adds or deletes list items; like Cloudflare it answers with
// an operation to poll, which the fake completes at once.
func (f *API) writeListItems(w http.ResponseWriter, r *http.Request, a *Account, rest []string, body map[string]any) bool {
	if a == nil || f.denied(w, "Account Filter Lists Edit") {
		return false
	}
	i := slices.IndexFunc(a.Lists, func(l List) bool { return l.ID == rest[0] })
	if i < 0 || len(rest) != 2 || rest[1] != "items" {
		fail(w, http.StatusNotFound, 10001, "list not found")
		return false
	}
	l := &a.Lists[i]
	switch r.Method {
	case http.MethodPost:
		if e := addItems(l, body); e != nil {
			fail(w, e.status, e.code, e.msg)
			return false
		}
	case http.MethodDelete:
		removeItems(l, body)
	default:
		return false
	}
	writeEnvelope(w, http.StatusOK, map[string]any{"operation_id": newID()}, nil, nil, nil)
	return true
}

func addItems(l *List, body map[string]any) *writeErr {
	items, _ := body["_items"].([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		ip := str(m["ip"])
		if ip == "" {
			return &writeErr{http.StatusBadRequest, 10021, "list item must have an ip"}
		}
		if !slices.Contains(l.Items, ip) {
			l.Items = append(l.Items, ip)
		}
	}
	return nil
}

func removeItems(l *List, body map[string]any) {
	items, _ := body["items"].([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		id := str(m["id"])
		n, _ := strconv.Atoi(strings.TrimPrefix(id, "item"))
		if strings.HasPrefix(id, "item") && n < len(l.Items) {
			l.Items = append(l.Items[:n], l.Items[n+1:]...)
		}
	}
}
