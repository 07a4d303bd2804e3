package ruleslang

import (
	"sort"
	"strings"
)

// kind is the type of a field's value, as the Rules language sees it.
type kind int

const (
	kText kind = iota // string (and bytes)
	kIP               // an IP address
	kInt              // an integer
	kBool             // yes or no
	kMany             // an array or a map: compared only through an index or a function
)

var kindWords = map[kind]string{kText: "text", kIP: "an IP address", kInt: "a number", kBool: "yes or no", kMany: "several values"}

// fields are the Rules language's fields that an HTTP request rule can
// use, with their types (Cloudflare's fields reference). Cloudflare answers
// "unknown identifier" for any other name; RayFix says so where it was typed.
var fields = map[string]kind{
	"true": kBool, "false": kBool, "ssl": kBool,

	"ip.src": kIP, "ip.src.asnum": kInt, "ip.src.country": kText, "ip.src.continent": kText,
	"ip.src.city": kText, "ip.src.lat": kText, "ip.src.lon": kText, "ip.src.metro_code": kText,
	"ip.src.postal_code": kText, "ip.src.region": kText, "ip.src.region_code": kText,
	"ip.src.timezone.name": kText, "ip.src.is_in_european_union": kBool,
	"ip.src.subdivision_1_iso_code": kText, "ip.src.subdivision_2_iso_code": kText,
	"ip.geoip.asnum": kInt, "ip.geoip.country": kText, "ip.geoip.continent": kText,
	"ip.geoip.is_in_european_union": kBool, "ip.geoip.subdivision_1_iso_code": kText,
	"ip.geoip.subdivision_2_iso_code": kText,

	"http.host": kText, "http.user_agent": kText, "http.referer": kText, "http.cookie": kText,
	"http.x_forwarded_for": kText, "http.request.uri": kText, "http.request.uri.path": kText,
	"http.request.uri.path.extension": kText, "http.request.uri.query": kText,
	"http.request.full_uri": kText, "http.request.method": kText, "http.request.version": kText,
	"http.request.timestamp.sec": kInt, "http.request.timestamp.msec": kInt,
	"http.request.uri.args": kMany, "http.request.uri.args.names": kMany, "http.request.uri.args.values": kMany,
	"http.request.cookies": kMany, "http.request.accepted_languages": kMany,
	"http.request.headers": kMany, "http.request.headers.names": kMany, "http.request.headers.values": kMany,
	"http.request.headers.truncated": kBool,
	"http.request.body.raw":          kText, "http.request.body.size": kInt, "http.request.body.truncated": kBool,
	"http.request.body.mime": kText, "http.request.body.form": kMany, "http.request.body.form.names": kMany,
	"http.request.body.form.values": kMany, "http.request.body.multipart": kMany,
	"http.request.body.multipart.names": kMany, "http.request.body.multipart.values": kMany,
	"http.request.body.multipart.content_types": kMany, "http.request.body.multipart.filenames": kMany,
	"http.request.body.multipart.content_dispositions":       kMany,
	"http.request.body.multipart.content_transfer_encodings": kMany,
	"http.request.jwt.claims":                                kMany,
	"http.response.code":                                     kInt, "http.response.headers": kMany, "http.response.headers.names": kMany,
	"http.response.headers.values": kMany, "http.response.content_type.media_type": kText,

	"raw.http.request.uri": kText, "raw.http.request.uri.path": kText, "raw.http.request.uri.path.extension": kText,
	"raw.http.request.uri.query": kText, "raw.http.request.full_uri": kText,
	"raw.http.request.uri.args": kMany, "raw.http.request.uri.args.names": kMany, "raw.http.request.uri.args.values": kMany,
	"raw.http.request.headers": kMany, "raw.http.request.headers.names": kMany, "raw.http.request.headers.values": kMany,

	"cf.client.bot": kBool, "cf.verified_bot_category": kText, "cf.threat_score": kInt, "cf.ray_id": kText,
	"cf.bot_management.verified_bot": kBool, "cf.bot_management.score": kInt,
	"cf.bot_management.static_resource": kBool, "cf.bot_management.corporate_proxy": kBool,
	"cf.bot_management.js_detection.passed": kBool, "cf.bot_management.ja3_hash": kText,
	"cf.bot_management.ja4": kText, "cf.bot_management.detection_ids": kMany,
	"cf.waf.score": kInt, "cf.waf.score.sqli": kInt, "cf.waf.score.xss": kInt, "cf.waf.score.rce": kInt,
	"cf.waf.score.class": kText, "cf.waf.auth_detected": kBool,
	"cf.waf.credential_check.password_leaked": kBool, "cf.waf.credential_check.username_leaked": kBool,
	"cf.waf.credential_check.username_and_password_leaked": kBool,
	"cf.waf.credential_check.username_password_similar":    kBool,
	"cf.waf.content_scan.has_obj":                          kBool, "cf.waf.content_scan.has_malicious_obj": kBool,
	"cf.waf.content_scan.has_failed": kBool, "cf.waf.content_scan.num_obj": kInt,
	"cf.waf.content_scan.num_malicious_obj": kInt, "cf.waf.content_scan.obj_results": kMany,
	"cf.waf.content_scan.obj_types": kMany, "cf.waf.content_scan.obj_sizes": kMany,
	"cf.api_gateway.auth_id_present": kBool, "cf.api_gateway.request_violates_schema": kBool,
	"cf.api_gateway.fallthrough_detected": kBool,
	"cf.llm.prompt.detected":              kBool, "cf.llm.prompt.pii_detected": kBool, "cf.llm.prompt.pii_categories": kMany,
	"cf.llm.prompt.injection_score": kInt, "cf.llm.prompt.unsafe_topic_detected": kBool,
	"cf.llm.prompt.unsafe_topic_categories": kMany,
	"cf.tls_version":                        kText, "cf.tls_cipher": kText, "cf.tls_client_hello_length": kInt,
	"cf.tls_client_random": kText, "cf.tls_client_extensions_sha1": kText, "cf.tls_client_ciphers_sha1": kText,
	"cf.tls_client_auth.cert_presented": kBool, "cf.tls_client_auth.cert_verified": kBool,
	"cf.tls_client_auth.cert_revoked": kBool, "cf.tls_client_auth.cert_issuer_dn": kText,
	"cf.tls_client_auth.cert_subject_dn": kText, "cf.tls_client_auth.cert_fingerprint_sha256": kText,
	"cf.tls_client_auth.cert_fingerprint_sha1": kText, "cf.tls_client_auth.cert_serial": kText,
	"cf.tls_client_auth.cert_issuer_ski": kText, "cf.tls_client_auth.cert_ski": kText,
	"cf.tls_client_auth.cert_not_before": kText, "cf.tls_client_auth.cert_not_after": kText,
	"cf.edge.server_ip": kIP, "cf.edge.server_port": kInt, "cf.edge.client_port": kInt,
	"cf.hostname.metadata": kText, "cf.zone.name": kText, "cf.zone.plan": kText, "cf.metal.id": kText,
	"cf.random_seed": kText, "cf.worker.upstream_zone": kText, "cf.colo.id": kInt, "cf.colo.region": kText,
	"cf.response.1xxx_code": kInt, "cf.response.error_type": kText,
}

