// Package kittest finds what a person reads and taps in RayFix's screens,
// for the tests of the window and of each part of it.
package kittest

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"rayfix/ui/kit"
)

// Walk visits o and what it contains until f returns true.
func Walk(o fyne.CanvasObject, f func(fyne.CanvasObject) bool) bool {
	if f(o) {
		return true
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			if Walk(c, f) {
				return true
			}
		}
	case *container.Scroll:
		return Walk(x.Content, f)
	case *widget.PopUp:
		return Walk(x.Content, f)
	case *widget.Form:
		for _, it := range x.Items {
			if Walk(it.Widget, f) {
				return true
			}
		}
	case *widget.Accordion:
		for _, it := range x.Items {
			if it.Open && Walk(it.Detail, f) {
				return true
			}
		}
	}
	return false
}

func FindButtonIn(t testing.TB, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	Walk(root, func(o fyne.CanvasObject) bool {
		if x, ok := o.(*widget.Button); ok && (x.Text == text || strings.HasPrefix(x.Text, text+" ")) {
			b = x
			return true
		}
		return false
	})
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	return b
}

// FindButton looks in a dialog's content (custom dialogs keep it private,
// so the content is reached through the window's overlay).
func FindButton(t testing.TB, d dialog.Dialog, text string) *widget.Button {
	t.Helper()
	_ = d
	top := fyne.CurrentApp().Driver().AllWindows()
	for _, w := range top {
		for _, o := range w.Canvas().Overlays().List() {
			var b *widget.Button
			Walk(o, func(x fyne.CanvasObject) bool {
				if bb, ok := x.(*widget.Button); ok && bb.Text == text {
					b = bb
					return true
				}
				if pop, ok := x.(*widget.PopUp); ok {
					Walk(pop.Content, func(y fyne.CanvasObject) bool {
						if bb, ok := y.(*widget.Button); ok && bb.Text == text {
							b = bb
							return true
						}
						return false
					})
					return b != nil
				}
				return false
			})
			if b != nil {
				return b
			}
		}
	}
	t.Fatalf("no button %q in a dialog", text)
	return nil
}

// Texts collects every label, check, button and entry text under o: what a
// person would read. more reads widgets of a screen's own (nil: none).
func Texts(o fyne.CanvasObject, more func(fyne.CanvasObject) (string, bool)) []string {
	if more != nil {
		if s, ok := more(o); ok {
			return []string{s}
		}
	}
	if s, ok := ownText(o); ok {
		return []string{s}
	}
	var out []string
	switch x := o.(type) {
	case *widget.RichText:
		out = append(out, RichText(x.Segments)...)
	case *widget.Form:
		for _, it := range x.Items {
			out = append(out, it.Text)
			out = append(out, Texts(it.Widget, more)...)
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, Texts(c, more)...)
		}
	case *container.Scroll:
		out = append(out, Texts(x.Content, more)...)
	case *widget.Accordion:
		out = append(out, accordionTexts(x, more)...)
	}
	return out
}

// ownText is the text of a widget that shows one: a label, check, button
// or entry.
func ownText(o fyne.CanvasObject) (string, bool) {
	switch x := o.(type) {
	case *widget.Label:
		return x.Text, true
	case *kit.Wrapped:
		return kit.Unbreakable(x.Text), true // the hair spaces are not read
	case *widget.Check:
		return x.Text, true
	case *widget.Button:
		return x.Text, true
	case *widget.Entry:
		return x.Text, true
	case *kit.Entry:
		return x.Text, true
	}
	return "", false
}

// accordionTexts: a folded section shows its title; what it holds is read
// once it is opened (the details a person asks for).
func accordionTexts(a *widget.Accordion, more func(fyne.CanvasObject) (string, bool)) []string {
	var out []string
	for _, it := range a.Items {
		out = append(out, it.Title)
		if it.Open {
			out = append(out, Texts(it.Detail, more)...)
		}
	}
	return out
}

// Has says whether any text contains sub.
func Has(all []string, sub string) bool {
	for _, s := range all {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// RichText is the text of rich-text segments, one string per paragraph or item.
func RichText(segs []widget.RichTextSegment) []string {
	var out []string
	for _, sg := range segs {
		switch x := sg.(type) {
		case *widget.TextSegment:
			out = append(out, x.Text)
		case *widget.ListSegment:
			for _, it := range x.Items {
				out = append(out, strings.Join(RichText([]widget.RichTextSegment{it}), ""))
			}
		case *widget.ParagraphSegment:
			out = append(out, strings.Join(RichText(x.Texts), ""))
		}
	}
	return out
}

// OverlayTexts is what the dialogs and pop-ups over a window say.
func OverlayTexts(w fyne.Window) []string {
	var out []string
	for _, o := range w.Canvas().Overlays().List() {
		Walk(o, func(x fyne.CanvasObject) bool {
			switch x.(type) {
			case *widget.Label, *kit.Wrapped, *widget.Button, *widget.RichText:
				out = append(out, Texts(x, nil)...)
			}
			return false
		})
	}
	return out
}
