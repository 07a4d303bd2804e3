package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Keys in dialogs: Escape closes the dialog on top, as its Cancel or Close
// button would, and Enter in a field does what its main button does —
// what people expect of a desktop app, and what Fyne's dialogs do not do
// by themselves. Dialogs are shown through ShowDialog so that RayFix
// knows which is on top; everything here runs on the UI goroutine.

type openDialog struct {
	d       dialog.Dialog
	overlay fyne.CanvasObject
	canvas  fyne.Canvas
}

var openDialogs []openDialog

// ShowDialog shows d and remembers it for Escape. The focus leaves the
// screen behind (a focused button there would swallow the key); a dialog
// that wants its first field focused focuses it after this.
func ShowDialog(d dialog.Dialog, w fyne.Window) {
	c := w.Canvas()
	prev := c.Focused()
	c.Unfocus()
	// When the last dialog closes, the focus goes back where it was, so
	// the keyboard keeps working on the screen behind (Space on the door
	// that had the focus, typing in the address field).
	d.SetOnClosed(func() {
		if !AnyDialogOpen(c) && c.Focused() == nil && prev != nil {
			c.Focus(prev)
		}
	})
	before := c.Overlays().Top()
	d.Show()
	// A dialog the system shows instead (a file chooser through the
	// desktop portal) adds no overlay: there is nothing for Escape to close.
	if top := c.Overlays().Top(); top != nil && top != before {
		openDialogs = append(openDialogs, openDialog{d: d, overlay: top, canvas: c})
	}
}

// AnyDialogOpen forgets dialogs that have closed and says whether one is
// still open on c.
func AnyDialogOpen(c fyne.Canvas) bool {
	open := openDialogs[:0]
	onC := false
	for _, od := range openDialogs {
		if od.overlay != nil && isOverlay(od.canvas, od.overlay) {
			open = append(open, od)
			onC = onC || od.canvas == c
		}
	}
	openDialogs = open
	return onC
}

// CloseTopDialog hides the topmost dialog still open on c and says whether
// there was one.
func CloseTopDialog(c fyne.Canvas) bool {
	if !AnyDialogOpen(c) {
		return false
	}
	for i := len(openDialogs) - 1; i >= 0; i-- {
		if od := openDialogs[i]; od.canvas == c {
			openDialogs = append(openDialogs[:i], openDialogs[i+1:]...)
			od.d.Dismiss() // as its Cancel or Close button (file dialogs answer "nothing chosen")
			return true
		}
	}
	return false
}

func isOverlay(c fyne.Canvas, o fyne.CanvasObject) bool {
	for _, x := range c.Overlays().List() {
		if x == o {
			return true
		}
	}
	return false
}

func ShowError(err error, w fyne.Window) { ShowDialog(dialog.NewError(err, w), w) }

func ShowInformation(title, message string, w fyne.Window) {
	ShowDialog(dialog.NewInformation(title, message, w), w)
}

func ShowConfirm(title, message string, callback func(bool), w fyne.Window) {
	ShowDialog(dialog.NewConfirm(title, message, callback, w), w)
}

// Entry is the Entry used in dialogs: Entry ignores Escape, so it hands
// the key on to close the dialog.
type Entry struct {
	widget.Entry
}

func NewEntry() *Entry {
	e := &Entry{}
	// Scrolling sideways keeps a long value or placeholder from widening
	// the dialog past the window's edge (which hid the rule editor's Add
	// button).
	e.Scroll = container.ScrollHorizontalOnly
	e.ExtendBaseWidget(e)
	return e
}

func NewMultiLineEntry() *Entry {
	e := &Entry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Escape; every other key is the Entry's.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && CloseTopDialog(c) {
			return
		}
	}
	e.Entry.TypedKey(ev)
}

// SubmitOnEnter makes Enter in any one-line field of a form do what its
// primary button does (Preview…, Save).
func SubmitOnEnter(items []*widget.FormItem, primary func()) {
	for _, it := range items {
		if e, ok := it.Widget.(*Entry); ok && !e.MultiLine {
			e.OnSubmitted = func(string) { primary() }
		}
	}
}

// MinWidth is the narrowest the window gets — narrow enough to sit beside
// a browser on a 1366 px screen. Rows of buttons (the site's toolbar, the
// settings switches, the visitor's actions) wrap onto more rows (NewFlow,
// NewCells) rather than set the window's width. Every dialog must fit in it.
const MinWidth = 640
