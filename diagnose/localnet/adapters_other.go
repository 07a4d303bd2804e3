//go:build !windows

package localnet

// adapterDescriptions: elsewhere the interface name itself (wg0, utun3,
// tun0) says what it is.
func adapterDescriptions() map[string]string { return nil }
