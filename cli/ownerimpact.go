package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"rayfix/app/ruleslang"
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/impact"
	"rayfix/siteplan"
)

// runImpact is `rayfix owner impact ZONE --expr EXPRESSION [--since 24h]
// [--json]`: what a condition would have caught in the recent traffic.
func runImpact(ctx context.Context, svc *cfapi.Service, args []string, env Env) int {
	fs := flag.NewFlagSet("owner impact", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	expr := fs.String("expr", "", "a rule's condition in Cloudflare's Rules language")
	sinceText := fs.String("since", "24h", "how far back to look, like 24h or 90m (the plan may allow less)")
	asJSON := fs.Bool("json", false, "print JSON")
	_ = fs.Bool("demo", false, "use the built-in demo site")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitFailed
	}
	if fs.NArg() != 1 || *expr == "" {
		fmt.Fprintln(env.Stderr, `rayfix: owner impact needs a site and a condition, for example: rayfix owner impact example.com --expr 'ip.src.country eq "RU"'`)
		return ExitFailed
	}
	if e := ruleslang.Parse(*expr); e.Err != nil {
		return failed(env, *asJSON, fmt.Errorf("the condition cannot be read: %v", e.Err))
	}
	since, err := time.ParseDuration(*sinceText)
	if err != nil || since <= 0 {
		return failed(env, *asJSON, fmt.Errorf("--since %q is not a length of time like 24h or 90m", *sinceText))
	}
	z, err := svc.FindZone(ctx, fs.Arg(0))
	if err != nil {
		return failed(env, *asJSON, err)
	}
	// The site's rules (for its lists) and the traffic are read at once.
	var tr *impact.Traffic
	var terr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		tr, terr = impact.Load(ctx, svc.Connection(), z.ID, since, time.Now(), impact.Needs(*expr))
	}()
	site, err := siteplan.LoadSite(ctx, svc, z)
	<-done
	if err == nil {
		err = terr
	}
	if err != nil {
		return failed(env, *asJSON, err)
	}
	rep, err := impact.Expression(site, *expr, tr)
	if err != nil {
		return failed(env, *asJSON, err)
	}
	if *asJSON {
		return printJSON(env.Stdout, struct {
			*impact.Report
			Words []impact.Line `json:"words"`
		}{rep, rep.Lines()})
	}
	fmt.Fprintf(env.Stdout, "%s — %s\n", site.Zone.Name, *expr)
	printLines(env, rep)
	return ExitOK
}

func printLines(env Env, rep *impact.Report) {
	for _, l := range rep.Lines() {
		mark := "  "
		if l.Warn {
			mark = "! "
		}
		fmt.Fprintln(env.Stdout, mark+l.Text)
	}
}

// changeImpact is what a change would have done to the last 24 hours of
// traffic, for a preview; the error says why it could not be counted (the
// preview goes on without it).
func changeImpact(ctx context.Context, svc *cfapi.Service, site *siteplan.Site, c *changes.Change) (*impact.Report, error) {
	return impact.Preview(ctx, svc.Connection(), site, c, time.Now(), "")
}
