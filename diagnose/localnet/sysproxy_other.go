//go:build !darwin && !windows

package localnet

// systemProxy: Linux desktops keep their proxy setting in the environment
// too (GNOME and KDE export it to sessions), which ProxyFromEnv reads.
func systemProxy() string { return "" }
