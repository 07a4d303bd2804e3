package owner

import (
	"fmt"
	"strings"

	"rayfix/cfapi"
	"rayfix/siteplan"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// filterAccessRules keeps the rules whose value or note contains q and whose
// mode is mode ("" for all). It runs on every keystroke: a plain scan of
// 10,000 rules takes well under a millisecond.
func filterAccessRules(all []cfapi.AccessRule, q, mode string) []int {
	q = strings.ToLower(strings.TrimSpace(q))
	out := make([]int, 0, len(all))
	for i, r := range all {
		if mode != "" && r.Mode != mode {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(r.Configuration.Value), q) && !strings.Contains(strings.ToLower(r.Notes), q) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// showAccessRules is the IP Access rules browser: a virtualised list (only
// visible rows exist) with instant filtering by value, mode and note.
func (o *View) showAccessRules(zr *siteplan.ZoneRules) {
	all := zr.AccessRules
	shown := filterAccessRules(all, "", "")
	count := widget.NewLabel("")
	setCount := func() { count.SetText(fmt.Sprintf("%d of %d rules", len(shown), len(all))) }
	setCount()
	list := widget.NewList(
		func() int { return len(shown) },
		func() fyne.CanvasObject {
			return container.NewVBox(widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewLabel(""))
		},
		func(i widget.ListItemID, obj fyne.CanvasObject) {
			r := all[shown[i]]
			box := obj.(*fyne.Container)
			scope := "this site"
			if r.Scope.Type == "organization" {
				scope = "whole account"
			}
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s  %s %s", cfapi.ActionName(r.Mode), r.Configuration.Target, r.Configuration.Value))
			notes := r.Notes
			if notes == "" {
				notes = "no notes"
			}
			box.Objects[1].(*widget.Label).SetText(notes + " · " + scope)
		})
	search := widget.NewEntry()
	search.SetPlaceHolder("Filter by address, country, network or note…")
	modes := []string{"All actions"}
	modeOf := map[string]string{}
	for _, m := range cfapi.AccessModes {
		modes = append(modes, cfapi.ActionName(m))
		modeOf[cfapi.ActionName(m)] = m
	}
	mode := widget.NewSelect(modes, nil)
	mode.SetSelected("All actions")
	apply := func() {
		shown = filterAccessRules(all, search.Text, modeOf[mode.Selected])
		setCount()
		list.Refresh()
	}
	search.OnChanged = func(string) { apply() }
	mode.OnChanged = func(string) { apply() }
	o.accessSearch, o.accessMode, o.accessList, o.accessCount = search, mode, list, count
	top := container.NewVBox(o.header("IP Access rules — "+zr.Zone.Name, func() { o.set(o.zoneScreen(zr)) }),
		container.NewBorder(nil, nil, nil, mode, search), count)
	o.set(container.NewBorder(top, nil, nil, nil, list))
}
