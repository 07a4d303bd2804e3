package ui

import (
	"context"
	"errors"
	"fmt"
	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/siteplan"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TokenKeeper is the keychain as owner mode uses it (cfapi.TokenStore; tests
// may use one that reports a missing keychain).
type TokenKeeper interface {
	Save(ctx context.Context, token string) error
	Load(ctx context.Context) (string, error)
	Delete(ctx context.Context) error
}

// ownerView is "It's my website": connect, pick a site, see its rules.
// It holds the session; each screen is built by its own file.
type ownerView struct {
	sh      *Shell
	content *fyne.Container // swapped between connect, sites and site screens
	job     job

	conn        *cfapi.Connection
	sessionOnly bool // the token is in memory only (no keychain, or not remembered)
	fromEnv     bool
	demo        *fakecf.Server
	zones       []cfapi.Zone
	check       *cfapi.TokenCheck
	started     bool
	noKeychain  bool
	openFirst   bool // open the first site as soon as the list is there (--demo)
	form        *connectForm
	siteMsg     *widget.Label
	zoneRules   *siteplan.ZoneRules
	site        *siteplan.Site
	lastDone    string     // the change just applied, shown once on the zone screen
	menus       []ruleMenu // the rule cards' menus
	archCancel  func()     // stops fetching events into the archive
	moreItems   []*fyne.MenuItem
	connLost    bool          // the last request found Cloudflare unreachable
	connLabel   *widget.Label // the header's connection words

	// the widgets tests drive
	sitesList    *widget.List
	sitesSearch  *widget.Entry
	accessSearch *widget.Entry
	accessMode   *widget.Select
	accessList   *widget.List
	accessCount  *widget.Label
}

func newOwnerView(sh *Shell) *ownerView {
	o := &ownerView{sh: sh, content: container.NewStack()}
	return o
}

// enter is called each time the owner door is opened.
func (o *ownerView) enter() {
	if o.started {
		return
	}
	o.started = true
	if tok := cfapi.TokenFromEnv(); tok != "" {
		o.fromEnv = true
		o.connect(tok, false)
		return
	}
	o.busy("Looking for a saved connection…")
	var tok string
	var err error
	o.job.run(30*time.Second, func(ctx context.Context) {
		tok, err = o.sh.keeper.Load(ctx) // can wait on an OS unlock prompt
	}, func() {
		if err != nil || tok == "" {
			o.noKeychain = errors.Is(err, cfapi.ErrNoKeychain)
			o.showConnect("")
			if err != nil && !errors.Is(err, cfapi.ErrNoToken) {
				o.connectNote(sentence(err.Error()) + ".")
			}
			return
		}
		o.connect(tok, false)
	})
}

func (o *ownerView) set(obj fyne.CanvasObject) {
	o.content.Objects = []fyne.CanvasObject{obj}
	o.content.Refresh()
}

// busy shows a spinner with what is happening and a Cancel.
func (o *ownerView) busy(what string) *widget.Label {
	act := widget.NewActivity()
	act.Start()
	l := widget.NewLabel(what)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		o.job.stop()
		o.showConnect("")
	})
	o.set(container.NewCenter(container.NewVBox(container.NewHBox(act, l), container.NewCenter(cancel))))
	return l
}

// header is the bar of every owner screen: back, title, and Disconnect.
func (o *ownerView) header(title string, back func()) fyne.CanvasObject {
	b := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), back)
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	right := container.NewHBox()
	if o.conn != nil {
		o.connLabel = widget.NewLabel(o.connWords())
		if o.connLost {
			o.connLabel.Importance = widget.DangerImportance
		}
		right.Add(o.connLabel)
		if !o.fromEnv {
			right.Add(widget.NewButtonWithIcon("Disconnect", theme.LogoutIcon(), o.disconnect))
		}
	}
	return container.NewBorder(nil, nil, b, right, t)
}

// connWords says how the session is connected, or that it is lost.
func (o *ownerView) connWords() string {
	switch {
	case o.connLost:
		return "Cloudflare can't be reached"
	case o.demo != nil:
		return "Demo site"
	case o.fromEnv:
		return "Token from CLOUDFLARE_API_TOKEN"
	case o.sessionOnly:
		return "Connected for this session"
	}
	return "Connected"
}

// disconnect forgets the token: from memory and from the keychain.
func (o *ownerView) disconnect() {
	o.job.stop()
	o.stopArchiving()
	o.conn, o.zones, o.connLost = nil, nil, false
	if o.demo != nil {
		_ = o.demo.Close()
		o.demo = nil
		o.showConnect("")
		return
	}
	o.busy("Removing the token from this computer's keychain…")
	var err error
	o.job.run(30*time.Second, func(ctx context.Context) { err = o.sh.keeper.Delete(ctx) }, func() {
		o.showConnect("")
		switch {
		case errors.Is(err, cfapi.ErrNoKeychain):
		case err != nil:
			o.connectNote("The token could not be removed from the keychain: " + err.Error())
		default:
			o.connectNote("Disconnected. The token was removed from this computer.")
		}
	})
}

func errText(err error) string {
	var pe *cfapi.PermissionError
	if errors.As(err, &pe) {
		return fmt.Sprintf("The token cannot do this: it lacks the %q permission. Create a token with it (see the list on the Connect screen).", pe.Permission)
	}
	return err.Error()
}

// sentence capitalises an error message for display.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
