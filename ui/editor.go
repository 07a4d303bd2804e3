package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"rayfix/app"
	"rayfix/app/ruleslang"
)

var actionChoices = []struct{ key, label string }{
	{"block", "Block"}, {"managed_challenge", "Managed Challenge"}, {"js_challenge", "JS Challenge"},
	{"challenge", "Interactive Challenge"}, {"skip", "Skip (let through)"}, {"log", "Log only (Enterprise)"},
}

var builderKinds = []struct{ key, label string }{
	{"country", "Country is"}, {"ip", "IP or network is"}, {"asn", "Network (ASN) is"},
	{"user_agent", "User agent contains"}, {"path", "Path starts with"}, {"verified_bots", "Is a known good bot"},
}

// ruleEditor edits a custom rule: description, action, enabled and the
// condition — typed (checked by the parser as you type) or built.
type ruleEditor struct {
	desc    *widget.Entry
	action  *widget.Select
	enabled *widget.Check
	expr    *widget.Entry
	exprErr *widget.Label
	kind    *widget.Select
	value   *widget.Entry
	addErr  *widget.Label
	dlg     dialog.Dialog
}

// editorOpen is the last editor opened (for tests).
var editorOpen *ruleEditor

func (o *ownerView) showEditor(site *app.Site, r app.Rule) {
	e := &ruleEditor{}
	editorOpen = e
	e.desc = widget.NewEntry()
	e.desc.SetText(r.Description)
	var labels []string
	for _, a := range actionChoices {
		if a.key != "log" || site.Zone.PlanID() == "enterprise" {
			labels = append(labels, a.label)
		}
	}
	e.action = widget.NewSelect(labels, nil)
	for _, a := range actionChoices {
		if a.key == r.Action {
			e.action.SetSelected(a.label)
		}
	}
	e.enabled = widget.NewCheck("The rule is on", nil)
	e.enabled.SetChecked(r.Enabled)
	e.expr = widget.NewMultiLineEntry()
	e.expr.Wrapping = fyne.TextWrapWord
	e.expr.SetText(r.Expression)
	e.exprErr = widget.NewLabel("")
	e.exprErr.Wrapping = fyne.TextWrapWord
	e.expr.OnChanged = func(s string) { e.check() }
	e.check()
	var kinds []string
	for _, k := range builderKinds {
		kinds = append(kinds, k.label)
	}
	e.kind = widget.NewSelect(kinds, nil)
	e.kind.SetSelected(kinds[0])
	e.value = widget.NewEntry()
	e.value.SetPlaceHolder("for example RU, 203.0.113.0/24, AS14061, python-requests, /api/")
	e.addErr = widget.NewLabel("")
	e.addErr.Importance = widget.DangerImportance
	e.addErr.Hide()
	add := widget.NewButton("Add with “and”", func() {
		node, err := app.Condition(keyOf(builderKinds, e.kind.Selected), e.value.Text)
		if err == nil {
			var s string
			s, err = app.AndCondition(e.expr.Text, node)
			if err == nil {
				e.expr.SetText(s)
				e.value.SetText("")
			}
		}
		if err != nil {
			e.addErr.SetText(err.Error())
			e.addErr.Show()
			return
		}
		e.addErr.Hide()
	})
	form := widget.NewForm(
		widget.NewFormItem("Description", e.desc),
		widget.NewFormItem("Action", e.action),
		widget.NewFormItem("", e.enabled),
		widget.NewFormItem("Condition", container.NewVBox(e.expr, e.exprErr)),
		widget.NewFormItem("Add a condition", container.NewVBox(container.NewBorder(nil, nil, e.kind, add, e.value), e.addErr)),
	)
	e.dlg = dialog.NewCustomConfirm("Edit "+r.Description, "Preview…", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		desc, act, on, ex := e.desc.Text, keyOf(actionChoices, e.action.Selected), e.enabled.Checked, e.expr.Text
		c, err := site.EditRule(r.ID, app.RuleEdit{Description: &desc, Action: &act, Enabled: &on, Expression: &ex})
		if err != nil {
			dialog.ShowError(err, o.sh.win)
			return
		}
		o.showPreview(c, o.reloadZone)
	}, o.sh.win)
	e.dlg.Resize(fyne.NewSize(760, 560))
	e.dlg.Show()
}

// check runs the parser on the condition as it is typed and says where it
// stops making sense.
func (e *ruleEditor) check() {
	p := ruleslang.Parse(e.expr.Text)
	if p.Err != nil {
		e.exprErr.SetText(p.Err.Error())
		e.exprErr.Importance = widget.DangerImportance
	} else {
		e.exprErr.SetText("Matches " + ruleslang.Summarize(p, nil))
		e.exprErr.Importance = widget.MediumImportance
	}
	e.exprErr.Refresh()
}

func keyOf(list []struct{ key, label string }, label string) string {
	for _, x := range list {
		if x.label == label {
			return x.key
		}
	}
	return ""
}
