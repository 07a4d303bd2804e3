package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"rayfix/advice"
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/events"
	"rayfix/impact"
	"rayfix/siteplan"
)

// runLookup is `rayfix owner lookup [ZONE] RAYID|REPORT [--json]`.
func runLookup(ctx context.Context, conn *cfapi.Connection, args []string, env Env) int {
	fs := flag.NewFlagSet("owner lookup", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	_ = fs.Bool("demo", false, "use the built-in demo site")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitFailed
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "rayfix: owner lookup needs a Ray ID, for example: rayfix owner lookup example.com 8e2f0a1b2c3d4e5f")
		return ExitFailed
	}
	svc := conn.Service()
	var zones []cfapi.Zone
	text := strings.Join(fs.Args(), " ")
	if fs.NArg() >= 2 && !strings.ContainsAny(fs.Arg(0), " \n") {
		if z, err := svc.FindZone(ctx, fs.Arg(0)); err == nil {
			zones, text = []cfapi.Zone{z}, strings.Join(fs.Args()[1:], " ")
		}
	}
	q, err := advice.ParseRayQuery(text)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	l, _, err := advice.ExplainRay(ctx, conn, zones, nil, q, time.Now(), nil)
	if err != nil {
		return failed(env, *asJSON, err)
	}
	if *asJSON {
		return printJSON(env.Stdout, l)
	}
	return printLookup(l, q, env)
}

// printLookup prints what a look-up found, and the fixes it offers.
func printLookup(l *advice.Lookup, q advice.RayQuery, env Env) int {
	switch {
	case !l.Found && l.Explanation != "":
		fmt.Fprintf(env.Stdout, "Ray ID %s is not in Security Events, but error %d explains it:\n%s\n", q.RayID, q.Code, l.Explanation)
	case !l.Found:
		fmt.Fprintf(env.Stdout, "Ray ID %s was not found in Security Events (%s). Possible reasons:\n", q.RayID, l.Window)
		for _, w := range l.WhyMissing {
			fmt.Fprintf(env.Stdout, "- %s\n", w)
		}
		return ExitBlocked
	default:
		fmt.Fprintf(env.Stdout, "%s\n", l.Explanation)
		if l.Offline {
			fmt.Fprintln(env.Stdout, l.WhyMissing[0])
		}
		if len(l.Fixes) > 0 {
			fmt.Fprintln(env.Stdout, "\nFixes (open the site in RayFix to preview and apply one, or use rayfix owner allow):")
		}
	}
	for i, f := range l.Fixes {
		fmt.Fprintf(env.Stdout, "%d. %s\n", i+1, f.Label)
	}
	return ExitOK
}

