// Package words holds the two small text helpers the owner packages share:
// a JSON value as text, and a sentence's first letter in capitals.
package words

import (
	"fmt"
	"strings"
)

// Str is a decoded JSON value as text; nil is "".
func Str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// Capitalize starts a sentence with a capital letter.
func Capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
