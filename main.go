// Command rayfix is a desktop app that explains Cloudflare's "Access denied"
// pages. Without arguments it opens the window (with a URL argument, straight
// into a check of it); `rayfix check …` runs the same engine in a terminal.
package main

import (
	"os"

	"rayfix/cli"
	_ "rayfix/internal/localefix" // before Fyne initialises: see its doc
	"rayfix/ui"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] != "--demo" && cli.IsCommand(os.Args[1]) {
		os.Exit(cli.Run(os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
	}
	ui.Run(os.Args[1:]...)
}
