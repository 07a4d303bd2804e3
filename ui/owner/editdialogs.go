package owner

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/planner"
	"rayfix/siteplan"
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// formDialog shows fields with a Preview… button; plan turns them into a
// change or an error shown in the dialog itself.
func (o *View) formDialog(title, intro string, items []*widget.FormItem, plan func() (*changes.Change, error)) *widget.Label {
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	errLabel.Hide()
	head := widget.NewLabel(intro)
	head.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	next := widget.NewButton("Preview…", func() {
		c, err := plan()
		if err != nil {
			errLabel.SetText(err.Error())
			errLabel.Show()
			return
		}
		d.Hide()
		o.showPreview(c, o.reloadZone)
	})
	next.Importance = widget.HighImportance
	kit.SubmitOnEnter(items, next.OnTapped)
	d = dialog.NewCustom(title, "Cancel", container.NewBorder(head, container.NewVBox(errLabel, container.NewHBox(next)), nil, nil, container.NewVScroll(widget.NewForm(items...))), o.sh.Win)
	d.Resize(fyne.NewSize(620, 420))
	kit.ShowDialog(d, o.sh.Win)
	o.open.form = formHandle{next: next, err: errLabel, items: items}
	return errLabel
}

// formHandle is the last form dialog (for tests).
type formHandle struct {
	next  *widget.Button
	err   *widget.Label
	items []*widget.FormItem
}

// showManagedException exempts a path, host or IP from the managed rules —
// all of them, or only the one rule that misfired — or turns that one rule off.
func (o *View) showManagedException(execID string) {
	site := o.site
	kind := widget.NewSelect([]string{"Path starts with", "Host is", "IP address or network is"}, nil)
	kind.SetSelected("Path starts with")
	value := kit.NewEntry()
	value.SetPlaceHolder("/api/upload, api.example.com or 203.0.113.7")
	ruleID := kit.NewEntry()
	ruleID.SetPlaceHolder("optional: the ID of the one managed rule that misfired (from Security Events)")
	kinds := map[string]string{"Path starts with": "path", "Host is": "host", "IP address or network is": "ip"}
	o.formDialog("Exception from the managed rules",
		"Managed rules block requests that look like attacks; a false alarm stops real visitors. An exception lets matching requests past them — past all managed rules, or only the one that misfired (its ID is in the Security Event).",
		[]*widget.FormItem{widget.NewFormItem("Requests where", kind), widget.NewFormItem("", value), widget.NewFormItem("Only managed rule", ruleID)},
		func() (*changes.Change, error) {
			who, err := siteplan.ParseWho(kinds[kind.Selected], value.Text)
			if err != nil {
				return nil, err
			}
			id := strings.TrimSpace(ruleID.Text)
			if id != "" && !isHexID(id) {
				return nil, fmt.Errorf("%q is not a managed rule ID (32 letters and digits, from the Security Event)", id)
			}
			return planner.ManagedException(site, execID, who, id)
		})
}

func (o *View) showManagedOverride(execID string) {
	site := o.site
	ruleID := kit.NewEntry()
	ruleID.SetPlaceHolder("the managed rule's ID, from the Security Event")
	choices := []string{"Turn this one rule off"}
	if site.Zone.PlanID() == "enterprise" {
		choices = append(choices, "Only log it")
	}
	what := widget.NewRadioGroup(choices, nil)
	what.SetSelected(choices[0])
	o.formDialog("Change one managed rule",
		"When one managed rule keeps blocking real visitors, you can turn just that rule off; the rest of the managed rules keep protecting the site.",
		[]*widget.FormItem{widget.NewFormItem("Managed rule ID", ruleID), widget.NewFormItem("", what)},
		func() (*changes.Change, error) {
			id := strings.TrimSpace(ruleID.Text)
			if !isHexID(id) {
				return nil, fmt.Errorf("%q is not a managed rule ID (32 letters and digits, from the Security Event)", id)
			}
			w := "disable"
			if what.Selected == "Only log it" {
				w = "log"
			}
			return planner.ManagedOverride(site, execID, id, w)
		})
}

func isHexID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// showRateLimit edits a rate limiting rule's numbers and action.
func (o *View) showRateLimit(r siteplan.Rule) {
	site := o.site
	n, period, timeout := rateLimitNumbers(site, r.ID)
	requests := kit.NewEntry()
	requests.SetText(strconv.Itoa(n))
	periods := widget.NewSelect([]string{"10", "60", "120", "300", "600", "3600"}, nil)
	periods.SetSelected(strconv.Itoa(period))
	timeouts := widget.NewSelect([]string{"0", "10", "60", "120", "300", "600", "3600", "86400"}, nil)
	timeouts.SetSelected(strconv.Itoa(timeout))
	action := widget.NewSelect([]string{cfapi.ActionName("block"), cfapi.ActionName("managed_challenge"), cfapi.ActionName("js_challenge"), cfapi.ActionName("challenge")}, nil)
	action.SetSelected(cfapi.ActionName(r.Action))
	o.formDialog("Change the rate limit “"+r.Description+"”",
		"A visitor who sends more requests than this in the period is stopped for the block time. Raising the number or shortening the block helps people on shared networks (offices, mobile carriers).",
		[]*widget.FormItem{widget.NewFormItem("Requests allowed", requests), widget.NewFormItem("Per (seconds)", periods),
			widget.NewFormItem("Block lasts (seconds)", timeouts), widget.NewFormItem("Then", action)},
		func() (*changes.Change, error) {
			req, err := strconv.Atoi(strings.TrimSpace(requests.Text))
			if err != nil {
				return nil, fmt.Errorf("%q is not a whole number of requests", requests.Text)
			}
			p, _ := strconv.Atoi(periods.Selected)
			t, _ := strconv.Atoi(timeouts.Selected)
			act := map[string]string{"Block": "block", "Managed Challenge": "managed_challenge", "JS Challenge": "js_challenge", "Interactive Challenge": "challenge"}[action.Selected]
			return planner.SetRateLimit(site, r.ID, req, p, t, act)
		})
}

