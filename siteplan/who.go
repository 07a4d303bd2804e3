package siteplan

import (
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"rayfix/app/ruleslang"
)

// Who is a group of visitors to let through, parsed and canonicalised. It
// enters rule expressions only as an AST node (Node), never as typed text.
type Who struct {
	Kind  string `json:"kind"`  // ip, asn, country, verified_bots, list, path
	Value string `json:"value"` // canonical: "203.0.113.0/24", "13335", "DE", "office", "/webhooks/stripe"
}

var (
	reASN     = regexp.MustCompile(`^(?i)(?:AS)?\s*([0-9]{1,10})$`)
	reCountry = regexp.MustCompile(`^[A-Za-z]{2}$`)
	reList    = regexp.MustCompile(`^\$?([a-z0-9_]{1,50})$`)
	reHost    = regexp.MustCompile(`^(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)
	rePath    = regexp.MustCompile(`^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$`)
)

// ParseWho reads what a person typed for kind. The error is worded for
// the field it was typed in.
func ParseWho(kind, input string) (Who, error) {
	v := strings.TrimSpace(input)
	if isList(kind, v) {
		return Who{}, errors.New("type one at a time: RayFix makes a rule for one entry. For many addresses, put them in an IP list in Cloudflare and choose “The IPs in one of your lists”")
	}
	return parseOne(kind, v)
}

// parseOne reads one entry of kind.
func parseOne(kind, v string) (Who, error) {
	if kind == "verified_bots" {
		return Who{Kind: "verified_bots"}, nil
	}
	if kind == "ip" || kind == "asn" {
		return parseNetwork(kind, v)
	}
	// The rest are checked against a pattern, then canonicalised.
	forms := map[string]struct {
		re    *regexp.Regexp
		canon func(v string) string
		hint  string
	}{
		"country": {reCountry, strings.ToUpper, "is not a country code; use the two letters, like DE or US"},
		"host":    {reHost, strings.ToLower, "is not a host name; write it like api.example.com"},
		"list":    {reList, func(v string) string { return reList.FindStringSubmatch(v)[1] }, "is not a list name; list names use lowercase letters, digits and _"},
		"path":    {rePath, func(v string) string { return v }, "is not a page path; it starts with / and has no spaces or quotes, like /webhooks/stripe"},
	}
	f, ok := forms[kind]
	if !ok {
		return Who{}, fmt.Errorf("unknown kind %q", kind)
	}
	if !f.re.MatchString(v) || kind == "path" && strings.Contains(v, "//") {
		return Who{}, fmt.Errorf("%s %s", echo(v), f.hint)
	}
	return Who{Kind: kind, Value: f.canon(v)}, nil
}

// parseNetwork reads an IP address, a network (CIDR) or a network number.
func parseNetwork(kind, v string) (Who, error) {
	q := echo(v)
	if kind == "ip" {
		if p, err := netip.ParsePrefix(v); err == nil {
			return Who{Kind: "ip", Value: ruleslang.Print(ruleslang.NewIPPrefix(p))}, nil
		}
		if a, err := netip.ParseAddr(v); err == nil {
			return Who{Kind: "ip", Value: a.Unmap().String()}, nil
		}
		return Who{}, fmt.Errorf("%s is not an IP address or network; write it like 203.0.113.7 or 203.0.113.0/24", q)
	}
	m := reASN.FindStringSubmatch(v)
	if m == nil {
		return Who{}, fmt.Errorf("%s is not a network number; write it like AS13335 or 13335", q)
	}
	n, err := strconv.ParseUint(m[1], 10, 32)
	if err != nil || n == 0 {
		return Who{}, fmt.Errorf("%s is not a valid network number", q)
	}
	return Who{Kind: "asn", Value: strconv.FormatUint(n, 10)}, nil
}

// isList says whether what was typed is several good entries of the kind
// ("203.0.113.7, 203.0.113.8"), which deserves its own answer.
func isList(kind, v string) bool {
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' })
	if len(parts) < 2 || kind == "path" || kind == "verified_bots" {
		return false
	}
	for _, p := range parts {
		if _, err := parseOne(kind, p); err != nil {
			return false
		}
	}
	return true
}

// echo quotes what was typed for a message, cut short: a message under
// the field must not repeat a pasted page.
func echo(v string) string {
	if r := []rune(v); len(r) > 40 {
		v = string(r[:37]) + "…"
	}
	return strconv.Quote(v)
}

// Node is the condition matching these visitors, as an expression node.
func (w Who) Node() ruleslang.Node {
	field := func(n string) ruleslang.Node { return &ruleslang.Field{Name: n} }
	switch w.Kind {
	case "ip":
		return &ruleslang.Compare{Left: field("ip.src"), Op: "in", Right: &ruleslang.Set{Items: []ruleslang.Node{ipNode(w.Value)}}}
	case "asn":
		return &ruleslang.Compare{Left: field("ip.src.asnum"), Op: "eq", Right: &ruleslang.Number{Text: w.Value}}
	case "country":
		return &ruleslang.Compare{Left: field("ip.src.country"), Op: "eq", Right: ruleslang.NewString(w.Value)}
	case "verified_bots":
		return &ruleslang.Compare{Left: field("cf.client.bot")}
	case "list":
		return &ruleslang.Compare{Left: field("ip.src"), Op: "in", Right: &ruleslang.List{Name: w.Value}}
	case "host":
		return &ruleslang.Compare{Left: field("http.host"), Op: "eq", Right: ruleslang.NewString(w.Value)}
	case "path":
		return &ruleslang.Compare{Left: &ruleslang.Call{Name: "starts_with", Args: []ruleslang.Node{field("http.request.uri.path"), ruleslang.NewString(w.Value)}}}
	}
	return nil
}

func ipNode(v string) ruleslang.Node {
	if p, err := netip.ParsePrefix(v); err == nil {
		return ruleslang.NewIPPrefix(p)
	}
	a, _ := netip.ParseAddr(v)
	return ruleslang.NewIPPrefix(netip.PrefixFrom(a, a.BitLen()))
}

// Words names the visitors for previews ("the IP address 203.0.113.7").
func (w Who) Words() string {
	switch w.Kind {
	case "ip":
		if strings.Contains(w.Value, "/") {
			return "the network " + w.Value
		}
		return "the IP address " + w.Value
	case "asn":
		return "the network AS" + w.Value
	case "country":
		return "visitors from " + CountryOnly(w.Value)
	case "verified_bots":
		return "known good bots (search engines, monitors)"
	case "list":
		return "the IPs in list " + w.Value
	case "path":
		return "requests to pages starting with " + w.Value
	case "host":
		return "requests to " + w.Value
	}
	return w.Value
}

// AccessTarget is the IP Access rule configuration for w, when one exists.
func (w Who) AccessTarget() (target, value string, ok bool) {
	switch w.Kind {
	case "ip":
		if p, err := netip.ParsePrefix(w.Value); err == nil {
			return "ip_range", p.String(), true
		}
		if a, err := netip.ParseAddr(w.Value); err == nil && a.Is6() {
			return "ip6", w.Value, true
		}
		return "ip", w.Value, true
	case "asn":
		return "asn", "AS" + w.Value, true
	case "country":
		return "country", w.Value, true
	}
	return "", "", false
}
