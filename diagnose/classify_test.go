package diagnose

import (
	"net/http"
	"strings"
	"testing"
)

func TestClassifyPage(t *testing.T) {
	type want struct {
		verdict Verdict
		vendor  Vendor
		cf      bool
		product Product
		code    int
		ray     string
		ip      string
		colo    string
	}
	cases := []struct {
		name   string
		status int
		h      http.Header
		body   string
		want   want
	}{
		{"1020 legacy cf-wrapper", 403, cfHdr(), cfWrapper("1020", "Access denied", "203.0.113.1"),
			want{VerdictBlocked, VendorCloudflare, true, ProductCustomRule, 1020, ray, "203.0.113.1", "FRA"}},
		{"1020 modern", 403, cfHdr(), modern("1020", "Access denied", "203.0.113.2", false),
			want{VerdictBlocked, VendorCloudflare, true, ProductCustomRule, 1020, ray, "203.0.113.2", "FRA"}},
		{"1020 modern pasted", 0, nil, modern("1020", "Access denied", "203.0.113.2", false),
			want{VerdictBlocked, VendorCloudflare, true, ProductCustomRule, 1020, ray, "203.0.113.2", ""}},
		{"1020 2022 layout", 403, cfHdr(), layout2022,
			want{VerdictBlocked, VendorCloudflare, true, ProductCustomRule, 1020, ray, "", "FRA"}},
		{"1020 copied error details", 0, nil, copiedDetails,
			want{VerdictBlocked, VendorCloudflare, true, ProductCustomRule, 1020, ray, "203.0.113.9", "FRA"}},
		{"1020 plain text", 403, cfHdr("Content-Type", "text/plain; charset=UTF-8"), "error code: 1020",
			want{VerdictBlocked, VendorCloudflare, true, ProductCustomRule, 1020, ray, "", "FRA"}},
		{"1020 plain text pasted", 0, nil, "error code: 1020\n",
			want{VerdictBlocked, VendorCloudflare, true, ProductCustomRule, 1020, "", "", ""}},
		{"1015 rate limit", 429, cfHdr(), modern("1015", "You are being rate limited", "203.0.113.3", false),
			want{VerdictRateLimited, VendorCloudflare, true, ProductRateLimiting, 1015, ray, "203.0.113.3", "FRA"}},
		{"1015 plain", 429, cfHdr(), "error code: 1015",
			want{VerdictRateLimited, VendorCloudflare, true, ProductRateLimiting, 1015, ray, "", "FRA"}},
		{"1006 hidden ip", 403, cfHdr(), modern("1006", "Access denied", "2001:db8::5", true),
			want{VerdictBlocked, VendorCloudflare, true, ProductIPAccessRule, 1006, ray, "2001:db8::5", "FRA"}},
		{"1007", 403, cfHdr(), modern("1007", "Access denied", "203.0.113.4", false),
			want{VerdictBlocked, VendorCloudflare, true, ProductIPAccessRule, 1007, ray, "203.0.113.4", "FRA"}},
		{"1008", 403, cfHdr(), modern("1008", "Access denied", "203.0.113.4", false),
			want{VerdictBlocked, VendorCloudflare, true, ProductIPAccessRule, 1008, ray, "203.0.113.4", "FRA"}},
		{"1009 country", 403, cfHdr(), modern("1009", "Access denied", "203.0.113.5", false),
			want{VerdictBlocked, VendorCloudflare, true, ProductCountryBlock, 1009, ray, "203.0.113.5", "FRA"}},
		{"1005 asn", 403, cfHdr(), modern("1005", "Access denied", "203.0.113.6", false),
			want{VerdictBlocked, VendorCloudflare, true, ProductASNBlock, 1005, ray, "203.0.113.6", "FRA"}},
		{"1010 browser signature", 403, cfHdr(), "error code: 1010",
			want{VerdictBlocked, VendorCloudflare, true, ProductBrowserIntegrity, 1010, ray, "", "FRA"}},
		{"1011 hotlink", 403, cfHdr(), cfWrapper("1011", "Access denied", "203.0.113.1"),
			want{VerdictBlocked, VendorCloudflare, true, ProductHotlink, 1011, ray, "203.0.113.1", "FRA"}},
		{"1012", 403, cfHdr(), cfWrapper("1012", "Access denied", "203.0.113.1"),
			want{VerdictBlocked, VendorCloudflare, true, ProductAccessDenied, 1012, ray, "203.0.113.1", "FRA"}},
		{"1025", 403, cfHdr(), cfWrapper("1025", "Please check back later", "203.0.113.1"),
			want{VerdictBlocked, VendorCloudflare, true, ProductPlanLimit, 1025, ray, "203.0.113.1", "FRA"}},
		{"1106 lockdown", 403, cfHdr(), modern("1106", "Access denied", "203.0.113.1", false),
			want{VerdictBlocked, VendorCloudflare, true, ProductZoneLockdown, 1106, ray, "203.0.113.1", "FRA"}},
		{"WAF sorry blocked", 403, cfHdr(), wafBlock,
			want{VerdictBlocked, VendorCloudflare, true, ProductManagedRules, 0, ray, "198.51.100.4", "FRA"}},
		{"managed challenge 2025", 403, cfHdr("Cf-Mitigated", "challenge"), managed2025,
			want{VerdictChallenge, VendorCloudflare, true, ProductChallenge, 0, ray, "", "FRA"}},
		{"managed challenge pasted", 0, nil, managed2025,
			want{VerdictChallenge, VendorCloudflare, true, ProductChallenge, 0, ray, "", ""}},
		{"IUAM with 1020 string in its script", 503, cfHdr(), iuamTrap,
			want{VerdictChallenge, VendorCloudflare, true, ProductChallenge, 0, ray, "", "FRA"}},
		{"hCaptcha one more step", 403, cfHdr(), captcha,
			want{VerdictChallenge, VendorCloudflare, true, ProductChallenge, 0, ray, "203.0.113.7", "FRA"}},
		{"cf-mitigated header only", 403, cfHdr("Cf-Mitigated", "challenge"), "",
			want{VerdictChallenge, VendorCloudflare, true, ProductChallenge, 0, ray, "", "FRA"}},
		{"521 2020", 521, cfHdr(), fiveXX2020("521", "Web server is down"),
			want{VerdictOriginError, VendorCloudflare, true, ProductOrigin, 521, ray, "203.0.113.8", "FRA"}},
		{"520 pasted colo from city", 0, nil, fiveXX2020("520", "Web server is returning an unknown error"),
			want{VerdictOriginError, VendorCloudflare, true, ProductOrigin, 520, ray, "203.0.113.8", "ORD"}},
		{"522 2025", 522, cfHdr(), fiveXX2025,
			want{VerdictOriginError, VendorCloudflare, true, ProductOrigin, 522, ray, "", "FRA"}},
		{"1016 origin dns", 530, cfHdr(), modern("1016", "Origin DNS error", "203.0.113.1", false),
			want{VerdictDNSError, VendorCloudflare, true, ProductDNS, 1016, ray, "203.0.113.1", "FRA"}},
		{"1101 worker", 500, cfHdr(), cfWrapper("1101", "Worker threw exception", "203.0.113.1"),
			want{VerdictOriginError, VendorCloudflare, true, ProductWorker, 1101, ray, "203.0.113.1", "FRA"}},
		{"custom error page", 403, cfHdr(), customErrorPage,
			want{VerdictBlocked, VendorCloudflare, true, ProductCustomRule, 1020, ray, "203.0.113.10", "FRA"}},
		{"bot fight mode injection is not a block", 200, cfHdr(), botFightNormal,
			want{VerdictOK, VendorCloudflare, true, ProductNone, 0, ray, "", "FRA"}},
		{"429 through cloudflare without page", 429, cfHdr(), "slow down",
			want{VerdictRateLimited, VendorCloudflare, true, ProductRateLimiting, 0, ray, "", "FRA"}},
		{"origin nginx 403 through cloudflare", 403, cfHdr(), nginx403,
			want{VerdictDenied, VendorNone, true, ProductNone, 0, ray, "", "FRA"}},
		{"origin 500 through cloudflare", 500, cfHdr(), "<html><body>Internal error</body></html>",
			want{VerdictOriginError, VendorNone, true, ProductOrigin, 0, ray, "", "FRA"}},
		{"look-alike made by the site itself", 403, hdr("Server", "nginx/1.24"), modern("1020", "Access denied", "203.0.113.2", false),
			want{VerdictDenied, VendorNone, false, ProductNone, 0, "", "203.0.113.2", ""}},
		{"akamai", 403, hdr("Server", "AkamaiGHost"), akamaiPage, want{VerdictDenied, VendorAkamai, false, ProductNone, 0, "", "", ""}},
		{"akamai pasted", 0, nil, akamaiPage, want{VerdictDenied, VendorAkamai, false, ProductNone, 0, "", "", ""}},
		{"cloudfront", 403, hdr("Server", "CloudFront", "X-Amz-Cf-Id", "abc=="), cloudfrontPage, want{VerdictDenied, VendorAWS, false, ProductNone, 0, "", "", ""}},
		{"cloudfront pasted", 0, nil, cloudfrontPage, want{VerdictDenied, VendorAWS, false, ProductNone, 0, "", "", ""}},
		{"s3", 403, hdr("Server", "AmazonS3"), s3Page, want{VerdictDenied, VendorAWS, false, ProductNone, 0, "", "", ""}},
		{"aws waf header", 403, hdr("X-Amzn-Waf-Action", "block"), "Forbidden", want{VerdictDenied, VendorAWS, false, ProductNone, 0, "", "", ""}},
		{"imperva", 403, hdr("Set-Cookie", "visid_incap_123=abc; path=/"), incapsulaPage, want{VerdictDenied, VendorImperva, false, ProductNone, 0, "", "", ""}},
		{"imperva pasted", 0, nil, incapsulaPage, want{VerdictDenied, VendorImperva, false, ProductNone, 0, "", "", ""}},
		{"sucuri block", 403, hdr("Server", "Sucuri/Cloudproxy", "X-Sucuri-Id", "12006"), sucuriBlock, want{VerdictDenied, VendorSucuri, false, ProductNone, 0, "", "203.0.113.11", ""}},
		{"sucuri js", 200, hdr("Server", "Sucuri/Cloudproxy"), sucuriJS, want{VerdictChallenge, VendorSucuri, false, ProductNone, 0, "", "", ""}},
		{"fastly", 500, hdr("X-Served-By", "cache-nrt-rjtt7900029-NRT"), fastlyPage, want{VerdictOriginError, VendorFastly, false, ProductNone, 0, "", "", ""}},
		{"fastly pasted", 0, nil, fastlyPage, want{VerdictDenied, VendorFastly, false, ProductNone, 0, "", "", ""}},
		{"ddos-guard", 403, hdr("Server", "ddos-guard"), ddosGuard, want{VerdictChallenge, VendorDDoSGuard, false, ProductNone, 0, "", "", ""}},
		{"ddos-guard block", 403, hdr("Set-Cookie", "__ddg1_=abc; path=/"), "<html><body>Forbidden</body></html>", want{VerdictDenied, VendorDDoSGuard, false, ProductNone, 0, "", "", ""}},
		{"vercel checkpoint", 429, hdr("X-Vercel-Mitigated", "challenge", "Server", "Vercel"), vercelCheckpoint, want{VerdictChallenge, VendorVercel, false, ProductNone, 0, "", "", ""}},
		{"haproxy 403", 403, nil, haproxy403, want{VerdictDenied, VendorNone, false, ProductNone, 0, "", "", ""}},
		{"haproxy pasted", 0, nil, haproxy403, want{VerdictDenied, VendorNone, false, ProductNone, 0, "", "", ""}},
		{"plain ok", 200, hdr("Server", "nginx"), "<html><head><title>Home</title></head><body>Hello</body></html>", want{VerdictOK, VendorNone, false, ProductNone, 0, "", "", ""}},
		{"origin 503 not on cloudflare", 503, hdr("Server", "Apache"), "<h1>Service Unavailable</h1>", want{VerdictOriginError, VendorNone, false, ProductNone, 0, "", "", ""}},
		{"origin 429 not on cloudflare", 429, nil, "Too many", want{VerdictRateLimited, VendorNone, false, ProductNone, 0, "", "", ""}},
		{"help article about error 1020 is not a block", 200, cfHdr(), "<html><head><title>How to fix Error 1020</title></head><body><h1>Error 1020 Access denied</h1><p>Sorry, you have been blocked? Here is why.</p><script>var x={errorCode: 1020}</script></body></html>",
			want{VerdictOK, VendorCloudflare, true, ProductNone, 0, ray, "", "FRA"}},
		{"script errorCode outside the feedback call is ignored", 403, cfHdr(), "<html><body>Forbidden<script>report({errorCode: 1020})</script></body></html>",
			want{VerdictDenied, VendorNone, true, ProductNone, 0, ray, "", "FRA"}},
		{"empty pasted", 0, nil, "", want{VerdictOK, VendorNone, false, ProductNone, 0, "", "", ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := ClassifyPage(tc.status, tc.h, []byte(tc.body))
			w := tc.want
			if got.Verdict != w.verdict || got.Vendor != w.vendor || got.Cloudflare != w.cf || got.Product != w.product ||
				got.ErrorCode != w.code || got.RayID != w.ray || got.ClientIP != w.ip || got.Colo != w.colo {
				t.Errorf("got verdict=%s vendor=%q cf=%v product=%q code=%d ray=%q ip=%q colo=%q\nwant %+v\nevidence: %s",
					got.Verdict, got.Vendor, got.Cloudflare, got.Product, got.ErrorCode, got.RayID, got.ClientIP, got.Colo, w,
					strings.Join(got.Evidence, " | "))
			}
			if len(got.Evidence) == 0 {
				t.Error("no evidence given")
			}
		})
	}
}

