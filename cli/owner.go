package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/siteplan"
)

// OwnerUsage describes `rayfix owner`.
const OwnerUsage = `Usage:
  rayfix owner zones [--json] [--demo]        list your sites on Cloudflare
  rayfix owner rules [--json] [--demo] ZONE   every rule that can block a visitor on ZONE (name or ID)
  rayfix owner allow ZONE VALUE [--via exception|skip|access-rule|list] [--rule ID]
                     [--list NAME] [--until YYYY-MM-DD] [--account] [--yes] [--json]
                                              let visitors through (an IP, network, AS123, country,
                                              /path, $list or "bots"); without --yes only the preview
  rayfix owner undo [--list] [ID] [--yes]     undo the last change (or change ID)
  rayfix owner backup ZONE FILE               save everything RayFix can read of ZONE as JSON
  rayfix owner export ZONE --terraform DIR    write ZONE's rules, IP Access rules, lists and settings
                                              as Terraform (Cloudflare provider v5) with import blocks
  rayfix owner lookup [ZONE] RAYID [--json]   find a visitor's Ray ID and explain it, with fixes
  rayfix owner simulate ZONE --ip IP --country CC --asn AS123 --ua UA --url URL [--json]
                                              would this visitor be blocked, and by which rule
  rayfix owner health ZONE [--json]           rules likely to catch real visitors, with fixes
  rayfix owner impact ZONE --expr EXPRESSION [--since 24h] [--json]
                                              what a condition would have caught in the site's
                                              recent traffic: requests, countries, networks, pages, bots
  rayfix owner events ZONE [--since 6h] [--json]
                                              who is being blocked, grouped by rule

The token comes from CLOUDFLARE_API_TOKEN, or from the keychain where the
RayFix window saved it ("It's my website" → Connect). --demo uses the
built-in demo site instead of your account.
`

// ownerCmd is one `rayfix owner` subcommand, given the connection.
type ownerCmd func(ctx context.Context, conn *cfapi.Connection, args []string, env Env) int

func withService(f func(context.Context, *cfapi.Service, []string, Env) int) ownerCmd {
	return func(ctx context.Context, conn *cfapi.Connection, args []string, env Env) int {
		return f(ctx, conn.Service(), args, env)
	}
}

var ownerCmds = map[string]ownerCmd{
	"allow": withService(runAllow), "undo": withService(runUndo), "backup": withService(runBackup), "export": withService(runExport),
	"simulate": withService(runSimulate), "health": withService(runHealth), "zones": withService(runZones),
	"rules": withService(runRules), "lookup": runLookup, "events": runEvents, "impact": withService(runImpact),
}

