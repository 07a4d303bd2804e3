package cfedge

import "net/netip"

// cloudflareRanges are Cloudflare's published edge address ranges.
//
// Source: https://www.cloudflare.com/ips-v4 and https://www.cloudflare.com/ips-v6
// (the same lists as GET https://api.cloudflare.com/client/v4/ips), as of
// 2026-11-28. They have been stable for years; update this one file when
// Cloudflare announces a change.
var cloudflareRanges = mustPrefixes(
	// IPv4
	"173.245.48.0/20", "103.21.244.0/22", "103.22.200.0/22", "103.31.4.0/22",
	"141.101.64.0/18", "108.162.192.0/18", "190.93.240.0/20", "188.114.96.0/20",
	"197.234.240.0/22", "198.41.128.0/17", "162.158.0.0/15", "104.16.0.0/13",
	"104.24.0.0/14", "172.64.0.0/13", "131.0.72.0/22",
	// IPv6
	"2400:cb00::/32", "2606:4700::/32", "2803:f800::/32", "2405:b500::/32",
	"2405:8100::/32", "2a06:98c0::/29", "2c0f:f248::/32",
)

func mustPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// IsCloudflareIP reports whether addr is one of Cloudflare's edge addresses.
func IsCloudflareIP(addr string) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range cloudflareRanges {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
