package diagnose

import (
	"strings"
	"time"

	"rayfix/internal/i18n"

	"rayfix/diagnose/places"
	"rayfix/diagnose/vendors"
)

// Verdict is the one-word answer to "what happened when I opened the page".
type Verdict string

// The verdicts, in the words the JSON output uses.
const (
	VerdictOK          Verdict = "ok"           // the site answered normally
	VerdictBlocked     Verdict = "blocked"      // Cloudflare denied access (1005–1012, 1020, 1106, WAF page…)
	VerdictRateLimited Verdict = "rate_limited" // 1015 or a 429
	VerdictChallenge   Verdict = "challenge"    // a "check you're human" page
	VerdictOriginError Verdict = "origin_error" // the site's own server (or Worker) failed: 52x, 530, 1101…
	VerdictDNSError    Verdict = "dns_error"    // the name does not resolve, or Cloudflare's 1000–1016 DNS family
	VerdictDenied      Verdict = "denied"       // refused, but not by Cloudflare: the origin or another vendor
	VerdictUnreachable Verdict = "unreachable"  // no answer: connect, TLS or timeout failure
)

// verdictWords are the verdicts in a word or two for a person.
var verdictWords = map[Verdict]string{
	VerdictOK:          i18n.N("working"),
	VerdictBlocked:     i18n.N("blocked"),
	VerdictRateLimited: i18n.N("rate limited"),
	VerdictChallenge:   i18n.N("human check"),
	VerdictOriginError: i18n.N("site down"),
	VerdictDNSError:    i18n.N("not found"),
	VerdictDenied:      i18n.N("refused"),
	VerdictUnreachable: i18n.N("unreachable"),
}

// Words is the verdict in a word or two for a person (English; send it
// through a translator): the JSON's "rate_limited" is "rate limited".
func (v Verdict) Words() string {
	if w, ok := verdictWords[v]; ok {
		return w
	}
	return verdictWords[VerdictUnreachable]
}

// Product is the Cloudflare feature that most likely produced a page.
type Product string

// Products, named as the owner would find them in the Cloudflare dashboard.
const (
	ProductNone             Product = ""
	ProductCustomRule       Product = "custom_rule"
	ProductIPAccessRule     Product = "ip_access_rule"
	ProductCountryBlock     Product = "country_block"
	ProductASNBlock         Product = "asn_block"
	ProductBrowserIntegrity Product = "browser_integrity_check"
	ProductHotlink          Product = "hotlink_protection"
	ProductRateLimiting     Product = "rate_limiting"
	ProductZoneLockdown     Product = "zone_lockdown"
	ProductManagedRules     Product = "managed_rules"
	ProductChallenge        Product = "challenge"
	ProductAccessDenied     Product = "access_denied"
	ProductPlanLimit        Product = "plan_limit"
	ProductDNS              Product = "dns"
	ProductOrigin           Product = "origin"
	ProductWorker           Product = "worker"
	ProductTunnel           Product = "tunnel"
	ProductDirectIP         Product = "direct_ip"       // 1003: the site was opened by IP address
	ProductClientMismatch   Product = "client_mismatch" // 1013: the secure connection named another site
)

// Vendor names the company whose edge produced a page.
type Vendor string

// Vendors we recognise. VendorNone means the site's own server (or unknown).
const (
	VendorNone       Vendor = ""
	VendorCloudflare Vendor = "cloudflare"
	VendorAkamai     Vendor = "akamai"
	VendorAWS        Vendor = "aws"
	VendorImperva    Vendor = "imperva"
	VendorSucuri     Vendor = "sucuri"
	VendorFastly     Vendor = "fastly"
	VendorDDoSGuard  Vendor = "ddos-guard"
	VendorVercel     Vendor = "vercel"
	// VendorUnknown: something refused the visitor, but RayFix does not
	// recognise whose system it is.
	VendorUnknown Vendor = "unknown"
)

// VendorName is the vendor as a person would write it (in English: send
// it through the reader's translator; a company's name comes back as is).
func VendorName(v Vendor) string {
	switch v {
	case VendorCloudflare:
		return "Cloudflare"
	case VendorUnknown:
		return i18n.N("a system RayFix does not recognise")
	case VendorNone:
		return i18n.N("the site's own server")
	}
	if vv := vendors.ByID(string(v)); vv != nil {
		return vv.Name
	}
	return i18n.N("a system RayFix does not recognise")
}

