package owner

import (
	"fmt"
	"strings"

	"rayfix/cfapi"
	"rayfix/events"
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showSites lists the sites (zones) the token can see, searchable.
func (o *View) showSites() {
	o.siteMsg = widget.NewLabel("")
	o.siteMsg.Wrapping = fyne.TextWrapWord
	o.siteMsg.Importance = widget.WarningImportance
	o.siteMsg.Hide()
	shown := o.zones
	search := widget.NewEntry()
	search.SetPlaceHolder("Search your sites…")
	list := widget.NewList(
		func() int { return len(shown) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewIcon(theme.ComputerIcon()), nil,
				container.NewVBox(widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewLabel("")))
		},
		func(i widget.ListItemID, obj fyne.CanvasObject) {
			z := shown[i]
			box := obj.(*fyne.Container).Objects[0].(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(z.Name)
			box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s plan · %s · account %s", planWord(z), z.Status, z.Account.Name))
		})
	list.OnSelected = func(i widget.ListItemID) {
		list.UnselectAll()
		o.showZone(shown[i])
	}
	search.OnChanged = func(q string) {
		shown = filterZones(o.zones, q)
		list.Refresh()
	}
	empty := widget.NewLabel("This token sees no sites. In the dashboard, give it access to your site's zone (Zone Resources).")
	empty.Wrapping = fyne.TextWrapWord
	if len(o.zones) > 0 {
		empty.Hide()
	}
	lookup := widget.NewButtonWithIcon("Find a visitor's Ray ID…", theme.SearchIcon(), func() { o.site = nil; o.showLookup(o.showSites) })
	forget := widget.NewButtonWithIcon("Forget archived events", theme.DeleteIcon(), o.forgetArchive)
	top := container.NewVBox(o.header("Your sites on Cloudflare", o.sh.ShowStart), o.tokenSummary(), o.siteMsg, container.NewHBox(lookup, forget), search, empty)
	o.set(container.NewBorder(top, nil, nil, nil, list))
	o.sitesList = list
	o.sitesSearch = search
}

func (o *View) siteNote(msg string) {
	if o.siteMsg != nil {
		o.siteMsg.SetText(msg)
		o.siteMsg.Show()
	}
}

func filterZones(all []cfapi.Zone, q string) []cfapi.Zone {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return all
	}
	var out []cfapi.Zone
	for _, z := range all {
		if strings.Contains(strings.ToLower(z.Name), q) || strings.Contains(strings.ToLower(z.Account.Name), q) {
			out = append(out, z)
		}
	}
	return out
}

func planWord(z cfapi.Zone) string {
	if p := z.PlanID(); p != "" {
		return strings.ToUpper(p[:1]) + p[1:]
	}
	return z.Plan.Name
}

// tokenSummary says what the token is and which read permissions it lacks.
func (o *View) tokenSummary() fyne.CanvasObject {
	tc := o.check
	if tc == nil {
		return widget.NewLabel("")
	}
	var b strings.Builder
	owner := "your user"
	if tc.AccountOwned {
		owner = "an account"
	}
	fmt.Fprintf(&b, "Token: %s, owned by %s", tc.Status.Status, owner)
	if !tc.Status.ExpiresOn.IsZero() {
		fmt.Fprintf(&b, ", expires %s", tc.Status.ExpiresOn.Local().Format("2 Jan 2006"))
	}
	b.WriteString(". ")
	missing := tc.Missing()
	if len(missing) == 0 {
		b.WriteString("It has every permission RayFix needs to show your rules.")
	} else {
		b.WriteString("It lacks:")
		for _, p := range missing {
			fmt.Fprintf(&b, "\n✗ %s — RayFix cannot %s", p.Name, strings.TrimPrefix(p.Why, "to "))
		}
		b.WriteString("\nEdit the token in the dashboard to add them.")
	}
	l := widget.NewLabel(b.String())
	l.Wrapping = fyne.TextWrapWord
	if len(missing) > 0 {
		l.Importance = widget.WarningImportance
	}
	return l
}

// forgetArchive deletes RayFix's own copy of Security Events.
func (o *View) forgetArchive() {
	kit.ShowConfirm("Forget archived events?", "RayFix keeps the Security Events it has read, so older Ray IDs can still be explained. This deletes that copy; Cloudflare's own events are not touched.", func(ok bool) {
		if !ok {
			return
		}
		var err error
		kit.Background(func() {
			var a *events.Archive
			if a, err = o.sh.archive(); err == nil {
				err = a.Forget()
			}
		}, func() {
			if err != nil {
				o.siteNote("The archive could not be cleared: " + err.Error())
			} else {
				o.siteNote("Archived events forgotten.")
			}
		})
	}, o.sh.Win)
}
