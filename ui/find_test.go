package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject) bool) bool {
	if f(o) {
		return true
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			if walk(c, f) {
				return true
			}
		}
	case *container.Scroll:
		return walk(x.Content, f)
	case *widget.PopUp:
		return walk(x.Content, f)
	case *widget.Form:
		for _, it := range x.Items {
			if walk(it.Widget, f) {
				return true
			}
		}
	}
	return false
}

func findButtonIn(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var b *widget.Button
	walk(root, func(o fyne.CanvasObject) bool {
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

// findButton looks in a dialog's content (custom dialogs keep it private,
// so the content is reached through the window's overlay).
func findButton(t *testing.T, d dialog.Dialog, text string) *widget.Button {
	t.Helper()
	_ = d
	top := fyne.CurrentApp().Driver().AllWindows()
	for _, w := range top {
		for _, o := range w.Canvas().Overlays().List() {
			var b *widget.Button
			walk(o, func(x fyne.CanvasObject) bool {
				if bb, ok := x.(*widget.Button); ok && bb.Text == text {
					b = bb
					return true
				}
				if pop, ok := x.(*widget.PopUp); ok {
					walk(pop.Content, func(y fyne.CanvasObject) bool {
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

func findRay(root fyne.CanvasObject) *rayIDLabel {
	var r *rayIDLabel
	walk(root, func(o fyne.CanvasObject) bool {
		if x, ok := o.(*rayIDLabel); ok {
			r = x
			return true
		}
		return false
	})
	return r
}
