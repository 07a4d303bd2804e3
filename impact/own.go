package impact

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/netip"
	"strings"
)

// OwnAddress asks the owner's own site, through Cloudflare, which address
// this computer has (/cdn-cgi/trace's ip= line): a preview can then warn
// that a change would stop the owner's own requests. It is the one way to
// know it; when the site does not answer, the owner's address is simply
// not named.
func OwnAddress(ctx context.Context, client *http.Client, host string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://"+host+"/cdn-cgi/trace", nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(io.LimitReader(resp.Body, 16<<10))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "ip="); ok {
			if a, err := netip.ParseAddr(strings.TrimSpace(v)); err == nil {
				return a.String(), nil
			}
		}
	}
	return "", errors.New("the site's trace names no address")
}

// WithOwn is the traffic with the owner's own address known, so that
// requests from it are named among the wanted ones. The traffic is shared
// (Recent keeps it), so this is a copy.
func (t *Traffic) WithOwn(ip string) *Traffic {
	if ip == "" {
		return t
	}
	cp := *t
	cp.Own = ip
	return &cp
}
