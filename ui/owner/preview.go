package owner

import (
	"context"
	"errors"
	"strings"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/siteplan"
	"rayfix/ui/kit"
	"rayfix/ui/preview"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showPreview shows what a change will do — before and after, the
// consequence, what the visitor sees — and applies it only when confirmed.
func (o *View) showPreview(c *changes.Change, then func()) {
	o.previewThen(c, func(err error) {
		if then != nil && !cfapi.ConnectionLost(err) { // reloading would only fail again
			then()
		}
	})
}

// previewThen is showPreview for a caller that needs to know how Apply
// went: done runs after an Apply with its error (never when cancelled).
func (o *View) previewThen(c *changes.Change, done func(err error)) {
	var src preview.Source
	if site := o.siteOf(c); site != nil {
		src = o.impactSource(site)
	}
	box := preview.Body(c, src)
	d := dialog.NewCustomConfirm(c.Title, "Apply this change", "Cancel", container.NewVScroll(box), func(ok bool) {
		if ok {
			o.apply(c, done)
		}
	}, o.sh.Win)
	d.Resize(fyne.NewSize(620, 520))
	o.open.preview = d
	kit.ShowDialog(d, o.sh.Win)
}

// siteOf is the site a change was planned on: the open one, or the one a
// Ray ID was found on (which may be another of the owner's sites).
func (o *View) siteOf(c *changes.Change) *siteplan.Site {
	for _, s := range []*siteplan.Site{o.site, o.lookupSite} {
		if s != nil && s.Zone.ID == c.ZoneID {
			return s
		}
	}
	return nil
}

// impactSource is where a preview's count comes from: the connection, the
// site, and this computer's address asked once per site (Host.OwnAddress;
// a worker calls it, hence the sync.Map).
func (o *View) impactSource(site *siteplan.Site) preview.Source {
	src := preview.Source{Conn: o.conn, Site: site}
	if ask := o.sh.OwnAddress; ask != nil && o.demo == nil {
		host := site.Zone.Name
		src.Own = func(ctx context.Context) string {
			if v, ok := o.ownIPs.Load(host); ok {
				return v.(string)
			}
			ip, err := ask(ctx, host)
			if err == nil {
				o.ownIPs.Store(host, ip)
			}
			return ip
		}
	}
	return src
}

// apply writes the change in the background, then reloads the site. When
// it fails the owner stays where they were and reads what is really in
// place (Apply re-reads Cloudflare after every write).
func (o *View) apply(c *changes.Change, done func(err error)) {
	conn := o.conn
	var err error
	o.job.Run(3*time.Minute, func(ctx context.Context) {
		j, jerr := o.sh.journal() // a file: opened off the UI goroutine
		if jerr != nil {
			err = jerr
			return
		}
		err = changes.Apply(ctx, conn.Service(), j, c)
		if err == nil && c.Undoes != "" {
			if orig, gerr := j.Get(c.Undoes); gerr == nil {
				orig.Status = "undone"
				_ = j.Put(orig)
			}
		}
	}, func() {
		o.noteConnection(err)
		var ce *changes.ConflictError
		switch {
		case errors.As(err, &ce):
			kit.ShowInformation("Someone else changed this", ce.Error(), o.sh.Win)
		case err != nil:
			o.showProblem("The change did not go through", err)
		default:
			o.lastDone = c.Title
			if len(c.Outcome) > 0 {
				o.lastDone += ". " + strings.TrimSuffix(strings.Join(c.Outcome, " "), ".")
			}
		}
		done(err)
	})
}

// showProblem shows an error in words, with Cloudflare's technical answer
// folded away under Details for whoever wants it.
func (o *View) showProblem(title string, err error) {
	msg := widget.NewLabel(errText(err))
	msg.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(msg)
	if d := cfapi.ErrorDetail(err); d != "" {
		detail := widget.NewLabel(d)
		detail.Wrapping = fyne.TextWrapBreak
		detail.TextStyle = fyne.TextStyle{Monospace: true}
		box.Add(widget.NewAccordion(widget.NewAccordionItem("Details", detail)))
	}
	d := dialog.NewCustom(title, "Close", box, o.sh.Win)
	d.Resize(fyne.NewSize(520, 0))
	kit.ShowDialog(d, o.sh.Win)
}

// noteConnection marks the connection lost (or back) from a job's result,
// so the header never says "Connected" when Cloudflare cannot be reached.
func (o *View) noteConnection(err error) {
	lost := cfapi.ConnectionLost(err)
	if lost == o.connLost {
		return
	}
	o.connLost = lost
	if o.connLabel != nil {
		o.connLabel.SetText(o.connWords())
		o.connLabel.Importance = map[bool]widget.Importance{true: widget.DangerImportance, false: widget.MediumImportance}[lost]
		o.connLabel.Refresh()
	}
}
