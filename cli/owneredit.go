package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"regexp"
	"strings"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/impact"
	"rayfix/planner"
	"rayfix/siteplan"
	"rayfix/tfexport"
)

// guessKind decides what a typed value is: an IP or network, a network
// number (AS…), a country code, a path, a list ($name) or "bots".
func guessKind(v string) string {
	v = strings.TrimSpace(v)
	if _, err := netip.ParsePrefix(v); err == nil {
		return "ip"
	}
	if _, err := netip.ParseAddr(v); err == nil {
		return "ip"
	}
	switch {
	case regexp.MustCompile(`^(?i)AS\d+$`).MatchString(v):
		return "asn"
	case regexp.MustCompile(`^[A-Za-z]{2}$`).MatchString(v):
		return "country"
	case strings.HasPrefix(v, "/"):
		return "path"
	case strings.HasPrefix(v, "$"):
		return "list"
	case strings.EqualFold(v, "bots") || strings.EqualFold(v, "verified-bots"):
		return "verified_bots"
	}
	return "ip" // let the IP parser say what is wrong
}

func (e Env) journal() (*changes.Journal, error) {
	dir := e.JournalDir
	if dir == "" {
		dir = changes.DefaultJournalDir()
	}
	return changes.OpenJournal(dir)
}

// runAllow is `rayfix owner allow ZONE VALUE`: without --yes it prints the
// preview and changes nothing.
func runAllow(ctx context.Context, svc *cfapi.Service, args []string, env Env) int {
	fs := flag.NewFlagSet("owner allow", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	via := fs.String("via", "", "exception, skip, access-rule or list (default: RayFix chooses)")
	rule := fs.String("rule", "", "the ID of the rule that blocks them (for an exception)")
	list := fs.String("list", "", "the list to add to (with --via list)")
	until := fs.String("until", "", "a date (YYYY-MM-DD) after which RayFix offers to remove it")
	account := fs.Bool("account", false, "on every site of the account (IP Access rule)")
	yes := fs.Bool("yes", false, "apply without asking")
	asJSON := fs.Bool("json", false, "print the change as JSON")
	_ = fs.Bool("demo", false, "use the built-in demo site")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitFailed
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(env.Stderr, "rayfix: owner allow needs a site and who to let through, for example: rayfix owner allow example.com 203.0.113.7")
		return ExitFailed
	}
	who, err := siteplan.ParseWho(guessKind(fs.Arg(1)), fs.Arg(1))
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	o := planner.AllowOptions{Via: *via, RuleID: *rule, List: *list, AccountWide: *account, Note: "added with rayfix owner allow"}
	if *until != "" {
		t, err := time.Parse("2006-01-02", *until)
		if err != nil {
			fmt.Fprintf(env.Stderr, "rayfix: --until %q is not a date like 2026-12-31\n", *until)
			return ExitFailed
		}
		o.Until = t
	}
	site, err := siteplan.FindSite(ctx, svc, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	c, err := planner.Allow(site, who, o)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	return finish(ctx, svc, site, c, *yes, *asJSON, env)
}

// finish prints the preview — with what the change would have done to
// the last 24 hours of traffic when the site is known — and applies the
// change with --yes.
func finish(ctx context.Context, svc *cfapi.Service, site *siteplan.Site, c *changes.Change, yes, asJSON bool, env Env) int {
	if !yes {
		var rep *impact.Report
		var ierr error
		if site != nil {
			rep, ierr = changeImpact(ctx, svc, site, c)
		}
		if asJSON {
			return printJSON(env.Stdout, struct {
				*changes.Change
				Impact *impact.Report `json:"impact,omitempty"`
			}{c, rep})
		}
		fmt.Fprint(env.Stdout, c.Preview())
		switch {
		case rep != nil:
			fmt.Fprintln(env.Stdout, "\nWhom it would have affected:")
			printLines(env, rep)
		case ierr != nil:
			fmt.Fprintf(env.Stdout, "\nRayFix could not count whom it would have affected: %v\n", ierr)
		}
		fmt.Fprintln(env.Stdout, "\nNothing was changed. Run the same command with --yes to apply it.")
		return ExitOK
	}
	j, err := env.journal()
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	if err := changes.Apply(ctx, svc, j, c); err != nil {
		code := ExitFailed
		var ce *changes.ConflictError
		if errors.As(err, &ce) {
			code = ExitBlocked
		}
		if asJSON { // the change with each step's state and Cloudflare's technical answer
			printJSON(env.Stdout, map[string]any{"error": err.Error(), "detail": cfapi.ErrorDetail(err), "change": c})
		}
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return code
	}
	if asJSON {
		return printJSON(env.Stdout, c)
	}
	fmt.Fprintf(env.Stdout, "Done: %s\n%s\n", c.Title, c.Consequence)
	for _, o := range c.Outcome {
		fmt.Fprintln(env.Stdout, o)
	}
	fmt.Fprintf(env.Stdout, "Undo with: rayfix owner undo %s --yes\n", c.ID)
	return ExitOK
}

// runUndo is `rayfix owner undo [--list] [ID] [--yes]`.
func runUndo(ctx context.Context, svc *cfapi.Service, args []string, env Env) int {
	fs := flag.NewFlagSet("owner undo", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	list := fs.Bool("list", false, "list the changes RayFix made")
	yes := fs.Bool("yes", false, "apply without asking")
	asJSON := fs.Bool("json", false, "print JSON")
	_ = fs.Bool("demo", false, "use the built-in demo site")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitFailed
	}
	j, err := env.journal()
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	entries, err := j.Entries()
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	if *list || fs.NArg() == 0 && len(entries) == 0 {
		return printJournal(entries, *asJSON, env)
	}
	id := fs.Arg(0)
	if id == "" {
		id = lastInPlace(entries)
	}
	if id == "" {
		fmt.Fprintln(env.Stderr, "rayfix: there is no change left to undo")
		return ExitFailed
	}
	c, err := changes.Undo(ctx, svc, j, id)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	code := finish(ctx, svc, nil, c, *yes, *asJSON, env)
	if code == ExitOK && *yes {
		if orig, err := j.Get(id); err == nil {
			orig.Status = "undone"
			_ = j.Put(orig)
		}
	}
	return code
}

// printJournal lists every change RayFix made.
func printJournal(entries []changes.Change, asJSON bool, env Env) int {
	if asJSON {
		return printJSON(env.Stdout, entries)
	}
	if len(entries) == 0 {
		fmt.Fprintln(env.Stdout, "RayFix has made no changes yet.")
	}
	for _, e := range entries {
		fmt.Fprintf(env.Stdout, "%s  %-7s %s  %s\n", e.ID, e.Status, e.Created.Local().Format("2006-01-02 15:04"), e.Title)
	}
	return ExitOK
}

// lastInPlace is the newest change that may still be in place (applied,
// or its outcome unknown), not itself an undo.
func lastInPlace(entries []changes.Change) string {
	for _, e := range entries {
		if e.Undoable() && e.Undoes == "" {
			return e.ID
		}
	}
	return ""
}

// runExport is `rayfix owner export ZONE --terraform DIR`.
func runExport(ctx context.Context, svc *cfapi.Service, args []string, env Env) int {
	fs := flag.NewFlagSet("owner export", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("terraform", "", "the folder to write the Terraform files in")
	_ = fs.Bool("demo", false, "use the built-in demo site")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitFailed
	}
	if fs.NArg() != 1 || *dir == "" {
		fmt.Fprintln(env.Stderr, "rayfix: owner export needs a site and a folder, for example: rayfix owner export example.com --terraform ./cloudflare")
		return ExitFailed
	}
	site, err := siteplan.FindSite(ctx, svc, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	ex, err := tfexport.Site(site)
	if err == nil {
		err = ex.Write(*dir)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	fmt.Fprintln(env.Stdout, ex.Summary(site.Zone.Name, *dir))
	return ExitOK
}

// runBackup is `rayfix owner backup ZONE FILE`.
func runBackup(ctx context.Context, svc *cfapi.Service, args []string, env Env) int {
	var rest []string
	for _, a := range args {
		if a != "--demo" {
			rest = append(rest, a)
		}
	}
	if len(rest) != 2 {
		fmt.Fprintln(env.Stderr, "rayfix: owner backup needs a site and a file, for example: rayfix owner backup example.com rules.json")
		return ExitFailed
	}
	z, err := svc.FindZone(ctx, rest[0])
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	bk, err := planner.BackupSite(ctx, svc, z)
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	f, err := os.Create(rest[1])
	if err != nil {
		fmt.Fprintf(env.Stderr, "rayfix: %v\n", err)
		return ExitFailed
	}
	defer f.Close()
	if code := printJSON(f, bk); code != ExitOK {
		return code
	}
	n := 0
	for _, rs := range bk.Rulesets {
		if rs != nil {
			n += len(rs.Rules)
		}
	}
	fmt.Fprintf(env.Stdout, "Saved %d rules, %d IP Access rules and %d lists of %s to %s.\n", n, len(bk.AccessRules), len(bk.Lists), z.Name, rest[1])
	return ExitOK
}
