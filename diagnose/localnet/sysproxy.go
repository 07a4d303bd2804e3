package localnet

import (
	"bufio"
	"net"
	"net/url"
	"strings"
)

// Browsers on macOS and Windows take their proxy from the system settings,
// not from HTTPS_PROXY: a proxy set there changes the address a site sees
// in the browser, while RayFix's own check (which follows the environment)
// goes direct. The readers are per OS (sysproxy_darwin.go,
// sysproxy_windows.go); the parsers are here so every OS's tests run them.

// parseScutilProxy reads the output of macOS's `scutil --proxy` and names
// the proxy in use as host:port (HTTPS first, then HTTP, then SOCKS), or
// "automatic (host)" for a proxy auto-configuration script alone.
func parseScutilProxy(out string) string {
	kv := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), " : ")
		if ok {
			kv[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	for _, p := range []string{"HTTPS", "HTTP", "SOCKS"} {
		if kv[p+"Enable"] == "1" && kv[p+"Proxy"] != "" {
			return hostPort(kv[p+"Proxy"], kv[p+"Port"])
		}
	}
	if kv["ProxyAutoConfigEnable"] == "1" {
		return automatic(kv["ProxyAutoConfigURLString"])
	}
	return ""
}

// parseWinProxy reads Windows' Internet Settings: ProxyEnable, ProxyServer
// ("host:port", or "http=host:port;https=host:port;socks=host:port") and
// AutoConfigURL.
func parseWinProxy(enable uint64, server, autoConfig string) string {
	if enable != 0 && strings.TrimSpace(server) != "" {
		if !strings.Contains(server, "=") {
			return strings.TrimSpace(server)
		}
		byScheme := map[string]string{}
		for _, part := range strings.Split(server, ";") {
			if k, v, ok := strings.Cut(part, "="); ok {
				byScheme[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
			}
		}
		for _, s := range []string{"https", "http", "socks"} {
			if v := byScheme[s]; v != "" {
				return v
			}
		}
	}
	if strings.TrimSpace(autoConfig) != "" {
		return automatic(autoConfig)
	}
	return ""
}

func hostPort(host, port string) string {
	if port == "" || port == "0" {
		return host
	}
	return net.JoinHostPort(host, port)
}

// automatic names a proxy auto-configuration script by its host only: the
// rest of its address may carry a token.
func automatic(script string) string {
	if u, err := url.Parse(strings.TrimSpace(script)); err == nil && u.Host != "" {
		return "automatic (" + u.Host + ")"
	}
	return "automatic"
}
