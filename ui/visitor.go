package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/diagnose"
)

// visitorView is the "I can't get into a website" screen: one address
// field, a Check button, and the verdict card.
type visitorView struct {
	engine   Engine
	window   fyne.Window
	job      task
	url      *urlEntry
	check    *widget.Button
	cancel   *widget.Button
	status   *widget.Label
	spinner  *widget.Activity
	inputErr *widget.Label
	card     *fyne.Container
	content  fyne.CanvasObject

	// OnResult is called (on the UI goroutine) after every finished check.
	OnResult func(diagnose.Report)
}

// urlEntry is an Entry that runs the check on Enter and cancels on Escape.
type urlEntry struct {
	widget.Entry
	onEscape func()
}

func newURLEntry() *urlEntry {
	e := &urlEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles Escape, which Entry ignores.
func (e *urlEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

func newVisitorView(w fyne.Window, engine Engine) *visitorView {
	v := &visitorView{engine: engine, window: w}
	v.url = newURLEntry()
	v.url.SetPlaceHolder("Paste the address that shows \"Access denied\", e.g. example.com/page")
	v.url.OnSubmitted = func(string) { v.runCheck() }
	v.url.onEscape = v.stop
	v.check = widget.NewButtonWithIcon("Check", theme.SearchIcon(), v.runCheck)
	v.check.Importance = widget.HighImportance
	v.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), v.stop)
	v.cancel.Hide()
	v.spinner = widget.NewActivity()
	v.spinner.Hide()
	v.status = widget.NewLabel("")
	v.inputErr = widget.NewLabel("")
	v.inputErr.Importance = widget.DangerImportance
	v.inputErr.Wrapping = fyne.TextWrapWord
	v.inputErr.Hide()
	v.card = container.NewVBox(welcomeCard())

	title := widget.NewLabelWithStyle("Why can't I get into this website?", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(v.check, v.cancel), v.url)
	progress := container.NewHBox(v.spinner, v.status)
	v.content = container.NewBorder(
		container.NewVBox(title, bar, v.inputErr, progress), nil, nil, nil,
		container.NewVScroll(container.NewPadded(v.card)))
	return v
}

func welcomeCard() fyne.CanvasObject {
	l := widget.NewLabel("RayFix opens the website the way your browser does, reads the error page, and asks Cloudflare what it sees of you. " +
		"Then it tells you in plain words what blocked you and what you can do about it.")
	l.Wrapping = fyne.TextWrapWord
	return l
}

// runCheck validates the address where it was typed, then checks it in the background.
func (v *visitorView) runCheck() {
	input := strings.TrimSpace(v.url.Text)
	if _, err := diagnose.NormalizeURL(input); err != nil {
		v.inputErr.SetText(err.Error())
		v.inputErr.Show()
		return
	}
	v.inputErr.Hide()
	v.setBusy(true, string(diagnose.StageLookup))
	v.job.start(func(ctx context.Context, progress func(string)) (diagnose.Report, error) {
		return v.engine.Check(ctx, input, diagnose.Options{Progress: func(s diagnose.Stage) { progress(string(s)) }})
	}, func(stage string) {
		if stage != string(diagnose.StageDone) {
			v.status.SetText(stage)
		}
	}, v.showResult)
}

func (v *visitorView) stop() { v.job.stop() }

func (v *visitorView) setBusy(busy bool, text string) {
	v.status.SetText(text)
	if busy {
		v.check.Disable()
		v.cancel.Show()
		v.spinner.Show()
		v.spinner.Start()
	} else {
		v.check.Enable()
		v.cancel.Hide()
		v.spinner.Stop()
		v.spinner.Hide()
	}
}

func (v *visitorView) showResult(rep diagnose.Report, err error) {
	v.setBusy(false, "")
	if err != nil {
		v.inputErr.SetText(err.Error())
		v.inputErr.Show()
		return
	}
	v.status.SetText(fmt.Sprintf("Checked in %.1f s", float64(rep.ElapsedMS)/1000))
	v.card.Objects = []fyne.CanvasObject{verdictCard(rep, v.window)}
	v.card.Refresh()
	if v.OnResult != nil {
		v.OnResult(rep)
	}
}

