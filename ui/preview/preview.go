// Package preview shows what a change will do before it is made: the
// consequence, each setting now and after, what the visitor then sees,
// and whom it would have hit in the site's recent traffic (package
// impact); and, for one condition, "whom does this catch?". The traffic
// is read off the UI goroutine and the words come back through kit's one
// seam.
package preview

import (
	"context"
	"maps"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/impact"
	"rayfix/siteplan"
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Source is where the traffic comes from: a connection and the site as
// read. Both are only read by the worker.
type Source struct {
	Conn *cfapi.Connection
	Site *siteplan.Site
	// Own is this computer's address as Cloudflare sees it, asked by the
	// worker (nil or "": not known, and then not named).
	Own func(ctx context.Context) string
}

func (s Source) own(ctx context.Context) string {
	if s.Own == nil {
		return ""
	}
	return s.Own(ctx)
}

// wait is how long a preview waits for the traffic before saying it
// could not be read.
const wait = time.Minute

// Body is everything a preview says about a change; src (when its Site is
// set) adds whom it would have affected, counted in the background.
func Body(c *changes.Change, src Source) fyne.CanvasObject {
	cons := widget.NewLabelWithStyle(c.Consequence, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cons.Wrapping = fyne.TextWrapWord
	grid := container.NewGridWithColumns(3, widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{}),
		widget.NewLabelWithStyle("Now", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle("After", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, l := range c.Lines {
		b, a := wrapped(orNothing(l.Before)), wrapped(orNothing(l.After))
		grid.Add(widget.NewLabelWithStyle(l.Label, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		grid.Add(b)
		grid.Add(a)
	}
	box := container.NewVBox(cons, grid)
	if src.Site != nil { // beside the before and after: whom it would hit
		box.Add(Section(src, c))
	}
	if c.VisitorAfter != "" {
		box.Add(wrapped("Afterwards the visitor sees: " + c.VisitorAfter))
	}
	if !c.Until.IsZero() {
		box.Add(wrapped("Temporary: RayFix will offer to remove it after " + c.Until.Format("2 Jan 2006") + "."))
	}
	for _, n := range c.Notes {
		l := wrapped(n)
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	box.Add(wrapped("RayFix checks that nobody changed this in the meantime, records it in Changes, and you can undo it there."))
	return box
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func orNothing(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// Section is a preview's "Whom it would have affected" part: a line that
// says it is counting, replaced by the report (or the reason there is
// none) when the background work is done.
func Section(src Source, c *changes.Change) fyne.CanvasObject {
	box := container.NewVBox(heading("Whom it would have affected"), progress("Counting from the last 24 hours of this site's traffic…"))
	if src.Conn == nil || src.Site == nil {
		box.Objects[1] = line(impact.Line{Text: "RayFix can't count this without the site's traffic."})
		return box
	}
	var rep *impact.Report
	var err error
	c = snapshot(c) // Apply may write the change's steps while this counts
	kit.Background(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		rep, err = impact.Preview(ctx, src.Conn, src.Site, c, time.Now(), src.own(ctx))
	}, func() { fill(box, rep, err) })
	return box
}

// snapshot copies what the worker reads of a change: its steps and their
// before and after bodies.
func snapshot(c *changes.Change) *changes.Change {
	cp := *c
	cp.Steps = make([]changes.Step, len(c.Steps))
	for i, st := range c.Steps {
		st.Before, st.After = maps.Clone(st.Before), maps.Clone(st.After)
		cp.Steps[i] = st
	}
	return &cp
}

// ShowCondition opens a window with what a condition (a rule's, with its
// ID, or one being written) would have caught in the last 24 hours.
func ShowCondition(src Source, title, ruleID, expr string, win fyne.Window) {
	box := container.NewVBox(progress("Counting from the last 24 hours of this site's traffic…"))
	d := dialog.NewCustom(title, "Close", container.NewVScroll(box), win)
	d.Resize(fyne.NewSize(600, 460))
	kit.ShowDialog(d, win)
	var rep *impact.Report
	var err error
	kit.Background(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		var t *impact.Traffic
		if t, err = impact.Recent(ctx, src.Conn, src.Site.Zone.ID, time.Now(), impact.Needs(expr)); err == nil {
			t = t.WithOwn(src.own(ctx))
			if ruleID != "" {
				rep, err = impact.ForRule(src.Site, ruleID, expr, t)
			} else {
				rep, err = impact.Expression(src.Site, expr, t)
			}
		}
	}, func() { fill(box, rep, err) })
}

// fill replaces the progress line with the report, or with why there is
// none; Cloudflare's technical answer stays under Details.
func fill(box *fyne.Container, rep *impact.Report, err error) {
	last := box.Objects[len(box.Objects)-1]
	if c, ok := last.(*fyne.Container); ok && len(c.Objects) == 2 {
		if p, ok := c.Objects[1].(*widget.ProgressBarInfinite); ok {
			p.Stop() // its animation would go on after it is gone
		}
	}
	box.Objects = box.Objects[:len(box.Objects)-1]
	if err != nil {
		box.Add(line(impact.Line{Text: "RayFix could not read the site's recent traffic, so it cannot say whom this would hit. " + sentence(err.Error())}))
		if d := cfapi.ErrorDetail(err); d != "" {
			detail := widget.NewLabel(d)
			detail.Wrapping = fyne.TextWrapBreak
			detail.TextStyle = fyne.TextStyle{Monospace: true}
			box.Add(widget.NewAccordion(widget.NewAccordionItem("Details", detail)))
		}
		box.Refresh()
		return
	}
	for _, l := range rep.Lines() {
		box.Add(line(l))
	}
	box.Refresh()
}

func heading(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func progress(s string) fyne.CanvasObject {
	return container.NewVBox(widget.NewLabel(s), widget.NewProgressBarInfinite())
}

func line(l impact.Line) fyne.CanvasObject {
	w := wrapped(l.Text)
	if l.Warn {
		w.Importance = widget.WarningImportance
	}
	return w
}

func sentence(s string) string {
	if s == "" || s[len(s)-1] == '.' {
		return s
	}
	return s + "."
}
