package owner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"rayfix/cfapi"
	"rayfix/siteplan"
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// stageHelp explains each stage in one sentence, for people who have never
// heard of a "ruleset phase".
var stageHelp = map[string]string{
	siteplan.StageIPAccess:  "Checked first: single addresses, networks or countries you blocked, challenged or allowed. An Allow here lets them past everything below except Bot Fight Mode (allowing a whole country still leaves the managed rules).",
	siteplan.StageCustom:    "Your own rules, checked from top to bottom. The first Block or challenge that matches decides; a Skip rule lets its visitors past the checks it names, below too.",
	siteplan.StageLockdown:  "Old-style rules that let only listed addresses open some pages.",
	siteplan.StageUABlock:   "Old-style rules that block one exact browser name.",
	siteplan.StageSettings:  "Site-wide settings that check every visitor.",
	siteplan.StageRateLimit: "Rules that stop a visitor who sends too many requests too fast.",
	siteplan.StageManaged:   "Cloudflare's ready-made attack rules, with your exceptions first.",
	siteplan.StageBots:      "Cloudflare's automatic checks for bots. No rule can skip Bot Fight Mode; a Skip rule can skip Super Bot Fight Mode.",
}

// showZone loads and shows every rule of a zone that can block a visitor.
func (o *View) showZone(z cfapi.Zone) {
	prev := o.content.Objects // a reload that fails keeps the owner here
	status := o.busy("Reading the rules of " + z.Name + "…")
	var site *siteplan.Site
	var err error
	conn := o.conn
	o.job.Run(3*time.Minute, func(ctx context.Context) {
		site, err = siteplan.LoadSiteProgress(ctx, conn.Service(), z, func(s string) {
			kit.OnMain(func() { status.SetText(s) })
		})
	}, func() {
		o.noteConnection(err)
		if err != nil && cfapi.ConnectionLost(err) && len(prev) > 0 && o.site != nil && o.site.Zone.ID == z.ID {
			o.set(prev[0])
			o.showProblem("Could not read "+z.Name+" again", err)
			return
		}
		if err != nil {
			o.showSites()
			o.siteNote("Could not read " + z.Name + ": " + errText(err))
			return
		}
		o.site, o.zoneRules = site, site.Rules
		o.set(o.zoneScreen(site.Rules))
	})
}

// reloadZone reads the current zone again (after a change).
func (o *View) reloadZone() {
	if o.site != nil {
		o.showZone(o.site.Zone)
	}
}

