package ui

import (
	"context"

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
	base.Progress, base.Lang = o.Progress, o.Lang
	return diagnose.Check(ctx, input, base)
}

// EngineFunc turns a function into an Engine (scripted engines in tests).
type EngineFunc func(ctx context.Context, input string, o diagnose.Options) (diagnose.Report, error)

// Check calls f.
func (f EngineFunc) Check(ctx context.Context, input string, o diagnose.Options) (diagnose.Report, error) {
	return f(ctx, input, o)
}
