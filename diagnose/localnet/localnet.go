package localnet

import (
	"net"
	"net/url"
	"os"
	"strings"
)

// Network is what this computer's own setup says about how it reaches
// the internet: a VPN or proxy changes the IP and country a site sees.
type Network struct {
	VPNInterfaces []string `json:"vpn_interfaces"`
	Proxy         string   `json:"proxy"` // host:port only, never credentials
	// ProxyFrom says where the proxy is set: "environment" (RayFix's check
	// used it too) or "system settings" (the browser uses it; the check went
	// direct).
	ProxyFrom string `json:"proxy_from,omitempty"`
	WARP      bool   `json:"warp"` // from the trace: Cloudflare WARP is on
	Gateway   bool   `json:"gateway"`
}

// vpnNamePrefixes are interface names VPN and tunnel software creates on
// Linux and macOS (wg*, tun*, tap*, utun*, ppp*, ipsec*…).
var vpnNamePrefixes = []string{"wg", "tun", "tap", "ppp", "ipsec", "tailscale", "zt", "nordlynx", "proton", "mullvad", "gpd", "cscotun", "vpn", "warp", "cloudflarewarp", "utun"}

// vpnNameWords are adapter descriptions on Windows, where interfaces carry
// friendly names such as "ProtonVPN TUN" or "TAP-Windows Adapter V9".
var vpnNameWords = []string{"wireguard", "openvpn", "tap-windows", "wintun", "vpn", "cloudflare warp", "tailscale", "zerotier", "nordlynx", "mullvad", "anyconnect", "globalprotect", "pangp", "fortinet", "forticlient", "expressvpn", "surfshark"}

// LooksLikeVPN decides from an interface name alone.
func LooksLikeVPN(name string) bool {
	n := strings.ToLower(name)
	for _, w := range vpnNameWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	for _, p := range vpnNamePrefixes {
		if strings.HasPrefix(n, p) && (len(n) == len(p) || isDigitOrDash(n[len(p)])) {
			return true
		}
	}
	return false
}

// interfaceLabel is the name a person recognises: the interface name, with
// the adapter's description when the OS has one.
func interfaceLabel(name string, descs map[string]string) string {
	if d := descs[name]; d != "" && d != name {
		return name + " (" + d + ")"
	}
	return name
}

func isDigitOrDash(b byte) bool { return b >= '0' && b <= '9' || b == '-' || b == '_' }

// Inspect looks at network interfaces and proxy settings.
func Inspect() Network {
	ln := Network{VPNInterfaces: []string{}}
	ifs, _ := net.Interfaces()
	// On Windows interfaces have friendly names ("Ethernet 2"); the driver's
	// description ("TAP-Windows Adapter V9") is what says VPN.
	descs := adapterDescriptions()
	for _, in := range ifs {
		name := interfaceLabel(in.Name, descs)
		if in.Flags&net.FlagUp == 0 || in.Flags&net.FlagLoopback != 0 || !LooksLikeVPN(name) {
			continue
		}
		// macOS keeps several utun interfaces for system services; only one
		// with a routable address is a VPN in use.
		if strings.HasPrefix(in.Name, "utun") && !hasRoutableAddr(in) {
			continue
		}
		ln.VPNInterfaces = append(ln.VPNInterfaces, name)
	}
	if ln.Proxy = ProxyFromEnv(os.Getenv); ln.Proxy != "" {
		ln.ProxyFrom = "environment"
	} else if ln.Proxy = systemProxy(); ln.Proxy != "" {
		ln.ProxyFrom = "system settings"
	}
	return ln
}

func hasRoutableAddr(in net.Interface) bool {
	addrs, _ := in.Addrs()
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLinkLocalUnicast() && !ipn.IP.IsLoopback() {
			return true
		}
	}
	return false
}

// ProxyFromEnv names the proxy configured in the environment, as host:port:
// the user name and password some proxy URLs carry are never shown.
func ProxyFromEnv(getenv func(string) string) string {
	for _, k := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"} {
		v := strings.TrimSpace(getenv(k))
		if v == "" {
			continue
		}
		if !strings.Contains(v, "://") {
			v = "http://" + v
		}
		u, err := url.Parse(v)
		if err != nil || u.Host == "" {
			return "(set, unreadable)"
		}
		return u.Host
	}
	return ""
}
