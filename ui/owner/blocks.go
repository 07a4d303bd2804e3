package owner

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"rayfix/advice"
	"rayfix/cfapi"
	"rayfix/events"
	"rayfix/siteplan"
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// startArchiving fetches new Security Events of every site while owner
// mode is connected, keeps them in the archive, and notifies when a rule
// seems to stop real visitors (monitors, payment webhooks, many people from
// one network).
func (o *View) startArchiving() {
	if o.archCancel != nil || o.demo != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	o.archCancel = cancel
	conn, zones, every := o.conn, o.zones, o.sh.archiveInterval()
	if len(zones) > 20 {
		zones = zones[:20]
	}
	o.archiving.Add(1)
	go kit.Guard("reading Security Events", func() {
		defer o.archiving.Done()
		for {
			a, err := o.sh.archive()
			if err == nil {
				for _, z := range zones {
					added, err := events.SyncArchive(ctx, conn, a, z, time.Now())
					if err != nil || ctx.Err() != nil {
						continue
					}
					for _, g := range events.GroupEvents(added) {
						if len(g.LooksHuman) > 0 {
							z, g := z, g
							kit.OnMain(func() {
								o.sh.App.SendNotification(fyne.NewNotification("RayFix: "+z.Name,
									fmt.Sprintf("“%s” is stopping %s", g.Rule, g.LooksHuman[0])))
							})
						}
					}
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(every):
			}
		}
	})
}

func (o *View) stopArchiving() {
	if o.archCancel != nil {
		o.archCancel()
		o.archCancel = nil
	}
}

// showBlocks is "Who is being blocked": recent events grouped by rule.
func (o *View) showBlocks() {
	site := o.site
	o.busy("Reading Security Events of " + site.Zone.Name + "…")
	var groups []events.BlockGroup
	var err error
	conn := o.conn
	o.job.Run(time.Minute, func(ctx context.Context) { groups, err = events.RecentBlocks(ctx, conn, site.Zone, 0, time.Now()) }, func() {
		box := container.NewVBox()
		switch {
		case err != nil:
			box.Add(widget.NewLabel(errText(err)))
		case len(groups) == 0:
			box.Add(widget.NewLabel("Nobody was blocked or challenged in the time Cloudflare keeps events."))
		}
		for _, g := range groups {
			g := g
			title := widget.NewLabelWithStyle(fmt.Sprintf("%s — %d × %s, from %s", advice.GroupName(site, g), g.Count, cfapi.ActionName(g.Action), siteplan.Count(g.IPs, "address", "addresses")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			detail := widget.NewLabel(fmt.Sprintf("Countries: %s\nNetworks: %s\nPages: %s\nUser agents: %s", topN(g.Countries, 3, ""), topN(g.ASNs, 3, "AS"), topN(g.Paths, 3, ""), topN(g.UserAgents, 2, "")))
			detail.Wrapping = fyne.TextWrapWord
			row := container.NewVBox(title, detail)
			for _, l := range g.LooksHuman {
				w := widget.NewLabel("Looks legitimate: " + l)
				w.Wrapping = fyne.TextWrapWord
				w.Importance = widget.WarningImportance
				row.Add(w)
			}
			row.Add(container.NewHBox(widget.NewButton("Explain the latest ("+g.LastRayID+")…", func() {
				o.showLookup(o.showBlocks)
				o.open.lookup.input.SetText(g.LastRayID)
				o.runLookup(o.open.lookup)
			})))
			box.Add(row)
			box.Add(widget.NewSeparator())
		}
		o.set(container.NewBorder(o.header("Who is being blocked — "+site.Zone.Name, o.reloadZone), nil, nil, nil, container.NewVScroll(container.NewPadded(box))))
	})
}

func topN(m map[string]int, n int, prefix string) string {
	type kv struct {
		k string
		v int
	}
	var list []kv
	for k, v := range m {
		list = append(list, kv{k, v})
	}
	sort.Slice(list, func(a, b int) bool { return list[a].v > list[b].v || list[a].v == list[b].v && list[a].k < list[b].k })
	var parts []string
	for i, x := range list {
		if i == n {
			break
		}
		parts = append(parts, fmt.Sprintf("%s%s (%d)", prefix, x.k, x.v))
	}
	return strings.Join(parts, ", ")
}