func TestRayMismatchPrefersHeader(t *testing.T) {
	other := "0123456789abcdef"
	got := ClassifyPage(403, hdr("Server", "cloudflare", "Cf-Ray", other+"-AMS"), []byte(modern("1020", "Access denied", "203.0.113.2", false)))
	if got.RayID != other {
		t.Fatalf("ray = %q, want the header's %q", got.RayID, other)
	}
	if !strings.Contains(strings.Join(got.Evidence, " "), "differs") {
		t.Errorf("mismatch not explained: %v", got.Evidence)
	}
}

func TestNonUTF8Page(t *testing.T) {
	page := []byte(strings.Replace(cfWrapper("1020", "Acc\xe8s refus\xe9", "203.0.113.1"), "<html>", "<html>\xff\xfe\x80", 1))
	got := ClassifyPage(403, cfHdr(), page)
	if got.Verdict != VerdictBlocked || got.ErrorCode != 1020 {
		t.Fatalf("non-UTF-8 page: verdict %s code %d", got.Verdict, got.ErrorCode)
	}
}

func TestReportFromPageNamesSite(t *testing.T) {
	rep := ReportFromPage([]byte(layout2022), testNow)
	if rep.URL != "https://shop.example/" {
		t.Errorf("site from page = %q", rep.URL)
	}
	if !strings.Contains(rep.Headline, "1020") || !strings.Contains(rep.OwnerMessage, ray) {
		t.Errorf("headline %q / message lacks ray:\n%s", rep.Headline, rep.OwnerMessage)
	}
}
