package owner

import (
	"context"
	"time"

	"rayfix/advice"
	"rayfix/cfapi"
	"rayfix/siteplan"
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// lookupView is "Find a visitor's Ray ID": paste a Ray ID or the whole
// message a visitor sent, see what blocked them and why, pick a fix.
type lookupView struct {
	input  *widget.Entry
	err    *widget.Label
	result *fyne.Container
	fixes  []*widget.Button
}

func (o *View) showLookup(back func()) {
	v := &lookupView{}
	o.open.lookup = v
	v.input = widget.NewMultiLineEntry()
	v.input.SetPlaceHolder("Paste the Ray ID (like 8e2f0a1b2c3d4e5f) or the whole message the visitor sent you")
	v.input.SetMinRowsVisible(4)
	v.err = widget.NewLabel("")
	v.err.Importance = widget.DangerImportance
	v.err.Wrapping = fyne.TextWrapWord
	v.err.Hide()
	v.result = container.NewVBox()
	find := widget.NewButtonWithIcon("Find it", theme.SearchIcon(), func() { o.runLookup(v) })
	find.Importance = widget.HighImportance
	intro := widget.NewLabel("RayFix searches your sites' Security Events for the Ray ID, says which rule stopped the visitor and why, and offers fixes — each with a preview and Undo.")
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, v.input, v.err, container.NewHBox(find), widget.NewSeparator(), v.result)
	o.set(container.NewBorder(o.header("Find a visitor's Ray ID", back), nil, nil, nil, container.NewVScroll(container.NewPadded(body))))
	o.sh.Win.Canvas().Focus(v.input)
}

func (o *View) runLookup(v *lookupView) {
	q, err := advice.ParseRayQuery(v.input.Text)
	if err != nil {
		v.err.SetText(err.Error())
		v.err.Show()
		return
	}
	v.err.Hide()
	v.result.Objects = []fyne.CanvasObject{widget.NewLabel("Searching Security Events for " + q.RayID + "…")}
	v.result.Refresh()
	// What the worker needs is copied here: the UI goroutine may replace
	// o.site and o.zones (Disconnect, opening another site) while it runs.
	conn, cur, allZones := o.conn, o.site, append([]cfapi.Zone(nil), o.zones...)
	var l *advice.Lookup
	var site *siteplan.Site
	o.job.Run(2*time.Minute, func(ctx context.Context) {
		var zones []cfapi.Zone
		if cur != nil {
			zones = []cfapi.Zone{cur.Zone}
		}
		arch, _ := o.sh.archive()
		l, site, err = advice.ExplainRay(ctx, conn, zones, allZones, q, time.Now(), arch)
	}, func() {
		o.noteConnection(err)
		v.result.Objects = nil
		v.fixes = nil
		switch {
		case err != nil:
			v.result.Add(widget.NewLabel(errText(err)))
		case !l.Found && l.Explanation != "":
			exp := widget.NewLabel("Not in Security Events, but the error code explains it: " + l.Explanation)
			exp.Wrapping = fyne.TextWrapWord
			v.result.Add(exp)
			o.addFixes(v, l, site)
		case !l.Found:
			t := widget.NewLabel("Ray ID " + q.RayID + " was not found (searched " + l.Window + "). Possible reasons:")
			t.Wrapping = fyne.TextWrapWord
			v.result.Add(t)
			for _, w := range l.WhyMissing {
				lw := widget.NewLabel("• " + w)
				lw.Wrapping = fyne.TextWrapWord
				v.result.Add(lw)
			}
		default:
			o.site = site
			where := "Found on " + l.Zone.Name
			switch {
			case l.Offline:
				where += " — Cloudflare could not be reached, so this is from RayFix's own archive, and no fix can be made now"
			case l.FromArchive:
				where += " (in RayFix's own archive: Cloudflare no longer keeps this event)"
			}
			head := widget.NewLabelWithStyle(where, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			exp := widget.NewLabel(l.Explanation)
			exp.Wrapping = fyne.TextWrapWord
			v.result.Add(head)
			v.result.Add(exp)
			o.addFixes(v, l, site)
			ev := l.Event
			v.result.Add(widget.NewButtonWithIcon("Simulate this visitor after a fix…", theme.MediaPlayIcon(), func() {
				o.site = site
				o.showSimulate()
				sv := o.open.simulate
				sv.ip.SetText(ev.ClientIP)
				sv.country.SetText(ev.Country)
				if ev.ASN != "" {
					sv.asn.SetText("AS" + ev.ASN)
				}
				sv.ua.SetText(ev.UserAgent)
				sv.url.SetText(ev.Host + ev.Path)
			}))
		}
		v.result.Refresh()
	})
}

func (o *View) addFixes(v *lookupView, l *advice.Lookup, site *siteplan.Site) {
	o.lookupSite = site
	if len(l.Fixes) > 0 {
		v.result.Add(widget.NewLabelWithStyle("Fix it", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, f := range l.Fixes {
		f := f
		b := widget.NewButton(f.Label+"…", func() {
			c, perr := f.Plan(site)
			if perr != nil {
				kit.ShowError(perr, o.sh.Win)
				return
			}
			o.showPreview(c, func() { o.showZone(site.Zone) })
		})
		b.Alignment = widget.ButtonAlignLeading
		v.fixes = append(v.fixes, b)
		v.result.Add(b)
	}
}
