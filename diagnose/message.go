package diagnose

import (
	"strings"
	"time"

	"rayfix/diagnose/address"
	"rayfix/diagnose/places"
	"rayfix/diagnose/vendors"
	"rayfix/internal/i18n"
)

// OwnerMessage is the polite, complete note a visitor sends to the site's
// owner: everything needed to find the request in the logs of whoever
// refused it — Cloudflare's Security Events (URL, UTC time, Ray ID, IP and
// country as Cloudflare saw them), or another vendor's logs with the
// reference its page printed. It is written in English, which most owners
// read; OwnerMessageIn writes it in another language.
func OwnerMessage(r Report, doing string) string { return OwnerMessageIn(r, doing, i18n.English) }

// OwnerMessageIn is OwnerMessage in a language (the owner's, from the
// site's security.txt Preferred-Languages, or the visitor's own to read
// what they send).
func OwnerMessageIn(r Report, doing string, lang i18n.Tag) string {
	t := func(en string, args ...any) string { return i18n.T(lang, en, args...) }
	var b strings.Builder
	host, addr := hostOf(r.URL), address.Display(r.URL)
	if addr == "" {
		host, addr = t("your site"), t("a page of your site")
	}
	b.WriteString(t("Hello,") + "\n\n")
	b.WriteString(t("I tried to open {{address}} and {{what}}{{by}}. I believe this is a mistake and would be grateful if you could look into it.",
		"address", addr, "what", t(whatHappened(r.Verdict)), "by", byWhom(r, t)) + "\n\n")
	if doing = strings.TrimSpace(doing); doing != "" {
		b.WriteString(t("What I was doing: {{doing}}", "doing", doing) + "\n\n")
	}
	b.WriteString(whereToLook(r, t) + "\n")
	if r.URL != "" {
		b.WriteString(t("- Address: {{address}}", "address", address.Display(r.URL)) + "\n")
	} else {
		b.WriteString(t("- Address: (please add the page's address here)") + "\n")
	}
	b.WriteString(timeLine(r, t) + "\n")
	if r.RayID != "" {
		b.WriteString(t("- Ray ID: {{ray}}", "ray", r.RayID) + "\n")
	}
	if r.ReferenceID != "" {
		b.WriteString(t("- {{name}}: {{ref}}", "name", refName(r.Vendor, t), "ref", r.ReferenceID) + "\n")
	}
	if r.BlockReason != "" {
		b.WriteString(t("- Block reason the page gave: {{reason}}", "reason", r.BlockReason) + "\n")
	}
	if r.ErrorCode != 0 {
		b.WriteString(t("- Error: {{code}} {{reason}}", "code", r.ErrorCode, "reason", t(r.Reason)) + "\n")
	}
	ipLines(&b, r, t, lang)
	if r.Local.WARP || len(r.Local.VPNInterfaces) > 0 {
		b.WriteString(t("- I was using a VPN/WARP at the time.") + "\n")
	}
	b.WriteString("\n" + t("Thank you,") + "\n" + t("a visitor to {{host}}", "host", host) + "\n")
	return b.String()
}

type translate func(en string, args ...any) string

func whatHappened(v Verdict) string {
	switch v {
	case VerdictBlocked, VerdictDenied:
		return i18n.N("was blocked")
	case VerdictRateLimited:
		return i18n.N("was told I am being rate limited")
	case VerdictChallenge:
		return i18n.N("could not get past the security check")
	case VerdictOriginError, VerdictDNSError:
		return i18n.N("the site showed an error")
	}
	return i18n.N("had trouble getting in")
}

// byWhom names who refused, as far as the page shows it.
func byWhom(r Report, t translate) string {
	switch {
	case r.Vendor == VendorCloudflare && r.ErrorCode != 0:
		return t(" (Cloudflare error {{code}})", "code", r.ErrorCode)
	case r.Vendor == VendorCloudflare:
		return t(" by Cloudflare")
	case r.Vendor == VendorUnknown || r.Vendor == VendorNone:
		return ""
	}
	return t(" by {{vendor}}", "vendor", t(VendorName(r.Vendor)))
}

func whereToLook(r Report, t translate) string {
	switch r.Vendor {
	case VendorCloudflare:
		return t("Details for finding the request in Cloudflare (Security → Events):")
	case VendorNone, VendorUnknown:
		return t("Details for finding the request in your server's or firewall's logs:")
	}
	return t("Details for finding the request in the logs or dashboard of {{vendor}}:", "vendor", t(VendorName(r.Vendor)))
}

// timeLine is the time the page printed for a pasted page (Cloudflare
// prints UTC) — or says it is unknown rather than give the moment of
// pasting — and the moment of the request for a live check.
func timeLine(r Report, t translate) string {
	switch {
	case r.Pasted && !r.PageTime.IsZero():
		return t("- Time (UTC): {{time}} (as the error page shows it)", "time", r.PageTime.UTC().Format(time.DateTime))
	case r.Pasted && r.PageTimeText != "":
		return t("- Time: {{time}}, as the error page shows it (it does not say which time zone)", "time", r.PageTimeText)
	case r.Pasted:
		return t("- Time: unknown — please add when it happened (the page does not show it)")
	}
	return t("- Time (UTC): {{time}}", "time", r.CheckedAt.UTC().Format(time.DateTime))
}

func refName(v Vendor, t translate) string {
	if vv := vendors.ByID(string(v)); vv != nil && vv.RefName != "" {
		return VendorName(v) + " " + vv.RefName
	}
	return t("Reference on the page")
}

// ipLines give the address (and country, data centre) as the party that
// refused saw them: Cloudflare's view only for a Cloudflare page.
func ipLines(b *strings.Builder, r Report, t translate, lang i18n.Tag) {
	if r.Vendor != VendorCloudflare {
		if r.ClientIP != "" {
			b.WriteString(t("- My IP address as the page showed it: {{ip}}", "ip", r.ClientIP) + "\n")
		}
		return
	}
	if r.ClientIP != "" {
		b.WriteString(t("- My IP address as Cloudflare saw it: {{ip}}", "ip", r.ClientIP) + "\n")
	}
	switch {
	case r.Country != "" && r.TraceIP != "" && r.TraceIP != r.ClientIP:
		b.WriteString(t("- My address as Cloudflare sees it now: {{ip}}, in {{country}} — not the address the page shows", "ip", r.TraceIP, "country", places.CountryIn(r.Country, lang)) + "\n")
	case r.Country != "":
		b.WriteString(t("- My country as Cloudflare saw it: {{country}}", "country", places.CountryIn(r.Country, lang)) + "\n")
	}
	if r.Colo != "" {
		b.WriteString(t("- Cloudflare data centre: {{colo}}", "colo", coloLabel(r.Colo, r.ColoCity)) + "\n")
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
