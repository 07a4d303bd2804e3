package diagnose

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/width"

	"rayfix/diagnose/address"
	"rayfix/diagnose/places"
	"rayfix/internal/i18n"
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
		b.WriteString("\n" + r.tr("What you can do:") + "\n")
		for i, s := range r.Steps {
			fmt.Fprintf(&b, "%d. %s\n   %s\n", i+1, s.Title, s.Detail)
		}
	}
	if r.OwnerCanHelp() && r.OwnerMessage != "" && r.Verdict != VerdictOK {
		b.WriteString("\n" + r.tr("A message for the site's owner (copy it, or use --json for it alone):") + "\n")
		for _, l := range strings.Split(strings.TrimRight(r.OwnerMessage, "\n"), "\n") {
			b.WriteString("  " + l + "\n")
		}
	}
	if len(r.Evidence) > 0 {
		b.WriteString("\n" + r.tr("How RayFix knows:") + "\n")
		for _, e := range r.Evidence {
			fmt.Fprintf(&b, "- %s\n", e)
		}
	}
	return b.String()
}

// row writes one "Label:  value" line, the label in the report's
// language and the values lined up — in a terminal's columns, where a
// Chinese or Japanese character takes two.
func (r Report) row(b *strings.Builder, label, value string) {
	l := r.tr(label) + ":"
	pad := 14 - columns(l)
	if pad < 1 {
		pad = 1
	}
	b.WriteString(l + strings.Repeat(" ", pad) + value + "\n")
}

// textFacts: the address, what answered and what the page says.
func (r Report) textFacts(b *strings.Builder) {
	if r.URL != "" {
		r.row(b, "Address", address.Display(r.URL))
	} else {
		r.row(b, "Address", r.tr("unknown — the page does not name the site"))
	}
	if r.FinalURL != "" && r.FinalURL != r.URL {
		r.row(b, "Ended up at", address.Display(r.FinalURL))
	}
	if r.Status > 0 {
		r.row(b, "HTTP status", fmt.Sprint(r.Status))
	}
	r.row(b, "Verdict", r.tr(r.Verdict.Words()))
	if r.Vendor != VendorNone {
		r.row(b, "Made by", r.tr(VendorName(r.Vendor)))
	} else if r.Cloudflare {
		r.row(b, "Made by", r.tr("the site's own server (through Cloudflare)"))
	}
	if r.ErrorCode != 0 {
		r.row(b, "Error code", fmt.Sprintf("%d — %s", r.ErrorCode, r.tr(r.Reason)))
	}
	if r.ReferenceID != "" {
		r.row(b, "Reference", r.ReferenceID)
	}
	if r.BlockReason != "" {
		r.row(b, "Reason given", r.BlockReason)
	}
	if r.RayID != "" {
		r.row(b, "Ray ID", r.RayID)
	}
	if r.Colo != "" {
		r.row(b, "Data centre", coloLabel(r.Colo, r.ColoCity))
	}
	if r.FailureDetail != "" {
		r.row(b, "Technical detail", r.FailureDetail)
	}
}

// textWhenWhere: the time (the page's, for a pasted page) and the address
// and country as seen.
func (r Report) textWhenWhere(b *strings.Builder) {
	switch {
	case r.Pasted && r.PageTime.IsZero() && r.PageTimeText != "":
		r.row(b, "Time", r.tr("{{time}}, as the page shows it (time zone not given)", "time", r.PageTimeText))
	case r.Pasted && r.PageTime.IsZero():
		r.row(b, "Time", r.tr("unknown — the page does not show it"))
	case r.Pasted:
		r.row(b, "Time", r.tr("{{time}} (UTC), as the page shows it", "time", r.PageTime.UTC().Format(time.DateTime)))
	default:
		r.row(b, "Time", r.tr("{{utc}} (UTC) / {{local}} (local)", "utc", r.CheckedAt.UTC().Format(time.DateTime), "local", i18n.DateTime(i18n.Tag(r.Language), r.CheckedAt.Local())))
	}
	if r.ClientIP != "" {
		seen := r.tr("{{ip}}, as the site sees it", "ip", r.ClientIP)
		if r.Pasted {
			seen = r.tr("{{ip}}, as the page shows it", "ip", r.ClientIP)
		}
		r.row(b, "Your IP", seen)
	}
	if r.Country != "" {
		r.row(b, "Your country", r.tr("{{country}}, as Cloudflare sees it", "country", places.CountryIn(r.Country, i18n.Tag(r.Language))))
	}
}

// textRoute: VPN, WARP and proxy found on this computer, and the time taken.
func (r Report) textRoute(b *strings.Builder) {
	if v := r.Local.VPNInterfaces; len(v) > 0 {
		r.row(b, "VPN", r.tr("active ({{interfaces}})", "interfaces", strings.Join(v, ", ")))
	}
	if r.Local.WARP {
		r.row(b, "WARP", r.tr("on"))
	}
	if r.Local.Proxy != "" {
		from := ""
		if r.Local.ProxyFrom != "" {
			from = " (" + r.Local.ProxyFrom + ")"
		}
		r.row(b, "Proxy", r.Local.Proxy+from)
	}
	if r.ElapsedMS > 0 {
		r.row(b, "Checked in", r.tr("{{seconds}} s", "seconds", i18n.Decimal(i18n.Tag(r.Language), float64(r.ElapsedMS)/1000, 1)))
	}
}

// columns is how many terminal columns a text takes: two for East Asian
// wide and full-width characters, one for the rest.
func columns(s string) int {
	n := 0
	for _, c := range s {
		switch width.LookupRune(c).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
