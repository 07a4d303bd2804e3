package e2e

import (
	"os/exec"
	"testing"
	"time"
)

// TestRealWindowOwnerTour walks the demo site's screens with the mouse and
// keyboard and takes each of them (the README's pictures): the Ray ID
// look-up with its answer, who is being blocked, the visitor simulator
// with its verdict, the health check and the list of sites. Each step must
// visibly change the screen.
func TestRealWindowOwnerTour(t *testing.T) {
	need(t)
	needOCR(t)
	startApp(t, "--demo")
	var overview = screenshot(t, "tour-start.png")
	for deadline := time.Now().Add(20 * time.Second); reddish(overview) <= 250; time.Sleep(500 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the demo site's rules never appeared")
		}
		overview = screenshot(t, "tour-start.png")
	}
	said := waitRead(t, "tour-start.png", "demo-bakery.example", "ip access rules", "custom rules used on the free plan")
	refuseOnScreen(t, said, "(s)", "http_request_firewall", "managed challenge challenge")
	click := func(x, y string) { xdo(t, "mousemove", x, y, "click", "1") }
	more := func(itemY string) {
		click("712", "93") // More…
		time.Sleep(500 * time.Millisecond)
		click("680", itemY)
	}
	back := func() {
		click("22", "48") // ←
		time.Sleep(700 * time.Millisecond)
	}

	// A visitor's Ray ID: the demo's Security Events hold it.
	click("320", "93") // Find a Ray ID…
	lookup := waitChange(t, overview, "owner-lookup.png")
	click("400", "170")
	xdo(t, "type", "--delay", "15", "8e2f0a1b2c3d4e5f")
	click("50", "247") // Find it
	answer := waitChange(t, lookup, "owner-lookup.png")
	if differs(lookup, answer) < 5000 {
		t.Fatal("the Ray ID look-up showed no answer")
	}
	said = waitRead(t, "owner-lookup.png", "found on demo-bakery.example", "fix it")
	refuseOnScreen(t, said, "code 1", "graphql", "context deadline")
	back()

	more("168") // Who is being blocked
	waitChange(t, overview, "owner-blocked.png")
	waitRead(t, "owner-blocked.png", "who is being blocked")
	back()

	more("207") // Simulate a visitor…
	sim := waitChange(t, overview, "owner-simulate.png")
	click("450", "150")
	xdo(t, "type", "--delay", "15", "192.0.2.44")
	click("450", "189")
	xdo(t, "type", "--delay", "15", "RU")
	click("110", "346") // Would they be blocked?
	waitChange(t, sim, "owner-simulate.png")
	waitRead(t, "owner-simulate.png", "block russia and china")
	back()

	more("128") // Health check
	waitChange(t, overview, "owner-health.png")
	waitRead(t, "owner-health.png", "health check")
	back()

	// A preview counts whom the change would have affected in the demo's
	// traffic, beside the before and after.
	click("759", "588") // Change… on "Scrapers from a hosting company"
	time.Sleep(500 * time.Millisecond)
	click("656", "605") // Change to Allow…
	waitChange(t, overview, "owner-impact.png")
	xdo(t, "mousemove", "400", "400", "click", "--repeat", "4", "5") // scroll the preview
	said = waitRead(t, "owner-impact.png", "whom it would have affected", "let through about", "digitalocean")
	refuseOnScreen(t, said, "graphql", "clientAsn", "(s)")
	xdo(t, "key", "Escape")
	time.Sleep(500 * time.Millisecond)
	time.Sleep(500 * time.Millisecond)
	before := screenshot(t, "tour-overview.png")
	click("22", "48") // ← to the list of sites
	waitChange(t, before, "owner-sites.png")
	waitRead(t, "owner-sites.png", "your sites on cloudflare", "demo-bakery.example")
}

// TestRealWindowConnect opens owner mode without a token: the screen that
// explains what a token is and which permissions to give it.
func TestRealWindowConnect(t *testing.T) {
	need(t)
	startApp(t)
	start := firstFrame(t, "connect-start.png")
	xdo(t, "mousemove", "570", "460", "click", "1") // It's my website
	waitChange(t, start, "owner-connect.png")
	if _, err := exec.LookPath("tesseract"); err == nil {
		waitRead(t, "owner-connect.png", "connect your cloudflare account", "token")
	}
}
