package owner

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"rayfix/app/ruleslang"
	"rayfix/changes"
	"rayfix/planner"
	"rayfix/siteplan"
	"rayfix/ui/kit"
	"rayfix/ui/preview"
)

var actionChoices = []struct{ key, label string }{
	{"block", "Block"}, {"managed_challenge", "Managed Challenge"}, {"js_challenge", "JS Challenge"},
	{"challenge", "Interactive Challenge"}, {"skip", "Skip (let through)"}, {"log", "Log only (Enterprise)"},
}

var builderKinds = []struct{ key, label string }{
	{"country", "Country is"}, {"ip", "IP or network is"}, {"asn", "Network (ASN) is"},
	{"user_agent", "User agent contains"}, {"path", "Path starts with"}, {"verified_bots", "Is a known good bot"},
}

// builderHints are the example in "Add a condition", for the kind chosen.
var builderHints = map[string]string{
	"country": "two letters, like RU", "ip": "one address or network, like 203.0.113.0/24", "asn": "one network number, like AS14061",
	"user_agent": "a part of the user agent, like python-requests", "path": "the start of the path, like /api/", "verified_bots": "",
}

// ruleEditor edits a custom rule: description, action, enabled and the
// condition — typed (checked by the parser as you type) or built.
type ruleEditor struct {
	desc    *kit.Entry
	action  *widget.Select
	enabled *widget.Check
	expr    *kit.Entry
	exprErr *widget.Label
	kind    *widget.Select
	value   *kit.Entry
	skips   *widget.CheckGroup
	addErr  *widget.Label
	preview *widget.Button
	catch   *widget.Button // whom the condition would catch
	failed  *widget.Label  // why the last Preview or Apply did not go through
	dlg     dialog.Dialog
}