// runSimulate is `rayfix owner simulate ZONE --ip … --country … --asn … --ua … --url …`.
func runSimulate(ctx context.Context, svc *cfapi.Service, args []string, env Env) int {
	fs := flag.NewFlagSet("owner simulate", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	ip := fs.String("ip", "", "the visitor's IP address")
	country := fs.String("country", "", "the visitor's country code, like DE")
	asn := fs.String("asn", "", "the visitor's network, like AS3320")
	ua := fs.String("ua", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36", "the visitor's user agent")
	u := fs.String("url", "", "the page, like example.com/login")
	asJSON := fs.Bool("json", false, "print JSON")
	_ = fs.Bool("demo", false, "use the built-in demo site")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitFailed
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "rayfix: owner simulate needs a site, for example: rayfix owner simulate example.com --ip 203.0.113.7 --country DE --url example.com/login")
		return ExitFailed
	}
	req, err := siteplan.RequestFrom(*ip, *country, *asn, *ua, *u)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	site, err := siteplan.FindSite(ctx, svc, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	if req.Host == "" {
		req.Host, req.Path = site.Zone.Name, "/"
	}
	sim := siteplan.Simulate(site, req)
	if *asJSON {
		return printJSON(env.Stdout, sim)
	}
	fmt.Fprintf(env.Stdout, "This visitor would see: %s\n", sim.Verdict)
	if sim.DecidedBy != "" {
		fmt.Fprintf(env.Stdout, "Decided by: %s\n", sim.DecidedBy)
	}
	fmt.Fprintln(env.Stdout, "\nStep by step, in Cloudflare's order:")
	for _, s := range sim.Steps {
		mark := " "
		if s.Decides {
			mark = "→"
		}
		fmt.Fprintf(env.Stdout, "%s %s — %s: %s\n", mark, s.Rule, s.Result, s.Why)
	}
	for _, u := range sim.Unevaluated {
		fmt.Fprintf(env.Stdout, "Not simulated: %s\n", u)
	}
	return ExitOK
}

// runHealth is `rayfix owner health ZONE [--json]`.
func runHealth(ctx context.Context, svc *cfapi.Service, args []string, env Env) int {
	fs := flag.NewFlagSet("owner health", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	_ = fs.Bool("demo", false, "use the built-in demo site")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitFailed
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "rayfix: owner health needs a site, for example: rayfix owner health example.com")
		return ExitFailed
	}
	site, err := siteplan.FindSite(ctx, svc, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	z := site.Zone
	var expired []changes.Change
	if j, jerr := env.journal(); jerr == nil {
		expired = j.Expired(time.Now())
	}
	findings := advice.Health(site, expired)
	tr, terr := impact.Recent(ctx, svc.Connection(), z.ID, time.Now(), impact.Needs(advice.RuleExpressions(site)...))
	if terr == nil {
		findings = append(findings, advice.IdleRules(site, tr)...)
	}
	if *asJSON {
		return printJSON(env.Stdout, findings)
	}
	if terr != nil {
		fmt.Fprintf(env.Stdout, "RayFix could not read the site's recent traffic, so it cannot say which rules matched nothing: %v\n", terr)
	}
	if len(findings) == 0 {
		fmt.Fprintf(env.Stdout, "%s: nothing looks likely to stop real visitors.\n", z.Name)
		return ExitOK
	}
	fmt.Fprintf(env.Stdout, "%s: %d %s may stop real visitors.\n", z.Name, len(findings), map[bool]string{true: "thing", false: "things"}[len(findings) == 1])
	for _, f := range findings {
		fmt.Fprintf(env.Stdout, "\n[%s] %s\n  %s\n", f.Severity, f.Rule, f.Reason)
		if f.FixLabel != "" {
			fmt.Fprintf(env.Stdout, "  Fix: %s (in RayFix's window, with a preview and Undo)\n", f.FixLabel)
		}
	}
	return ExitBlocked
}

// runEvents is `rayfix owner events ZONE [--since 24h] [--json]`.
func runEvents(ctx context.Context, conn *cfapi.Connection, args []string, env Env) int {
	fs := flag.NewFlagSet("owner events", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	since := fs.Duration("since", 0, "how far back (default: as far as the plan keeps), like 6h")
	asJSON := fs.Bool("json", false, "print JSON")
	_ = fs.Bool("demo", false, "use the built-in demo site")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitFailed
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "rayfix: owner events needs a site, for example: rayfix owner events example.com --since 6h")
		return ExitFailed
	}
	z, err := conn.Service().FindZone(ctx, fs.Arg(0))
	var groups []events.BlockGroup
	if err == nil {
		groups, err = events.RecentBlocks(ctx, conn, z, *since, time.Now())
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	if *asJSON {
		return printJSON(env.Stdout, groups)
	}
	if len(groups) == 0 {
		fmt.Fprintf(env.Stdout, "%s: nobody was blocked or challenged in that time.\n", z.Name)
		return ExitOK
	}
	fmt.Fprintf(env.Stdout, "Who is being blocked on %s:\n", z.Name)
	for _, g := range groups {
		fmt.Fprintf(env.Stdout, "\n%s — %s (%s) from %s; top country %s, top network AS%s, top page %s\n",
			advice.GroupName(nil, g), times(g.Count), cfapi.ActionName(g.Action), addresses(g.IPs), top(g.Countries), top(g.ASNs), top(g.Paths))
		for _, l := range g.LooksHuman {
			fmt.Fprintf(env.Stdout, "  Looks legitimate: %s\n", l)
		}
		fmt.Fprintf(env.Stdout, "  Latest Ray ID: %s (rayfix owner lookup %s %s)\n", g.LastRayID, z.Name, g.LastRayID)
	}
	return ExitOK
}

func top(m map[string]int) string {
	best, n := "", -1
	for k, v := range m {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func addresses(n int) string {
	if n == 1 {
		return "1 address"
	}
	return fmt.Sprintf("%d addresses", n)
}
