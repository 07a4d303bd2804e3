package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rayfix/app"
	"rayfix/diagnose"
	"rayfix/diagnose/address"
	"rayfix/internal/i18n"
	"rayfix/ui/kit"
)

// visitorView is the "I can't get into a website" screen: one address
// field, a Check button, and the verdict card with what to do next.
type visitorView struct {
	sh       *Shell
	job      kit.Job
	url      *urlEntry
	check    *widget.Button
	cancel   *widget.Button
	status   *widget.Label
	spinner  *widget.Activity
	inputErr *kit.Wrapped
	// readAsPage reads an over-long paste as an error page; overlong is
	// that paste, whole, while the field shows its start.
	readAsPage    *widget.Button
	readAsPageRow *fyne.Container
	overlong      string
	change        *widget.Label // what changed since the last check of this site
	actions       *fyne.Container
	again         *widget.Button
	watchBtn      *widget.Button
	message       *widget.Button // hidden when the problem is on this computer
	watchMsg      *kit.Wrapped
	card          *fyne.Container
	scroll        *container.Scroll // the result area: back to its top for every new result
	content       fyne.CanvasObject

	last  *diagnose.Report // the report on screen
	kept  *diagnose.Report // what was on screen when the running check began
	watch *watcher

	// OnResult is called (on the UI goroutine) after every finished check.
	OnResult func(diagnose.Report)
}

// urlEntry is the address field: a drop-down of recent addresses, Enter
// checks (OnSubmitted), Escape cancels.
type urlEntry struct {
	widget.SelectEntry
	onEscape func()
}

func newURLEntry() *urlEntry {
	e := &urlEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrapOff
	e.Scroll = container.ScrollHorizontalOnly
	return e
}

// TypedKey handles Escape, which Entry ignores.
func (e *urlEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.SelectEntry.TypedKey(ev)
}

func newVisitorView(sh *Shell) *visitorView {
	v := &visitorView{sh: sh}
	v.url = newURLEntry()
	v.url.SetPlaceHolder(sh.t("Paste the address that says \"Access denied\", e.g. shop.example.com/login"))
	v.url.OnSubmitted = func(string) { v.runCheck() }
	v.url.onEscape = v.stop
	v.refreshRecent()
	v.check = widget.NewButtonWithIcon(sh.t("Check"), theme.SearchIcon(), v.runCheck)
	v.check.Importance = widget.HighImportance
	v.cancel = widget.NewButtonWithIcon(sh.t("Cancel"), theme.CancelIcon(), v.stop)
	v.cancel.Hide()
	v.spinner = widget.NewActivity()
	v.spinner.Hide()
	v.status = widget.NewLabel("")
	v.inputErr = kit.NewWrapped("")
	v.inputErr.Importance = widget.DangerImportance
	v.inputErr.Hide()
	v.readAsPage = widget.NewButtonWithIcon(sh.t("Read it as an error page instead"), theme.SearchIcon(), nil)
	v.readAsPageRow = container.NewHBox(v.readAsPage)
	v.readAsPageRow.Hide()
	v.change = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.change.Hide()
	v.watchMsg = kit.NewWrapped("")
	v.watchMsg.Hide()

	v.again = widget.NewButtonWithIcon(sh.t("Check again"), theme.ViewRefreshIcon(), v.checkAgain)
	v.message = widget.NewButtonWithIcon(sh.t("Message the owner…"), theme.MailComposeIcon(), func() {
		if v.last != nil {
			showMessageDialog(v.sh, *v.last)
		}
	})
	copyRep := widget.NewButtonWithIcon(sh.t("Copy report"), theme.ContentCopyIcon(), v.copyReport)
	save := widget.NewButtonWithIcon(sh.t("Save…"), theme.DocumentSaveIcon(), func() {
		if v.last != nil {
			saveReportDialog(v.sh, *v.last)
		}
	})
	v.watchBtn = widget.NewButtonWithIcon(sh.t("Watch this site"), theme.VisibilityIcon(), v.toggleWatch)
	v.actions = kit.NewFlow(v.again, v.message, copyRep, save, v.watchBtn)
	v.actions.Hide()
	v.card = container.NewVBox(v.welcome())

	back := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), sh.ShowStart)
	title := widget.NewLabelWithStyle(sh.t("Why can't I get into this website?"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(v.check, v.cancel), v.url)
	progress := container.NewHBox(v.spinner, v.status)
	paste := widget.NewButtonWithIcon(sh.t("My browser shows an error, but the check doesn't…"), theme.ContentPasteIcon(), func() { showPasteDialog(v.sh, v.showPageReport) })
	paste.Importance = widget.LowImportance
	// The verdict comes first; what to do with it stays in reach at the bottom.
	v.content = container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, back, nil, title), bar, v.inputErr, v.readAsPageRow, progress),
		container.NewVBox(widget.NewSeparator(), v.actions, paste), nil, nil,
		v.scrollArea())
	return v
}

