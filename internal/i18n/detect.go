package i18n

import (
	"fmt"
	"strings"
)

// Parse reads a language as the system or a person writes it —
// "de_DE.UTF-8", "pt_BR", "zh_Hans_CN", "ja-JP", "uk" — and returns the
// language RayFix speaks for it.
func Parse(s string) (Tag, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i] // encoding and modifier
	}
	s = strings.ReplaceAll(s, "_", "-")
	parts := strings.Split(strings.ToLower(s), "-")
	switch parts[0] {
	case "", "c", "posix":
		return "", false
	case "pt":
		return "pt-BR", true // the one Portuguese RayFix speaks
	case "zh":
		for _, p := range parts[1:] {
			if p == "hant" || p == "tw" || p == "hk" || p == "mo" {
				return "", false // Traditional Chinese: not yet
			}
		}
		return "zh-CN", true
	}
	t := Tag(parts[0])
	return t, Known(t)
}

// FromEnv is the language the environment asks for, the way gettext reads
// it: LC_ALL, then LC_MESSAGES, then LANG name the locale; LANGUAGE, a
// list such as "uk:ru:en", comes first unless the locale is C. English
// when none is one RayFix speaks.
func FromEnv(get func(string) string) Tag {
	locale := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := get(k); v != "" {
			locale = v
			break
		}
	}
	if l := strings.ToUpper(locale); l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.") {
		return English
	}
	for _, l := range strings.Split(get("LANGUAGE"), ":") {
		if t, ok := Parse(l); ok {
			return t
		}
	}
	if t, ok := Parse(locale); ok {
		return t
	}
	return English
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
