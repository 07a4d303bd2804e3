package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/diagnose"
	"rayfix/diagnose/places"
	"rayfix/internal/i18n"
	"rayfix/ui/kit"
)

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

// rayIDLabel shows the Ray ID in monospace; it takes keyboard focus (Tab)
// so Ctrl/Cmd+C copies it, as a person expects of selected text.
type rayIDLabel struct {
	widget.Label
	copy    func()
	focused bool
}

func newRayIDLabel(id string, copyFn func()) *rayIDLabel {
	l := &rayIDLabel{copy: copyFn}
	l.Text = id
	l.TextStyle = fyne.TextStyle{Monospace: true}
	l.ExtendBaseWidget(l)
	return l
}

// FocusGained is part of fyne.Focusable.
func (l *rayIDLabel) FocusGained() {
	l.focused = true
	l.Importance = widget.HighImportance
	l.Refresh()
}

// FocusLost is part of fyne.Focusable.
func (l *rayIDLabel) FocusLost() {
	l.focused = false
	l.Importance = widget.MediumImportance
	l.Refresh()
}

// TypedRune is part of fyne.Focusable.
func (l *rayIDLabel) TypedRune(rune) {}

// TypedKey is part of fyne.Focusable.
func (l *rayIDLabel) TypedKey(*fyne.KeyEvent) {}

// Tapped focuses the label so a following Ctrl+C copies it.
func (l *rayIDLabel) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l); c != nil {
		c.Focus(l)
	}
}

// TypedShortcut copies on Ctrl/Cmd+C.
func (l *rayIDLabel) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutCopy); ok && l.copy != nil {
		l.copy()
	}
}

// cardCallbacks are what a verdict card can ask its screen to do.
type cardCallbacks struct {
	copyRayID func(string)
}

