package owner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/siteplan"
	"rayfix/ui/kit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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

// View is "It's my website": connect, pick a site, see its rules.
// It holds the session; each screen is built by its own file.
type View struct {
	sh      *Host
	content *fyne.Container // swapped between connect, sites and site screens
	job     kit.Job

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
	lookupSite  *siteplan.Site // the site the last Ray ID was found on
	ownIPs      sync.Map       // site name → this computer's address, as that site's trace said
	lastDone    string         // the change just applied, shown once on the zone screen
	menus       []ruleMenu     // the rule cards' menus
	archCancel  func()         // stops fetching events into the archive
	archiving   sync.WaitGroup // the archiver, while it runs
	moreItems   []*fyne.MenuItem
	connLost    bool          // the last request found Cloudflare unreachable
	connLabel   *widget.Label // the header's connection words

	open openScreens // the screens and dialogs open now

	// the widgets tests drive
	sitesList    *widget.List
	sitesSearch  *widget.Entry
	accessSearch *widget.Entry
	accessMode   *widget.Select
	accessList   *widget.List
	accessCount  *widget.Label
}

func New(sh *Host) *View {
	o := &View{sh: sh, content: container.NewStack()}
	return o
}

// enter is called each time the owner door is opened.
func (o *View) enter() {
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
	o.job.Run(30*time.Second, func(ctx context.Context) {
		tok, err = o.sh.Keeper.Load(ctx) // can wait on an OS unlock prompt
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

func (o *View) set(obj fyne.CanvasObject) {
	o.content.Objects = []fyne.CanvasObject{obj}
	o.content.Refresh()
}

// busy shows a spinner with what is happening and a Cancel.
func (o *View) busy(what string) *widget.Label {
	act := widget.NewActivity()
	act.Start()
	l := widget.NewLabel(what)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		o.job.Stop()
		o.showConnect("")
	})
	o.set(container.NewCenter(container.NewVBox(container.NewHBox(act, l), container.NewCenter(cancel))))
	return l
}

// header is the bar of every owner screen: back, title, and Disconnect.
func (o *View) header(title string, back func()) fyne.CanvasObject {
	b := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), back)
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Truncation = fyne.TextTruncateEllipsis // a long site name must not widen the window
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
func (o *View) connWords() string {
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
func (o *View) disconnect() {
	o.job.Stop()
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
	o.job.Run(30*time.Second, func(ctx context.Context) { err = o.sh.Keeper.Delete(ctx) }, func() {
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

// sentence capitalises an error message for display — unless it starts
// with a name from the Rules language (ip.src.country), which is written
// as Cloudflare writes it.
func sentence(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if s == "" || strings.ContainsAny(first, "._(\"$") {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// openScreens are the last of each screen or dialog opened: the look-up
// hands a visitor to the simulator, the Ray ID in "Who is being blocked"
// opens in the look-up, and tests drive them.
type openScreens struct {
	wizard   *allowWizard
	form     formHandle
	editor   *ruleEditor
	lookup   *lookupView
	preview  dialog.Dialog
	folder   *dialog.FileDialog // the last folder chooser (Export for Terraform)
	simulate *simulateView
}

// Content is owner mode's screen; what it shows changes inside it.
func (o *View) Content() fyne.CanvasObject { return o.content }

// Enter is called each time the owner door is opened.
func (o *View) Enter() { o.enter() }

// OpenDemo opens the demo site's overview (`rayfix --demo`).
func (o *View) OpenDemo() {
	o.started = true
	o.openFirst = true
	o.startDemo()
}

// Wait blocks until owner mode's background work has returned (not on the
// UI goroutine).
func (o *View) Wait() {
	o.job.Wait()
	o.archiving.Wait()
}

// Stop cancels what owner mode is doing in the background (the window is
// closing): late results become no-ops.
func (o *View) Stop() {
	o.job.Stop()
	o.stopArchiving()
	if o.demo != nil {
		_ = o.demo.Close()
	}
}
