package owner

import (
	"context"
	"time"

	"rayfix/advice"
	"rayfix/changes"
	"rayfix/impact"
	"rayfix/siteplan"
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// showHealth lists what may catch real visitors on the site, each with
// the reason and a fix through preview and undo.
func (o *View) showHealth() {
	site, conn := o.site, o.conn
	var expired []changes.Change
	var idle []advice.Finding
	var terr error
	o.busy("Checking " + site.Zone.Name + "…")
	o.job.Run(time.Minute, func(ctx context.Context) {
		if j, err := o.sh.journal(); err == nil { // a file: read off the UI goroutine
			expired = j.Expired(time.Now())
		}
		if conn != nil { // rules that matched nothing, from the recent traffic
			tr, err := impact.Recent(ctx, conn, site.Zone.ID, time.Now(), impact.Needs(advice.RuleExpressions(site)...))
			if terr = err; err == nil {
				idle = advice.IdleRules(site, tr)
			}
		}
	}, func() { o.renderHealth(site, append(advice.Health(site, expired), idle...), terr) })
}

func (o *View) renderHealth(site *siteplan.Site, findings []advice.Finding, trafficErr error) {
	box := container.NewVBox()
	if len(findings) == 0 {
		box.Add(widget.NewLabel("Nothing looks likely to stop real visitors."))
	}
	if trafficErr != nil {
		note := widget.NewLabel("RayFix could not read the site's recent traffic, so it cannot say which rules matched nothing. " + sentence(errText(trafficErr)))
		note.Wrapping = fyne.TextWrapWord
		box.Add(note)
	}
	for _, f := range findings {
		f := f
		title := widget.NewLabelWithStyle(f.Rule, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		reason := widget.NewLabel(f.Reason)
		reason.Wrapping = fyne.TextWrapWord
		if f.Severity == "warning" {
			reason.Importance = widget.WarningImportance
		}
		row := container.NewVBox(title, reason)
		if f.Plan != nil {
			row.Add(container.NewHBox(widget.NewButton(f.FixLabel+"…", func() {
				c, err := f.Plan(site)
				if err != nil {
					kit.ShowError(err, o.sh.Win)
					return
				}
				o.showPreview(c, o.reloadZone)
			})))
		}
		box.Add(row)
		box.Add(widget.NewSeparator())
	}
	o.set(container.NewBorder(o.header("Health check — "+site.Zone.Name, func() { o.set(o.zoneScreen(site.Rules)) }), nil, nil, nil,
		container.NewVScroll(container.NewPadded(box))))
}
