package diagnose

import (
	"net/http"
	"regexp"
	"testing"
	"time"
)

var hexRay = regexp.MustCompile(`^[0-9a-f]{15,16}$`)

func FuzzClassifyPage(f *testing.F) {
	for _, s := range []string{layout2022, wafBlock, managed2025, iuamTrap, "error code: 1020", akamaiPage, fastlyPage, nginx403,
		cfWrapper("1020", "x", "1.2.3.4"), fiveXX2025, "<html><script>cf-error-code\">1020</span>", "\xff\xfe<\x00"} {
		f.Add(403, s, true)
	}
	f.Fuzz(func(t *testing.T, status int, body string, viaCF bool) {
		var h http.Header
		if viaCF {
			h = cfHdr()
		}
		start := time.Now()
		c := ClassifyPage(status, h, []byte(body))
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Fatalf("classifying %d bytes took %s", len(body), d)
		}
		switch c.Verdict {
		case VerdictOK, VerdictBlocked, VerdictRateLimited, VerdictChallenge, VerdictOriginError, VerdictDNSError, VerdictDenied:
		default:
			t.Fatalf("verdict %q", c.Verdict)
		}
		if c.RayID != "" && !hexRay.MatchString(c.RayID) {
			t.Fatalf("ray %q", c.RayID)
		}
		if c.ErrorCode != 0 && (c.ErrorCode < 500 || c.ErrorCode >= 1300) {
			t.Fatalf("code %d", c.ErrorCode)
		}
		if c.Vendor == VendorCloudflare && !c.Cloudflare {
			t.Fatal("vendor cloudflare but not through cloudflare")
		}
		if len(c.Evidence) == 0 {
			t.Fatal("no evidence")
		}
		// A code is never taken from inside a script alone when the page
		// is a challenge.
		if c.Verdict == VerdictChallenge && c.ErrorCode != 0 {
			t.Fatalf("challenge with code %d", c.ErrorCode)
		}
	})
}
