package changes

import "rayfix/internal/words"

// RuleName names a rule by its description, in quotes.
func RuleName(rule map[string]any) string {
	if d := words.Str(rule["description"]); d != "" {
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
