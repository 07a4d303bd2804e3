package diagnose

import (
	"fmt"
	"strings"
	"time"

	"rayfix/diagnose/address"
	"rayfix/diagnose/places"
)

// Text renders a report as readable sentences: the CLI's output and the
// "Copy full report" text.
func (r Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n", r.Headline, r.Explanation)
	r.textFacts(&b)
	r.textWhenWhere(&b)
	r.textRoute(&b)
	if len(r.Steps) > 0 {
		b.WriteString("\nWhat you can do:\n")
		for i, s := range r.Steps {
			fmt.Fprintf(&b, "%d. %s\n   %s\n", i+1, s.Title, s.Detail)
		}
	}
	if r.OwnerCanHelp() && r.OwnerMessage != "" && r.Verdict != VerdictOK {
		b.WriteString("\nA message for the site's owner (copy it, or use --json for it alone):\n")
		for _, l := range strings.Split(strings.TrimRight(r.OwnerMessage, "\n"), "\n") {
			b.WriteString("  " + l + "\n")
		}
	}
	if len(r.Evidence) > 0 {
		b.WriteString("\nHow RayFix knows:\n")
		for _, e := range r.Evidence {
			fmt.Fprintf(&b, "- %s\n", e)
		}
	}
	return b.String()
}

// textFacts: the address, what answered and what the page says.
func (r Report) textFacts(b *strings.Builder) {
	fmt.Fprintf(b, "Address:      %s\n", address.Display(r.URL))
	if r.FinalURL != "" && r.FinalURL != r.URL {
		fmt.Fprintf(b, "Ended up at:  %s\n", address.Display(r.FinalURL))
	}
	if r.Status > 0 {
		fmt.Fprintf(b, "HTTP status:  %d\n", r.Status)
	}
	fmt.Fprintf(b, "Verdict:      %s\n", r.Verdict)
	if r.Vendor != VendorNone {
		fmt.Fprintf(b, "Made by:      %s\n", VendorName(r.Vendor))
	} else if r.Cloudflare {
		b.WriteString("Made by:      the site's own server (through Cloudflare)\n")
	}
	if r.ErrorCode != 0 {
		fmt.Fprintf(b, "Error code:   %d — %s\n", r.ErrorCode, r.Reason)
	}
	if r.ReferenceID != "" {
		fmt.Fprintf(b, "Reference:    %s\n", r.ReferenceID)
	}
	if r.BlockReason != "" {
		fmt.Fprintf(b, "Reason given: %s\n", r.BlockReason)
	}
	if r.RayID != "" {
		fmt.Fprintf(b, "Ray ID:       %s\n", r.RayID)
	}
	if r.Colo != "" {
		fmt.Fprintf(b, "Data centre:  %s\n", coloLabel(r.Colo, r.ColoCity))
	}
}

// textWhenWhere: the time (the page's, for a pasted page) and the address
// and country as seen.
func (r Report) textWhenWhere(b *strings.Builder) {
	switch {
	case r.Pasted && r.PageTime.IsZero() && r.PageTimeText != "":
		fmt.Fprintf(b, "Time:         %s, as the page shows it (time zone not given)\n", r.PageTimeText)
	case r.Pasted && r.PageTime.IsZero():
		b.WriteString("Time:         unknown — the page does not show it\n")
	case r.Pasted:
		fmt.Fprintf(b, "Time:         %s (UTC), as the page shows it\n", r.PageTime.UTC().Format(time.DateTime))
	default:
		fmt.Fprintf(b, "Time:         %s (UTC) / %s (local)\n", r.CheckedAt.UTC().Format(time.DateTime), r.CheckedAt.Local().Format(time.DateTime))
	}
	if r.ClientIP != "" {
		fmt.Fprintf(b, "Your IP:      %s, as %s\n", r.ClientIP, map[bool]string{true: "the page shows it", false: "the site sees it"}[r.Pasted])
	}
	if r.Country != "" {
		fmt.Fprintf(b, "Your country: %s, as Cloudflare sees it\n", places.CountryName(r.Country))
	}
}

// textRoute: VPN, WARP and proxy found on this computer, and the time taken.
func (r Report) textRoute(b *strings.Builder) {
	if v := r.Local.VPNInterfaces; len(v) > 0 {
		fmt.Fprintf(b, "VPN:          active (%s)\n", strings.Join(v, ", "))
	}
	if r.Local.WARP {
		b.WriteString("WARP:         on\n")
	}
	if r.Local.Proxy != "" {
		from := ""
		if r.Local.ProxyFrom != "" {
			from = " (" + r.Local.ProxyFrom + ")"
		}
		fmt.Fprintf(b, "Proxy:        %s%s\n", r.Local.Proxy, from)
	}
	if r.ElapsedMS > 0 {
		fmt.Fprintf(b, "Checked in:   %.1f s\n", float64(r.ElapsedMS)/1000)
	}
}
