package diagnose

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corpusDir is the shared folder of real captured pages. It is not part of
// the project (third-party content); CI has it beside the checkout.
const corpusDir = "../../shared/corpus"

type corpusCase struct {
	name     string
	body     []byte
	status   int
	headers  map[string]string
	vendor   string
	kind     string
	code     *int
	rayID    *string
	clientIP *string
}

func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	metas, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if len(metas) == 0 {
		t.Skipf("no corpus at %s (it sits beside the project in CI); skipping the real-page score", corpusDir)
	}
	var out []corpusCase
	for _, m := range metas {
		raw, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		var meta struct {
			Expected struct {
				Vendor   string  `json:"vendor"`
				Kind     string  `json:"kind"`
				CfCode   *int    `json:"cf_code"`
				RayID    *string `json:"ray_id"`
				ClientIP *string `json:"client_ip"`
			} `json:"expected"`
			Status  *int              `json:"status"`
			Headers map[string]string `json:"headers"`
		}
		if err := json.Unmarshal(raw, &meta); err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		base := strings.TrimSuffix(m, ".json")
		body, err := os.ReadFile(base + ".html")
		if err != nil {
			body, err = os.ReadFile(base + ".txt")
		}
		if err != nil {
			t.Fatalf("%s: no page beside it", m)
		}
		cc := corpusCase{name: filepath.Base(base), body: body, headers: meta.Headers,
			vendor: meta.Expected.Vendor, kind: meta.Expected.Kind, code: meta.Expected.CfCode,
			rayID: meta.Expected.RayID, clientIP: meta.Expected.ClientIP}
		if meta.Status != nil {
			cc.status = *meta.Status
		}
		out = append(out, cc)
	}
	return out
}

// corpusMismatch says what ClassifyPage got wrong about a page, or "".
func corpusMismatch(cc corpusCase, got Classification) string {
	var bad []string
	wantVendor := cc.vendor
	if wantVendor == "nginx" || wantVendor == "haproxy" || wantVendor == "origin" {
		wantVendor = ""
	}
	if string(got.Vendor) != wantVendor {
		bad = append(bad, fmt.Sprintf("vendor %q, want %q", got.Vendor, wantVendor))
	}
	if (cc.vendor == "cloudflare") != got.Cloudflare && got.Vendor != VendorNone {
		bad = append(bad, fmt.Sprintf("cloudflare=%v", got.Cloudflare))
	}
	okVerdict := map[string][]Verdict{
		"block":        {VerdictBlocked},
		"rate_limit":   {VerdictRateLimited},
		"challenge":    {VerdictChallenge},
		"origin_error": {VerdictOriginError},
		"dns_error":    {VerdictDNSError},
		"other":        {VerdictDenied, VerdictOriginError},
	}[cc.kind]
	if cc.vendor != "cloudflare" && cc.kind == "block" {
		okVerdict = []Verdict{VerdictDenied}
	}
	found := false
	for _, v := range okVerdict {
		found = found || v == got.Verdict
	}
	if !found {
		bad = append(bad, fmt.Sprintf("verdict %q for kind %q", got.Verdict, cc.kind))
	}
	if cc.code != nil && got.ErrorCode != *cc.code {
		bad = append(bad, fmt.Sprintf("code %d, want %d", got.ErrorCode, *cc.code))
	}
	if cc.code == nil && got.ErrorCode != 0 {
		bad = append(bad, fmt.Sprintf("code %d, want none", got.ErrorCode))
	}
	if cc.rayID != nil && got.RayID != *cc.rayID {
		bad = append(bad, fmt.Sprintf("ray %q, want %q", got.RayID, *cc.rayID))
	}
	if cc.clientIP != nil && got.ClientIP != *cc.clientIP {
		bad = append(bad, fmt.Sprintf("ip %q, want %q", got.ClientIP, *cc.clientIP))
	}
	return strings.Join(bad, "; ")
}

func score(t *testing.T, label string, cases []corpusCase, classify func(corpusCase) Classification) {
	t.Helper()
	right := 0
	for _, cc := range cases {
		if bad := corpusMismatch(cc, classify(cc)); bad != "" {
			t.Logf("%s %s: %s", label, cc.name, bad)
		} else {
			right++
		}
	}
	pct := 100 * float64(right) / float64(len(cases))
	fmt.Printf("corpus score (%s): %d of %d pages right, %.1f%%\n", label, right, len(cases), pct)
	if pct < 95 {
		t.Errorf("%s: only %.1f%% of the corpus classified right; the bar is 95%%", label, pct)
	}
}

// TestCorpusPasted classifies each real page as if the user pasted it.
func TestCorpusPasted(t *testing.T) {
	cases := loadCorpus(t)
	score(t, "pasted", cases, func(cc corpusCase) Classification {
		return ClassifyPage(0, nil, cc.body)
	})
}

// TestCorpusServed serves each page from a loopback server with its recorded
// status and headers and runs the whole check against it.
func TestCorpusServed(t *testing.T) {
	cases := loadCorpus(t)
	current := make(chan corpusCase, 1)
	var cc corpusCase
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/page" {
			http.NotFound(w, r)
			return
		}
		for k, v := range cc.headers {
			if strings.EqualFold(k, "content-length") || strings.EqualFold(k, "transfer-encoding") || strings.EqualFold(k, "connection") {
				continue
			}
			w.Header().Set(k, v)
		}
		st := cc.status
		if st == 0 {
			st = defaultStatus(cc)
		}
		w.WriteHeader(st)
		_, _ = w.Write(cc.body)
	}))
	defer srv.Close()
	_ = current
	score(t, "served", cases, func(c corpusCase) Classification {
		cc = c
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		rep, err := Check(ctx, srv.URL+"/page", Options{SkipLocal: true})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		return rep.Classification
	})
}

// defaultStatus is what such a page is served with when the capture did not
// record a status (most were saved as files).
func defaultStatus(cc corpusCase) int {
	switch cc.kind {
	case "rate_limit":
		return 429
	case "origin_error":
		if cc.code != nil && *cc.code >= 500 && *cc.code < 600 {
			return *cc.code
		}
		return 500
	case "dns_error":
		return 530
	case "other":
		return 500
	}
	return 403
}

var _ = io.Discard

// TestCorpusCopied classifies each real page from the text a visitor gets
// by select-all and copy in the browser: the same verdict, code and Ray ID
// as from its HTML.
// A page whose visible text is empty in a browser (a bare redirect script,
// a page that is one iframe) leaves a visitor nothing to copy: it is left
// out, and said so.
func TestCorpusCopied(t *testing.T) {
	var visible []corpusCase
	for _, cc := range loadCorpus(t) {
		if len(strings.TrimSpace(string(copiedText(cc.body)))) < 10 {
			t.Logf("%s: a browser shows no text on this page, so there is nothing to copy", cc.name)
			continue
		}
		visible = append(visible, cc)
	}
	if len(visible) < 25 {
		t.Fatalf("only %d pages have visible text: the copy is wrong", len(visible))
	}
	score(t, "copied text", visible, func(cc corpusCase) Classification {
		return ClassifyPage(0, nil, copiedText(cc.body))
	})
}
