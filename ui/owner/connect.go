package owner

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"rayfix/cfapi"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const tokenIntro = "RayFix reads your site's security settings through Cloudflare's API. For that it needs an **API token**: " +
	"a key you create in the Cloudflare dashboard that can do only what you allow. %s\n\nIn the dashboard choose " +
	"**Create Token → Create Custom Token** and add these permissions (Zone Resources: your site, or all zones):"

// tokenKept says where the token will live: it must agree with the
// "Remember" box below it.
func tokenKept(noKeychain bool) string {
	if noKeychain {
		return "This computer has no keychain RayFix can use, so RayFix keeps the token in memory only, until you close it, and sends it only to Cloudflare."
	}
	return "RayFix keeps it in this computer's keychain (if you tick Remember) and sends it only to Cloudflare."
}

// connectForm is the "Connect your Cloudflare account" screen.
type connectForm struct {
	token    *widget.Entry
	remember *widget.Check
	connect  *widget.Button
	demo     *widget.Button
	errLabel *widget.Label
	note     *widget.Label
}

func (o *View) showConnect(errMsg string) {
	f := &connectForm{}
	intro := widget.NewRichTextFromMarkdown(fmt.Sprintf(tokenIntro, tokenKept(o.noKeychain)))
	intro.Wrapping = fyne.TextWrapWord
	perms := widget.NewRichTextFromMarkdown(permissionList())
	perms.Wrapping = fyne.TextWrapWord
	// The address is shown too: where no browser opens, the button alone
	// would do nothing.
	address := widget.NewLabel(cfapi.TokenPageURL)
	address.Selectable = true
	opened := widget.NewLabel("")
	opened.Wrapping = fyne.TextWrapWord
	opened.Hide()
	open := widget.NewButtonWithIcon("Open the API token page", theme.ComputerIcon(), func() {
		u, _ := url.Parse(cfapi.TokenPageURL)
		if err := o.sh.OpenURL(u); err != nil {
			opened.SetText("No browser opened on this computer. Copy the address and open it in a browser on any device.")
		} else {
			opened.SetText("The page should open in your browser. If it does not, copy the address.")
		}
		opened.Show()
	})
	copyAddr := widget.NewButtonWithIcon("Copy address", theme.ContentCopyIcon(), func() {
		o.sh.App.Clipboard().SetContent(cfapi.TokenPageURL)
		opened.SetText("Address copied.")
		opened.Show()
	})
	f.token = widget.NewPasswordEntry()
	f.token.SetPlaceHolder("Paste the API token here")
	f.remember = widget.NewCheck("Remember on this computer (kept in the system keychain)", nil)
	f.remember.SetChecked(!o.noKeychain)
	if o.noKeychain {
		f.remember.Disable()
		f.remember.Text = "Remember on this computer (not possible here: no keychain)"
	}
	f.errLabel = widget.NewLabel(errMsg)
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	if errMsg == "" {
		f.errLabel.Hide()
	}
	f.note = widget.NewLabel("")
	f.note.Wrapping = fyne.TextWrapWord
	f.note.Hide()
	submit := func() {
		tok, msg := cfapi.CleanToken(f.token.Text)
		if msg != "" {
			f.errLabel.SetText(msg)
			f.errLabel.Show()
			return
		}
		o.connect(tok, f.remember.Checked)
	}
	f.token.OnSubmitted = func(string) { submit() }
	f.connect = widget.NewButtonWithIcon("Connect", theme.ConfirmIcon(), submit)
	f.connect.Importance = widget.HighImportance
	f.demo = widget.NewButtonWithIcon("Try it with a demo site", theme.MediaPlayIcon(), o.startDemo)
	o.form = f
	body := container.NewVBox(intro, perms, container.NewHBox(open, copyAddr), address, opened, widget.NewSeparator(),
		f.token, f.remember, f.errLabel, f.note, container.NewHBox(f.connect, f.demo))
	if o.sh.EnglishOnly != "" { // said in the visitor's language: what follows is English
		note := widget.NewLabel(o.sh.EnglishOnly)
		note.Wrapping, note.Importance = fyne.TextWrapWord, widget.WarningImportance
		body.Objects = append([]fyne.CanvasObject{note}, body.Objects...)
	}
	o.set(container.NewBorder(o.header("Connect your Cloudflare account", o.sh.ShowStart), nil, nil, nil,
		container.NewVScroll(container.NewPadded(body))))
	o.sh.Win.Canvas().Focus(f.token)
}

// connectNote shows a message under the token field.
func (o *View) connectNote(msg string) {
	if o.form != nil {
		o.form.note.SetText(msg)
		o.form.note.Show()
	}
}

func permissionList() string {
	var b strings.Builder
	for _, p := range cfapi.Permissions {
		mark := ""
		if p.ForFixing {
			mark = " *(only to fix rules)*"
		}
		fmt.Fprintf(&b, "- **%s**%s — %s\n", p.Name, mark, p.Why)
	}
	return b.String()
}

// connect checks a token with Cloudflare, remembers it if asked, and opens
// the site list. Keychain and network work run off the UI goroutine.
func (o *View) connect(tok string, remember bool) {
	o.busy("Checking the token with Cloudflare…")
	conn := o.sh.NewConn(tok)
	var tc *cfapi.TokenCheck
	var err error
	var zones []cfapi.Zone
	var saveErr error
	o.job.Run(2*time.Minute, func(ctx context.Context) {
		tc, err = conn.CheckToken(ctx)
		if err != nil || tc.Status.Status != "active" {
			return
		}
		if tc.Has["Zone Read"] {
			zones, err = conn.Service().Zones(ctx)
		}
		if err == nil && remember {
			saveErr = o.sh.Keeper.Save(ctx, tok)
		}
	}, func() {
		if err != nil {
			msg := errText(err)
			if errors.Is(err, cfapi.ErrInvalidToken) {
				msg = "Cloudflare does not accept this token. Check that it was copied whole and has not been deleted or rolled."
			}
			o.showConnect(msg)
			return
		}
		if errors.Is(saveErr, cfapi.ErrNoKeychain) {
			o.noKeychain = true
		}
		o.conn, o.zones, o.check = conn, zones, tc
		o.sessionOnly = !remember || saveErr != nil
		o.showSites()
		o.offerExpired()
		o.startArchiving()
		switch {
		case errors.Is(saveErr, cfapi.ErrNoKeychain):
			o.siteNote("This computer has no keychain RayFix can use (no Secret Service), so the token cannot be remembered. RayFix will use it until you close it; you will paste it again next time.")
		case saveErr != nil:
			o.siteNote("The token could not be saved in the keychain (" + saveErr.Error() + "). RayFix will use it for this session only.")
		}
	})
}

func (o *View) startDemo() {
	d, err := o.sh.StartDemo()
	if err != nil {
		o.showConnect("The demo could not start: " + err.Error())
		return
	}
	o.demo = d
	o.busy("Opening the demo site…")
	conn := cfapi.NewConnectionTo(d.Token(), d.URL)
	var zones []cfapi.Zone
	var tc *cfapi.TokenCheck
	o.job.Run(time.Minute, func(ctx context.Context) {
		tc, err = conn.CheckToken(ctx)
		if err == nil {
			zones, err = conn.Service().Zones(ctx)
		}
	}, func() {
		if err != nil {
			o.showConnect("The demo could not start: " + err.Error())
			return
		}
		o.conn, o.zones, o.check, o.sessionOnly = conn, zones, tc, true
		o.showSites()
		if o.openFirst && len(zones) > 0 {
			o.openFirst = false
			o.showZone(zones[0])
		}
	})
}
