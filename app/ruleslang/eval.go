package ruleslang

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Request is what RayFix knows of one visitor's request, to evaluate rules
// locally: from a Security Event, a visitor report, or typed by the owner.
type Request struct {
	IP          netip.Addr
	Country     string // ISO code, upper case
	Continent   string
	ASN         int
	UserAgent   string
	Host        string
	Path        string
	Query       string
	Method      string
	Referer     string
	VerifiedBot bool
	BotCategory string // a verified bot's category ("Search Engine Crawler")
	// Partial: only the fields that are set are known (a group of visitors,
	// such as "the IP address 203.0.113.7", rather than one request).
	Partial bool
	// Lists resolves $name: whether the IP (or ASN) is in the list. Nil
	// means lists are unknown.
	InList func(name string, r *Request) (bool, bool)
	// Known: in a Partial request, the fields known even when empty — a
	// group of sampled traffic knows its user agent and whether it is a
	// verified bot, even when the answer is "none".
	Known map[string]bool
}

// Tri is a three-valued result: a rule about a field RayFix does not know
// (a header, a cookie) is neither true nor false.
type Tri int8

// The three values.
const (
	False Tri = iota
	True
	Unknown
)

func tri(b bool) Tri {
	if b {
		return True
	}
	return False
}

// Eval evaluates an expression against a request.
func Eval(n Node, r *Request) Tri {
	switch x := n.(type) {
	case *Paren:
		return Eval(x.X, r)
	case *Not:
		switch Eval(x.X, r) {
		case True:
			return False
		case False:
			return True
		}
		return Unknown
	case *Logical:
		a, b := Eval(x.Left, r), Eval(x.Right, r)
		switch x.Op {
		case "and", "&&":
			if a == False || b == False {
				return False
			}
			if a == True && b == True {
				return True
			}
		case "or", "||":
			if a == True || b == True {
				return True
			}
			if a == False && b == False {
				return False
			}
		default: // xor
			if a != Unknown && b != Unknown {
				return tri(a != b)
			}
		}
		return Unknown
	case *Compare:
		return evalCompare(x, r)
	}
	return Unknown
}

// Matched lists the comparisons that made an expression true for r: the
// parts to show a person ("country is RU"). Empty when it is not true.
func Matched(n Node, r *Request) []Node {
	if Eval(n, r) != True {
		return nil
	}
	switch x := n.(type) {
	case *Paren:
		return Matched(x.X, r)
	case *Logical:
		var out []Node
		for _, side := range []Node{x.Left, x.Right} {
			if Eval(side, r) == True {
				out = append(out, Matched(side, r)...)
			}
		}
		return out
	}
	return []Node{n}
}

type value struct {
	s      string
	n      int64
	isNum  bool
	ip     netip.Addr
	isIP   bool
	b      bool
	isBool bool
	known  bool
}

func str(s string) value { return value{s: s, known: true} }

func (r *Request) field(f *Field) value {
	if len(f.Indexes) > 0 {
		return value{}
	}
	if get, ok := textFields[f.Name]; ok {
		if v := get(r); v == "" && r.Known[f.Name] {
			return str(v)
		}
		return r.text(get(r))
	}
	if v, ok := r.derived(f.Name); ok {
		return v
	}
	switch f.Name {
	case "ip.src":
		return value{ip: r.IP, isIP: r.IP.IsValid(), known: r.IP.IsValid()}
	case "ip.src.country", "ip.geoip.country":
		return value{s: r.Country, known: r.Country != ""}
	case "ip.src.continent", "ip.geoip.continent":
		return value{s: r.Continent, known: r.Continent != ""}
	case "ip.src.asnum", "ip.geoip.asnum":
		return value{n: int64(r.ASN), isNum: true, known: r.ASN != 0}
	case "http.host":
		return value{s: r.Host, known: r.Host != ""}
	case "http.request.uri.path":
		return value{s: r.Path, known: r.Path != ""}
	case "http.request.method":
		return value{s: r.Method, known: r.Method != ""}
	case "ssl":
		return value{b: true, isBool: true, known: true}
	case "true":
		return value{b: true, isBool: true, known: true}
	case "false":
		return value{b: false, isBool: true, known: true}
	}
	return value{}
}

