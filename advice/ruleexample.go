package advice

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"rayfix/app/ruleslang"
	"rayfix/cfapi"
	"rayfix/diagnose/places"
)

// exampleRequest builds one request that every expression matches, from
// the values their conditions name (eq, in, contains, a verified bot),
// on top of seed, and checks it with the evaluator. A request it returns
// is proof that the rules overlap: it is what RayFix shows the owner.
func exampleRequest(seed ruleslang.Request, nodes ...ruleslang.Node) (*ruleslang.Request, bool) {
	picks := map[string][]string{}
	for _, n := range nodes {
		for _, c := range conjuncts(n) {
			addPick(picks, c)
		}
	}
	var r ruleslang.Request // a real request: fields no condition names are empty
	for field, vals := range picks {
		setField(&r, field, vals[0])
	}
	// The seed (an IP Access rule's address, network or country) is what
	// the example is about, so it wins over a value picked from a range.
	if seed.IP.IsValid() {
		r.IP = seed.IP
	}
	if seed.ASN != 0 {
		r.ASN = seed.ASN
	}
	if seed.Country != "" {
		r.Country = seed.Country
	}
	if r.Country != "" && r.Continent == "" {
		r.Continent = places.ContinentOf(r.Country)
	}
	for _, n := range nodes {
		if ruleslang.Eval(n, &r) != ruleslang.True {
			return nil, false
		}
	}
	return &r, true
}

// accessSeed is a request an IP Access rule matches: its address,
// network or country, nothing else.
func accessSeed(a *cfapi.AccessRule) ruleslang.Request {
	var r ruleslang.Request
	v := a.Configuration.Value
	switch a.Configuration.Target {
	case "ip", "ip6":
		r.IP, _ = netip.ParseAddr(v)
	case "ip_range":
		if p, err := netip.ParsePrefix(v); err == nil {
			r.IP = p.Addr()
		}
	case "asn":
		r.ASN, _ = strconv.Atoi(strings.TrimPrefix(strings.ToUpper(v), "AS"))
	case "country":
		r.Country = strings.ToUpper(v)
	}
	return r
}

// conjuncts are the parts of an expression joined by "and".
func conjuncts(n ruleslang.Node) []ruleslang.Node {
	switch x := n.(type) {
	case *ruleslang.Paren:
		return conjuncts(x.X)
	case *ruleslang.Logical:
		if x.Op == "and" || x.Op == "&&" {
			return append(conjuncts(x.Left), conjuncts(x.Right)...)
		}
	}
	return []ruleslang.Node{n}
}

// addPick notes the values one condition accepts. Values already picked
// for the field are narrowed to those both accept; when none is left, the
// newest wins and the evaluator decides.
func addPick(picks map[string][]string, n ruleslang.Node) {
	c, ok := n.(*ruleslang.Compare)
	if !ok {
		return
	}
	name := fieldName(c.Left)
	if name == "" {
		return
	}
	var vals []string
	switch c.Op {
	case "":
		vals = []string{"true"}
	case "eq", "==", "contains":
		vals = []string{literal(c.Right)}
	case "in":
		if set, ok := c.Right.(*ruleslang.Set); ok {
			for _, it := range set.Items {
				vals = append(vals, literal(it))
			}
		}
	}
	if len(vals) == 0 || vals[0] == "" {
		return
	}
	if old := picks[name]; len(old) > 0 {
		if both := common(old, vals); len(both) > 0 {
			vals = both
		}
	}
	picks[name] = vals
}

func common(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
			}
		}
	}
	return out
}

// fieldName is the field a condition reads, through lower() and upper().
func fieldName(n ruleslang.Node) string {
	switch x := n.(type) {
	case *ruleslang.Field:
		if len(x.Indexes) == 0 {
			return x.Name
		}
	case *ruleslang.Call:
		if (x.Name == "lower" || x.Name == "upper") && len(x.Args) == 1 {
			return fieldName(x.Args[0])
		}
	}
	return ""
}

func literal(n ruleslang.Node) string {
	switch x := n.(type) {
	case *ruleslang.String:
		return x.Value
	case *ruleslang.Number:
		return x.Text
	case *ruleslang.IP:
		if p, err := netip.ParsePrefix(x.Text); err == nil {
			return p.Addr().String()
		}
		return x.Text
	}
	return ""
}

// requestFields are the fields an example can fill in.
var requestFields = map[string]func(r *ruleslang.Request, v string){
	"ip.src":                 func(r *ruleslang.Request, v string) { r.IP, _ = netip.ParseAddr(v) },
	"ip.src.country":         func(r *ruleslang.Request, v string) { r.Country = strings.ToUpper(v) },
	"ip.geoip.country":       func(r *ruleslang.Request, v string) { r.Country = strings.ToUpper(v) },
	"ip.src.continent":       func(r *ruleslang.Request, v string) { r.Continent = v },
	"ip.geoip.continent":     func(r *ruleslang.Request, v string) { r.Continent = v },
	"ip.src.asnum":           func(r *ruleslang.Request, v string) { r.ASN, _ = strconv.Atoi(v) },
	"ip.geoip.asnum":         func(r *ruleslang.Request, v string) { r.ASN, _ = strconv.Atoi(v) },
	"http.user_agent":        func(r *ruleslang.Request, v string) { r.UserAgent = v },
	"http.host":              func(r *ruleslang.Request, v string) { r.Host = v },
	"http.request.uri.path":  func(r *ruleslang.Request, v string) { r.Path = v },
	"http.request.uri.query": func(r *ruleslang.Request, v string) { r.Query = v },
	"http.request.method":    func(r *ruleslang.Request, v string) { r.Method = v },
	"http.referer":           func(r *ruleslang.Request, v string) { r.Referer = v },
	"cf.client.bot":          func(r *ruleslang.Request, v string) { r.VerifiedBot = v == "true" },
}

func setField(r *ruleslang.Request, field, v string) {
	if set, ok := requestFields[field]; ok {
		set(r, v)
	}
}

// requestWords describes an example request by what it is made of:
// "a request from Russia to /shop with the browser name “curl”".
func requestWords(r *ruleslang.Request) string {
	var parts []string
	if r.IP.IsValid() {
		parts = append(parts, "from "+r.IP.String())
	}
	if r.Country != "" {
		prep := "from "
		if r.IP.IsValid() {
			prep = "in "
		}
		parts = append(parts, prep+places.CountryName(r.Country))
	}
	if r.ASN != 0 {
		parts = append(parts, fmt.Sprintf("on the network AS%d", r.ASN))
	}
	if r.Method != "" {
		parts = append(parts, "using "+r.Method)
	}
	if r.Host != "" || r.Path != "" {
		parts = append(parts, "for "+r.Host+r.Path)
	}
	if r.Query != "" {
		parts = append(parts, "with “?"+r.Query+"”")
	}
	if r.UserAgent != "" {
		parts = append(parts, "with the browser name “"+r.UserAgent+"”")
	}
	if r.VerifiedBot {
		parts = append(parts, "from a verified bot")
	}
	if len(parts) == 0 {
		return "any request"
	}
	return "a request " + strings.Join(parts, " ")
}
