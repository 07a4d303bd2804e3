package ruleslang

import (
	"net/netip"
	"strings"
	"sync"
)

// MaxLength is Cloudflare's limit on one expression.
const MaxLength = 4096

// Expr is a parsed expression with the text it came from. When the text
// could not be parsed, Root is nil, Err says where, and Source is shown as
// it is — never mangled.
type Expr struct {
	Source string
	Root   Node
	Err    error
}

// String prints the expression: the AST when parsed, else the source.
func (e *Expr) String() string {
	if e.Root == nil {
		return e.Source
	}
	return Print(e.Root)
}

// Parse reads an expression and checks its fields, functions and values
// against the Rules language, as Cloudflare does when a rule is written.
// The returned Expr always keeps Source.
func Parse(src string) *Expr { return parse(src, true) }

// parsed keeps what ParseCached read: a site's few expressions are walked
// for every request of its traffic. It is emptied when it grows past
// parsedMax, so it cannot grow without bound.
var (
	parsedMu sync.Mutex
	parsed   = map[string]*Expr{}
)

const parsedMax = 4096

// ParseCached is Parse for an expression read many times. The result is
// shared: callers must not change it.
func ParseCached(src string) *Expr {
	parsedMu.Lock()
	e, ok := parsed[src]
	parsedMu.Unlock()
	if ok {
		return e
	}
	e = Parse(src)
	parsedMu.Lock()
	if len(parsed) >= parsedMax {
		clear(parsed)
	}
	parsed[src] = e
	parsedMu.Unlock()
	return e
}

// parse reads an expression; with checkNames it also refuses unknown
// fields and values of the wrong kind (the grammar alone accepts them).
func parse(src string, checkNames bool) *Expr {
	e := &Expr{Source: src}
	if len(src) > MaxLength {
		e.Err = errAt(src, MaxLength, "the expression is longer than Cloudflare's limit of %d characters", MaxLength)
		return e
	}
	toks, err := lex(src)
	if err != nil {
		e.Err = err
		return e
	}
	p := &parser{src: src, toks: toks, pos: map[Node]int{}}
	root, err := p.expr()
	if err == nil && p.peek().kind != tEOF {
		err = p.fail("unexpected %q: expected and, or, or the end", p.peek().text)
	}
	if err == nil && checkNames {
		err = (&checker{src: src, pos: p.pos}).check(root)
	}
	if err != nil {
		e.Err = err
		return e
	}
	e.Root = root
	return e
}

type parser struct {
	src  string
	toks []token
	i    int
	pos  map[Node]int // where each field and call starts, for the checker's messages
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) fail(format string, a ...any) error {
	return errAt(p.src, p.peek().pos, format, a...)
}

func (p *parser) isWord(words ...string) bool {
	t := p.peek()
	for _, w := range words {
		if (t.kind == tIdent || t.kind == tOp) && t.text == w {
			return true
		}
	}
	return false
}

func (p *parser) expr() (Node, error) { return p.binary(0) }

// levels from loosest to tightest binding.
var levels = [][]string{{"or", "||"}, {"xor", "^^"}, {"and", "&&"}}

