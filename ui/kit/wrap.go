package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// NewFlow lays its objects out left to right at their own widths and
// wraps them onto more rows when the window is too narrow for one: a row
// of buttons stays whole at any width instead of setting the window's.
func NewFlow(objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&wrap{}, objects...)
}

// NewCells is NewFlow with equal cells: one row of equal buttons while
// they fit (as a grid would), more rows when they do not.
func NewCells(objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&wrap{equal: true}, objects...)
}

// wrap remembers the width it was last given: its height depends on it.
// Fyne asks every frame whether a minimum size changed and lays the parent
// out again when it did, so a narrower window grows the rows.
type wrap struct {
	equal bool
	width float32
}

func (w *wrap) visible(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

// rows places the objects in rows for width; with place, it also moves
// and sizes them. It returns the height used.
func (w *wrap) rows(objects []fyne.CanvasObject, width float32, place bool) float32 {
	pad := theme.Padding()
	objs := w.visible(objects)
	if len(objs) == 0 {
		return 0
	}
	cell := float32(0)
	for _, o := range objs {
		cell = max(cell, o.MinSize().Width)
	}
	perRow := len(objs)
	if w.equal && width > 0 {
		perRow = max(1, min(len(objs), int((width+pad)/(cell+pad))))
		cell = (width - pad*float32(perRow-1)) / float32(perRow)
	}
	x, y, rowH, inRow := float32(0), float32(0), float32(0), 0
	for _, o := range objs {
		ow := o.MinSize().Width
		if w.equal {
			ow = cell
		}
		full := w.equal && inRow == perRow || !w.equal && inRow > 0 && width > 0 && x+ow > width
		if full {
			x, y, inRow = 0, y+rowH+pad, 0
			rowH = 0
		}
		h := o.MinSize().Height
		if place {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(ow, h))
		}
		x += ow + pad
		rowH = max(rowH, h)
		inRow++
	}
	return y + rowH
}

func (w *wrap) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w.width = size.Width
	w.rows(objects, size.Width, true)
}

// MinSize is as narrow as the widest object, and as tall as the rows are
// at the width last given (one row before the first layout).
func (w *wrap) MinSize(objects []fyne.CanvasObject) fyne.Size {
	widest := float32(0)
	for _, o := range w.visible(objects) {
		widest = max(widest, o.MinSize().Width)
	}
	return fyne.NewSize(widest, w.rows(objects, w.width, false))
}
