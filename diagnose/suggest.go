package diagnose

import (
	"strings"

	"rayfix/internal/i18n"

	"rayfix/diagnose/vendors"
)

// Step is one thing the visitor can do. ID is stable so the UI can keep
// per-step state (ticked) and tests can assert on it.
type Step struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

// Step IDs.
const (
	StepVPNOff        = "vpn_off"
	StepWARPOff       = "warp_off"
	StepProxyOff      = "proxy_off"
	StepTryVPN        = "try_other_route"
	StepPrivateWindow = "private_window"
	StepOtherNetwork  = "other_network"
	StepWait          = "wait"
	StepClearCookies  = "clear_cookies"
	StepContactOwner  = "contact_owner"
	StepOwnerMode     = "owner_mode"
	StepCheckAddress  = "check_address"
	StepCheckNetwork  = "check_connection"
	StepAllowJS       = "allow_javascript"
	StepPastePage     = "paste_page"
	StepUpdateBrowser = "update_browser"
	StepOtherVendor   = "other_vendor"
	StepExtensionsOff = "extensions_off"
	StepSolveCheck    = "solve_check"
	StepNoAutomation  = "no_automation"
)

// Suggest chooses ordered steps from the evidence in r. It never suggests
// deceiving the site (no faked user agents, no challenge solvers).
func Suggest(r Report) []Step {
	vpn := len(r.Local.VPNInterfaces) > 0
	g := &suggester{r: r, vpn: vpn, tunnelled: vpn || r.Local.WARP || r.Local.Proxy != ""}
	by := map[Verdict]func(){VerdictBlocked: g.blocked, VerdictRateLimited: g.rateLimited, VerdictChallenge: g.challenge,
		VerdictOriginError: g.originError, VerdictDNSError: g.dnsError, VerdictDenied: g.denied, VerdictUnreachable: g.unreachable}
	if f, ok := by[r.Verdict]; ok {
		f()
	} else {
		g.otherwise()
	}
	return g.list
}

// suggester collects the steps for one report.
type suggester struct {
	steps
	r              Report
	vpn, tunnelled bool
}

// tunnelOff suggests turning off whatever route (WARP, VPN, proxy) changes
// what the site sees, with why it matters here.
func (g *suggester) tunnelOff(why string) {
	t, gap := g.r.tr, i18n.SentenceGap(i18n.Tag(g.r.Language))
	if g.r.Local.WARP {
		g.add(StepWARPOff, t("Turn off Cloudflare WARP (1.1.1.1 app) and try again"),
			t("WARP is on, so the site sees Cloudflare WARP's address and country instead of yours.")+gap+why)
	}
	if g.vpn {
		g.add(StepVPNOff, t("Turn off your VPN and try again"),
			t("A VPN looks active on this computer ({{interfaces}}). Sites see the VPN's address and country, and VPN addresses are often blocked because many people share them.",
				"interfaces", strings.Join(g.r.Local.VPNInterfaces, ", "))+gap+why)
	}
	if g.r.Local.Proxy != "" {
		where := t("A proxy is set on this computer ({{proxy}}).", "proxy", g.r.Local.Proxy)
		if g.r.Local.ProxyFrom == "system settings" {
			where = t("Your system's network settings send the browser through a proxy ({{proxy}}).", "proxy", g.r.Local.Proxy)
		}
		g.add(StepProxyOff, t("Try without your proxy"), where+gap+t("The site sees the proxy's address, not yours.")+gap+why)
	}
}