// functions are the Rules language's functions.
var functions = map[string]bool{
	"any": true, "all": true, "lower": true, "upper": true, "len": true, "concat": true,
	"starts_with": true, "ends_with": true, "contains": true, "has_key": true, "has_value": true,
	"lookup_json_string": true, "lookup_json_integer": true, "regex_replace": true, "wildcard_replace": true,
	"remove_bytes": true, "remove_query_args": true, "to_string": true, "url_decode": true, "uuidv4": true,
	"decode_base64": true, "encode_base64": true, "cidr": true, "cidr6": true, "bit_slice": true,
	"is_timed_hmac_valid_v0": true, "join": true, "split": true, "substring": true, "sha256": true,
}

// checker walks a parsed expression and finds what Cloudflare would refuse
// although it is well formed: unknown fields and functions, and values of
// the wrong kind (text where a number belongs, a bare field that is not
// yes-or-no).
type checker struct {
	src string
	pos map[Node]int // where each field or call was written
}

func (c *checker) fail(n Node, format string, a ...any) error {
	return errAt(c.src, c.pos[n], format, a...)
}

func (c *checker) check(n Node) error {
	switch x := n.(type) {
	case *Logical:
		if err := c.check(x.Left); err != nil {
			return err
		}
		return c.check(x.Right)
	case *Not:
		return c.check(x.X)
	case *Paren:
		return c.check(x.X)
	case *Compare:
		return c.compare(x)
	case *Call:
		if !functions[x.Name] {
			return c.fail(x, "%s() is not a function Cloudflare knows", x.Name)
		}
		for _, a := range x.Args {
			if v, ok := a.(*Compare); ok && v.Op == "" {
				a = v.Left // a field passed as a value, not a yes-or-no test
			}
			if err := c.check(a); err != nil {
				return err
			}
		}
	case *Field:
		if _, ok := fields[x.Name]; !ok {
			return c.fail(x, "%s", unknownField(x.Name))
		}
	}
	return nil
}

