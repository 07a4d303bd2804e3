package planner

import (
	"fmt"
	"strings"
)

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
