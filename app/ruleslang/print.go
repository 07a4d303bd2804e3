package ruleslang

import (
	"fmt"
	"strings"
)

// Print renders n as Rules language text, spaced for reading. When that
// would pass Cloudflare's length limit it leaves out every space the
// grammar does not need, so an expression that fitted as typed still fits
// once RayFix has re-printed it.
func Print(n Node) string {
	if n == nil {
		return ""
	}
	p := &printer{}
	n.print(p)
	if p.b.Len() <= MaxLength {
		return p.b.String()
	}
	p = &printer{compact: true}
	n.print(p)
	return p.b.String()
}

// printer writes tokens; gap is a space that compact printing keeps only
// between two characters that would otherwise run together into one token.
type printer struct {
	b       strings.Builder
	compact bool
	pending bool
}

func (p *printer) gap() {
	if p.compact {
		p.pending = true
		return
	}
	p.b.WriteByte(' ')
}

func (p *printer) write(s string) {
	if p.pending && s != "" {
		p.pending = false
		str := p.b.String()
		if str != "" && joins(str[len(str)-1]) && joins(s[0]) {
			p.b.WriteByte(' ')
		}
	}
	p.b.WriteString(s)
}

// joins is true for characters that belong to a word, a number or an
// address: two of them side by side would be read as one token.
func joins(c byte) bool { return isIdentByte(c) || c == '.' || c == ':' || c == '/' }

func (n *Logical) print(p *printer) {
	n.Left.print(p)
	p.gap()
	p.write(n.Op)
	p.gap()
	n.Right.print(p)
}

func (n *Not) print(p *printer) {
	p.write(n.Op)
	if n.Op == "not" {
		p.gap()
	}
	n.X.print(p)
}

func (n *Paren) print(p *printer) {
	p.write("(")
	n.X.print(p)
	p.write(")")
}

func (n *Compare) print(p *printer) {
	n.Left.print(p)
	if n.Op == "" {
		return
	}
	p.gap()
	if n.Op == "strict wildcard" {
		p.write("strict")
		p.b.WriteByte(' ')
		p.write("wildcard")
	} else {
		p.write(n.Op)
	}
	p.gap()
	n.Right.print(p)
}

func (n *Field) print(p *printer) {
	p.write(n.Name)
	for _, ix := range n.Indexes {
		p.write("[")
		ix.print(p)
		p.write("]")
	}
}

func (Star) print(p *printer) { p.write("*") }

func (n *Call) print(p *printer) {
	p.write(n.Name + "(")
	for i, a := range n.Args {
		if i > 0 {
			p.write(",")
			p.gap()
		}
		a.print(p)
	}
	p.write(")")
}

func (n *String) print(p *printer) {
	if n.Raw != "" {
		p.write(n.Raw)
		return
	}
	p.write(Quote(n.Value))
}

// Quote writes v as a Rules language string: only " and \ need escaping.
func Quote(v string) string {
	return `"` + quoter.Replace(v) + `"`
}

// quoter is built once: building a Replacer costs more than using it.
var quoter = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func (n *Number) print(p *printer) { p.write(n.Text) }
func (n *IP) print(p *printer)     { p.write(n.Text) }
func (n *List) print(p *printer)   { p.write("$" + n.Name) }

func (n *Range) print(p *printer) {
	n.Lo.print(p)
	p.write("..")
	n.Hi.print(p)
}

func (n *Set) print(p *printer) {
	p.write("{")
	for i, it := range n.Items {
		if i > 0 {
			p.gap()
		}
		it.print(p)
	}
	p.write("}")
}

// CheckLength says, in words, when a condition RayFix has put together is
// longer than Cloudflare accepts, and how to make room.
func CheckLength(expr string) error {
	if len(expr) <= MaxLength {
		return nil
	}
	return fmt.Errorf("the condition would be %d characters long and Cloudflare accepts at most %d. "+
		"Make room with a list: put the addresses in an IP list (in Cloudflare: Manage Account → Configurations → Lists) "+
		"and name it in the rule, as in ip.src in $office", len(expr), MaxLength)
}
