package kit

import "testing"

// TestBreakable: a line may break between Chinese or Japanese characters,
// never before closing or after opening punctuation, and text in other
// scripts is left as it was.
func TestBreakable(t *testing.T) {
	cases := map[string]string{
		"Access denied (error 1020)": "Access denied (error 1020)",
		"Доступ запрещён":            "Доступ запрещён",
		"防火墙规则，你的请求":                 "防\u200a火\u200a墙\u200a规\u200a则，\u200a你\u200a的\u200a请\u200a求",
		"在 Cloudflare 中":             "在 Cloudflare 中",
		"エラー「1020」":                  "エ\u200aラー\u200a「1020」",
	}
	for in, want := range cases {
		got := Breakable(in)
		if got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
		if Unbreakable(got) != in {
			t.Errorf("%q does not come back", in)
		}
	}
}
