package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"rayfix/diagnose"
)

// Engine is how screens reach the visitor engine; tests can swap in a
// scripted one or point the real one at loopback servers.
type Engine interface {
	Check(ctx context.Context, input string, o diagnose.Options) (diagnose.Report, error)
}

// RealEngine is the diagnose package itself.
type RealEngine struct{ Opts diagnose.Options }

// Check runs diagnose.Check with the engine's base options.
func (e RealEngine) Check(ctx context.Context, input string, o diagnose.Options) (diagnose.Report, error) {
	base := e.Opts
	if o.Timeout > 0 {
		base.Timeout = o.Timeout
	}
	base.Progress = o.Progress
	return diagnose.Check(ctx, input, base)
}

// EngineFunc turns a function into an Engine (scripted engines in tests).
type EngineFunc func(ctx context.Context, input string, o diagnose.Options) (diagnose.Report, error)

// Check calls f.
func (f EngineFunc) Check(ctx context.Context, input string, o diagnose.Options) (diagnose.Report, error) {
	return f(ctx, input, o)
}

// uiMu serialises every callback that background work delivers. Fyne's own
// driver already runs fyne.Do functions one at a time on the main
// goroutine; the headless test driver runs them on the caller's goroutine,
// so the lock keeps the tests' view of widgets race-free too.
var uiMu sync.Mutex

// onMain is the one place background results reach widgets.
func onMain(f func()) {
	fyne.Do(func() {
		uiMu.Lock()
		defer uiMu.Unlock()
		f()
	})
}

// background runs work off the UI goroutine (disk, network, keychain) and
// then calls then on it.
func background(work func(), then func()) {
	go guard("working in the background", func() {
		work()
		onMain(then)
	})
}

// job runs one cancellable piece of background work at a time: starting
// another cancels the one before, and only the newest job's results reach
// the screen. Visitor checks and owner tasks both go through it.
type job struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	gen    int
}

// begin cancels the running job and returns a context for the next one
// and a test of whether it is still the newest.
func (j *job) begin(timeout time.Duration) (context.Context, func() bool) {
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
func (j *job) finish(current func() bool) bool {
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
func (j *job) run(timeout time.Duration, work func(ctx context.Context), then func()) {
	ctx, current := j.begin(timeout)
	go guard("working in the background", func() {
		work(ctx)
		onMain(func() {
			if j.finish(current) && ctx.Err() != context.Canceled {
				then()
			}
		})
	})
}

// start runs a visitor check: progress and done are called on the UI
// goroutine, and only for the newest check.
func (j *job) start(work func(ctx context.Context, progress func(string)) (diagnose.Report, error),
	progress func(string), done func(diagnose.Report, error)) {
	ctx, current := j.begin(0)
	go guard("checking the site", func() {
		rep, err := work(ctx, func(s string) {
			onMain(func() {
				if current() {
					progress(s)
				}
			})
		})
		onMain(func() {
			if j.finish(current) {
				done(rep, err)
			}
		})
	})
}

// running reports whether a job is in progress.
func (j *job) running() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.cancel != nil
}

// stop cancels the running job, if any.
func (j *job) stop() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.cancel != nil {
		j.cancel()
	}
}
