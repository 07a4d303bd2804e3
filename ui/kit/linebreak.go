package kit

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// hairSpace is where a wrapped Chinese or Japanese line may break: Fyne
// counts it as a space, and it draws next to nothing.
const hairSpace = '\u200a'

// Never at the start of a line (closing punctuation, small kana, the
// prolonged sound mark) nor at its end (opening punctuation): kinsoku.
const (
	noLineStart = "、。，．：；！？）」』】〉》〕］｝ー…・％ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
	noLineEnd   = "（「『【〈《〔［｛"
)

// Breakable lets Fyne wrap Chinese and Japanese text between characters.
// Fyne breaks a wrapped line only at a space, and these languages put no
// spaces between words: a sentence with one Latin word in it broke at that
// word and left half a line empty. A hair space goes between two
// characters where a line may break. Text without CJK characters comes back
// unchanged. For labels only: what a person copies or sends must not carry
// it.
func Breakable(s string) string {
	if !strings.ContainsFunc(s, isCJK) {
		return s
	}
	var b strings.Builder
	prev := rune(0)
	for i, r := range s {
		if i > 0 && breakBetween(prev, r) {
			b.WriteRune(hairSpace)
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// Unbreakable takes Breakable's hair spaces out again: the text as written.
func Unbreakable(s string) string {
	return strings.ReplaceAll(s, string(hairSpace), "")
}

func breakBetween(a, b rune) bool {
	if unicode.IsSpace(a) || unicode.IsSpace(b) || !isCJK(a) && !isCJK(b) {
		return false
	}
	return !strings.ContainsRune(noLineStart, b) && !strings.ContainsRune(noLineEnd, a)
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

// Wrapped is a label that wraps at the window's width, at spaces and, in
// Chinese and Japanese, between characters: every text it is given, at
// creation and by SetText, goes through Breakable, so no caller has to.
type Wrapped struct {
	widget.Label
}

// NewWrapped is a Wrapped label showing text.
func NewWrapped(text string) *Wrapped {
	l := &Wrapped{}
	l.ExtendBaseWidget(l)
	l.Wrapping = fyne.TextWrapWord
	l.Text = Breakable(text)
	return l
}

// SetText shows text, breakable.
func (l *Wrapped) SetText(text string) {
	l.Label.SetText(Breakable(text))
}
