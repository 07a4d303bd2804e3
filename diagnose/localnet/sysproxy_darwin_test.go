//go:build darwin

package localnet

import (
	"os/exec"
	"testing"
)

// On a Mac, systemProxy agrees with what scutil itself prints.
func TestSystemProxyMatchesScutil(t *testing.T) {
	out, err := exec.Command("/usr/sbin/scutil", "--proxy").Output()
	if err != nil {
		t.Skipf("scutil: %v", err)
	}
	if got, want := systemProxy(), parseScutilProxy(string(out)); got != want {
		t.Fatalf("systemProxy() = %q, scutil says %q", got, want)
	}
}