func (o *View) zoneScreen(zr *siteplan.ZoneRules) fyne.CanvasObject {
	o.menus = nil
	facts := siteFacts(zr)
	allow := widget.NewButtonWithIcon("Let visitors through…", theme.ConfirmIcon(), func() { o.showAllow(o.site, "") })
	allow.Importance = widget.HighImportance
	lookup := widget.NewButtonWithIcon("Find a Ray ID…", theme.SearchIcon(), func() { o.showLookup(o.reloadZone) })
	changes := widget.NewButtonWithIcon("Changes & undo", theme.HistoryIcon(), func() { o.showChanges(o.reloadZone) })
	o.moreItems = []*fyne.MenuItem{
		fyne.NewMenuItem("Health check", o.showHealth),
		fyne.NewMenuItem("Who is being blocked", o.showBlocks),
		fyne.NewMenuItem("Simulate a visitor…", o.showSimulate),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("New custom rule…", o.showNewRule),
		fyne.NewMenuItem("New IP Access rule…", o.showAccessCreate),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Back up the rules…", o.saveBackup),
		fyne.NewMenuItem("Export for Terraform…", o.exportTerraform),
		fyne.NewMenuItem("Restore a rule from a backup…", o.restoreFromBackup),
	}
	var more *widget.Button
	more = widget.NewButtonWithIcon("More…", theme.MoreVerticalIcon(), func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(more).Add(fyne.NewPos(0, more.Size().Height))
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", o.moreItems...), o.sh.Win.Canvas(), pos)
	})
	// Four fixed columns keep the bar on one line and its buttons in place.
	box := container.NewVBox(kit.NewCells(allow, lookup, changes, more))
	if o.lastDone != "" {
		done := widget.NewLabel("Done: " + o.lastDone + ". Undo it under “Changes & undo”.")
		done.Importance = widget.SuccessImportance
		done.Wrapping = fyne.TextWrapWord
		box.Add(done)
		o.lastDone = ""
	}
	box.Add(facts)
	box.Add(o.settingButtons(zr))
	for _, l := range zr.Limits {
		box.Add(widget.NewLabel(l))
	}
	for _, m := range zr.Missing {
		w := widget.NewLabel("Not shown: " + m)
		w.Wrapping = fyne.TextWrapWord
		w.Importance = widget.WarningImportance
		box.Add(w)
	}
	stage := ""
	shownAccess := 0
	for _, r := range zr.Rules {
		if r.Stage != stage {
			stage = r.Stage
			box.Add(widget.NewSeparator())
			box.Add(widget.NewLabelWithStyle(r.Stage, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			help := widget.NewLabelWithStyle(stageHelp[r.Stage], fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
			help.Wrapping = fyne.TextWrapWord
			box.Add(help)
		}
		if r.Kind == "ip_access" {
			shownAccess++
			if shownAccess > 5 {
				continue
			}
		}
		box.Add(o.ruleCard(r))
	}
	if n := len(zr.AccessRules); n > 0 {
		box.Add(widget.NewButtonWithIcon(fmt.Sprintf("Browse all %d IP Access rules…", n), theme.ListIcon(), func() { o.showAccessRules(zr) }))
	}
	if len(zr.Lists) > 0 {
		box.Add(widget.NewSeparator())
		box.Add(widget.NewLabelWithStyle("Lists your rules can use", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, l := range zr.Lists {
			var items []string
			for _, it := range l.Items {
				v := it.IP
				if v == "" && it.ASN != 0 {
					v = fmt.Sprintf("AS%d", it.ASN)
				}
				items = append(items, v)
			}
			t := widget.NewLabel(fmt.Sprintf("%s (%s list, %d entries): %s", l.Name, l.Kind, len(l.Items), strings.Join(items, ", ")))
			t.Wrapping = fyne.TextWrapWord
			box.Add(t)
		}
	}
	return container.NewBorder(o.header(zr.Zone.Name, o.showSites), nil, nil, nil, container.NewVScroll(container.NewPadded(box)))
}

// ruleCard shows one rule in words, with what can be done to it.
func (o *View) ruleCard(r siteplan.Rule) fyne.CanvasObject {
	card := ruleCardBody(r)
	actions := o.ruleActions(r)
	if actions == nil {
		return card
	}
	return container.NewBorder(nil, nil, nil, container.NewVBox(actions), card)
}

// ruleCardBody shows one rule in words: name, what it does, what the visitor sees.
func ruleCardBody(r siteplan.Rule) fyne.CanvasObject {
	name := r.Description
	if name == "" {
		name = "(no description)"
	}
	if !r.Enabled {
		name += "  — turned off"
	}
	if r.Legacy {
		name += "  — legacy, read-only"
	}
	title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	sum := widget.NewLabel(r.Summary + "\nVisitor sees: " + r.VisitorSees)
	sum.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(title, sum)
	if r.Note != "" {
		n := widget.NewLabel(r.Note)
		n.Wrapping = fyne.TextWrapWord
		n.Importance = widget.WarningImportance
		box.Add(n)
	}
	if r.Expression != "" {
		e := widget.NewLabelWithStyle(r.Expression, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		e.Wrapping = fyne.TextWrapBreak
		box.Add(e)
	}
	stripe := canvas.NewRectangle(theme.Color(actionColor(r.Action, r.Enabled)))
	stripe.SetMinSize(fyne.NewSize(4, 0))
	return container.NewBorder(nil, nil, stripe, nil, container.NewPadded(box))
}

func actionColor(action string, enabled bool) fyne.ThemeColorName {
	switch {
	case !enabled:
		return theme.ColorNameDisabled
	case action == "block":
		return theme.ColorNameError
	case action == "whitelist" || action == "skip":
		return theme.ColorNameSuccess
	case strings.Contains(action, "challenge"):
		return theme.ColorNameWarning
	}
	return theme.ColorNamePrimary
}

// siteFacts are the plan, the settings and the rule counts.
func siteFacts(zr *siteplan.ZoneRules) *widget.Form {
	form := widget.NewForm()
	for _, f := range zr.Facts() {
		v := widget.NewLabel(f.Value)
		v.Wrapping = fyne.TextWrapWord // the counts line is long: it wraps in a narrow window
		form.Append(f.Label, v)
	}
	return form
}
