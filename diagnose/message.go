package diagnose

import (
	"fmt"
	"strings"
	"time"

	"rayfix/diagnose/address"
	"rayfix/diagnose/places"
	"rayfix/diagnose/vendors"
)

// OwnerMessage is the polite, complete note a visitor sends to the site's
// owner: everything needed to find the request in the logs of whoever
// refused it — Cloudflare's Security Events (URL, UTC time, Ray ID, IP and
// country as Cloudflare saw them), or another vendor's logs with the
// reference its page printed.
func OwnerMessage(r Report, doing string) string {
	var b strings.Builder
	host, addr := hostOf(r.URL), address.Display(r.URL)
	if addr == "" {
		host, addr = "your site", "a page of your site"
	}
	fmt.Fprintf(&b, "Hello,\n\nI tried to open %s and %s%s. I believe this is a mistake and would be grateful if you could look into it.\n\n", addr, whatHappened(r.Verdict), byWhom(r))
	if doing = strings.TrimSpace(doing); doing != "" {
		fmt.Fprintf(&b, "What I was doing: %s\n\n", doing)
	}
	b.WriteString(whereToLook(r) + "\n")
	if r.URL != "" {
		fmt.Fprintf(&b, "- Address: %s\n", address.Display(r.URL))
	} else {
		b.WriteString("- Address: (please add the page's address here)\n")
	}
	b.WriteString(timeLine(r))
	if r.RayID != "" {
		fmt.Fprintf(&b, "- Ray ID: %s\n", r.RayID)
	}
	if r.ReferenceID != "" {
		fmt.Fprintf(&b, "- %s: %s\n", refName(r.Vendor), r.ReferenceID)
	}
	if r.BlockReason != "" {
		fmt.Fprintf(&b, "- Block reason the page gave: %s\n", r.BlockReason)
	}
	if r.ErrorCode != 0 {
		fmt.Fprintf(&b, "- Error: %d %s\n", r.ErrorCode, r.Reason)
	}
	ipLines(&b, r)
	if r.Local.WARP || len(r.Local.VPNInterfaces) > 0 {
		b.WriteString("- I was using a VPN/WARP at the time.\n")
	}
	fmt.Fprintf(&b, "\nThank you,\na visitor to %s\n", host)
	return b.String()
}

func whatHappened(v Verdict) string {
	switch v {
	case VerdictBlocked, VerdictDenied:
		return "was blocked"
	case VerdictRateLimited:
		return "was told I am being rate limited"
	case VerdictChallenge:
		return "could not get past the security check"
	case VerdictOriginError, VerdictDNSError:
		return "the site showed an error"
	}
	return "had trouble getting in"
}

// byWhom names who refused, as far as the page shows it.
func byWhom(r Report) string {
	switch {
	case r.Vendor == VendorCloudflare && r.ErrorCode != 0:
		return fmt.Sprintf(" (Cloudflare error %d)", r.ErrorCode)
	case r.Vendor == VendorCloudflare:
		return " by Cloudflare"
	case r.Vendor == VendorUnknown || r.Vendor == VendorNone:
		return ""
	}
	return " by " + VendorName(r.Vendor)
}

func whereToLook(r Report) string {
	switch r.Vendor {
	case VendorCloudflare:
		return "Details for finding the request in Cloudflare (Security → Events):"
	case VendorNone, VendorUnknown:
		return "Details for finding the request in your server's or firewall's logs:"
	}
	return "Details for finding the request in the logs or dashboard of " + VendorName(r.Vendor) + ":"
}

// timeLine is the time the page printed for a pasted page (Cloudflare
// prints UTC) — or says it is unknown rather than give the moment of
// pasting — and the moment of the request for a live check.
func timeLine(r Report) string {
	switch {
	case r.Pasted && !r.PageTime.IsZero():
		return fmt.Sprintf("- Time (UTC): %s (as the error page shows it)\n", r.PageTime.UTC().Format(time.DateTime))
	case r.Pasted && r.PageTimeText != "":
		return "- Time: " + r.PageTimeText + ", as the error page shows it (it does not say which time zone)\n"
	case r.Pasted:
		return "- Time: unknown — please add when it happened (the page does not show it)\n"
	}
	return fmt.Sprintf("- Time (UTC): %s\n", r.CheckedAt.UTC().Format(time.DateTime))
}

func refName(v Vendor) string {
	if vv := vendors.ByID(string(v)); vv != nil && vv.RefName != "" {
		return VendorName(v) + " " + vv.RefName
	}
	return "Reference on the page"
}

// ipLines give the address (and country, data centre) as the party that
// refused saw them: Cloudflare's view only for a Cloudflare page.
func ipLines(b *strings.Builder, r Report) {
	if r.Vendor != VendorCloudflare {
		if r.ClientIP != "" {
			fmt.Fprintf(b, "- My IP address as the page showed it: %s\n", r.ClientIP)
		}
		return
	}
	if r.ClientIP != "" {
		fmt.Fprintf(b, "- My IP address as Cloudflare saw it: %s\n", r.ClientIP)
	}
	switch {
	case r.Country != "" && r.TraceIP != "" && r.TraceIP != r.ClientIP:
		fmt.Fprintf(b, "- My address as Cloudflare sees it now: %s, in %s — not the address the page shows\n", r.TraceIP, places.CountryName(r.Country))
	case r.Country != "":
		fmt.Fprintf(b, "- My country as Cloudflare saw it: %s\n", places.CountryName(r.Country))
	}
	if r.Colo != "" {
		fmt.Fprintf(b, "- Cloudflare data centre: %s\n", coloLabel(r.Colo, r.ColoCity))
	}
}

func coloLabel(code, city string) string {
	if city == "" {
		city = places.ColoCity(code)
	}
	if city == "" {
		return code
	}
	return city + " (" + code + ")"
}
