package owner

import (
	"context"
	"fmt"
	"time"

	"rayfix/cfapi"
	"rayfix/siteplan"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// simulateView is "Would this visitor be blocked?".
type simulateView struct {
	ip, country, asn, ua, url *widget.Entry
	err                       *widget.Label
	result                    *fyne.Container
}

func (o *View) showSimulate() {
	site := o.site
	v := &simulateView{}
	o.open.simulate = v
	entry := func(ph string) *widget.Entry { e := widget.NewEntry(); e.SetPlaceHolder(ph); return e }
	v.ip, v.country, v.asn = entry("203.0.113.7"), entry("DE"), entry("AS3320 (optional)")
	v.ua = entry("the browser's user agent")
	v.ua.SetText("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36")
	v.url = entry(site.Zone.Name + "/login")
	v.url.SetText(site.Zone.Name + "/")
	v.err = widget.NewLabel("")
	v.err.Importance = widget.DangerImportance
	v.err.Hide()
	v.result = container.NewVBox()
	run := widget.NewButtonWithIcon("Would they be blocked?", theme.MediaPlayIcon(), func() { o.runSimulate(v) })
	run.Importance = widget.HighImportance
	form := widget.NewForm(widget.NewFormItem("IP address", v.ip), widget.NewFormItem("Country", v.country), widget.NewFormItem("Network", v.asn),
		widget.NewFormItem("User agent", v.ua), widget.NewFormItem("Page", v.url))
	intro := widget.NewLabel("RayFix checks your rules in Cloudflare's order for this visitor, here on your computer, and asks Cloudflare Trace too where your account allows it.")
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, form, v.err, container.NewHBox(run), widget.NewSeparator(), v.result)
	o.set(container.NewBorder(o.header("Would this visitor be blocked? — "+site.Zone.Name, func() { o.set(o.zoneScreen(site.Rules)) }), nil, nil, nil,
		container.NewVScroll(container.NewPadded(body))))
}

func (o *View) runSimulate(v *simulateView) {
	site := o.site
	req, err := siteplan.RequestFrom(v.ip.Text, v.country.Text, v.asn.Text, v.ua.Text, v.url.Text)
	if err != nil {
		v.err.SetText(err.Error())
		v.err.Show()
		return
	}
	v.err.Hide()
	sim := siteplan.Simulate(site, req)
	v.result.Objects = nil
	head := widget.NewLabelWithStyle("This visitor would see: "+sim.Verdict, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	v.result.Add(head)
	for _, s := range sim.Steps {
		mark := "  "
		if s.Decides {
			mark = "→ "
		}
		l := widget.NewLabel(fmt.Sprintf("%s%s — %s: %s", mark, s.Rule, s.Result, s.Why))
		l.Wrapping = fyne.TextWrapWord
		if s.Decides {
			l.Importance = widget.WarningImportance
		}
		v.result.Add(l)
	}
	for _, u := range sim.Unevaluated {
		l := widget.NewLabel("Not simulated: " + u)
		l.Wrapping = fyne.TextWrapWord
		v.result.Add(l)
	}
	traceLabel := widget.NewLabel("Asking Cloudflare Trace…")
	traceLabel.Wrapping = fyne.TextWrapWord
	v.result.Add(traceLabel)
	v.result.Refresh()
	conn, url := o.conn, "https://"+req.Host+req.Path
	var steps []cfapi.TraceStep
	o.job.Run(time.Minute, func(ctx context.Context) {
		steps, err = conn.Trace(ctx, site.Zone.Account.ID, url, req.UserAgent, req.Country, req.Continent)
	}, func() {
		if err != nil {
			traceLabel.SetText("Cloudflare Trace is not available here (" + errText(err) + "); the local check above is all there is.")
			return
		}
		first := "no custom rule matches"
		for _, s := range steps {
			if s.Matched && s.Action != "skip" {
				first = fmt.Sprintf("the custom rule “%s” matches (%s)", s.Description, s.Action)
				break
			}
		}
		traceLabel.SetText("Cloudflare Trace: " + first + ". The trace cannot set the visitor's IP address, so IP Access rules and rules on the IP or network are covered by the local check only.")
	})
}
