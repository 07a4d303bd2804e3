package ruleslang

import (
	"fmt"
	"strings"
	"unicode"
)

// tokKind is what a token is.
type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tString
	tNumber
	tIP // IPv4/IPv6 address or CIDR, written bare
	tList
	tOp // comparison, logical or punctuation
)

type token struct {
	kind tokKind
	text string // as written
	val  string // decoded string value, for tString
	pos  int    // byte offset
}

// SyntaxError says where an expression stops making sense, 1-based like
// Cloudflare's own "Filter parsing error (1:73)".
type SyntaxError struct {
	Line, Col int
	Offset    int
	Msg       string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s (line %d, column %d)", e.Msg, e.Line, e.Col)
}

func errAt(src string, off int, format string, a ...any) *SyntaxError {
	line, col := 1, 1
	for i, r := range src {
		if i >= off {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return &SyntaxError{Line: line, Col: col, Offset: off, Msg: fmt.Sprintf(format, a...)}
}

var symbolOps = []string{"&&", "||", "^^", "==", "!=", "<=", ">=", "..", "<", ">", "!", "~", "(", ")", "{", "}", "[", "]", ",", "*"}

func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		tok, n, err := lexOne(src, i)
		if err != nil {
			return nil, err
		}
		toks = append(toks, tok)
		i += n
	}
	return append(toks, token{tEOF, "", "", len(src)}), nil
}

// lexOne reads the token at i and how many bytes it takes.
func lexOne(src string, i int) (token, int, error) {
	c := src[i]
	var val string
	var n int
	var err error
	switch {
	case c == '"':
		val, n, err = lexString(src, i)
		return token{tString, src[i : i+n], val, i}, n, err
	case c == 'r' && i+1 < len(src) && (src[i+1] == '"' || src[i+1] == '#'):
		val, n, err = lexRaw(src, i)
		return token{tString, src[i : i+n], val, i}, n, err
	case c == '$':
		n = identEnd(src, i+1, false) - i
		if n == 1 {
			return token{}, 0, errAt(src, i, "a list name must follow $")
		}
		return token{tList, src[i : i+n], src[i+1 : i+n], i}, n, nil
	case isAddrStart(src, i):
		return lexAddr(src, i)
	case isIdentStart(c):
		n = identEnd(src, i, true) - i
		return token{tIdent, src[i : i+n], "", i}, n, nil
	}
	for _, op := range symbolOps {
		if strings.HasPrefix(src[i:], op) {
			return token{tOp, op, "", i}, len(op), nil
		}
	}
	return token{}, 0, errAt(src, i, "unexpected character %q", rune(c))
}

// identEnd is where an identifier starting at j ends; field names may
// have dots.
func identEnd(src string, j int, dots bool) int {
	for j < len(src) && (isIdentByte(src[j]) || dots && src[j] == '.') {
		j++
	}
	return j
}

// lexAddr reads a number, an IPv4 or IPv6 address or a network; a ".."
// ends it (a range a..b).
func lexAddr(src string, i int) (token, int, error) {
	j := i
	for j < len(src) && isAddrByte(src[j]) && !strings.HasPrefix(src[j:], "..") {
		j++
	}
	text := src[i:j]
	kind := tNumber
	if strings.ContainsAny(text, ".:/") {
		kind = tIP
	} else if !isDecimal(text) {
		return token{}, 0, errAt(src, i, "%q is not a number, an IP address or a field name", text)
	}
	return token{kind, text, "", i}, j - i, nil
}

func lexString(src string, start int) (string, int, error) {
	var b strings.Builder
	for i := start + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if i+1 >= len(src) {
				return "", 0, errAt(src, i, "the text ends inside a string")
			}
			i++
			b.WriteByte(src[i])
		case '"':
			return b.String(), i + 1 - start, nil
		default:
			b.WriteByte(src[i])
		}
	}
	return "", 0, errAt(src, start, "this string is never closed (a \" is missing)")
}

func lexRaw(src string, start int) (string, int, error) {
	i := start + 1
	hashes := 0
	for i < len(src) && src[i] == '#' {
		hashes++
		i++
	}
	if i >= len(src) || src[i] != '"' {
		return "", 0, errAt(src, start, "a raw string starts with r\" or r#\"")
	}
	end := "\"" + strings.Repeat("#", hashes)
	j := strings.Index(src[i+1:], end)
	if j < 0 {
		return "", 0, errAt(src, start, "this raw string is never closed")
	}
	return src[i+1 : i+1+j], i + 1 + j + len(end) - start, nil
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentByte(c byte) bool  { return isIdentStart(c) || c >= '0' && c <= '9' }
func isAddrByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':' || c == '/'
}
func isDecimal(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// isAddrStart: digits start numbers and IPv4; IPv6 may start with hex
// letters ("2001:db8::/32", "fe80::1") or "::".
func isAddrStart(src string, i int) bool {
	c := src[i]
	if c >= '0' && c <= '9' {
		return true
	}
	if c == ':' && i+1 < len(src) && src[i+1] == ':' {
		return true
	}
	if c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' {
		// a hex word followed by ':' is IPv6, otherwise it is a name
		j := i
		for j < len(src) && (src[j] >= '0' && src[j] <= '9' || src[j] >= 'a' && src[j] <= 'f' || src[j] >= 'A' && src[j] <= 'F') {
			j++
		}
		return j < len(src) && src[j] == ':' && j-i <= 4
	}
	return false
}