// derived are the fields made from others (addresses) or known by kind
// (bots, scores).
func (r *Request) derived(name string) (value, bool) {
	switch name {
	case "http.request.uri":
		u := r.Path
		if r.Query != "" {
			u += "?" + r.Query
		}
		return value{s: u, known: r.Path != ""}, true
	case "http.request.full_uri":
		u := "https://" + r.Host + r.Path
		if r.Query != "" {
			u += "?" + r.Query
		}
		return value{s: u, known: r.Host != "" && r.Path != ""}, true
	case "cf.client.bot", "cf.bot_management.verified_bot":
		return value{b: r.VerifiedBot, isBool: true, known: !r.Partial || r.VerifiedBot || r.Known["cf.client.bot"]}, true
	case "cf.verified_bot_category":
		return value{s: r.BotCategory, known: !r.Partial || r.BotCategory != "" || r.Known["cf.client.bot"]}, true
	case "cf.threat_score":
		return value{n: 0, isNum: true, known: true}, true // Cloudflare no longer fills it in
	}
	return value{}, false
}

// textFields are known even when empty (no query, no referer), unless
// the request is Partial.
var textFields = map[string]func(r *Request) string{
	"http.user_agent":        func(r *Request) string { return r.UserAgent },
	"http.request.uri.query": func(r *Request) string { return r.Query },
	"http.referer":           func(r *Request) string { return r.Referer },
}

// text is a text field that is known even when empty, unless the request
// is Partial.
func (r *Request) text(v string) value {
	if r.Partial && v == "" {
		return value{}
	}
	return str(v)
}

func (r *Request) operand(n Node) value {
	switch x := n.(type) {
	case *Field:
		return r.field(x)
	case *Compare:
		if x.Op == "" {
			return r.operand(x.Left)
		}
	case *Call:
		switch x.Name {
		case "lower", "upper":
			if len(x.Args) == 1 {
				v := r.operand(x.Args[0])
				if x.Name == "lower" {
					v.s = strings.ToLower(v.s)
				} else {
					v.s = strings.ToUpper(v.s)
				}
				return v
			}
		}
	case *String:
		return str(x.Value)
	case *Number:
		n, err := strconv.ParseInt(x.Text, 10, 64)
		return value{n: n, isNum: true, known: err == nil}
	}
	return value{}
}

func evalCompare(c *Compare, r *Request) Tri {
	if call, ok := c.Left.(*Call); ok && c.Op == "" {
		switch call.Name {
		case "starts_with", "ends_with":
			if len(call.Args) != 2 {
				return Unknown
			}
			a, b := r.operand(call.Args[0]), r.operand(call.Args[1])
			if !a.known || !b.known {
				return Unknown
			}
			if call.Name == "starts_with" {
				return tri(strings.HasPrefix(a.s, b.s))
			}
			return tri(strings.HasSuffix(a.s, b.s))
		}
		return Unknown
	}
	left := r.operand(c.Left)
	if !left.known {
		return Unknown
	}
	if c.Op == "" {
		if left.isBool {
			return tri(left.b)
		}
		return Unknown
	}
	switch c.Op {
	case "in":
		return r.in(left, c.Right)
	case "contains":
		return tri(strings.Contains(left.s, litString(c.Right)))
	case "matches", "~":
		re := compile(litString(c.Right))
		if re == nil {
			return Unknown
		}
		return tri(re.MatchString(left.s))
	case "wildcard":
		return tri(globMatch(strings.ToLower(litString(c.Right)), strings.ToLower(left.s)))
	case "strict wildcard":
		return tri(globMatch(litString(c.Right), left.s))
	}
	cmp, ok := compareValues(left, r.literal(c.Right))
	if !ok {
		return Unknown
	}
	switch c.Op {
	case "eq", "==":
		return tri(cmp == 0)
	case "ne", "!=":
		return tri(cmp != 0)
	case "lt", "<":
		return tri(cmp < 0)
	case "le", "<=":
		return tri(cmp <= 0)
	case "gt", ">":
		return tri(cmp > 0)
	case "ge", ">=":
		return tri(cmp >= 0)
	}
	return Unknown
}

