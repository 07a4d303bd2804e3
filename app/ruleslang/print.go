package ruleslang

import (
	"strings"
)

// Print renders n as Rules language text.
func Print(n Node) string {
	var b strings.Builder
	if n != nil {
		n.print(&b)
	}
	return b.String()
}

func (n *Logical) print(b *strings.Builder) {
	n.Left.print(b)
	b.WriteString(" " + n.Op + " ")
	n.Right.print(b)
}

func (n *Not) print(b *strings.Builder) {
	b.WriteString(n.Op)
	if n.Op == "not" {
		b.WriteByte(' ')
	}
	n.X.print(b)
}

func (n *Paren) print(b *strings.Builder) {
	b.WriteByte('(')
	n.X.print(b)
	b.WriteByte(')')
}

func (n *Compare) print(b *strings.Builder) {
	n.Left.print(b)
	if n.Op == "" {
		return
	}
	b.WriteString(" " + n.Op + " ")
	n.Right.print(b)
}

func (n *Field) print(b *strings.Builder) {
	b.WriteString(n.Name)
	for _, ix := range n.Indexes {
		b.WriteByte('[')
		ix.print(b)
		b.WriteByte(']')
	}
}

func (Star) print(b *strings.Builder) { b.WriteByte('*') }

func (n *Call) print(b *strings.Builder) {
	b.WriteString(n.Name + "(")
	for i, a := range n.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		a.print(b)
	}
	b.WriteByte(')')
}

func (n *String) print(b *strings.Builder) {
	if n.Raw != "" {
		b.WriteString(n.Raw)
		return
	}
	b.WriteString(Quote(n.Value))
}

// Quote writes v as a Rules language string: only " and \ need escaping.
func Quote(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

func (n *Number) print(b *strings.Builder) { b.WriteString(n.Text) }
func (n *IP) print(b *strings.Builder)     { b.WriteString(n.Text) }
func (n *List) print(b *strings.Builder)   { b.WriteString("$" + n.Name) }

func (n *Range) print(b *strings.Builder) {
	n.Lo.print(b)
	b.WriteString("..")
	n.Hi.print(b)
}

func (n *Set) print(b *strings.Builder) {
	b.WriteByte('{')
	for i, it := range n.Items {
		if i > 0 {
			b.WriteByte(' ')
		}
		it.print(b)
	}
	b.WriteByte('}')
}
