// Package words holds the small helpers the owner packages share: a JSON
// value as text or as a number, and a sentence's first letter in capitals.
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

// Int is a decoded JSON number (float64) or an int; anything else is 0.
func Int(v any) int {
	switch x := v.(type) {
	case float64:
		return int(x)
	case int:
		return x
	}
	return 0
}