func litString(n Node) string {
	if s, ok := n.(*String); ok {
		return s.Value
	}
	return Print(n)
}

func (r *Request) literal(n Node) value {
	switch x := n.(type) {
	case *IP:
		a, err := netip.ParseAddr(x.Text)
		return value{ip: a, isIP: true, known: err == nil}
	case *Field: // true / false
		return r.field(x)
	}
	return r.operand(n)
}

func compareValues(a, b value) (int, bool) {
	switch {
	case !b.known:
		return 0, false
	case a.isIP && b.isIP:
		return a.ip.Compare(b.ip), true
	case a.isNum && b.isNum:
		switch {
		case a.n < b.n:
			return -1, true
		case a.n > b.n:
			return 1, true
		}
		return 0, true
	case a.isBool && b.isBool:
		return map[bool]int{true: 0, false: 1}[a.b == b.b], true
	case !a.isNum && !a.isIP && !b.isNum && !b.isIP:
		return strings.Compare(a.s, b.s), true
	}
	return 0, false
}

func (r *Request) in(left value, right Node) Tri {
	switch x := right.(type) {
	case *List:
		if r.InList == nil {
			return Unknown
		}
		in, known := r.InList(x.Name, r)
		if !known {
			return Unknown
		}
		return tri(in)
	case *Set:
		for _, it := range x.Items {
			if r.member(left, it) {
				return True
			}
		}
		return False
	}
	return Unknown
}

func (r *Request) member(left value, it Node) bool {
	switch x := it.(type) {
	case *IP:
		if !left.isIP {
			return false
		}
		if p, err := netip.ParsePrefix(x.Text); err == nil {
			return p.Contains(left.ip)
		}
		a, err := netip.ParseAddr(x.Text)
		return err == nil && a == left.ip
	case *Range:
		lo, hi := r.literal(x.Lo), r.literal(x.Hi)
		c1, ok1 := compareValues(left, lo)
		c2, ok2 := compareValues(left, hi)
		return ok1 && ok2 && c1 >= 0 && c2 <= 0
	default:
		c, ok := compareValues(left, r.literal(it))
		return ok && c == 0
	}
}

var reCache sync.Map

func compile(pattern string) *regexp.Regexp {
	if v, ok := reCache.Load(pattern); ok {
		return v.(*regexp.Regexp)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil
	}
	reCache.Store(pattern, re)
	return re
}

// globMatch matches Cloudflare's wildcard: * is any run of characters,
// \* and \\ are literal.
func globMatch(pattern, s string) bool {
	var parts []string
	var cur strings.Builder
	for i := 0; i < len(pattern); i++ {
		switch {
		case pattern[i] == '\\' && i+1 < len(pattern):
			i++
			cur.WriteByte(pattern[i])
		case pattern[i] == '*':
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(pattern[i])
		}
	}
	parts = append(parts, cur.String())
	if len(parts) == 1 {
		return s == parts[0]
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

// Unknowns names what an expression needs that r does not give: the
// fields whose value is unknown, and lists RayFix cannot look into
// ("$office"), each once, in the order they appear.
func Unknowns(n Node, r *Request) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	var walk func(n Node)
	walk = func(n Node) {
		switch x := n.(type) {
		case *Paren:
			walk(x.X)
		case *Not:
			walk(x.X)
		case *Logical:
			walk(x.Left)
			walk(x.Right)
		case *Call:
			for _, a := range x.Args {
				walk(a)
			}
		case *Compare:
			walk(x.Left)
			if l, ok := x.Right.(*List); ok {
				if _, known := listKnown(r, l.Name); !known {
					add("$" + l.Name)
				}
			}
		case *Field:
			if !r.field(x).known {
				add(x.Name)
			}
		}
	}
	walk(n)
	return out
}

func listKnown(r *Request, name string) (bool, bool) {
	if r.InList == nil {
		return false, false
	}
	return r.InList(name, r)
}
