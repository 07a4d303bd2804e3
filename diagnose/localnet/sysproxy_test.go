package localnet

import "testing"

func TestParseScutilProxy(t *testing.T) {
	const both = `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
  }
  HTTPEnable : 1
  HTTPPort : 3128
  HTTPProxy : 10.0.0.5
  HTTPSEnable : 1
  HTTPSPort : 8443
  HTTPSProxy : proxy.corp.example
  ProxyAutoConfigEnable : 0
}`
	cases := map[string]string{
		both: "proxy.corp.example:8443",
		"<dictionary> {\n  HTTPEnable : 1\n  HTTPPort : 3128\n  HTTPProxy : 10.0.0.5\n  HTTPSEnable : 0\n}":                                                                       "10.0.0.5:3128",
		"<dictionary> {\n  SOCKSEnable : 1\n  SOCKSPort : 1080\n  SOCKSProxy : ::1\n}":                                                                                            "[::1]:1080",
		"<dictionary> {\n  HTTPEnable : 0\n  HTTPProxy : 10.0.0.5\n  ProxyAutoConfigEnable : 1\n  ProxyAutoConfigURLString : https://wpad.corp.example/proxy.pac?token=s3cret\n}": "automatic (wpad.corp.example)",
		"<dictionary> {\n  ExceptionsList : <array> {\n  }\n  FTPPassive : 1\n  HTTPEnable : 0\n}":                                                                                "",
		"": "",
	}
	for in, want := range cases {
		if got := parseScutilProxy(in); got != want {
			t.Errorf("parseScutilProxy(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseWinProxy(t *testing.T) {
	cases := []struct {
		enable       uint64
		server, auto string
		want         string
	}{
		{1, "proxy.corp.example:8080", "", "proxy.corp.example:8080"},
		{1, "http=10.0.0.5:3128;https=10.0.0.6:8443;ftp=10.0.0.7:21", "", "10.0.0.6:8443"},
		{1, "ftp=10.0.0.7:21;socks=10.0.0.8:1080", "", "10.0.0.8:1080"},
		{0, "proxy.corp.example:8080", "", ""}, // switched off: the address stays, unused
		{0, "", "http://wpad/wpad.dat?user=me", "automatic (wpad)"},
		{0, "", "", ""},
	}
	for _, c := range cases {
		if got := parseWinProxy(c.enable, c.server, c.auto); got != c.want {
			t.Errorf("parseWinProxy(%d, %q, %q) = %q, want %q", c.enable, c.server, c.auto, got, c.want)
		}
	}
}

// Windows names adapters "Ethernet 2"; the description says TAP or WireGuard.
func TestInterfaceLabelFindsWindowsVPNs(t *testing.T) {
	descs := map[string]string{
		"Ethernet 2":               "TAP-Windows Adapter V9",
		"Local Area Connection* 3": "WireGuard Tunnel",
		"Wi-Fi":                    "Intel(R) Wi-Fi 6 AX201 160MHz",
	}
	for name, vpn := range map[string]bool{"Ethernet 2": true, "Local Area Connection* 3": true, "Wi-Fi": false, "wg0": true} {
		label := interfaceLabel(name, descs)
		if LooksLikeVPN(label) != vpn {
			t.Errorf("%q (label %q): VPN = %v, want %v", name, label, !vpn, vpn)
		}
	}
	if got := interfaceLabel("Ethernet 2", descs); got != "Ethernet 2 (TAP-Windows Adapter V9)" {
		t.Errorf("label = %q", got)
	}
}