func (v *visitorView) scrollArea() fyne.CanvasObject {
	v.scroll = container.NewVScroll(container.NewVBox(v.change, v.watchMsg, v.card))
	return v.scroll
}

// welcome is shown before the first check: what RayFix does, and the recent checks.
func (v *visitorView) welcome() fyne.CanvasObject {
	l := kit.NewWrapped(v.sh.t("RayFix opens the website the way your browser does, reads the error page, and asks Cloudflare what it sees of you. " +
		"Then it tells you in plain words what blocked you and what you can do about it."))
	box := container.NewVBox(l)
	entries := v.sh.history.Entries()
	if len(entries) > 0 {
		box.Add(widget.NewLabelWithStyle(v.sh.t("Recent checks"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for i, e := range entries {
			if i == 8 {
				break
			}
			e := e
			b := widget.NewButtonWithIcon(v.historyLine(e), verdictIcon(diagnose.Verdict(e.Verdict)), func() {
				v.url.SetText(e.URL)
				v.runCheck()
			})
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			box.Add(b)
		}
	}
	return box
}

func (v *visitorView) historyLine(e app.HistoryEntry) string {
	when := i18n.ShortDateTime(v.sh.lang(), e.At.Local())
	return fmt.Sprintf("%s — %s  (%s)", shorten(e.URL, 40), v.shortVerdict(diagnose.Verdict(e.Verdict)), when)
}

// shorten cuts text a user typed or a site returned to n characters with
// "…": nothing of theirs may set the window's width.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (v *visitorView) shortVerdict(vd diagnose.Verdict) string {
	return v.sh.t(vd.Words())
}

// offerPageReading deals with text far too long for an address: the field
// cannot draw it (it turned into a black bar), so it shows the start with
// "…", keeps the whole text, and offers to read it as an error page —
// what such a paste usually is.
func (v *visitorView) offerPageReading(input string) {
	if len([]rune(input)) <= address.MaxInputLength {
		v.readAsPageRow.Hide()
		return
	}
	v.overlong = input
	v.url.SetText(shorten(input, 120))
	v.readAsPage.OnTapped = func() {
		text := v.overlong
		v.inputErr.Hide()
		v.readAsPageRow.Hide()
		v.showPageReport(diagnose.ReportFromPage([]byte(text), v.sh.now()))
	}
	v.readAsPageRow.Show()
}

// refreshRecent fills the address list. Very long addresses stay out of
// it (its menu is as wide as its longest entry); they are under "Recent
// checks", shortened.
func (v *visitorView) refreshRecent() {
	var opts []string
	for _, u := range v.sh.history.RecentURLs(10) {
		if len([]rune(u)) <= 100 {
			opts = append(opts, u)
		}
	}
	v.url.SetOptions(opts)
}

// runCheck validates the address where it was typed, then checks it in the background.
func (v *visitorView) runCheck() {
	input := strings.TrimSpace(v.url.Text)
	if v.overlong != "" && strings.HasSuffix(input, "…") && strings.HasPrefix(v.overlong, strings.TrimSuffix(input, "…")) {
		input = v.overlong // the field shows it shortened
	}
	if _, err := address.NormalizeURL(input); err != nil {
		v.inputErr.SetText(address.Localized(err, v.sh.lang()))
		v.inputErr.Show()
		v.offerPageReading(input)
		return
	}
	v.inputErr.Hide()
	v.readAsPageRow.Hide()
	prev := v.last
	if prev != nil && !sameSite(prev.Input, input) {
		prev = nil
	}
	v.kept = v.last
	if prev == nil {
		// Another site: its old card must not sit under the progress line.
		v.card.Objects = nil
		v.card.Refresh()
		v.change.Hide()
		v.actions.Hide()
	} else {
		v.change.SetText(v.sh.t("Checking {{site}} again… (the card below is the previous result)", "site", shorten(hostOf(input), 60)))
		v.change.Show()
	}
	v.setBusy(true, v.stageWords(diagnose.StageLookup))
	timeout, lang := v.sh.settings.Timeout(), v.sh.lang()
	v.job.Start(func(ctx context.Context, progress func(string)) (diagnose.Report, error) {
		return v.sh.engine.Check(ctx, input, diagnose.Options{Timeout: timeout, Lang: lang, Progress: func(s diagnose.Stage) { progress(string(s)) }})
	}, func(stage string) {
		if stage != string(diagnose.StageDone) {
			v.status.SetText(v.stageWords(diagnose.Stage(stage)))
		}
	}, func(rep diagnose.Report, err error) { v.showResult(rep, err, prev) })
}

// stageWords is a check's progress in the window's language.
func (v *visitorView) stageWords(s diagnose.Stage) string {
	switch s {
	case diagnose.StageLookup:
		return v.sh.t("Looking up the site…")
	case diagnose.StageFetch:
		return v.sh.t("Asking the site…")
	case diagnose.StageTrace:
		return v.sh.t("Asking Cloudflare what it sees of you…")
	}
	return string(s)
}

func sameSite(a, b string) bool {
	ua, err1 := address.NormalizeURL(a)
	ub, err2 := address.NormalizeURL(b)
	return err1 == nil && err2 == nil && ua.String() == ub.String()
}

func (v *visitorView) checkAgain() {
	if v.last != nil && v.last.Input != "" {
		v.url.SetText(v.last.Input)
	}
	v.runCheck()
}

func (v *visitorView) stop() { v.job.Stop() }

func (v *visitorView) setBusy(busy bool, text string) {
	v.status.SetText(text)
	if busy {
		v.check.Disable()
		v.again.Disable()
		v.cancel.Show()
		v.spinner.Show()
		v.spinner.Start()
	} else {
		v.check.Enable()
		v.again.Enable()
		v.cancel.Hide()
		v.spinner.Stop()
		v.spinner.Hide()
	}
}

func (v *visitorView) showResult(rep diagnose.Report, err error, prev *diagnose.Report) {
	v.setBusy(false, "")
	if err != nil {
		v.inputErr.SetText(address.Localized(err, v.sh.lang()))
		v.inputErr.Show()
		return
	}
	if rep.FailureKind == "cancelled" {
		v.showCancelled(rep)
		return
	}
	if lang := v.sh.lang(); rep.Language != string(lang) {
		diagnose.Localize(&rep, lang) // an engine that did not word it in the window's language
	}
	v.status.SetText(v.sh.t("Checked {{site}} in {{seconds}} s", "site", shorten(hostOf(rep.URL), 60), "seconds", i18n.Decimal(v.sh.lang(), float64(rep.ElapsedMS)/1000, 1)))
	if prev != nil {
		v.change.SetText(diagnose.Compare(*prev, rep))
		v.change.Show()
	} else {
		v.change.Hide()
	}
	v.display(rep)
	v.sh.history.Add(app.HistoryEntry{URL: rep.Input, Verdict: string(rep.Verdict), Headline: rep.Headline, RayID: rep.RayID, At: rep.CheckedAt})
	v.refreshRecent()
	if v.OnResult != nil {
		v.OnResult(rep)
	}
}

// showCancelled keeps the result that was on screen, marked as the
// previous one — or, when there was none, says the check was cancelled —
// and offers nothing for the cancelled check.
func (v *visitorView) showCancelled(rep diagnose.Report) {
	v.status.SetText(v.sh.t("Check cancelled."))
	if v.kept != nil {
		v.change.SetText(v.sh.t("Check cancelled — below is the previous result, from {{time}}.", "time", i18n.Clock(v.sh.lang(), v.kept.CheckedAt.Local())))
		v.change.Show()
		v.display(*v.kept)
	} else {
		v.change.Hide()
		v.card.Objects = []fyne.CanvasObject{v.welcome()}
		v.card.Refresh()
		v.actions.Hide()
		v.last = nil
	}
	if v.OnResult != nil {
		v.OnResult(rep)
	}
}

// showPageReport shows the verdict for a pasted or saved page.
func (v *visitorView) showPageReport(rep diagnose.Report) {
	diagnose.Localize(&rep, v.sh.lang())
	v.change.SetText(v.sh.t("From the page you gave RayFix (not a live check)."))
	v.change.Show()
	v.status.SetText("")
	v.display(rep)
	if v.OnResult != nil {
		v.OnResult(rep)
	}
}

func (v *visitorView) display(rep diagnose.Report) {
	r := rep
	v.last = &r
	v.card.Objects = []fyne.CanvasObject{verdictCard(rep, cardCallbacks{copyRayID: v.sh.copyText})}
	v.card.Refresh()
	// The outcome is written above the card: a new result starts at the top,
	// where "Still blocked" and the headline are.
	v.scroll.ScrollToTop()
	v.actions.Show()
	if rep.OwnerCanHelp() {
		v.message.Show()
	} else {
		v.message.Hide()
	}
	if rep.Input == "" {
		v.again.Disable()
		v.watchBtn.Disable()
	} else {
		v.again.Enable()
		v.watchBtn.Enable()
	}
}

func (v *visitorView) copyReport() {
	if v.last == nil {
		return
	}
	v.sh.copyText(v.last.Text())
	v.status.SetText(v.sh.t("The full report is on the clipboard."))
}

// hostOf is the site's name as a person writes it (international names
// as typed, not xn--).
func hostOf(u string) string {
	if p, err := address.NormalizeURL(u); err == nil {
		return address.HostName(p.Host)
	}
	return u
}
