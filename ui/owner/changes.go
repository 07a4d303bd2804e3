package owner

import (
	"context"
	"fmt"
	"time"

	"rayfix/changes"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var statusWords = map[string]string{"done": "in place", "undone": "undone", "failed": "failed", "pending": "interrupted", "planned": "not applied", "unknown": "outcome unknown"}

// showChanges lists every change RayFix made (the journal), newest first,
// each with Undo, which goes through the same preview and conflict check.
func (o *View) showChanges(back func()) {
	o.busy("Reading the change journal…")
	var entries []changes.Change
	var err error
	// The journal is a file: read it off the UI goroutine.
	o.job.Run(30*time.Second, func(context.Context) {
		var j *changes.Journal
		if j, err = o.sh.journal(); err == nil {
			entries, err = j.Entries()
		}
	}, func() { o.renderChanges(entries, err, back) })
}

func (o *View) renderChanges(entries []changes.Change, err error, back func()) {
	box := container.NewVBox()
	if err != nil {
		box.Add(widget.NewLabel("The change journal cannot be read: " + err.Error()))
	}
	if len(entries) == 0 && err == nil {
		box.Add(widget.NewLabel("RayFix has not changed anything yet. Every change you make appears here, with Undo."))
	}
	now := time.Now()
	for _, c := range entries {
		c := c
		title := widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		info := fmt.Sprintf("%s · %s · %s", c.Created.Local().Format("Mon 2 Jan 15:04"), c.ZoneName, statusWords[c.Status])
		if !c.Until.IsZero() && c.Status == "done" && now.After(c.Until) {
			info += " · expired on " + c.Until.Format("2 Jan 2006") + ": remove it?"
		}
		detail := widget.NewLabel(info + "\n" + c.Consequence)
		detail.Wrapping = fyne.TextWrapWord
		for _, out := range c.Outcome {
			detail.SetText(detail.Text + "\n" + out)
		}
		if c.Error != "" {
			detail.SetText(detail.Text + "\n" + c.Error)
			detail.Importance = widget.WarningImportance
		}
		row := container.NewVBox(title, detail)
		if c.Undoable() {
			row.Add(container.NewHBox(widget.NewButtonWithIcon("Undo…", theme.ContentUndoIcon(), func() { o.undo(c.ID, back) })))
		}
		box.Add(row)
		box.Add(widget.NewSeparator())
	}
	o.set(container.NewBorder(o.header("Changes & undo", back), nil, nil, nil, container.NewVScroll(container.NewPadded(box))))
}

func (o *View) undo(id string, back func()) {
	var c *changes.Change
	var err error
	conn := o.conn
	o.job.Run(time.Minute, func(ctx context.Context) {
		var j *changes.Journal
		if j, err = o.sh.journal(); err == nil {
			c, err = changes.Undo(ctx, conn.Service(), j, id)
		}
	}, func() {
		o.noteConnection(err)
		if err != nil {
			o.showProblem("Undo cannot go ahead yet", err)
			return
		}
		o.showPreview(c, func() { o.showChanges(back) })
	})
}