func (g *suggester) blocked() {
	t := g.r.tr
	switch g.r.Product {
	case ProductDirectIP:
		g.add(StepCheckAddress, t("Open the site by its name"), t("Type the site's name (like shop.example) in the address bar instead of a number."))
		return
	case ProductClientMismatch:
		g.add(StepProxyOff, t("Turn off HTTPS scanning or the proxy"), t("Antivirus web shields, company proxies and some VPN apps rewrite secure connections; try with them off."))
		g.add(StepPrivateWindow, t("Try another browser or a private window"), t("If it works there, the first browser's settings or an extension caused it."))
		return
	case ProductCountryBlock, ProductASNBlock, ProductIPAccessRule:
		if g.tunnelled {
			g.tunnelOff(t("The blocked address or country may be the VPN's, not yours."))
		} else {
			g.add(StepOtherNetwork, t("Try another network, such as your phone's mobile data"),
				t("The site blocks the address, network or country you connect from. From another network you get a different address, and often you can get in."))
			g.add(StepTryVPN, t("If the site allows it, try another route (for example Cloudflare WARP)"),
				t("When your own network or country is what is blocked, connecting another way changes what the site sees. Respect the site's terms: if the owner blocks your country on purpose, ask them instead."))
		}
	case ProductBrowserIntegrity:
		g.add(StepPrivateWindow, t("Open the site in a private window with extensions off"),
			t("Privacy and ad-blocking extensions can change the headers your browser sends, which Cloudflare's browser check rejects."))
		g.add(StepUpdateBrowser, t("Update your browser, or try another one"),
			t("Very old browsers send headers that look unusual today."))
		g.tunnelOff(t("Some proxies and VPNs rewrite browser headers."))
	case ProductHotlink:
		g.add(StepCheckAddress, t("Open the page that shows this file instead"),
			t("The file is only served on the site's own pages."))
	case ProductPlanLimit:
		g.add(StepWait, t("Try again later"), t("The site is over a limit of its plan; it usually returns within a day."))
	default:
		g.blockedByRule()
	}
	g.add(StepContactOwner, t("Send the site owner a message with your Ray ID"),
		t("Only the owner can change the rule. RayFix has written the message for you: it has the address, the time, the Ray ID, and the IP and country Cloudflare saw — everything they need to find the rule."))
	if g.r.Cloudflare {
		g.add(StepOwnerMode, t("Is this your site? Find the rule in owner mode"),
			t("Open RayFix's owner mode (\"It's my website\") and paste the Ray ID {{ray}}: it leads straight to the rule and its fix.", "ray", orUnknown(g.r.RayID)))
	}
}

// blockedByRule: a firewall rule (custom or managed) stopped the request.
func (g *suggester) blockedByRule() {
	t := g.r.tr
	g.tunnelOff(t("Turn it off and check again: if that works, the site's rule is about your VPN's address or country, not about you."))
	g.add(StepPrivateWindow, t("Try a private window with extensions off"),
		t("Extensions can add or change parts of your request that a firewall rule looks at."))
	if g.r.Product == ProductManagedRules {
		g.add(StepClearCookies, t("Clear this site's cookies and try the page again without filling in the form"),
			t("Security rules look at what a request contains; an odd cookie or form entry can trip them."))
	}
	if !g.tunnelled {
		g.add(StepOtherNetwork, t("Try another network, such as mobile data"),
			t("Many rules are about the address or network you connect from."))
	}
}

func (g *suggester) rateLimited() {
	t := g.r.tr
	wait := t("Wait a few minutes, then reload once")
	if g.r.RetryAfter > 0 {
		wait = t("Wait about {{wait}}, then reload once", "wait", g.r.humanWait(g.r.RetryAfter))
	}
	g.add(StepWait, wait,
		t("The limit lifts by itself. Each reload while you wait counts as another request and can extend it; close other tabs of the site too."))
	g.tunnelOff(t("Everyone on a shared VPN address counts towards the same limit."))
	g.add(StepContactOwner, t("If it keeps happening, tell the site owner"),
		t("The limit may be set too low for normal use. The message includes your Ray ID and address so they can check it."))
}

func (g *suggester) challenge() {
	if g.botManager() {
		return
	}
	t := g.r.tr
	g.add(StepAllowJS, t("Open the page in your usual browser and let the check finish"),
		t("The check needs JavaScript and cookies. It often passes by itself within a few seconds; sometimes you click a box."))
	g.add(StepPrivateWindow, t("If the check keeps coming back, try a private window with extensions off"),
		t("Script and cookie blockers stop the check from completing, which causes endless loops."))
	g.tunnelOff(t("VPN addresses get checked far more often."))
	g.add(StepContactOwner, t("If you still cannot pass, tell the site owner"),
		t("The owner can lower the check's strictness or let your address through."))
}

// botManager gives the steps for a bot manager's page (HUMAN/PerimeterX,
// DataDome, Kasada, Akamai Bot Manager…): it judges the browser itself.
func (g *suggester) botManager() bool {
	v := vendors.ByID(string(g.r.Vendor))
	if v == nil || !v.BotManager {
		return false
	}
	t := g.r.tr
	g.add(StepAllowJS, t("Allow JavaScript and cookies for the site"),
		t("A bot manager runs a script in your browser and keeps a cookie once you pass; blocking either looks like a bot to it."))
	g.add(StepExtensionsOff, t("Turn off extensions that change your browser"),
		t("Privacy and anti-fingerprinting extensions, user-agent switchers and script blockers make a real browser look automated."))
	g.add(StepPrivateWindow, t("Try a private window"), t("It starts without old cookies and, usually, without extensions."))
	g.add(StepSolveCheck, t("Solve the check where one is offered"),
		t("Some pages ask you to press and hold a button or solve a puzzle: do it in the browser, not with a tool."))
	g.add(StepNoAutomation, t("Do not use automation tools on the site"),
		t("Scripts, scrapers and browser automation are exactly what these systems stop; they may also block your address for a while."))
	g.tunnelOff(t("Bot managers score VPN and data-centre addresses as risky."))
	names := t("RayFix's message names {{vendor}} so they can find your request.", "vendor", t(VendorName(g.r.Vendor)))
	if g.r.ReferenceID != "" {
		names = t("RayFix's message names {{vendor}} and the reference the page gave ({{ref}}) so they can find your request.", "vendor", t(VendorName(g.r.Vendor)), "ref", g.r.ReferenceID)
	}
	g.add(StepContactOwner, t("If you still cannot get in, tell the site owner"), names)
	return true
}

