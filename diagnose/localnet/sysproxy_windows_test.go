//go:build windows

package localnet

import (
	"net"
	"testing"
)

// On Windows every interface net.Interfaces lists has an adapter entry
// (the same friendly name), so VPN descriptions are never missed.
func TestAdapterDescriptionsCoverInterfaces(t *testing.T) {
	descs := adapterDescriptions()
	ifs, err := net.Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ifs {
		if in.Flags&net.FlagLoopback != 0 {
			continue
		}
		if _, ok := descs[in.Name]; !ok {
			t.Errorf("no adapter description for %q", in.Name)
		}
	}
}
