package kit

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"rayfix/diagnose"
)

// UIMu serialises every callback that Background work delivers. Fyne's own
// driver already runs fyne.Do functions one at a time on the main
// goroutine; the headless test driver runs them on the caller's goroutine,
// so the lock keeps the tests' view of widgets race-free too.
var UIMu sync.Mutex

// OnMain is the one place Background results reach widgets.
func OnMain(f func()) {
	fyne.Do(func() {
		UIMu.Lock()
		defer UIMu.Unlock()
		f()
	})
}

// Background runs work off the UI goroutine (disk, network, keychain) and
// then calls then on it.
func Background(work func(), then func()) {
	go Guard("working in the background", func() {
		work()
		OnMain(then)
	})
}

// Job runs one cancellable piece of background work at a time: starting
// another cancels the one before, and only the newest job's results reach
// the screen. Visitor checks and owner tasks both go through it.
type Job struct {
	mu      sync.Mutex
	cancel  context.CancelFunc
	gen     int
	working sync.WaitGroup // work started and not yet returned
}

// Wait blocks until all work started so far has returned, cancelled or
// not: a window closing, or a test ending, waits for writes in flight
// (a change being journaled) instead of pulling their folder away. Never
// call it on the UI goroutine: the work hands its result back there.
func (j *Job) Wait() { j.working.Wait() }

// begin cancels the running job and returns a context for the next one
// and a test of whether it is still the newest.
func (j *Job) begin(timeout time.Duration) (context.Context, func() bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.cancel != nil {
		j.cancel()
	}
	ctx, cancel := context.Background(), context.CancelFunc(nil)
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	j.cancel = cancel
	j.gen++
	gen := j.gen
	return ctx, func() bool { j.mu.Lock(); defer j.mu.Unlock(); return gen == j.gen }
}

// finish marks the job done if it is still the newest.
func (j *Job) finish(current func() bool) bool {
	if !current() {
		return false
	}
	j.mu.Lock()
	j.cancel = nil
	j.mu.Unlock()
	return true
}

// run does work off the UI goroutine within timeout, then calls then on
// it unless the job was cancelled (Cancel, Disconnect: whoever cancelled
// owns the screen) or superseded meanwhile.
func (j *Job) Run(timeout time.Duration, work func(ctx context.Context), then func()) {
	ctx, current := j.begin(timeout)
	j.working.Add(1)
	go Guard("working in the background", func() {
		defer j.working.Done()
		work(ctx)
		OnMain(func() {
			if j.finish(current) && ctx.Err() != context.Canceled {
				then()
			}
		})
	})
}

// start runs a visitor check: progress and done are called on the UI
// goroutine, and only for the newest check.
func (j *Job) Start(work func(ctx context.Context, progress func(string)) (diagnose.Report, error),
	progress func(string), done func(diagnose.Report, error)) {
	ctx, current := j.begin(0)
	j.working.Add(1)
	go Guard("checking the site", func() {
		defer j.working.Done()
		rep, err := work(ctx, func(s string) {
			OnMain(func() {
				if current() {
					progress(s)
				}
			})
		})
		OnMain(func() {
			if j.finish(current) {
				done(rep, err)
			}
		})
	})
}

// running reports whether a job is in progress.
func (j *Job) Running() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.cancel != nil
}

// stop cancels the running job, if any.
func (j *Job) Stop() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.cancel != nil {
		j.cancel()
	}
}