// verdictColor gives each verdict its colour, so the answer reads at a glance.
func verdictColor(vd diagnose.Verdict) fyne.ThemeColorName {
	switch vd {
	case diagnose.VerdictOK:
		return theme.ColorNameSuccess
	case diagnose.VerdictRateLimited, diagnose.VerdictChallenge, diagnose.VerdictOriginError:
		return theme.ColorNameWarning
	case diagnose.VerdictUnreachable, diagnose.VerdictDNSError:
		return theme.ColorNameDisabled
	}
	return theme.ColorNameError
}

func verdictIcon(vd diagnose.Verdict) fyne.Resource {
	switch vd {
	case diagnose.VerdictOK:
		return theme.ConfirmIcon()
	case diagnose.VerdictRateLimited:
		return theme.HistoryIcon()
	case diagnose.VerdictChallenge:
		return theme.QuestionIcon()
	case diagnose.VerdictOriginError, diagnose.VerdictUnreachable, diagnose.VerdictDNSError:
		return theme.WarningIcon()
	}
	return theme.ErrorIcon()
}

// verdictCard shows the headline, explanation, details and steps of a report.
func verdictCard(rep diagnose.Report, w fyne.Window) fyne.CanvasObject {
	stripe := canvas.NewRectangle(theme.Color(verdictColor(rep.Verdict)))
	stripe.SetMinSize(fyne.NewSize(6, 0))
	headline := widget.NewLabelWithStyle(rep.Headline, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	headline.Wrapping = fyne.TextWrapWord
	headline.SizeName = theme.SizeNameSubHeadingText
	explain := widget.NewLabel(rep.Explanation)
	explain.Wrapping = fyne.TextWrapWord

	details := widget.NewForm()
	if rep.RayID != "" {
		copyBtn := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() {
			w.Clipboard().SetContent(rep.RayID)
		})
		details.Append("Ray ID", container.NewHBox(widget.NewLabelWithStyle(rep.RayID, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}), copyBtn))
	}
	if rep.Colo != "" {
		city := rep.ColoCity
		if city == "" {
			city = rep.Colo
		} else {
			city += " (" + rep.Colo + ")"
		}
		details.Append("Data centre", widget.NewLabel(city))
	}
	if !rep.CheckedAt.IsZero() {
		details.Append("Time", widget.NewLabel(rep.CheckedAt.Local().Format("15:04:05 Mon 2 Jan")+"  ·  "+rep.CheckedAt.UTC().Format(time.DateTime)+" UTC"))
	}
	if rep.ClientIP != "" {
		details.Append("Your IP (as the site sees it)", widget.NewLabel(rep.ClientIP))
	}
	if rep.Country != "" {
		details.Append("Your country (as Cloudflare sees it)", widget.NewLabel(diagnose.CountryName(rep.Country)))
	}
	route := "None found"
	var parts []string
	if len(rep.Local.VPNInterfaces) > 0 {
		parts = append(parts, "VPN ("+strings.Join(rep.Local.VPNInterfaces, ", ")+")")
	}
	if rep.Local.WARP {
		parts = append(parts, "Cloudflare WARP")
	}
	if rep.Local.Proxy != "" {
		parts = append(parts, "proxy "+rep.Local.Proxy)
	}
	if len(parts) > 0 {
		route = strings.Join(parts, ", ")
	}
	details.Append("VPN / WARP / proxy", widget.NewLabel(route))

	stepsBox := container.NewVBox()
	if len(rep.Steps) > 0 {
		stepsBox.Add(widget.NewLabelWithStyle("What you can do", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for i, s := range rep.Steps {
			c := widget.NewCheck(fmt.Sprintf("%d. %s", i+1, s.Title), nil)
			d := widget.NewLabel(s.Detail)
			d.Wrapping = fyne.TextWrapWord
			stepsBox.Add(container.NewVBox(c, container.NewPadded(d)))
		}
	}
	top := container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(verdictIcon(rep.Verdict))), nil, headline)
	body := container.NewVBox(top, explain, widget.NewSeparator(), details, widget.NewSeparator(), stepsBox)
	bg := canvas.NewRectangle(color.Transparent)
	return container.NewStack(bg, container.NewBorder(nil, nil, stripe, nil, container.NewPadded(body)))
}