func runOwner(args []string, env Env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" {
		fmt.Fprint(env.Stdout, OwnerUsage)
		if len(args) == 0 {
			return ExitFailed
		}
		return ExitOK
	}
	cmd, known := ownerCmds[args[0]]
	if !known {
		fmt.Fprintf(env.Stderr, "rayfix: unknown owner command %q\n\n%s", args[0], OwnerUsage)
		return ExitFailed
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	conn, closeFn, err := ownerConnection(ctx, containsArg(args[1:], "--demo"), env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	defer closeFn()
	return cmd(ctx, conn, args[1:], env)
}

// failed reports an error in words on stderr; with --json, also as JSON
// on stdout with Cloudflare's technical answer.
func failed(env Env, asJSON bool, err error) int {
	if asJSON {
		printJSON(env.Stdout, map[string]any{"error": err.Error(), "detail": cfapi.ErrorDetail(err)})
	}
	fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
	return ExitFailed
}

// listFlags parses the flags of the listing commands: --json and --demo.
func listFlags(name string, args []string, env Env) (*flag.FlagSet, bool, bool) {
	fs := flag.NewFlagSet("owner "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	_ = fs.Bool("demo", false, "use the built-in demo site")
	err := fs.Parse(reorder(args))
	return fs, *asJSON, err == nil
}

// runZones is `rayfix owner zones [--json]`.
func runZones(ctx context.Context, svc *cfapi.Service, args []string, env Env) int {
	_, asJSON, ok := listFlags("zones", args, env)
	if !ok {
		return ExitFailed
	}
	zs, err := svc.Zones(ctx)
	if err != nil {
		return failed(env, asJSON, err)
	}
	if asJSON {
		return printJSON(env.Stdout, zs)
	}
	for _, z := range zs {
		fmt.Fprintf(env.Stdout, "%-32s %-8s %-12s %s\n", z.Name, z.Status, z.Plan.Name, z.ID)
	}
	if len(zs) == 0 {
		fmt.Fprintln(env.Stdout, "The token sees no sites. Check that it has Zone Read for your site.")
	}
	return ExitOK
}

// runRules is `rayfix owner rules ZONE [--json]`.
func runRules(ctx context.Context, svc *cfapi.Service, args []string, env Env) int {
	fs, asJSON, ok := listFlags("rules", args, env)
	if !ok {
		return ExitFailed
	}
	if fs.NArg() != 1 {
		fmt.Fprint(env.Stderr, "rayfix: owner rules needs one site name or ID, for example: rayfix owner rules example.com\n")
		return ExitFailed
	}
	z, err := svc.FindZone(ctx, fs.Arg(0))
	var zr *siteplan.ZoneRules
	if err == nil {
		zr, err = siteplan.LoadRules(ctx, svc, z, nil)
	}
	if err != nil {
		return failed(env, asJSON, err)
	}
	if asJSON {
		return printJSON(env.Stdout, zr)
	}
	printZoneRules(env.Stdout, zr)
	return ExitOK
}

// ownerConnection finds the token: the demo, CLOUDFLARE_API_TOKEN, or the keychain.
func ownerConnection(ctx context.Context, demo bool, env Env) (*cfapi.Connection, func(), error) {
	if demo {
		d, err := fakecf.StartDemo()
		if err != nil {
			return nil, nil, err
		}
		return cfapi.NewConnectionTo(d.Token(), d.URL), func() { _ = d.Close() }, nil
	}
	if tok := cfapi.TokenFromEnv(); tok != "" {
		if _, msg := cfapi.CleanToken(tok); msg != "" {
			return nil, nil, errors.New("CLOUDFLARE_API_TOKEN: " + msg)
		}
		return cfapi.NewConnection(tok), func() {}, nil
	}
	store := env.Store
	if store == nil {
		store = cfapi.NewTokenStore()
	}
	tok, err := store.Load(ctx)
	switch {
	case errors.Is(err, cfapi.ErrNoToken):
		return nil, nil, errors.New("not connected: open RayFix, choose \"It's my website\" and connect, or set CLOUDFLARE_API_TOKEN")
	case err != nil:
		return nil, nil, fmt.Errorf("%v; set CLOUDFLARE_API_TOKEN instead", err)
	}
	return cfapi.NewConnection(tok), func() {}, nil
}

func printJSON(w io.Writer, v any) int {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return ExitFailed
	}
	return ExitOK
}

func printZoneRules(w io.Writer, zr *siteplan.ZoneRules) {
	z := zr.Zone
	fmt.Fprintf(w, "%s\n", z.Name)
	for _, f := range zr.Facts() {
		fmt.Fprintf(w, "%s: %s\n", f.Label, f.Value)
	}
	for _, l := range zr.Limits {
		fmt.Fprintf(w, "%s\n", l)
	}
	stage := ""
	for _, r := range zr.Rules {
		if r.Stage != stage {
			stage = r.Stage
			fmt.Fprintf(w, "\n%s\n", stage)
		}
		state := ""
		if !r.Enabled {
			state = " [off]"
		}
		name := r.Description
		if name == "" {
			name = "(no description)"
		}
		fmt.Fprintf(w, "  • %s%s\n    %s\n    Visitor sees: %s\n", name, state, r.Summary, r.VisitorSees)
		if r.Note != "" {
			fmt.Fprintf(w, "    Note: %s\n", r.Note)
		}
	}
	if len(zr.Lists) > 0 {
		fmt.Fprintln(w, "\nLists")
		for _, l := range zr.Lists {
			var items []string
			for _, it := range l.Items {
				items = append(items, it.IP)
			}
			fmt.Fprintf(w, "  • %s (%d): %s\n", l.Name, len(l.Items), strings.Join(items, ", "))
		}
	}
	for _, m := range zr.Missing {
		fmt.Fprintf(w, "\nNot shown: %s\n", m)
	}
}

func containsArg(args []string, a string) bool {
	for _, x := range args {
		if x == a {
			return true
		}
	}
	return false
}
