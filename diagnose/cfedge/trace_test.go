package cfedge

import "testing"

// TestTraceIsReadOnlyFromATrace: a real trace gives its fields; a 404 page
// or a random key=value file is not a trace.
func TestTraceIsReadOnlyFromATrace(t *testing.T) {
	tr := ParseTrace([]byte("fl=29f1\nh=shop.example\nip=203.0.113.50\nts=1764500000.1\ncolo=AMS\nloc=DE\nwarp=plus\ngateway=off\n"))
	if tr["ip"] != "203.0.113.50" || tr["loc"] != "DE" || !TraceOn(tr, "warp") || TraceOn(tr, "gateway") {
		t.Fatalf("%v", tr)
	}
	for _, body := range []string{"<html><body>Not found</body></html>", "name=value\nother=1\n"} {
		if ParseTrace([]byte(body)) != nil {
			t.Errorf("%q read as a trace", body)
		}
	}
}

// TestCloudflareAddresses: an address in Cloudflare's published ranges is
// Cloudflare's; documentation addresses and garbage are not.
func TestCloudflareAddresses(t *testing.T) {
	for addr, want := range map[string]bool{"104.16.1.1": true, "2606:4700::6810:1": true, "203.0.113.9": false, "not an ip": false} {
		if got := IsCloudflareIP(addr); got != want {
			t.Errorf("%s: %v", addr, got)
		}
	}
}
