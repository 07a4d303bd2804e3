//go:build darwin

package localnet

import (
	"context"
	"os/exec"
	"time"
)

// systemProxy asks macOS for the proxy its network settings configure
// (System Settings → Network → Details → Proxies).
func systemProxy() string {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "/usr/sbin/scutil", "--proxy").Output()
	if err != nil {
		return ""
	}
	return parseScutilProxy(string(out))
}