func (o *View) showEditor(site *siteplan.Site, r siteplan.Rule) {
	e := &ruleEditor{}
	o.open.editor = e
	e.desc = kit.NewEntry()
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
	var skipLabels, skipOn []string
	skips := site.SkipsOf(r.ID)
	for _, st := range planner.SkipTargets {
		skipLabels = append(skipLabels, st.Label)
		if planner.Contains(skips, st.Key) {
			skipOn = append(skipOn, st.Label)
		}
	}
	e.skips = widget.NewCheckGroup(skipLabels, nil)
	// One per line: side by side they made the dialog wider than the window.
	e.skips.SetSelected(skipOn)
	if r.Action != "skip" {
		e.skips.Hide()
	}
	e.action.OnChanged = func(label string) {
		if keyOf(actionChoices, label) == "skip" {
			if len(e.skips.Selected) == 0 {
				e.skips.SetSelected([]string{planner.SkipTargets[0].Label})
			}
			e.skips.Show()
		} else {
			e.skips.Hide()
		}
	}
	e.enabled = widget.NewCheck("The rule is on", nil)
	e.enabled.SetChecked(r.Enabled)
	e.expr = kit.NewMultiLineEntry()
	e.expr.Wrapping = fyne.TextWrapWord
	e.expr.SetText(r.Expression)
	e.exprErr = widget.NewLabel("")
	e.exprErr.Wrapping = fyne.TextWrapWord
	e.expr.OnChanged = func(s string) { e.check() }
	var kinds []string
	for _, k := range builderKinds {
		kinds = append(kinds, k.label)
	}
	e.kind = widget.NewSelect(kinds, nil)
	e.kind.SetSelected(kinds[0])
	e.value = kit.NewEntry()
	e.kind.OnChanged = func(label string) { e.value.SetPlaceHolder(builderHints[keyOf(builderKinds, label)]) }
	e.value.SetPlaceHolder(builderHints[keyOf(builderKinds, e.kind.Selected)])
	e.addErr = widget.NewLabel("")
	e.addErr.Importance = widget.DangerImportance
	e.addErr.Hide()
	add := widget.NewButton("Add with “and”", func() {
		node, err := planner.Condition(keyOf(builderKinds, e.kind.Selected), e.value.Text)
		if err == nil {
			var s string
			s, err = planner.AndCondition(e.expr.Text, node)
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
		// The skip choices sit under the action (a box leaves no gap while
		// they are hidden; a form row of their own did).
		widget.NewFormItem("Action", container.NewVBox(e.action, e.skips)),
		widget.NewFormItem("", e.enabled),
		widget.NewFormItem("Condition", container.NewVBox(e.expr, e.exprErr)),
		widget.NewFormItem("Add a condition", container.NewVBox(container.NewBorder(nil, nil, e.kind, add, e.value), e.addErr)),
	)
	e.preview = widget.NewButton("Preview…", func() { o.previewEdit(site, r, e) })
	e.preview.Importance = widget.HighImportance
	e.catch = widget.NewButton("Whom it would catch…", func() {
		preview.ShowCondition(o.impactSource(site), "Whom this condition would catch", "", e.expr.Text, o.sh.Win)
	})
	e.check()
	e.failed = widget.NewLabel("")
	e.failed.Importance = widget.DangerImportance
	e.failed.Wrapping = fyne.TextWrapWord
	e.failed.Hide()
	// The editor stays open under the preview and after a refusal, so
	// what the owner typed is never lost; it closes once the change is in.
	e.dlg = dialog.NewCustom("Edit "+r.Description, "Cancel",
		container.NewBorder(nil, container.NewVBox(e.failed, container.NewHBox(e.preview, e.catch)), nil, nil, container.NewVScroll(form)), o.sh.Win)
	// Enter in the description previews; Enter in "Add a condition" adds it.
	e.desc.OnSubmitted = func(string) {
		if !e.preview.Disabled() {
			e.preview.OnTapped()
		}
	}
	e.value.OnSubmitted = func(string) { add.OnTapped() }
	e.dlg.Resize(fyne.NewSize(620, 560))
	kit.ShowDialog(e.dlg, o.sh.Win)
}

// previewEdit plans the edit from what is in the editor. A refusal is
// said in the editor; a change opens its preview over the editor.
func (o *View) previewEdit(site *siteplan.Site, r siteplan.Rule, e *ruleEditor) {
	desc, act, on, ex := e.desc.Text, keyOf(actionChoices, e.action.Selected), e.enabled.Checked, e.expr.Text
	edit := planner.RuleEdit{Description: &desc, Action: &act, Enabled: &on, Expression: &ex}
	if act == "skip" {
		edit.Skip = []string{}
		for _, st := range planner.SkipTargets {
			for _, sel := range e.skips.Selected {
				if sel == st.Label {
					edit.Skip = append(edit.Skip, st.Key)
				}
			}
		}
	}
	c, err := planner.EditRule(site, r.ID, edit)
	if err != nil {
		e.say(sentence(errText(err)))
		return
	}
	e.failed.Hide()
	o.previewThen(c, func(err error) {
		if err != nil {
			e.say("The change did not go through; what you typed is still here. " + sentence(errText(err)))
			return
		}
		e.dlg.Hide()
		o.reloadZone()
	})
}

func (e *ruleEditor) say(msg string) {
	e.failed.SetText(msg)
	e.failed.Show()
}

// check runs the parser on the condition as it is typed and says where it
// stops making sense; Preview waits until it makes sense.
func (e *ruleEditor) check() {
	p := ruleslang.Parse(e.expr.Text)
	if p.Err != nil {
		e.exprErr.SetText(sentence(p.Err.Error()))
		e.exprErr.Importance = widget.DangerImportance
		e.preview.Disable()
		e.catch.Disable()
	} else {
		e.preview.Enable()
		e.catch.Enable()
		e.exprErr.SetText("Matches " + ruleslang.Summarize(p, siteplan.CountryOnly))
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

// showNewRule creates a custom rule from a description, a condition and an action.
func (o *View) showNewRule() {
	site := o.site
	desc := kit.NewEntry()
	expr := kit.NewMultiLineEntry()
	expr.SetPlaceHolder(`for example: ip.src.country eq "KP" or http.request.uri.path eq "/xmlrpc.php"`)
	var labels []string
	for _, a := range actionChoices {
		if a.key != "log" || site.Zone.PlanID() == "enterprise" {
			labels = append(labels, a.label)
		}
	}
	action := widget.NewSelect(labels, nil)
	action.SetSelected("Managed Challenge")
	o.formDialog("New custom rule", "Custom rules are checked in order, after IP Access rules. Start with a challenge rather than a block: real people can pass a challenge.",
		[]*widget.FormItem{widget.NewFormItem("Description", desc), widget.NewFormItem("Condition", expr), widget.NewFormItem("Action", action)},
		func() (*changes.Change, error) {
			if strings.TrimSpace(desc.Text) == "" {
				return nil, errNoDesc
			}
			return planner.CreateCustomRule(site, desc.Text, expr.Text, keyOf(actionChoices, action.Selected))
		})
}

const errNoDesc errString = "give the rule a description: it is how you and Security Events name it"
