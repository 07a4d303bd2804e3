package cfapi

import (
	"context"

	"github.com/cloudflare/cloudflare-go/v7/option"
	"github.com/cloudflare/cloudflare-go/v7/request_tracers"
)

// TraceStep is one rule Cloudflare Trace says the request met.
type TraceStep struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Matched     bool   `json:"matched"`
	Action      string `json:"action"`
	Expression  string `json:"expression"`
}

type traceItem struct {
	StepName    string      `json:"step_name"`
	Type        string      `json:"type"`
	Matched     bool        `json:"matched"`
	Description string      `json:"description"`
	Action      string      `json:"action"`
	Expression  string      `json:"expression"`
	Trace       []traceItem `json:"trace"`
}

// Trace asks Cloudflare Trace how the zone's rules treat a request with
// this URL, user agent and country. It cannot set the client IP, so rules
// on ip.src and IP Access rules are left to the local simulation.
func (c *Connection) Trace(ctx context.Context, accountID, url, ua, country, continent string) ([]TraceStep, error) {
	body := map[string]any{"method": "GET", "url": url, "headers": map[string]any{"user-agent": ua}, "skip_response": true,
		"context": map[string]any{"skip_challenge": true, "geoloc": map[string]any{"iso_code": country, "continent": continent}}}
	var env envelope[struct {
		Trace []traceItem `json:"trace"`
	}]
	var p request_tracers.TraceNewParams
	p.AccountID.Value, p.AccountID.Present = accountID, true
	err := c.Service().call("Allow Request Tracer Read", "Cloudflare Trace", &env, func(o ...option.RequestOption) error {
		_, err := request_tracers.NewTraceService().New(ctx, p, append(c.Service().writeOptions(body), o...)...)
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []TraceStep
	var walk func([]traceItem)
	walk = func(items []traceItem) {
		for _, it := range items {
			if it.Type == "rule" {
				out = append(out, TraceStep{Name: it.StepName, Description: it.Description, Matched: it.Matched, Action: it.Action, Expression: it.Expression})
			}
			walk(it.Trace)
		}
	}
	walk(env.Result.Trace)
	return out, nil
}
