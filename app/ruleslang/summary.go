package ruleslang

import (
	"fmt"
	"strings"
)

// CountryNamer turns an ISO country code into a name ("DE" → "Germany").
type CountryNamer func(code string) string

// Summarize says in plain words which requests an expression matches, for
// example "visitors from Russia or China, except IPs in list office".
// Parts it has no words for are shown as written.
func Summarize(e *Expr, country CountryNamer) string {
	if e.Root == nil {
		return "requests matching " + e.Source
	}
	if country == nil {
		country = func(c string) string { return c }
	}
	s := summary{country: country}
	return s.node(e.Root)
}

type summary struct{ country CountryNamer }

func (s summary) node(n Node) string {
	switch x := n.(type) {
	case *Paren:
		return s.node(x.X)
	case *Not:
		return "not " + s.node(x.X)
	case *Logical:
		switch x.Op {
		case "and", "&&":
			if not, ok := unparen(x.Right).(*Not); ok {
				return s.node(x.Left) + ", except " + s.node(not.X)
			}
			return s.node(x.Left) + " and " + s.node(x.Right)
		case "or", "||":
			return s.node(x.Left) + " or " + s.node(x.Right)
		}
		return s.node(x.Left) + " or else " + s.node(x.Right)
	case *Compare:
		return s.compare(x)
	}
	return Print(n)
}

func unparen(n Node) Node {
	for {
		p, ok := n.(*Paren)
		if !ok {
			return n
		}
		n = p.X
	}
}

// fieldOf returns the field compared and whether lower() wrapped it.
func fieldOf(n Node) (string, bool) {
	switch x := n.(type) {
	case *Field:
		return x.Name, false
	case *Compare:
		if x.Op == "" { // a field given as a function argument
			return fieldOf(x.Left)
		}
	case *Call:
		if (x.Name == "lower" || x.Name == "upper") && len(x.Args) == 1 {
			f, _ := fieldOf(x.Args[0])
			return f, true
		}
	}
	return "", false
}

func (s summary) compare(c *Compare) string {
	field, _ := fieldOf(c.Left)
	if call, ok := c.Left.(*Call); ok && c.Op == "" {
		switch call.Name {
		case "starts_with", "ends_with":
			if len(call.Args) == 2 {
				f, _ := fieldOf(call.Args[0])
				verb := "starts with"
				if call.Name == "ends_with" {
					verb = "ends with"
				}
				return fmt.Sprintf("requests whose %s %s %s", subject(f), verb, values(call.Args[1], nil))
			}
		case "any", "all":
			return Print(c.Left)
		}
	}
	if c.Op == "" {
		switch field {
		case "cf.client.bot", "cf.bot_management.verified_bot":
			return "known good bots (search engines and the like)"
		case "ssl":
			return "encrypted (HTTPS) requests"
		}
		return Print(c)
	}
	neg := c.Op == "ne" || c.Op == "!="
	switch field {
	case "ip.src.country", "ip.geoip.country":
		w := "visitors from "
		if neg {
			w = "visitors not from "
		}
		return w + values(c.Right, s.country)
	case "ip.src.continent", "ip.geoip.continent":
		if neg {
			return "visitors not from " + values(c.Right, continentName)
		}
		return "visitors from " + values(c.Right, continentName)
	case "ip.src.asnum", "ip.geoip.asnum":
		w := "visitors on network "
		if neg {
			w = "visitors not on network "
		}
		return w + values(c.Right, func(v string) string { return "AS" + v })
	case "ip.src":
		if l, ok := c.Right.(*List); ok {
			return "IPs in list " + l.Name
		}
		if neg {
			return "IP addresses other than " + values(c.Right, nil)
		}
		return "the IP addresses " + values(c.Right, nil)
	case "cf.threat_score":
		return "requests whose threat score " + opWords(c.Op) + " " + values(c.Right, nil) + " (this field no longer works: it is always 0)"
	}
	if field == "" {
		return Print(c)
	}
	return "requests whose " + subject(field) + " " + opWords(c.Op) + " " + values(c.Right, nil)
}

func subject(field string) string {
	switch field {
	case "http.user_agent":
		return "user agent"
	case "http.request.uri.path":
		return "page path"
	case "http.request.uri.query":
		return "query string"
	case "http.request.uri", "http.request.full_uri":
		return "address"
	case "http.host":
		return "host name"
	case "http.request.method":
		return "method"
	case "http.referer":
		return "referring page"
	case "cf.verified_bot_category":
		return "bot category"
	case "cf.bot_management.score":
		return "bot score"
	case "cf.waf.score":
		return "WAF attack score"
	}
	return field
}

func opWords(op string) string {
	switch op {
	case "eq", "==":
		return "is"
	case "ne", "!=":
		return "is not"
	case "lt", "<":
		return "is below"
	case "le", "<=":
		return "is at most"
	case "gt", ">":
		return "is above"
	case "ge", ">=":
		return "is at least"
	case "contains":
		return "contains"
	case "matches", "~":
		return "matches the pattern"
	case "in":
		return "is one of"
	case "wildcard":
		return "matches"
	case "strict wildcard":
		return "matches (case-sensitive)"
	}
	return op
}

// values lists a value or a set's members in words, names mapped by f.
func values(n Node, f func(string) string) string {
	one := func(n Node) string {
		switch x := n.(type) {
		case *String:
			if f != nil {
				return f(x.Value)
			}
			return Quote(x.Value)
		case *Number:
			if f != nil {
				return f(x.Text)
			}
			return x.Text
		case *List:
			return "list " + x.Name
		}
		return Print(n)
	}
	set, ok := n.(*Set)
	if !ok {
		return one(n)
	}
	var parts []string
	for _, it := range set.Items {
		parts = append(parts, one(it))
	}
	switch len(parts) {
	case 0:
		return "nothing"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

func continentName(c string) string {
	switch c {
	case "AF":
		return "Africa"
	case "AN":
		return "Antarctica"
	case "AS":
		return "Asia"
	case "EU":
		return "Europe"
	case "NA":
		return "North America"
	case "OC":
		return "Oceania"
	case "SA":
		return "South America"
	case "T1":
		return "Tor"
	}
	return c
}