func (p *parser) binary(level int) (Node, error) {
	if level == len(levels) {
		return p.unary()
	}
	left, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	for p.isWord(levels[level]...) {
		op := p.next().text
		right, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		left = &Logical{Op: op, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) unary() (Node, error) {
	if p.isWord("not", "!") {
		op := p.next().text
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Not{Op: op, X: x}, nil
	}
	if p.isWord("(") {
		p.next()
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		if !p.isWord(")") {
			return nil, p.fail("a ) is missing")
		}
		p.next()
		return &Paren{X: x}, nil
	}
	return p.comparison()
}

var compareOps = map[string]bool{
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"==": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true,
	"contains": true, "matches": true, "~": true, "in": true, "wildcard": true,
}

func (p *parser) comparison() (Node, error) {
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	op := ""
	switch {
	case t.text == "strict" && t.kind == tIdent:
		p.next()
		if !p.isWord("wildcard") {
			return nil, p.fail("\"strict\" must be followed by \"wildcard\"")
		}
		p.next()
		op = "strict wildcard"
	case (t.kind == tIdent || t.kind == tOp) && compareOps[t.text]:
		p.next()
		op = t.text
	default:
		return &Compare{Left: left}, nil // a boolean field or function
	}
	right, err := p.value(op)
	if err != nil {
		return nil, err
	}
	return &Compare{Left: left, Op: op, Right: right}, nil
}

func (p *parser) operand() (Node, error) {
	t := p.peek()
	if t.kind != tIdent || isKeyword(t.text) {
		if t.kind == tEOF {
			return nil, p.fail("the expression ends too early: a field such as ip.src is expected")
		}
		return nil, p.fail("expected a field such as ip.src or http.request.uri.path, found %q", t.text)
	}
	p.next()
	if p.isWord("(") {
		p.next()
		call := &Call{Name: t.text}
		p.pos[call] = t.pos
		for !p.isWord(")") {
			if len(call.Args) > 0 {
				if !p.isWord(",") {
					return nil, p.fail("expected , or ) in the arguments of %s()", t.text)
				}
				p.next()
			}
			arg, err := p.argument()
			if err != nil {
				return nil, err
			}
			call.Args = append(call.Args, arg)
		}
		p.next()
		return call, nil
	}
	f := &Field{Name: t.text}
	p.pos[f] = t.pos
	for p.isWord("[") {
		p.next()
		var ix Node
		switch it := p.peek(); {
		case it.kind == tString:
			p.next()
			ix = stringNode(it)
		case it.kind == tNumber:
			p.next()
			ix = &Number{Text: it.text}
		case it.kind == tOp && it.text == "*":
			p.next()
			ix = Star{}
		default:
			if strings.HasPrefix(p.src[it.pos:], "*") {
				p.next()
				ix = Star{}
				break
			}
			return nil, p.fail("expected a key in [ ]")
		}
		if !p.isWord("]") {
			return nil, p.fail("a ] is missing")
		}
		p.next()
		f.Indexes = append(f.Indexes, ix)
	}
	return f, nil
}

// argument is a function argument: a literal or a full expression
// (any(http.request.headers.names[*] == "x")).
func (p *parser) argument() (Node, error) {
	if t := p.peek(); t.kind == tString || t.kind == tNumber || t.kind == tIP {
		p.next()
		return literalNode(t), nil
	}
	return p.expr()
}

func isKeyword(s string) bool {
	switch s {
	case "and", "or", "xor", "not", "in", "eq", "ne", "lt", "le", "gt", "ge", "contains", "matches", "wildcard", "strict":
		return true
	}
	return false
}

func stringNode(t token) *String {
	s := &String{Value: t.val}
	if strings.HasPrefix(t.text, "r") {
		s.Raw = t.text
	}
	return s
}

func (p *parser) value(op string) (Node, error) {
	t := p.peek()
	if op == "in" {
		switch {
		case t.kind == tList:
			p.next()
			return &List{Name: t.val}, nil
		case p.isWord("{"):
			return p.set()
		}
		return nil, p.fail("\"in\" needs a set such as {\"US\" \"CA\"} or a list such as $office")
	}
	switch t.kind {
	case tString, tNumber:
		p.next()
		return literalNode(t), nil
	case tIP:
		p.next()
		if err := checkIP(t.text, false); err != "" {
			return nil, errAt(p.src, t.pos, "%s", err)
		}
		return literalNode(t), nil
	case tIdent:
		if t.text == "true" || t.text == "false" {
			p.next()
			return &Field{Name: t.text}, nil
		}
	}
	return nil, p.fail("expected a value (text in quotes, a number or an IP address) after %q", op)
}

func (p *parser) set() (Node, error) {
	p.next() // {
	s := &Set{}
	for !p.isWord("}") {
		t := p.peek()
		var item Node
		switch t.kind {
		case tString:
			p.next()
			item = stringNode(t)
		case tNumber:
			p.next()
			item = &Number{Text: t.text}
		case tIP:
			p.next()
			if err := checkIP(t.text, true); err != "" {
				return nil, errAt(p.src, t.pos, "%s", err)
			}
			item = &IP{Text: t.text}
		case tEOF:
			return nil, p.fail("a } is missing at the end of the set")
		default:
			if t.text == "," {
				return nil, p.fail("sets are separated by spaces, not commas")
			}
			return nil, p.fail("unexpected %q in a set", t.text)
		}
		if p.isWord("..") {
			p.next()
			hi := p.next()
			if hi.kind != tNumber && hi.kind != tIP {
				return nil, errAt(p.src, hi.pos, "a range needs an end, as in 8000..8009")
			}
			item = &Range{Lo: item, Hi: literalNode(hi)}
		}
		s.Items = append(s.Items, item)
	}
	p.next() // }
	return s, nil
}

// literalNode turns a string, number or IP token into its node.
func literalNode(t token) Node {
	switch t.kind {
	case tIP:
		return &IP{Text: t.text}
	case tString:
		return stringNode(t)
	}
	return &Number{Text: t.text}
}

// checkIP validates a bare IP or CIDR; CIDRs are only allowed in sets.
func checkIP(text string, inSet bool) string {
	if strings.Contains(text, "/") {
		if !inSet {
			return "a network (CIDR) such as " + text + " only works with \"in\", as in ip.src in {" + text + "}"
		}
		if _, err := netip.ParsePrefix(text); err != nil {
			return text + " is not a valid network (CIDR)"
		}
		return ""
	}
	if _, err := netip.ParseAddr(text); err != nil {
		return text + " is not a valid IP address"
	}
	return ""
}
