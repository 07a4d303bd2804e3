// Package fakecftest serves the fake Cloudflare API to tests, on loopback,
// stopped when the test ends.
package fakecftest

import (
	"net/http/httptest"
	"testing"
	"time"

	"rayfix/fakecf"
)

// Serve serves a demo API on loopback for a test, stopped when it ends,
// and returns its base URL (ending in /client/v4/).
func Serve(tb testing.TB) (*fakecf.API, string) { return ServeSlow(tb, 0, 0) }

// ServeSlow is Serve with delay added to every request and extra IP Access
// rules on the demo zone (benchmarks of paging and round trips).
func ServeSlow(tb testing.TB, delay time.Duration, extraRules int) (*fakecf.API, string) {
	f := fakecf.NewDemo()
	if extraRules > 0 {
		f.Zones[0].AddAccessRules(extraRules)
	}
	f.Delay = delay
	srv := httptest.NewServer(f)
	tb.Cleanup(srv.Close)
	return f, srv.URL + "/client/v4/"
}
