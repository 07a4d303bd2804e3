package ui

import (
	"context"
	"sync"

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

// task runs one cancellable job at a time; starting a new one cancels the
// old, and results of a superseded job are dropped.
type task struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	gen    int
}

// start cancels any running job and starts work. progress and done are
// called on the UI goroutine.
func (t *task) start(work func(ctx context.Context, progress func(string)) (diagnose.Report, error),
	progress func(string), done func(diagnose.Report, error)) {
	t.mu.Lock()
	if t.cancel != nil {
		t.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	t.gen++
	gen := t.gen
	t.mu.Unlock()

	current := func() bool { t.mu.Lock(); defer t.mu.Unlock(); return gen == t.gen }
	go guard("checking the site", func() {
		rep, err := work(ctx, func(s string) {
			onMain(func() {
				if current() {
					progress(s)
				}
			})
		})
		onMain(func() {
			if !current() {
				return
			}
			t.mu.Lock()
			t.cancel = nil
			t.mu.Unlock()
			done(rep, err)
		})
	})
}

// running reports whether a job is in progress.
func (t *task) running() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.cancel != nil
}

// stop cancels the running job, if any.
func (t *task) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancel != nil {
		t.cancel()
	}
}
