package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"rayfix/app"
)

// previewed is the last preview opened (for tests).
var previewed dialog.Dialog

// showPreview shows what a change will do — before and after, the
// consequence, what the visitor sees — and applies it only when confirmed.
func (o *ownerView) showPreview(c *app.Change, then func()) {
	cons := widget.NewLabelWithStyle(c.Consequence, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cons.Wrapping = fyne.TextWrapWord
	grid := container.NewGridWithColumns(3, widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{}),
		widget.NewLabelWithStyle("Now", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("After", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, l := range c.Lines {
		b, a := widget.NewLabel(orNothing(l.Before)), widget.NewLabel(orNothing(l.After))
		b.Wrapping, a.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
		grid.Add(widget.NewLabelWithStyle(l.Label, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		grid.Add(b)
		grid.Add(a)
	}
	box := container.NewVBox(cons, grid)
	if c.VisitorAfter != "" {
		box.Add(widget.NewLabel("Afterwards the visitor sees: " + c.VisitorAfter))
	}
	if !c.Until.IsZero() {
		box.Add(widget.NewLabel("Temporary: RayFix will offer to remove it after " + c.Until.Format("2 Jan 2006") + "."))
	}
	for _, n := range c.Notes {
		l := widget.NewLabel(n)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	box.Add(widget.NewLabel("RayFix checks that nobody changed this in the meantime, records it in Changes, and you can undo it there."))
	d := dialog.NewCustomConfirm(c.Title, "Apply this change", "Cancel", container.NewVScroll(box), func(ok bool) {
		if ok {
			o.apply(c, then)
		}
	}, o.sh.win)
	d.Resize(fyne.NewSize(760, 520))
	previewed = d
	showDialog(d, o.sh.win)
}

func orNothing(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// apply writes the change in the background, then reloads the site.
func (o *ownerView) apply(c *app.Change, then func()) {
	conn := o.conn
	var err error
	o.job.run(2*time.Minute, func(ctx context.Context) {
		j, jerr := o.sh.journal() // a file: opened off the UI goroutine
		if jerr != nil {
			err = jerr
			return
		}
		err = conn.Service().Apply(ctx, j, c)
		if err == nil && c.Undoes != "" {
			if orig, gerr := j.Get(c.Undoes); gerr == nil {
				orig.Status = "undone"
				_ = j.Put(orig)
			}
		}
	}, func() {
		var ce *app.ConflictError
		switch {
		case errors.As(err, &ce):
			showInformation("Someone else changed this", ce.Error(), o.sh.win)
		case err != nil:
			showError(errors.New(errText(err)), o.sh.win)
		default:
			o.lastDone = c.Title
		}
		if then != nil {
			then()
		}
	})
}
