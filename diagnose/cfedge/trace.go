// Package cfedge is what Cloudflare's edge publishes: the address ranges
// it answers from, and its /cdn-cgi/trace — how it sees the visitor.
package cfedge

import (
	"bufio"
	"bytes"
	"strings"
)

// ParseTrace reads the key=value lines of Cloudflare's /cdn-cgi/trace
// (fl, h, ip, ts, visit_scheme, uag, colo, sliver, http, loc, tls, sni, warp,
// gateway, rbi, kex). It returns nil when the body is not a trace, which is
// what a site not on Cloudflare answers with (usually a 404 page).
func ParseTrace(body []byte) map[string]string {
	if len(body) > 16<<10 {
		return nil
	}
	out := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || k == "" || strings.ContainsAny(k, " <>\"") {
			return nil
		}
		out[k] = v
	}
	// Every trace has these; a random key=value file does not.
	if out["colo"] == "" || (out["ip"] == "" && out["fl"] == "") {
		return nil
	}
	return out
}

// TraceOn reports whether a trace flag such as warp or gateway is on. WARP
// reports "on" or "plus"; "off" otherwise.
func TraceOn(tr map[string]string, key string) bool {
	v := strings.ToLower(tr[key])
	return v != "" && v != "off"
}