// compare checks one comparison: its field, and that the value is of the
// field's kind (only for a plain field: an indexed one is left alone).
func (c *checker) compare(x *Compare) error {
	if err := c.check(x.Left); err != nil {
		return err
	}
	f, ok := x.Left.(*Field)
	if !ok || len(f.Indexes) > 0 {
		return nil
	}
	k := fields[f.Name]
	if x.Op == "" {
		if k != kBool {
			return c.fail(f, "%s holds %s, not yes or no: compare it with a value, as in %s", f.Name, kindWords[k], example(f.Name, k))
		}
		return nil
	}
	if err := c.operator(f, k, x.Op); err != nil {
		return err
	}
	return c.values(f, k, x.Right)
}

// operator checks that an operator works on the field's kind of value.
func (c *checker) operator(f *Field, k kind, op string) error {
	switch {
	case k == kMany:
		return c.fail(f, "%s holds several values: pick one with [ ] or use a function such as any()", f.Name)
	case k == kBool && op != "eq" && op != "ne" && op != "==" && op != "!=":
		return c.fail(f, "%s is yes or no: use it on its own, or with not", f.Name)
	case k != kText && (op == "contains" || op == "matches" || op == "~" || strings.HasSuffix(op, "wildcard")):
		return c.fail(f, "%q works on text, and %s holds %s", op, f.Name, kindWords[k])
	}
	return nil
}

// values checks that the value (or every item of a set) fits the field.
func (c *checker) values(f *Field, k kind, v Node) error {
	items := []Node{v}
	if s, ok := v.(*Set); ok {
		items = s.Items
	}
	for _, it := range items {
		if r, ok := it.(*Range); ok {
			it = r.Lo
		}
		if !fits(k, it) {
			return c.fail(f, "%s holds %s: write the value as in %s", f.Name, kindWords[k], example(f.Name, k))
		}
	}
	return nil
}

func fits(k kind, v Node) bool {
	switch v.(type) {
	case *List:
		return true
	case *String:
		return k == kText
	case *Number:
		return k == kInt
	case *IP:
		return k == kIP
	case *Field: // true / false
		return k == kBool
	}
	return true
}

func example(name string, k kind) string {
	switch k {
	case kIP:
		return name + " eq 203.0.113.7"
	case kInt:
		return name + " eq 64496"
	case kBool:
		return name
	}
	return name + ` eq "…"`
}

// unknownField says a name is not a field, and suggests the nearest one
// when the difference looks like a typing slip.
func unknownField(name string) string {
	msg := name + " is not a field Cloudflare knows"
	best, bestD := "", 3
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	sort.Strings(names) // the same suggestion every time
	for _, f := range names {
		if d := distance(name, f, bestD); d < bestD {
			best, bestD = f, d
		}
	}
	if best != "" {
		msg += ": did you mean " + best + "?"
	}
	return msg
}

// distance is the edit distance between a and b, or limit when it is at
// least limit (long names are not compared letter by letter for nothing).
func distance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// IsUnknownName reports whether err is about a field or function that
// does not exist (Cloudflare's "unknown identifier").
func IsUnknownName(err error) bool {
	se, ok := err.(*SyntaxError)
	return ok && (strings.Contains(se.Msg, "is not a field Cloudflare knows") || strings.Contains(se.Msg, "is not a function Cloudflare knows"))
}
