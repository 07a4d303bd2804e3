package app

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// FakeAPI is an in-process stand-in for Cloudflare's API, answering with the
// same envelopes, error bodies and 429s as docs/cloudflare-api.md describes,
// so the real SDK runs against it unchanged. It backs the tests and, as
// owner mode grows, the demo zone. Serve it with httptest or net/http.
type FakeAPI struct {
	mu sync.Mutex
	// Tokens maps a token to its status ("active", "disabled", "expired").
	Tokens map[string]string
	// RateLimitNext makes the next N requests answer 429 with Retry-After.
	RateLimitNext int
	Requests      int
}

// NewFakeAPI returns a fake API that knows one active token.
func NewFakeAPI(activeToken string) *FakeAPI {
	return &FakeAPI{Tokens: map[string]string{activeToken: "active"}}
}

type apiMessage struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func writeEnvelope(w http.ResponseWriter, status int, result any, errs []apiMessage, msgs []apiMessage) {
	if errs == nil {
		errs = []apiMessage{}
	}
	if msgs == nil {
		msgs = []apiMessage{}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"success": len(errs) == 0, "errors": errs, "messages": msgs, "result": result,
	})
}

// ServeHTTP implements the endpoints RayFix uses, under /client/v4/.
func (f *FakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.Requests++
	limited := f.RateLimitNext > 0
	if limited {
		f.RateLimitNext--
	}
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	status, known := f.Tokens[tok]
	f.mu.Unlock()

	if limited {
		w.Header().Set("Retry-After", "1")
		writeEnvelope(w, http.StatusTooManyRequests, nil, []apiMessage{{971, "Please wait and consider throttling your request speed"}}, nil)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/client/v4")
	if !known {
		writeEnvelope(w, http.StatusUnauthorized, nil, []apiMessage{{1000, "Invalid API Token"}}, nil)
		return
	}
	switch {
	case r.Method == http.MethodGet && path == "/user/tokens/verify":
		writeEnvelope(w, http.StatusOK, map[string]any{
			"id": "ed17574386854bf78a67040be0a770b0", "status": status,
			"not_before": "2026-01-01T00:00:00Z", "expires_on": time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
		}, nil, []apiMessage{{10000, "This API Token is valid and active"}})
	default:
		writeEnvelope(w, http.StatusNotFound, nil, []apiMessage{{7003, "Could not route to " + path + ", perhaps your object identifier is invalid?"}}, nil)
	}
}