// verdictCard shows the headline, explanation, details and steps of a report.
func verdictCard(rep diagnose.Report, cb cardCallbacks) fyne.CanvasObject {
	stripe := canvas.NewRectangle(theme.Color(verdictColor(rep.Verdict)))
	stripe.SetMinSize(fyne.NewSize(6, 0))
	headline := kit.NewWrapped(rep.Headline)
	headline.TextStyle = fyne.TextStyle{Bold: true}
	headline.SizeName = theme.SizeNameSubHeadingText
	explain := kit.NewWrapped(rep.Explanation)

	t := reportWords(rep)
	details := cardDetails(rep, cb)
	stepsBox := container.NewVBox()
	if len(rep.Steps) > 0 {
		stepsBox.Add(widget.NewLabelWithStyle(t("What you can do"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for i, s := range rep.Steps {
			c := widget.NewCheck(fmt.Sprintf("%d. %s", i+1, s.Title), nil)
			d := kit.NewWrapped(s.Detail)
			stepsBox.Add(container.NewVBox(c, container.NewPadded(d)))
		}
	}
	top := container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(verdictIcon(rep.Verdict))), nil, headline)
	// What to do comes right after what happened, so the first steps are
	// in view without scrolling; the facts follow them.
	body := container.NewVBox(top, explain)
	body.Add(widget.NewSeparator())
	body.Add(stepsBox)
	body.Add(widget.NewSeparator())
	body.Add(widget.NewLabelWithStyle(t("Details"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	body.Add(details)
	if ev := evidenceSection(rep, t); ev != nil {
		body.Add(ev)
	}
	return container.NewBorder(nil, nil, stripe, nil, container.NewPadded(body))
}

// evidenceSection is "How RayFix knows", folded: each thing RayFix saw
// that the verdict rests on, in the reader's language — there for whoever
// doubts the answer, out of the way of whoever does not.
func evidenceSection(rep diagnose.Report, t func(string, ...any) string) fyne.CanvasObject {
	if len(rep.Evidence) == 0 {
		return nil
	}
	lines := make([]string, len(rep.Evidence))
	for i, e := range rep.Evidence {
		lines[i] = "• " + e
	}
	title := strings.TrimRight(t("How RayFix knows:"), ":： ")
	return widget.NewAccordion(widget.NewAccordionItem(title, wrapped(strings.Join(lines, "\n"))))
}

// rayIDRow is the Ray ID with its Copy button, which says when it copied.
func rayIDRow(ray string, cb cardCallbacks, t func(string, ...any) string) *fyne.Container {
	var copyBtn *widget.Button
	copyRay := func() {
		if cb.copyRayID != nil {
			cb.copyRayID(ray)
		}
		copyBtn.SetText(t("Copied"))
		copyBtn.SetIcon(theme.ConfirmIcon())
	}
	copyBtn = widget.NewButtonWithIcon(t("Copy"), theme.ContentCopyIcon(), copyRay)
	return container.NewHBox(newRayIDLabel(ray, copyRay), copyBtn)
}

// cardDetails are the facts of a report: Ray ID, code, who made the page,
// its reference, the time, the address and the route.
func cardDetails(rep diagnose.Report, cb cardCallbacks) *widget.Form {
	t := reportWords(rep)
	details := widget.NewForm()
	if rep.RayID != "" {
		details.Append("Ray ID", rayIDRow(rep.RayID, cb, t))
	}
	if rep.ErrorCode != 0 {
		details.Append(t("Error"), wrapped(fmt.Sprintf("%d — %s", rep.ErrorCode, t(rep.Reason))))
	}
	if rep.Colo != "" {
		city := rep.Colo
		if rep.ColoCity != "" {
			city = rep.ColoCity + " (" + rep.Colo + ")"
		}
		details.Append(t("Cloudflare data centre"), wrapped(city))
	}
	if v := rep.Vendor; v != diagnose.VendorCloudflare && (rep.Verdict != diagnose.VerdictOK || v != diagnose.VendorNone) {
		details.Append(t("Made by"), wrapped(t(diagnose.VendorName(v))))
	}
	if rep.ReferenceID != "" {
		details.Append(t("Reference on the page"), wrapped(rep.ReferenceID))
	}
	if rep.BlockReason != "" {
		details.Append(t("Reason given"), wrapped(rep.BlockReason))
	}
	details.Append(t("Time"), wrapped(timeText(rep)))
	cardWhere(details, rep)
	details.Append(t("VPN / WARP / proxy"), wrapped(routeText(rep)))
	if rep.FailureDetail != "" {
		// The system's own words, for whoever helps the visitor: the
		// sentences above never carry them.
		details.Append(t("Technical detail"), wrapped(rep.FailureDetail))
	}
	return details
}

// cardWhere: the address and country, as the page and Cloudflare saw them.
func cardWhere(details *widget.Form, rep diagnose.Report) {
	// Short labels, the qualifier with the value: the form stays narrow.
	t := reportWords(rep)
	if rep.ClientIP != "" {
		seen := t("{{ip}}, as the site sees it", "ip", rep.ClientIP)
		if rep.Pasted {
			seen = t("{{ip}}, as the page shows it", "ip", rep.ClientIP)
		}
		details.Append(t("Your IP"), wrapped(seen))
	}
	if rep.TraceIP != "" && rep.TraceIP != rep.ClientIP {
		details.Append(t("Your IP now"), wrapped(t("{{ip}}, as Cloudflare's trace sees it — not the page's address: the page may be older, or another route (VPN, proxy, IPv6) was used", "ip", rep.TraceIP)))
	}
	if rep.Country != "" {
		details.Append(t("Your country"), wrapped(t("{{country}}, as Cloudflare sees it", "country", places.CountryIn(rep.Country, i18n.Tag(rep.Language)))))
	}
}

// wrapped is a detail's value: it wraps in a narrow window rather than
// set the window's width.
func wrapped(text string) *kit.Wrapped {
	return kit.NewWrapped(text)
}

// timeText is when it happened: for a pasted page the time the page shows
// (never the moment of pasting), or that it is unknown.
func timeText(rep diagnose.Report) string {
	t := reportWords(rep)
	at := rep.CheckedAt
	switch {
	case rep.Pasted && rep.PageTime.IsZero() && rep.PageTimeText != "":
		return t("{{time}}, as the page shows it (time zone not given)", "time", rep.PageTimeText)
	case rep.Pasted && rep.PageTime.IsZero():
		return t("unknown — the page does not show it")
	case rep.Pasted:
		at = rep.PageTime
	case at.IsZero():
		return t("unknown")
	}
	// The local time in the visitor's way, the UTC time as in the message.
	s := i18n.DateTime(i18n.Tag(rep.Language), at.Local()) + "  ·  " + at.UTC().Format(time.DateTime) + " UTC"
	if rep.Pasted {
		s += " " + t("(as the page shows it)")
	}
	return s
}

// reportWords translates the card's own words into the report's language.
func reportWords(rep diagnose.Report) func(string, ...any) string {
	return func(en string, args ...any) string { return i18n.T(i18n.Tag(rep.Language), en, args...) }
}

func routeText(rep diagnose.Report) string {
	t := reportWords(rep)
	var parts []string
	if len(rep.Local.VPNInterfaces) > 0 {
		parts = append(parts, t("VPN on ({{interfaces}})", "interfaces", strings.Join(rep.Local.VPNInterfaces, ", ")))
	}
	if rep.Local.WARP {
		parts = append(parts, t("Cloudflare WARP on"))
	}
	if rep.Local.Proxy != "" {
		parts = append(parts, t("proxy {{proxy}}", "proxy", rep.Local.Proxy))
	}
	if len(parts) == 0 {
		return t("None found on this computer")
	}
	return strings.Join(parts, ", ")
}
