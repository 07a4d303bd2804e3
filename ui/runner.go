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

// task runs one background job at a time with a cancellable context. Its
// callbacks are delivered on the UI goroutine through fyne.Do; this is the
// single place background results reach widgets.
type task struct {
	// ui serialises the callbacks. Fyne's own driver already runs fyne.Do
	// functions one at a time on the main goroutine; the headless test driver
	// runs them on the caller's goroutine, so the lock keeps tests honest too.
	ui     sync.Mutex
	mu     sync.Mutex
	cancel context.CancelFunc
	gen    int
}

// start cancels any running job and starts work. progress and done are
// called on the UI goroutine; results of a superseded job are dropped.
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
	go func() {
		rep, err := work(ctx, func(s string) {
			fyne.Do(func() {
				t.ui.Lock()
				defer t.ui.Unlock()
				if current() {
					progress(s)
				}
			})
		})
		fyne.Do(func() {
			t.ui.Lock()
			defer t.ui.Unlock()
			if current() {
				t.mu.Lock()
				t.cancel = nil
				t.mu.Unlock()
				done(rep, err)
			}
		})
	}()
}

// stop cancels the running job, if any.
func (t *task) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancel != nil {
		t.cancel()
	}
}
