package diagnose

import (
	"fmt"
	"strings"
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
)

// Suggest chooses ordered steps from the evidence in r. It never suggests
// deceiving the site (no faked user agents, no challenge solvers).
func Suggest(r Report) []Step {
	var s steps
	vpn := len(r.Local.VPNInterfaces) > 0
	tunnelled := vpn || r.Local.WARP || r.Local.Proxy != ""
	addTunnelOff := func(why string) {
		if r.Local.WARP {
			s.add(StepWARPOff, "Turn off Cloudflare WARP (1.1.1.1 app) and try again",
				"WARP is on, so the site sees Cloudflare WARP's address and country instead of yours. "+why)
		}
		if vpn {
			s.add(StepVPNOff, "Turn off your VPN and try again",
				fmt.Sprintf("A VPN looks active on this computer (%s). Sites see the VPN's address and country, and VPN addresses are often blocked because many people share them. %s", strings.Join(r.Local.VPNInterfaces, ", "), why))
		}
		if r.Local.Proxy != "" {
			where := "A proxy is set on this computer"
			if r.Local.ProxyFrom == "system settings" {
				where = "Your system's network settings send the browser through a proxy"
			}
			s.add(StepProxyOff, "Try without your proxy",
				fmt.Sprintf("%s (%s). The site sees the proxy's address, not yours. %s", where, r.Local.Proxy, why))
		}
	}
	switch r.Verdict {
	case VerdictBlocked:
		switch r.Product {
		case ProductCountryBlock, ProductASNBlock, ProductIPAccessRule:
			if tunnelled {
				addTunnelOff("The blocked address or country may be the VPN's, not yours.")
			} else {
				s.add(StepOtherNetwork, "Try another network, such as your phone's mobile data",
					"The site blocks the address, network or country you connect from. From another network you get a different address, and often you can get in.")
				s.add(StepTryVPN, "If the site allows it, try another route (for example Cloudflare WARP)",
					"When your own network or country is what is blocked, connecting another way changes what the site sees. Respect the site's terms: if the owner blocks your country on purpose, ask them instead.")
			}
		case ProductBrowserIntegrity:
			s.add(StepPrivateWindow, "Open the site in a private window with extensions off",
				"Privacy and ad-blocking extensions can change the headers your browser sends, which Cloudflare's browser check rejects.")
			s.add(StepUpdateBrowser, "Update your browser, or try another one",
				"Very old browsers send headers that look unusual today.")
			addTunnelOff("Some proxies and VPNs rewrite browser headers.")
		case ProductHotlink:
			s.add(StepCheckAddress, "Open the page that shows this file instead",
				"The file is only served on the site's own pages.")
		case ProductPlanLimit:
			s.add(StepWait, "Try again later", "The site is over a limit of its plan; it usually returns within a day.")
		default:
			addTunnelOff("Turn it off and check again: if that works, the site's rule is about your VPN's address or country, not about you.")
			s.add(StepPrivateWindow, "Try a private window with extensions off",
				"Extensions can add or change parts of your request that a firewall rule looks at.")
			if r.Product == ProductManagedRules {
				s.add(StepClearCookies, "Clear this site's cookies and try the page again without filling in the form",
					"Security rules look at what a request contains; an odd cookie or form entry can trip them.")
			}
			if !tunnelled {
				s.add(StepOtherNetwork, "Try another network, such as mobile data",
					"Many rules are about the address or network you connect from.")
			}
		}
		s.add(StepContactOwner, "Send the site owner a message with your Ray ID",
			"Only the owner can change the rule. RayFix has written the message for you: it has the address, the time, the Ray ID, and the IP and country Cloudflare saw — everything they need to find the rule.")
		if r.Cloudflare {
			s.add(StepOwnerMode, "Is this your site? Find the rule in owner mode",
				fmt.Sprintf("Open RayFix's owner mode (\"It's my website\") and paste the Ray ID %s: it leads straight to the rule and its fix.", orUnknown(r.RayID)))
		}
	case VerdictRateLimited:
		wait := "Wait a few minutes, then reload once"
		if r.RetryAfter > 0 {
			wait = "Wait about " + humanWait(r.RetryAfter) + ", then reload once"
		}
		s.add(StepWait, wait,
			"The limit lifts by itself. Each reload while you wait counts as another request and can extend it; close other tabs of the site too.")
		addTunnelOff("Everyone on a shared VPN address counts towards the same limit.")
		s.add(StepContactOwner, "If it keeps happening, tell the site owner",
			"The limit may be set too low for normal use. The message includes your Ray ID and address so they can check it.")
	case VerdictChallenge:
		s.add(StepAllowJS, "Open the page in your usual browser and let the check finish",
			"The check needs JavaScript and cookies. It often passes by itself within a few seconds; sometimes you click a box.")
		s.add(StepPrivateWindow, "If the check keeps coming back, try a private window with extensions off",
			"Script and cookie blockers stop the check from completing, which causes endless loops.")
		addTunnelOff("VPN addresses get checked far more often.")
		s.add(StepContactOwner, "If you still cannot pass, tell the site owner",
			"The owner can lower the check's strictness or let your address through.")
	case VerdictOriginError:
		s.add(StepWait, "Try again in a few minutes",
			"The site's server is failing for everyone right now; this is usually fixed by the owner soon.")
		s.add(StepContactOwner, "Let the site owner know it is down",
			"Include the error code and the Ray ID; they tell the owner where the failure is.")
	case VerdictDNSError:
		if r.FailureKind == "lookup" {
			s.add(StepCheckNetwork, "Check that your internet connection works",
				"Open another website you know works. If none opens, reconnect to Wi-Fi or restart your router.")
			addTunnelOff("A VPN or proxy that has lost its connection stops every look-up.")
			s.add(StepOtherNetwork, "Try another network, such as your phone's mobile data",
				"If sites open there, your usual network's DNS server is the problem, not the site.")
			s.add(StepWait, "Then check again", "Once other sites open, check this one again.")
			return s.list
		}
		s.add(StepCheckAddress, "Check the address for typos", "A single wrong letter leads nowhere.")
		s.add(StepWait, "Try again later", "DNS problems on the site's side are often fixed within hours.")
		if r.ErrorCode != 0 {
			s.add(StepContactOwner, "Tell the site owner", "Their Cloudflare setup points to a server that cannot be found.")
		}
	case VerdictDenied:
		if r.Vendor != VendorNone {
			s.add(StepOtherVendor, "This is "+VendorName(r.Vendor)+", not Cloudflare",
				"Cloudflare advice and settings do not apply. The steps below still help, because most firewalls look at similar things.")
		}
		addTunnelOff("Firewalls often refuse VPN and proxy addresses.")
		s.add(StepPrivateWindow, "Try a private window with extensions off", "Extensions can change what the site sees.")
		s.add(StepContactOwner, "Ask the site owner for access", "They can see why the request was refused.")
	case VerdictUnreachable:
		if r.FailureKind == "cancelled" {
			return s.list
		}
		if r.FailureKind != "tls" {
			s.add(StepCheckNetwork, "Check that your internet connection works", "Open another website you know works.")
		}
		s.add(StepCheckAddress, "Check the address", "Make sure it is the site you meant, spelled right.")
		addTunnelOff("A VPN or proxy can stop connections to some sites.")
		s.add(StepWait, "Try again later", "The site may be down for a while.")
	default:
		s.add(StepPastePage, "If your browser still shows an error, paste the page into RayFix",
			"RayFix reads the error page itself and tells you which block it is.")
		s.add(StepPrivateWindow, "Try a private window with extensions off",
			"If it works there, an extension or an old cookie was the cause.")
		s.add(StepClearCookies, "Clear the site's cookies", "A stale cookie can keep a block or a challenge loop going.")
		if tunnelled {
			addTunnelOff("If your browser uses a different route than RayFix, the two can get different answers.")
		}
	}
	return s.list
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
