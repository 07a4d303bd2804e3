package cfapi

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"rayfix/fakecf"
)

const goodToken = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo"

func fakeServer(t *testing.T) (*fakecf.API, *Connection) {
	f := fakecf.New(goodToken)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	t.Setenv("CLOUDFLARE_BASE_URL", srv.URL+"/client/v4")
	return f, NewConnection(goodToken)
}

func TestVerifyWithRealSDK(t *testing.T) {
	_, c := fakeServer(t)
	if !strings.HasSuffix(c.BaseURL, "/client/v4/") {
		t.Fatalf("base URL %q not taken from CLOUDFLARE_BASE_URL", c.BaseURL)
	}
	st, err := c.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != "active" || st.ExpiresOn.Year() != 2027 || st.ID == "" {
		t.Fatalf("status %+v", st)
	}
}

func TestVerifyInvalidTokenNeverEchoed(t *testing.T) {
	_, _ = fakeServer(t)
	bad := "not-a-real-token-0123456789"
	_, err := NewConnection(bad).Verify(context.Background())
	if !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), bad) {
		t.Fatal("error text contains the token")
	}
}

func TestVerifyRetriesAfter429(t *testing.T) {
	f, c := fakeServer(t)
	f.RateLimitNext = 1
	start := time.Now()
	if _, err := c.Verify(context.Background()); err != nil {
		t.Fatal(err)
	}
	if f.Requests != 2 {
		t.Fatalf("%d requests, want a 429 then a retry", f.Requests)
	}
	if time.Since(start) < 900*time.Millisecond {
		t.Error("retry did not honour Retry-After: 1")
	}
}

func TestTokenFromEnv(t *testing.T) {
	t.Setenv("CLOUDFLARE_API_TOKEN", "  abc  ")
	if TokenFromEnv() != "abc" {
		t.Fatal(TokenFromEnv())
	}
}

// A short token must not be cut out of RayFix's own words ("RayFix"
// holds an "x"); only Cloudflare's technical detail is scrubbed.
func TestScrubLeavesTheMessageWhole(t *testing.T) {
	c := NewConnection("x")
	err := c.scrub(&APIError{Kind: FailTimeout, Message: "even after RayFix asked again", Detail: "GET /x: token x"})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Message != "even after RayFix asked again" || strings.Contains(ae.Detail, " x") {
		t.Fatalf("%+v", ae)
	}
}
