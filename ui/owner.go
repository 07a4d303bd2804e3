package ui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ownerView is the "It's my website" door. Owner mode (connect with an API
// token, see and fix the rules) is being built; until then it tells the
// owner how to find the blocking rule in the dashboard themselves.
func ownerView(sh *Shell) fyne.CanvasObject {
	back := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), sh.ShowStart)
	title := widget.NewLabelWithStyle("It's my website", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewRichTextFromMarkdown(`RayFix's owner mode is on its way: you will connect your Cloudflare account with an API token kept in this computer's keychain, see every rule that can block a visitor in plain words, and fix the one that blocked someone — with a preview and an undo.

**Until then, to find the rule behind a visitor's Ray ID:**

1. Ask the visitor for the **Ray ID** on their error page (RayFix's "Message the site owner" includes it).
2. In the Cloudflare dashboard, open your site, then **Security → Events**.
3. Add the filter **Ray ID equals** the visitor's Ray ID. On the Free and Pro plans events are kept for 24 hours only, so do this soon.
4. The event names the rule (its description) and the action. Edit that rule, for example change **Block** to **Managed Challenge**, or add an exception for the visitor's IP address or country.`)
	text.Wrapping = fyne.TextWrapWord
	dash, _ := url.Parse("https://dash.cloudflare.com/")
	open := widget.NewButtonWithIcon("Open the Cloudflare dashboard", theme.ComputerIcon(), func() { _ = sh.openURL(dash) })
	visitor := widget.NewButtonWithIcon("Check my site as a visitor", theme.SearchIcon(), sh.ShowVisitor)
	return container.NewBorder(container.NewBorder(nil, nil, back, nil, title), container.NewHBox(open, visitor), nil, nil,
		container.NewVScroll(container.NewPadded(text)))
}
