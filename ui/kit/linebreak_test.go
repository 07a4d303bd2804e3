package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

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

// TestWrappedBreaksEveryText: a Wrapped label makes what it is given
// breakable, when made and on SetText, and wraps at the window's width.
func TestWrappedBreaksEveryText(t *testing.T) {
	test.NewTempApp(t)
	l := NewWrapped("防火墙")
	if l.Text != "防\u200a火\u200a墙" || l.Wrapping != fyne.TextWrapWord {
		t.Fatalf("%q, wrapping %v", l.Text, l.Wrapping)
	}
	l.SetText("你的请求")
	if l.Text != "你\u200a的\u200a请\u200a求" {
		t.Errorf("SetText: %q", l.Text)
	}
	l.SetText("Access denied")
	if l.Text != "Access denied" {
		t.Errorf("Latin changed: %q", l.Text)
	}
}
