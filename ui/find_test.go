package ui

import (
	"testing"

	"rayfix/ui/kit/kittest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject) bool) bool { return kittest.Walk(o, f) }

func findButtonIn(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	return kittest.FindButtonIn(t, root, text)
}

func findButton(t *testing.T, d dialog.Dialog, text string) *widget.Button {
	t.Helper()
	return kittest.FindButton(t, d, text)
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
