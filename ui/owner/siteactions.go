package owner

import (
	"context"
	"encoding/json"
	"path/filepath"
	"time"

	"rayfix/advice"
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/planner"
	"rayfix/siteplan"
	"rayfix/tfexport"
	"rayfix/ui/kit"
	"rayfix/ui/preview"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ruleActions is the "Change…" button of a rule card: a menu of the guided
// fixes that apply to that kind of rule. Legacy rules are read-only.
func (o *View) ruleActions(r siteplan.Rule) fyne.CanvasObject {
	if o.site == nil || r.Legacy {
		return nil
	}
	site := o.site
	plan := func(f func() (*changes.Change, error)) func() {
		return func() {
			c, err := f()
			if err != nil {
				kit.ShowError(err, o.sh.Win)
				return
			}
			o.showPreview(c, o.reloadZone)
		}
	}
	var items []*fyne.MenuItem
	if r.Expression != "" && (r.Kind == "custom_rule" || r.Kind == "rate_limit") {
		items = append(items, fyne.NewMenuItem("Whom it catches…", func() {
			preview.ShowCondition(o.impactSource(site), "Whom “"+r.Description+"” catches", r.ID, r.Expression, o.sh.Win)
		}))
	}
	switch r.Kind {
	case "custom_rule":
		items = append(items,
			fyne.NewMenuItem("Let visitors through (exception)…", func() { o.showAllow(site, r.ID) }),
			fyne.NewMenuItem("Edit…", func() { o.showEditor(site, r) }))
		if r.Action == "block" {
			items = append(items, fyne.NewMenuItem("Challenge instead of block…", plan(func() (*changes.Change, error) { return planner.SetRuleAction(site, r.ID, "managed_challenge") })))
		}
		items = append(items,
			fyne.NewMenuItem(map[bool]string{true: "Turn off…", false: "Turn on…"}[r.Enabled], plan(func() (*changes.Change, error) { return planner.SetRuleEnabled(site, r.ID, !r.Enabled) })),
			fyne.NewMenuItem("Move up…", plan(func() (*changes.Change, error) { return planner.MoveRule(site, r.ID, -1) })),
			fyne.NewMenuItem("Move down…", plan(func() (*changes.Change, error) { return planner.MoveRule(site, r.ID, 1) })),
			fyne.NewMenuItem("Delete…", plan(func() (*changes.Change, error) { return planner.DeleteRule(site, r.ID) })))
	case "rate_limit":
		items = append(items, fyne.NewMenuItem("Change the limit…", func() { o.showRateLimit(r) }),
			fyne.NewMenuItem("Edit which requests count…", func() { o.showEditor(site, r) }),
			fyne.NewMenuItem("Relax: double the allowed requests…", plan(func() (*changes.Change, error) {
				n, period, timeout := rateLimitNumbers(site, r.ID)
				return planner.SetRateLimit(site, r.ID, n*2, period, timeout, r.Action)
			})), fyne.NewMenuItem(map[bool]string{true: "Turn off…", false: "Turn on…"}[r.Enabled], plan(func() (*changes.Change, error) { return planner.SetRuleEnabled(site, r.ID, !r.Enabled) })))
	case "managed":
		items = append(items, fyne.NewMenuItem("Exempt a path, host or IP…", func() { o.showManagedException(r.ID) }),
			fyne.NewMenuItem("Turn one managed rule off…", func() { o.showManagedOverride(r.ID) }))
	case "managed_exception":
		items = append(items, fyne.NewMenuItem("Delete this exception…", plan(func() (*changes.Change, error) { return planner.DeleteRule(site, r.ID) })))
	case "ip_access":
		for _, m := range []string{"block", "managed_challenge", "whitelist"} {
			if m != r.Action {
				m := m
				items = append(items, fyne.NewMenuItem("Change to "+cfapi.ActionName(m)+"…", plan(func() (*changes.Change, error) { return planner.SetAccessRule(site, r.ID, m, r.Description) })))
			}
		}
		items = append(items, fyne.NewMenuItem("Edit notes…", func() { o.showAccessNotes(r) }),
			fyne.NewMenuItem("Delete…", plan(func() (*changes.Change, error) { return planner.DeleteAccessRule(site, r.ID) })))
	default:
		return nil
	}
	var btn *widget.Button
	btn = widget.NewButtonWithIcon("Change…", theme.SettingsIcon(), func() {
		c := o.sh.Win.Canvas()
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, fyne.CurrentApp().Driver().AbsolutePositionForObject(btn).Add(fyne.NewPos(0, btn.Size().Height)))
	})
	o.menus = append(o.menus, ruleMenu{rule: r.ID, items: items})
	return btn
}