// Classification is what ClassifyPage found in one HTTP response.
type Classification struct {
	Verdict    Verdict  `json:"verdict"`
	Cloudflare bool     `json:"cloudflare"` // the response came through Cloudflare
	Vendor     Vendor   `json:"vendor"`     // who made the page
	Product    Product  `json:"product"`
	ErrorCode  int      `json:"error_code"`
	Reason     string   `json:"reason,omitempty"`  // Cloudflare's short name for the code
	Meaning    string   `json:"meaning,omitempty"` // what the code means, when its family's words do not fit
	RayID      string   `json:"ray_id"`
	Colo       string   `json:"colo"`
	ClientIP   string   `json:"client_ip"`
	Title      string   `json:"title,omitempty"`
	Evidence   []string `json:"evidence"`
	// ReferenceID is the reference a non-Cloudflare page prints for its
	// support: Akamai's "Reference #", Imperva's "Incident ID", F5's
	// "support ID", Sucuri's "Block ID".
	ReferenceID string `json:"reference_id,omitempty"`
	// PageTime is the moment the page itself prints (Cloudflare pages in
	// UTC; Akamai references carry it); zero when the page shows none.
	PageTime time.Time `json:"page_time,omitzero"`
	// PageTimeText is a time the page prints without saying its time zone
	// (Sucuri's "Time:"), kept as printed.
	PageTimeText string `json:"page_time_text,omitempty"`
	// BlockReason is the reason a page gives for the block ("Bad bot
	// access attempt."), in its own words.
	BlockReason string `json:"block_reason,omitempty"`
	// Said are the words of a refusal RayFix found on a page it does not
	// recognise, quoted to the visitor.
	Said []string `json:"said,omitempty"`
	// NotAnError: a pasted page with no sign of a refusal on it.
	NotAnError bool `json:"not_an_error,omitempty"`
	// notes are Evidence as sentences and values, so that Localize can
	// say them in another language (one per line of Evidence).
	notes []evidenceNote
}

// evidenceNote is one line of evidence: an English sentence (a Printf
// format, the key of its translations) and its values.
type evidenceNote struct {
	format string
	args   []any
}

func (c *Classification) note(format string, a ...any) {
	c.Evidence = append(c.Evidence, sprintf(format, a...))
	c.notes = append(c.notes, evidenceNote{format, a})
}

// sentence adds a line of evidence that is a whole sentence, without
// values (a vendor's sign, the kind of challenge): its own key.
func (c *Classification) sentence(s string) {
	c.Evidence = append(c.Evidence, s)
	c.notes = append(c.notes, evidenceNote{format: s})
}

// phrase is a value in a line of evidence that is itself words to
// translate ("the page heading", an error's name).
type phrase string

func (p phrase) String() string { return string(p) }

// country is a country code in a line of evidence, named in the reader's
// language.
type country string

func (c country) String() string { return places.CountryName(string(c)) }

// quotes is what a page said, quoted, in a line of evidence: “a”, “b”
// and “c”, the quotation marks and the "and" in the reader's language.
type quotes []string

func (q quotes) String() string { return q.in(i18n.English) }

func (q quotes) in(lang i18n.Tag) string {
	out := make([]string, len(q))
	for i, s := range q {
		out[i] = i18n.T(lang, "“{{text}}”", "text", s) // each language's quotation marks
	}
	if len(out) <= 1 {
		return strings.Join(out, "")
	}
	return i18n.T(lang, "{{list}} and {{last}}", "list", strings.Join(out[:len(out)-1], ", "), "last", out[len(out)-1])
}

// span is a span of time in a line of evidence, said in the reader's
// words ("3 seconds", "3 秒"), not as Go prints a duration ("3s").
type span time.Duration

func (d span) String() string { return d.in(i18n.English) }

func (d span) in(lang i18n.Tag) string {
	return spanIn(lang, int(time.Duration(d).Round(time.Second)/time.Second))
}

// valueIn is one value of a line of evidence in a language.
func valueIn(v any, lang i18n.Tag) any {
	switch x := v.(type) {
	case phrase:
		return i18n.T(lang, string(x))
	case country:
		return places.CountryIn(string(x), lang)
	case quotes:
		return x.in(lang)
	case span:
		return x.in(lang)
	}
	return v
}

// prependNote puts a line of evidence first.
func (c *Classification) prependNote(format string, a ...any) {
	c.Evidence = append([]string{sprintf(format, a...)}, c.Evidence...)
	c.notes = append([]evidenceNote{{format, a}}, c.notes...)
}

// localizeEvidence says the evidence in a language, when every line was
// noted (a line added otherwise stays as it was written).
func (c *Classification) localizeEvidence(lang i18n.Tag) {
	if len(c.notes) != len(c.Evidence) {
		return
	}
	out := make([]string, len(c.notes))
	for i, n := range c.notes {
		out[i] = i18n.T(lang, n.format)
		if len(n.args) > 0 {
			args := make([]any, len(n.args))
			for j, a := range n.args {
				args[j] = valueIn(a, lang)
			}
			out[i] = sprintf(out[i], args...)
		}
	}
	c.Evidence = out
}

// OwnerCanHelp says whether writing to the site's owner makes sense: not
// when this computer could not even look the site up, nor for a check
// that was cancelled.
func (r Report) OwnerCanHelp() bool {
	return r.FailureKind != "lookup" && r.FailureKind != "cancelled"
}