// showAccessCreate adds an IP Access rule (block, challenge or allow) on
// this site or the whole account.
func (o *View) showAccessCreate() {
	site := o.site
	kind := widget.NewSelect([]string{"IP address or network", "Network (ASN)", "Country"}, nil)
	kind.SetSelected("IP address or network")
	value := kit.NewEntry()
	value.SetPlaceHolder("203.0.113.7, 203.0.113.0/24, AS14061 or DE")
	mode := widget.NewSelect([]string{"Block", "Managed Challenge", "Allow"}, nil)
	mode.SetSelected("Managed Challenge")
	notes := kit.NewEntry()
	notes.SetPlaceHolder("why (shown in the dashboard)")
	where := widget.NewRadioGroup([]string{"This site only", "Every site of the account"}, nil)
	where.SetSelected("This site only")
	kinds := map[string]string{"IP address or network": "ip", "Network (ASN)": "asn", "Country": "country"}
	modes := map[string]string{"Block": "block", "Managed Challenge": "managed_challenge", "Allow": "whitelist"}
	o.formDialog("New IP Access rule", "IP Access rules are checked before all other rules.",
		[]*widget.FormItem{widget.NewFormItem("For", kind), widget.NewFormItem("", value), widget.NewFormItem("Action", mode),
			widget.NewFormItem("Notes", notes), widget.NewFormItem("Where", where)},
		func() (*changes.Change, error) {
			who, err := siteplan.ParseWho(kinds[kind.Selected], value.Text)
			if err != nil {
				return nil, err
			}
			return planner.AddAccessRule(site, who, modes[mode.Selected], notes.Text, where.Selected == "Every site of the account")
		})
}

// showAccessNotes edits an IP Access rule's notes.
func (o *View) showAccessNotes(r siteplan.Rule) {
	site := o.site
	notes := kit.NewEntry()
	notes.SetText(r.Description)
	o.formDialog("Notes of the IP Access rule", "Notes say why a rule exists; they show in the dashboard and in RayFix.",
		[]*widget.FormItem{widget.NewFormItem("Notes", notes)},
		func() (*changes.Change, error) { return planner.SetAccessRule(site, r.ID, r.Action, notes.Text) })
}

// restoreFromBackup opens a backup file and lists the rules that differ
// from now; each can be put back on its own, with a preview.
func (o *View) restoreFromBackup() {
	site := o.site
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		var bk *planner.Backup
		var rerr error
		kit.Background(func() {
			defer r.Close()
			b, e := io.ReadAll(io.LimitReader(r, 64<<20))
			if e != nil {
				rerr = e
				return
			}
			bk, rerr = planner.ReadBackup(b)
		}, func() {
			if rerr != nil {
				kit.ShowError(rerr, o.sh.Win)
				return
			}
			o.showRestoreList(site, bk)
		})
	}, o.sh.Win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	kit.ShowDialog(fd, o.sh.Win)
}

func (o *View) showRestoreList(site *siteplan.Site, bk *planner.Backup) {
	box := container.NewVBox(widget.NewLabel(fmt.Sprintf("Backup of %s taken %s. Rules that are different now:", bk.Zone.Name, bk.Taken.Local().Format("2 Jan 2006 15:04"))))
	n := 0
	for _, rs := range bk.Rulesets {
		if rs == nil {
			continue
		}
		for _, r := range rs.Rules {
			id := fmt.Sprint(r["id"])
			c, err := planner.RestoreRule(site, bk, id)
			if err != nil {
				continue // unchanged
			}
			n++
			box.Add(container.NewBorder(nil, nil, nil, widget.NewButton("Restore…", func() { o.showPreview(c, o.reloadZone) }),
				widget.NewLabel(fmt.Sprint(r["description"]))))
		}
	}
	if n == 0 {
		box.Add(widget.NewLabel("Every rule is as it was in the backup."))
	}
	d := dialog.NewCustom("Restore from a backup", "Close", container.NewVScroll(box), o.sh.Win)
	d.Resize(fyne.NewSize(620, 420))
	kit.ShowDialog(d, o.sh.Win)
}

// offerExpired tells the owner about temporary allows whose date passed.
func (o *View) offerExpired() {
	j, err := o.sh.journal()
	if err != nil {
		return
	}
	var exp []changes.Change
	kit.Background(func() { exp = j.Expired(time.Now()) }, func() {
		if len(exp) > 0 {
			o.siteNote(fmt.Sprintf("%s passed the end date. Open a site and choose “Changes & undo” to remove them.", map[bool]string{true: "A temporary exception has", false: fmt.Sprintf("%d temporary exceptions have", len(exp))}[len(exp) == 1]))
		}
	})
}