func (g *suggester) originError() {
	t := g.r.tr
	g.add(StepWait, t("Try again in a few minutes"),
		t("The site's server is failing for everyone right now; this is usually fixed by the owner soon."))
	g.add(StepContactOwner, t("Let the site owner know it is down"),
		t("Include the error code and the Ray ID; they tell the owner where the failure is."))
}

func (g *suggester) dnsError() {
	t := g.r.tr
	if g.r.FailureKind == "lookup" {
		g.add(StepCheckNetwork, t("Check that your internet connection works"),
			t("Open another website you know works. If none opens, reconnect to Wi-Fi or restart your router."))
		g.tunnelOff(t("A VPN or proxy that has lost its connection stops every look-up."))
		g.add(StepOtherNetwork, t("Try another network, such as your phone's mobile data"),
			t("If sites open there, your usual network's DNS server is the problem, not the site."))
		g.add(StepWait, t("Then check again"), t("Once other sites open, check this one again."))
		return
	}
	g.add(StepCheckAddress, t("Check the address for typos"), t("A single wrong letter leads nowhere."))
	g.add(StepWait, t("Try again later"), t("DNS problems on the site's side are often fixed within hours."))
	if g.r.ErrorCode != 0 {
		g.add(StepContactOwner, t("Tell the site owner"), t("Their Cloudflare setup points to a server that cannot be found."))
	}
}

func (g *suggester) denied() {
	if g.botManager() {
		return
	}
	t := g.r.tr
	switch g.r.Vendor {
	case VendorNone:
	case VendorUnknown:
		g.add(StepOtherVendor, t("RayFix does not recognise whose system this is"),
			t("It may be the site's own server or a firewall in front of it. The steps below help with most refusals."))
	default:
		g.add(StepOtherVendor, t("This is {{vendor}}, not Cloudflare", "vendor", t(VendorName(g.r.Vendor))),
			t("Cloudflare advice and settings do not apply. The steps below still help, because most firewalls look at similar things."))
	}
	g.tunnelOff(t("Firewalls often refuse VPN and proxy addresses."))
	g.add(StepPrivateWindow, t("Try a private window with extensions off"), t("Extensions can change what the site sees."))
	gives := t("They can see why the request was refused. RayFix's message gives them the address and time.")
	if g.r.ReferenceID != "" {
		gives = t("They can see why the request was refused. RayFix's message gives them the address and time and the reference the page gave ({{ref}}).", "ref", g.r.ReferenceID)
	}
	g.add(StepContactOwner, t("Ask the site owner for access"), gives)
}

func (g *suggester) unreachable() {
	if g.r.FailureKind == "cancelled" {
		return
	}
	t := g.r.tr
	if g.r.FailureKind != "tls" {
		g.add(StepCheckNetwork, t("Check that your internet connection works"), t("Open another website you know works."))
	}
	g.add(StepCheckAddress, t("Check the address"), t("Make sure it is the site you meant, spelled right."))
	g.tunnelOff(t("A VPN or proxy can stop connections to some sites."))
	g.add(StepWait, t("Try again later"), t("The site may be down for a while."))
}

func (g *suggester) otherwise() {
	t := g.r.tr
	g.add(StepPastePage, t("If your browser still shows an error, paste the page into RayFix"),
		t("RayFix reads the error page itself and tells you which block it is."))
	g.add(StepPrivateWindow, t("Try a private window with extensions off"),
		t("If it works there, an extension or an old cookie was the cause."))
	g.add(StepClearCookies, t("Clear the site's cookies"), t("A stale cookie can keep a block or a challenge loop going."))
	if g.tunnelled {
		g.tunnelOff(t("If your browser uses a different route than RayFix, the two can get different answers."))
	}
}

type steps struct {
	list []Step
	seen map[string]bool
}

func (s *steps) add(id, title, detail string) {
	if s.seen == nil {
		s.seen = map[string]bool{}
		s.list = []Step{}
	}
	if s.seen[id] {
		return
	}
	s.seen[id] = true
	s.list = append(s.list, Step{ID: id, Title: title, Detail: detail})
}
