//go:build windows

package localnet

import "golang.org/x/sys/windows/registry"

// systemProxy reads the proxy Windows' Internet Settings configure (the
// one browsers use): Settings → Network & internet → Proxy.
func systemProxy() string {
	k, err := registry.OpenKey(registry.CURRENT_USER, `Software\Microsoft\Windows\CurrentVersion\Internet Settings`, registry.QUERY_VALUE)
	if err != nil {
		return ""
	}
	defer k.Close()
	enable, _, _ := k.GetIntegerValue("ProxyEnable")
	server, _, _ := k.GetStringValue("ProxyServer")
	auto, _, _ := k.GetStringValue("AutoConfigURL")
	return parseWinProxy(enable, server, auto)
}
