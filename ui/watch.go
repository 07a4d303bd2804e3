package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"rayfix/app"
	"rayfix/diagnose"
	"rayfix/internal/i18n"
	"rayfix/ui/kit"
)

// watcher re-checks one site on a timer while RayFix runs, and notifies
// when it goes from blocked to through or back.
type watcher struct {
	input  string
	every  time.Duration
	cancel context.CancelFunc
	last   diagnose.Report
}

func (v *visitorView) toggleWatch() {
	if v.watch != nil {
		v.stopWatch()
		return
	}
	if v.last == nil || v.last.Input == "" {
		return
	}
	v.startWatch(*v.last)
}

// rewatch starts the running watch again with the interval now set, so
// the "Watching … every N minutes" line and the timer follow a change.
func (v *visitorView) rewatch() {
	if v.watch == nil {
		return
	}
	last := v.watch.last
	v.stopWatch()
	v.startWatch(last)
}

func (v *visitorView) startWatch(last diagnose.Report) {
	every := v.sh.watchInterval()
	ctx, cancel := context.WithCancel(context.Background())
	w := &watcher{input: last.Input, every: every, cancel: cancel, last: last}
	v.watch = w
	v.watchBtn.SetText(v.sh.t("Stop watching"))
	v.watchBtn.SetIcon(theme.VisibilityOffIcon())
	v.watchMsg.SetText(v.sh.t("Watching {{site}}: RayFix checks it {{every}} while it is open and tells you when that changes.", "site", hostOf(w.input), "every", v.sh.every(every)))
	v.watchMsg.Show()
	timeout := v.sh.settings.Timeout()
	go kit.Guard("watching the site", func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			rep, err := v.sh.engine.Check(ctx, w.input, diagnose.Options{Timeout: timeout})
			if ctx.Err() != nil {
				return
			}
			kit.OnMain(func() {
				if v.watch == w && err == nil {
					v.watched(w, rep)
				}
			})
		}
	})
}

// watched handles one background re-check (on the UI goroutine).
func (v *visitorView) watched(w *watcher, rep diagnose.Report) {
	prev := w.last
	w.last = rep
	v.sh.history.Add(app.HistoryEntry{URL: rep.Input, Verdict: string(rep.Verdict), Headline: rep.Headline, RayID: rep.RayID, At: rep.CheckedAt})
	v.watchMsg.SetText(v.sh.t("Watching {{site}} {{every}}. Last check {{time}}: {{change}}",
		"site", hostOf(w.input), "every", v.sh.every(w.every), "time", i18n.Clock(v.sh.lang(), rep.CheckedAt.Local()), "change", diagnose.Compare(prev, rep)))
	if diagnose.Changed(prev, rep) {
		v.sh.app.SendNotification(fyne.NewNotification("RayFix: "+hostOf(w.input), diagnose.Compare(prev, rep)))
		if !v.job.Running() {
			v.change.SetText(diagnose.Compare(prev, rep))
			v.change.Show()
			v.display(rep)
		}
	}
}

func (v *visitorView) stopWatch() {
	if v.watch == nil {
		return
	}
	v.watch.cancel()
	v.watch = nil
	v.watchBtn.SetText(v.sh.t("Watch this site"))
	v.watchBtn.SetIcon(theme.VisibilityIcon())
	v.watchMsg.Hide()
}

// every says how often, in the window's language: "every 5 minutes".
func (sh *Shell) every(d time.Duration) string {
	switch {
	case d < time.Minute:
		return sh.t("every {{n}} seconds", "n", int(d.Seconds()))
	case d == time.Minute:
		return sh.t("every minute")
	}
	return sh.t("every {{n}} minutes", "n", int(d.Minutes()))
}
