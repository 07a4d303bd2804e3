// Package cli is RayFix's command line: the same engine as the window, for
// a terminal (`rayfix check …`). It prints readable sentences by default
// and JSON with --json.
package cli

import (
	"bytes"
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

	"rayfix/app"
	"rayfix/cfapi"
	"rayfix/diagnose"
	"rayfix/diagnose/address"
	"rayfix/internal/i18n"
)

// Exit statuses of `rayfix check`.
const (
	ExitOK      = 0 // the site answered normally
	ExitBlocked = 1 // a block, challenge or error page was found
	ExitFailed  = 2 // the check could not run (bad input, network)
)

// Env is what a command needs from the process, so tests can run it in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Opts   diagnose.Options  // base options (tests add trust roots)
	Store  *cfapi.TokenStore // keychain; tests use their own service name
	// JournalDir is where changes are journaled (changes.DefaultJournalDir when empty).
	JournalDir string
}

// Usage is printed for `rayfix help` and bad invocations.
const Usage = `RayFix — find out why a website says "Access denied", and what to do.

Usage:
  rayfix                          open the RayFix window
  rayfix URL                      open the window and check URL
  rayfix check [--json] [--timeout 20s] [--lang de] URL
                                  check a website from this computer
  rayfix check [--json] [--lang de] --page FILE
                                  read an error page you saved (use - for standard input)

  rayfix owner COMMAND …          your Cloudflare sites: zones, rules, allow, undo, backup,
                                  lookup, simulate, health, events (rayfix owner help)
  rayfix --version                RayFix's version

Exit status of check: 0 the site answered normally, 1 a block, challenge or error page
was found, 2 the check could not run.
`

// IsCommand reports whether arg is a terminal command rather than an
// address to open in the window (`rayfix https://example.com`).
func IsCommand(arg string) bool {
	if strings.Contains(arg, "://") || strings.Contains(arg, ".") && !strings.HasPrefix(arg, "-") {
		return false
	}
	return true
}

// Run executes a subcommand (args excludes the program name) and returns the exit status.
func Run(args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, Usage)
		return ExitFailed
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], env)
	case "owner":
		return runOwner(args[1:], env)
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, Usage)
		return ExitOK
	case "version", "--version", "-v":
		fmt.Fprintln(env.Stdout, "RayFix "+app.Version)
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "rayfix: unknown command %q\n\n%s", args[0], Usage)
	return ExitFailed
}

func runCheck(args []string, env Env) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	timeout := fs.Duration("timeout", diagnose.DefaultTimeout, "give up after this long (for example 10s)")
	page := fs.String("page", "", "classify a saved error page instead of fetching (- reads standard input)")
	langFlag := fs.String("lang", "", "the language of the report's words, like de or pt-BR (default: the system's)")
	if err := fs.Parse(reorder(args)); err != nil {
		return ExitFailed
	}
	fail := func(msg string) int {
		if *asJSON { // a script asked for JSON: it gets JSON, with the words
			printJSON(env.Stdout, map[string]any{"error": msg})
		}
		fmt.Fprintf(env.Stderr, "rayfix: %s\n", msg)
		return ExitFailed
	}
	lang := i18n.FromEnv(os.Getenv)
	if *langFlag != "" {
		t, ok := i18n.Parse(*langFlag)
		if !ok {
			return fail(fmt.Sprintf("--lang %q is not a language RayFix speaks; it speaks %s", *langFlag, spokenTags()))
		}
		lang = t
	}
	var rep diagnose.Report
	switch {
	case *page != "":
		if fs.NArg() > 0 {
			return fail("give either a URL or --page, not both")
		}
		body, err := readPage(*page, env.Stdin)
		if err != nil {
			return fail(err.Error())
		}
		rep = diagnose.ReportFromPage(body, time.Now())
		diagnose.Localize(&rep, lang)
	case fs.NArg() == 1:
		if *timeout <= 0 {
			return fail("--timeout must be more than zero, for example 20s")
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		o := env.Opts
		o.Timeout, o.Lang = *timeout, lang
		var err error
		rep, err = diagnose.Check(ctx, fs.Arg(0), o)
		if err != nil {
			return fail(address.Localized(err, lang))
		}
	default:
		return fail("check needs one website address, for example: rayfix check example.com")
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return ExitFailed
		}
	} else {
		fmt.Fprint(env.Stdout, rep.Text())
	}
	return exitFor(rep)
}

// spokenTags lists the languages' tags: "en, es, pt-BR, …".
func spokenTags() string {
	var tags []string
	for _, l := range i18n.Languages {
		tags = append(tags, string(l.Tag))
	}
	return strings.Join(tags, ", ")
}

// exitFor maps a verdict to the documented exit status.
func exitFor(rep diagnose.Report) int {
	switch rep.Verdict {
	case diagnose.VerdictOK:
		return ExitOK
	case diagnose.VerdictUnreachable:
		if rep.Status == 0 {
			return ExitFailed
		}
	case diagnose.VerdictDNSError:
		if rep.Status == 0 && rep.ErrorCode == 0 {
			return ExitFailed
		}
	}
	return ExitBlocked
}

// valueFlags are the flags that take a value (the next argument).
var valueFlags = map[string]bool{"timeout": true, "page": true, "via": true, "rule": true, "list": true, "until": true,
	"ip": true, "country": true, "asn": true, "ua": true, "url": true, "since": true, "terraform": true, "expr": true, "lang": true}

// reorder lets flags follow the URL (`rayfix check example.com --json`),
// which is how people type it; the flag package stops at the first non-flag.
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i+1:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if valueFlags[strings.TrimLeft(a, "-")] && !strings.Contains(a, "=") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			rest = append(rest, a)
		}
	}
	return append(flags, rest...)
}

func readPage(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = stdin
	} else {
		f, err := os.Open(name)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, fmt.Errorf("there is no file %s", name)
		case errors.Is(err, os.ErrPermission):
			return nil, fmt.Errorf("RayFix may not read %s (no permission)", name)
		case err != nil:
			return nil, fmt.Errorf("%s cannot be opened", name)
		}
		defer f.Close()
		r = f
	}
	body, err := io.ReadAll(io.LimitReader(r, diagnose.MaxBody+1))
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errors.New("the page is empty: paste the error page's text or HTML")
	}
	if len(body) > diagnose.MaxBody {
		body = body[:diagnose.MaxBody]
	}
	return body, nil
}
