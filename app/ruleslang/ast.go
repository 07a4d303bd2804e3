package ruleslang

import (
	"net/netip"
)

// Node is one part of an expression.
type Node interface{ print(p *printer) }

// Logical is a and/or/xor of two expressions. Op keeps the spelling used
// ("and" or "&&") so printing does not rewrite what the owner wrote.
type Logical struct {
	Op          string
	Left, Right Node
}

// Not negates X; Op is "not" or "!".
type Not struct {
	Op string
	X  Node
}

// Paren is a parenthesised expression, kept so printing round-trips.
type Paren struct{ X Node }

// Compare is a field (or function) compared with a value. A bare boolean
// field (cf.client.bot) is a Compare with no Op.
type Compare struct {
	Left  Node
	Op    string // "eq", "==", "in", "contains", "strict wildcard", … or "" for a bare field
	Right Node
}

// Field is a named field such as ip.src.country, with optional [index] parts.
type Field struct {
	Name    string
	Indexes []Node // String, Number, or Star
}

// Star is the [*] index.
type Star struct{}

// Call is a function such as lower(http.user_agent).
type Call struct {
	Name string
	Args []Node
}

// String is a quoted string; Raw is set when it was written r"…" or r#"…"#.
type String struct {
	Value string
	Raw   string
}

// Number is an integer literal.
type Number struct{ Text string }

// IP is a bare IP address or CIDR.
type IP struct{ Text string }

// Range is lo..hi inside a set.
type Range struct{ Lo, Hi Node }

// Set is an inline set {a b c}.
type Set struct{ Items []Node }

// List is a named list, $name.
type List struct{ Name string }

// NewString makes a string literal node for a value a person typed; the
// printer escapes it, so quotes and backslashes cannot end the string.
func NewString(v string) *String { return &String{Value: v} }

// NewIPPrefix makes an IP or CIDR node from a parsed prefix (a single
// address prints without /32 or /128).
func NewIPPrefix(p netip.Prefix) *IP {
	if p.IsSingleIP() {
		return &IP{Text: p.Addr().String()}
	}
	return &IP{Text: p.Masked().String()}
}
