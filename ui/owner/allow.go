package owner

import (
	"errors"
	"strings"
	"time"

	"rayfix/changes"
	"rayfix/planner"
	"rayfix/siteplan"
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

var whoKinds = []struct{ key, label string }{
	{"ip", "An IP address or network"}, {"asn", "A network (ASN), e.g. a hosting company"},
	{"country", "A country"}, {"verified_bots", "Known good bots (search engines, monitors)"},
	{"list", "The IPs in one of your lists"}, {"path", "Requests to a path, e.g. a webhook"},
}

// whoHints are the example under "Who", for the kind chosen: one entry,
// written the way RayFix reads it.
var whoHints = map[string]string{
	"ip": "one address or network, like 203.0.113.7 or 203.0.113.0/24", "asn": "one network number, like AS14061",
	"country": "the country's two letters, like DE", "list": "the list's name, like office",
	"path": "the start of the path, like /webhooks/stripe", "verified_bots": "",
}

var viaChoices = []struct{ key, label string }{
	{"", "Let RayFix choose (recommended)"}, {planner.ViaException, "An exception in the rule that blocks them"},
	{planner.ViaSkip, "A Skip rule placed before the other rules"}, {planner.ViaAccessRule, "An IP Access “Allow” rule"},
	{planner.ViaList, "Add them to a list an allow rule already uses"},
}

// allowWizard is "Let these visitors through": who, for how long, where,
// and how — RayFix picks the way that works on the plan unless told.
type allowWizard struct {
	kind    *widget.Select
	value   *kit.Entry
	until   *kit.Entry
	where   *widget.RadioGroup
	via     *widget.RadioGroup
	errText *widget.Label
	instead *widget.Button // "Change that rule to Allow…" when one already names them
	dlg     dialog.Dialog
	next    func() // Preview… (tests call it)
}

func (o *View) showAllow(site *siteplan.Site, ruleID string) {
	w := &allowWizard{}
	o.open.wizard = w
	var kinds []string
	for _, k := range whoKinds {
		kinds = append(kinds, k.label)
	}
	w.value = kit.NewEntry()
	w.kind = widget.NewSelect(kinds, func(label string) {
		key := keyOf(whoKinds, label)
		w.value.SetPlaceHolder(whoHints[key])
		if key == "verified_bots" {
			w.value.Disable()
		} else {
			w.value.Enable()
		}
		if w.value.Text != "" {
			_ = w.value.Validate() // the same text may be fine for another kind
		}
	})
	w.kind.SetSelected(kinds[0])
	w.value.Validator = func(s string) error {
		_, err := siteplan.ParseWho(keyOf(whoKinds, w.kind.Selected), s)
		return err
	}
	w.until = kit.NewEntry()
	w.until.SetPlaceHolder("leave empty for permanently, or a date like 2026-12-31")
	w.until.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
		if err != nil {
			return errUntil
		}
		if t.Before(time.Now().Truncate(24 * time.Hour)) {
			return errPast
		}
		return nil
	}
	w.where = widget.NewRadioGroup([]string{"This site only", "Every site of the account"}, nil)
	w.where.SetSelected("This site only")
	var vias []string
	for _, v := range viaChoices {
		if v.key == planner.ViaException && ruleID == "" {
			continue
		}
		vias = append(vias, v.label)
	}
	w.via = widget.NewRadioGroup(vias, nil)
	w.via.SetSelected(vias[0])
	w.errText = widget.NewLabel("")
	w.errText.Wrapping = fyne.TextWrapWord
	w.errText.Importance = widget.DangerImportance
	w.errText.Hide()
	w.instead = widget.NewButton("Change that rule to Allow…", nil)
	w.instead.Hide()
	intro := widget.NewLabel("Who should get through? RayFix checks what you type and builds the rule itself — nothing you type is pasted into a rule as text.")
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Who", w.kind),
		widget.NewFormItem("", w.value),
		widget.NewFormItem("For how long", w.until),
		widget.NewFormItem("Where", w.where),
		widget.NewFormItem("How", w.via),
	)
	next := func() {
		who, err := siteplan.ParseWho(keyOf(whoKinds, w.kind.Selected), w.value.Text)
		if err == nil {
			err = w.until.Validate()
		}
		var c *changes.Change
		if err == nil {
			o := planner.AllowOptions{Via: keyOf(viaChoices, w.via.Selected), RuleID: ruleID, AccountWide: w.where.Selected == "Every site of the account", Note: "added in RayFix"}
			if u := strings.TrimSpace(w.until.Text); u != "" {
				o.Until, _ = time.Parse("2006-01-02", u)
			}
			c, err = planner.Allow(site, who, o)
		}
		w.instead.Hide()
		if err != nil {
			w.errText.SetText(sentence(err.Error()))
			w.errText.Show()
			w.offerInstead(o, site, err)
			return
		}
		w.dlg.Hide()
		o.showPreview(c, o.reloadZone)
	}
	nextBtn := widget.NewButton("Preview…", next)
	nextBtn.Importance = widget.HighImportance
	kit.SubmitOnEnter(form.Items, next)
	// The form scrolls: with a field's message showing it can be taller
	// than the dialog, and would otherwise run under the buttons.
	content := container.NewBorder(intro, container.NewVBox(w.errText, container.NewHBox(w.instead), container.NewHBox(nextBtn)), nil, nil, container.NewVScroll(form))
	w.dlg = dialog.NewCustom("Let these visitors through", "Cancel", content, o.sh.Win)
	w.dlg.Resize(fyne.NewSize(620, 560))
	kit.ShowDialog(w.dlg, o.sh.Win)
	w.next = next
}

// offerInstead puts a button under the message when an IP Access rule for
// the same visitors is in the way: Cloudflare keeps one rule per value, so
// changing that one is the fix.
func (w *allowWizard) offerInstead(o *View, site *siteplan.Site, err error) {
	var ex *planner.ExistingAccessRule
	if !errors.As(err, &ex) || ex.Rule.Mode == "whitelist" {
		return
	}
	id, notes := ex.Rule.ID, ex.Rule.Notes
	w.instead.OnTapped = func() {
		c, err := planner.SetAccessRule(site, id, "whitelist", notes)
		if err != nil {
			w.errText.SetText(sentence(err.Error()))
			return
		}
		w.dlg.Hide()
		o.showPreview(c, o.reloadZone)
	}
	w.instead.Show()
}

type errString string

func (e errString) Error() string { return string(e) }

const (
	errUntil errString = "write the date like 2026-12-31"
	errPast  errString = "that date has already passed"
)