// ruleMenu keeps each card's menu for tests.
type ruleMenu struct {
	rule  string
	items []*fyne.MenuItem
}

func rateLimitNumbers(site *siteplan.Site, id string) (n, period, timeout int) {
	for _, r := range site.Sets[cfapi.PhaseRateLimit].Rules {
		if r["id"] == id {
			rl, _ := r["ratelimit"].(map[string]any)
			n, period, timeout = advice.ToInt(rl["requests_per_period"]), advice.ToInt(rl["period"]), advice.ToInt(rl["mitigation_timeout"])
		}
	}
	return
}

// settingButtons switch Security Level, Browser Integrity Check and Bot
// Fight Mode, each through a preview that says what the change means.
func (o *View) settingButtons(zr *siteplan.ZoneRules) fyne.CanvasObject {
	if o.site == nil {
		return widget.NewLabel("")
	}
	site := o.site
	plan := func(f func() (*changes.Change, error)) {
		c, err := f()
		if err != nil {
			kit.ShowError(err, o.sh.Win)
			return
		}
		o.showPreview(c, o.reloadZone)
	}
	level := widget.NewSelect([]string{"essentially_off", "low", "medium", "high", "under_attack"}, nil)
	level.SetSelected(zr.SecurityLevel)
	level.OnChanged = func(v string) {
		if v != site.SecurityLevel {
			plan(func() (*changes.Change, error) { return planner.SetSecurityLevel(site, v) })
		}
	}
	bic := widget.NewButton(map[bool]string{true: "Turn Browser Integrity Check off…", false: "Turn Browser Integrity Check on…"}[zr.BrowserCheck == "on"], func() {
		plan(func() (*changes.Change, error) { return planner.SetBrowserCheck(site, site.BrowserCheck != "on") })
	})
	bfm := widget.NewButton(map[bool]string{true: "Turn Bot Fight Mode off…", false: "Turn Bot Fight Mode on…"}[site.BotFightMode], func() {
		plan(func() (*changes.Change, error) { return planner.SetBotFightMode(site, !site.BotFightMode) })
	})
	if site.Bots.HasSBFM() && !site.BotFightMode {
		// Pro and up have Super Bot Fight Mode instead: offering the Free
		// plan's switch there would add a second, cruder bot check.
		return kit.NewFlow(widget.NewLabel("Security Level"), level, bic)
	}
	return kit.NewFlow(widget.NewLabel("Security Level"), level, bic, bfm)
}

// exportTerraform writes the site as Terraform files into a folder the
// owner picks (a new folder in it, named after the site): built from the
// site as read, written off the UI goroutine.
func (o *View) exportTerraform() {
	if o.site == nil {
		return
	}
	ex, err := tfexport.Site(o.site)
	if err != nil {
		o.showProblem("The export could not be made", err)
		return
	}
	zone := o.site.Zone.Name
	fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		o.exportTo(ex, zone, filepath.Join(u.Path(), zone+"-terraform"))
	}, o.sh.Win)
	o.open.folder = fd
	kit.ShowDialog(fd, o.sh.Win)
}

// exportTo writes the export into dir in the background and says what it
// wrote, or why it did not.
func (o *View) exportTo(ex *tfexport.Export, zone, dir string) {
	var werr error
	o.job.Run(time.Minute, func(context.Context) { werr = ex.Write(dir) }, func() {
		if werr != nil {
			o.showProblem("Nothing was exported", werr)
			return
		}
		kit.ShowInformation("Exported for Terraform", ex.Summary(zone, dir), o.sh.Win)
	})
}

// saveBackup exports everything RayFix read of the zone to a JSON file.
func (o *View) saveBackup() {
	if o.site == nil {
		return
	}
	bk := planner.BackupOf(o.site)
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		var werr error
		kit.Background(func() {
			werr = json.NewEncoder(w).Encode(bk)
			if cerr := w.Close(); werr == nil {
				werr = cerr
			}
		}, func() {
			if werr != nil {
				kit.ShowError(werr, o.sh.Win)
				return
			}
			kit.ShowInformation("Backup saved", "Saved to "+w.URI().Name()+". To put a rule back from it, use rayfix owner backup files rule by rule.", o.sh.Win)
		})
	}, o.sh.Win)
	fd.SetFileName(o.site.Zone.Name + "-rules-" + time.Now().Format("2006-01-02") + ".json")
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	kit.ShowDialog(fd, o.sh.Win)
}
