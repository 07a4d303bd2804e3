package changes

import (
	"fmt"
	"strings"
)

// RuleName names a rule by its description, in quotes.
func RuleName(rule map[string]any) string {
	if d := str(rule["description"]); d != "" {
		return "“" + d + "”"
	}
	return "the rule without a description"
}

// YesNo is "on" or "off".
func YesNo(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
