package diagnose

import (
	"fmt"
	"strings"
	"time"
)

// OwnerMessage is the polite, complete note a visitor sends to the site's
// owner: everything needed to find the event in Cloudflare's Security Events
// (URL, UTC time, Ray ID, IP and country as Cloudflare saw them).
func OwnerMessage(r Report, doing string) string {
	var b strings.Builder
	host, addr := hostOf(r.URL), r.URL
	if addr == "" {
		host, addr = "your site", "a page of your site"
	}
	fmt.Fprintf(&b, "Hello,\n\nI tried to open %s and ", addr)
	switch r.Verdict {
	case VerdictBlocked, VerdictDenied:
		b.WriteString("was blocked")
	case VerdictRateLimited:
		b.WriteString("was told I am being rate limited")
	case VerdictChallenge:
		b.WriteString("could not get past the security check")
	case VerdictOriginError, VerdictDNSError:
		b.WriteString("the site showed an error")
	default:
		b.WriteString("had trouble getting in")
	}
	if r.ErrorCode != 0 {
		fmt.Fprintf(&b, " (Cloudflare error %d)", r.ErrorCode)
	}
	b.WriteString(". I believe this is a mistake and would be grateful if you could look into it.\n\n")
	if doing = strings.TrimSpace(doing); doing != "" {
		fmt.Fprintf(&b, "What I was doing: %s\n\n", doing)
	}
	b.WriteString("Details for finding the request in Cloudflare (Security → Events):\n")
	if r.URL != "" {
		fmt.Fprintf(&b, "- Address: %s\n", r.URL)
	} else {
		b.WriteString("- Address: (please add the page's address here)\n")
	}
	fmt.Fprintf(&b, "- Time (UTC): %s\n", r.CheckedAt.UTC().Format(time.DateTime))
	if r.RayID != "" {
		fmt.Fprintf(&b, "- Ray ID: %s\n", r.RayID)
	}
	if r.ErrorCode != 0 {
		fmt.Fprintf(&b, "- Error: %d %s\n", r.ErrorCode, r.Reason)
	}
	if r.ClientIP != "" {
		fmt.Fprintf(&b, "- My IP address as Cloudflare saw it: %s\n", r.ClientIP)
	}
	if r.Country != "" {
		fmt.Fprintf(&b, "- My country as Cloudflare saw it: %s\n", countryName(r.Country))
	}
	if r.Colo != "" {
		fmt.Fprintf(&b, "- Cloudflare data centre: %s\n", coloLabel(r.Colo, r.ColoCity))
	}
	if r.Local.WARP || len(r.Local.VPNInterfaces) > 0 {
		b.WriteString("- I was using a VPN/WARP at the time.\n")
	}
	fmt.Fprintf(&b, "\nThank you,\na visitor to %s\n", host)
	return b.String()
}

func coloLabel(code, city string) string {
	if city == "" {
		city = ColoCity(code)
	}
	if city == "" {
		return code
	}
	return city + " (" + code + ")"
}
