package impact

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"rayfix/app/ruleslang"
	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/internal/ownertest"
	"rayfix/planner"
	"rayfix/siteplan"
)

// want counts the fake's own traffic rows that a predicate picks: the
// figure a report must give, computed without RayFix's evaluator.
func want(f *fakecf.API, pick func(r fakecf.TrafficRow) bool) int {
	n := 0
	for _, r := range f.Zones[0].Traffic {
		if pick(r) {
			n += r.Count
		}
	}
	return n
}

func loadDemo(t *testing.T, s *cfapi.Service, st *siteplan.Site, extra ...string) *Traffic {
	t.Helper()
	tr, err := Load(context.Background(), s.Connection(), st.Zone.ID, 24*time.Hour, time.Now(), extra)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func text(r *Report) string {
	var parts []string
	for _, l := range r.Lines() {
		parts = append(parts, l.Text)
	}
	return strings.Join(parts, "\n")
}

// TestWhatWouldThisCatch: counts for conditions on country, network,
// path and user agent match the traffic the fake serves; the verified
// bots, monitor and webhook among them are named; a cookie condition is
// named as not previewable and its requests counted apart.
func TestWhatWouldThisCatch(t *testing.T) {
	f, s, st, _ := ownertest.Site(t)
	all := want(f, func(fakecf.TrafficRow) bool { return true })
	cases := []struct {
		expr string
		pick func(r fakecf.TrafficRow) bool
		says []string
	}{
		{`ip.src.country in {"RU" "CN"}`, func(r fakecf.TrafficRow) bool { return r.Country == "RU" || r.Country == "CN" },
			[]string{"Russia", "China", "No verified bot, monitor or webhook"}},
		{`ip.src.country eq "US"`, func(r fakecf.TrafficRow) bool { return r.Country == "US" },
			[]string{"Googlebot (a verified bot: Search Engine Crawler)", "bingbot", "the monitor UptimeRobot on /health", "webhooks from Stripe on /webhooks/stripe"}},
		{`ip.src.asnum eq 14061`, func(r fakecf.TrafficRow) bool { return r.ASN == "14061" }, []string{"AS14061 (DIGITALOCEAN-ASN) 100 %", "/api/prices"}},
		{`http.request.uri.path eq "/login" and not cf.client.bot`, func(r fakecf.TrafficRow) bool { return r.Path == "/login" && r.BotClass == "" }, nil},
		{`lower(http.user_agent) contains "python-requests" or http.user_agent contains "curl"`,
			func(r fakecf.TrafficRow) bool {
				return strings.Contains(r.UserAgent, "python-requests") || strings.Contains(r.UserAgent, "curl")
			}, []string{"“python-requests/2.32.3”", "“curl/8.5.0”"}},
		{`ip.src in $office`, func(r fakecf.TrafficRow) bool { return r.IP == "203.0.113.10" }, nil}, // the list resolved from the lists API
	}
	for _, c := range cases {
		tr := loadDemo(t, s, st, Needs(c.expr)...)
		rep, err := Expression(st, c.expr, tr)
		if err != nil {
			t.Fatal(err)
		}
		if w := want(f, c.pick); rep.Matched.Requests != w || rep.Total != all || rep.Unsure != 0 {
			t.Errorf("%s: matched %d of %d (unsure %d), want %d of %d", c.expr, rep.Matched.Requests, rep.Total, rep.Unsure, w, all)
		}
		got := text(rep)
		for _, s := range append(c.says, "estimates") {
			if !strings.Contains(got, s) {
				t.Errorf("%s: %q lacks %q", c.expr, got, s)
			}
		}
	}
	// A condition the traffic cannot answer: named, and its requests are
	// a bound, not a count.
	tr := loadDemo(t, s, st)
	rep, err := Expression(st, `ip.src.country eq "DE" and http.cookie contains "session"`, tr)
	if err != nil {
		t.Fatal(err)
	}
	de := want(f, func(r fakecf.TrafficRow) bool { return r.Country == "DE" })
	if rep.Matched.Requests != 0 || rep.Unsure != de || !strings.Contains(text(rep), "RayFix can't preview the cookie condition: up to about "+number(de)+" requests more may match") {
		t.Errorf("cookie: matched %d unsure %d (want %d): %s", rep.Matched.Requests, rep.Unsure, de, text(rep))
	}
}

// TestChangeImpact: blocking the United States would stop Googlebot, the
// monitor and Stripe; an IP Access Allow for the scraper's network lets
// through what the ASN block stopped; figures match the fake's traffic.
func TestChangeImpact(t *testing.T) {
	f, s, st, _ := ownertest.Site(t)
	tr := loadDemo(t, s, st, SiteNeeds...)
	c, err := planner.CreateCustomRule(st, "Block the US", `ip.src.country eq "US"`, "block")
	if err != nil {
		t.Fatal(err)
	}
	rep := ForChange(st, c, tr)
	// Everything from the US is stopped after, except what is stopped
	// already: "Check logins from outside Europe" challenges US visitors
	// on /login. The rule itself matches all of it.
	us := want(f, func(r fakecf.TrafficRow) bool { return r.Country == "US" })
	usLogin := want(f, func(r fakecf.TrafficRow) bool { return r.Country == "US" && r.Path == "/login" })
	if usLogin == 0 {
		t.Fatal("the demo's traffic has no US visitor on /login")
	}
	if rep.NewlyStopped.Requests != us-usLogin || rep.NewlyThrough.Requests != 0 || rep.RuleAfter == nil || *rep.RuleAfter != us {
		t.Fatalf("block US: stopped %d, through %d, want %d: %s", rep.NewlyStopped.Requests, rep.NewlyThrough.Requests, us, text(rep))
	}
	got := text(rep)
	for _, s := range []string{"would have stopped about " + number(us-usLogin) + " requests more", "would match about " + number(us) + " requests", "It would stop traffic you most likely want", "Googlebot", "UptimeRobot", "Stripe"} {
		if !strings.Contains(got, s) {
			t.Errorf("%q lacks %q", got, s)
		}
	}
	warned := false
	for _, l := range rep.Lines() {
		warned = warned || l.Warn
	}
	if !warned {
		t.Error("wanted traffic stopped without a warning line")
	}

	// Challenge instead of block: the same requests, now challenged.
	c, err = planner.SetRuleAction(st, fakecf.RuleCountryBlock, "managed_challenge")
	if err != nil {
		t.Fatal(err)
	}
	rep = ForChange(st, c, tr)
	ruCN := want(f, func(r fakecf.TrafficRow) bool { return r.Country == "RU" || r.Country == "CN" })
	if rep.Softened.Requests != ruCN || rep.NewlyStopped.Requests+rep.NewlyThrough.Requests != 0 ||
		!strings.Contains(text(rep), "challenged about "+number(ruCN)+" requests instead of blocking them") {
		t.Fatalf("challenge instead of block: %s", text(rep))
	}

	// Allow the scraper's network: what the IP Access block stopped is let through.
	c, err = planner.SetAccessRule(st, st.AccessRules[0].ID, "whitelist", "")
	if err != nil {
		t.Fatal(err)
	}
	rep = ForChange(st, c, tr)
	do := want(f, func(r fakecf.TrafficRow) bool { return r.ASN == "14061" })
	if rep.NewlyThrough.Requests != do || rep.NewlyStopped.Requests != 0 {
		t.Fatalf("allow AS14061: through %d stopped %d, want %d: %s", rep.NewlyThrough.Requests, rep.NewlyStopped.Requests, do, text(rep))
	}
	if !strings.Contains(text(rep), "let through about "+number(do)+" requests that were stopped") {
		t.Errorf("%s", text(rep))
	}
}

// TestTrafficWindowAndErrors: the plan's window is read and respected (a
// week asked on Free is cut to 24 hours, and said), the dimensions asked
// are those the expression needs, and the fake refuses what Cloudflare
// refuses.
func TestTrafficWindowAndErrors(t *testing.T) {
	_, s, st, _ := ownertest.Site(t)
	tr, err := Load(context.Background(), s.Connection(), st.Zone.ID, 7*24*time.Hour, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if tr.To.Sub(tr.From) != 24*time.Hour || !strings.Contains(tr.Clamped, "24 hours") || tr.Dims["clientIP"] {
		t.Errorf("window %v, note %q, dims %v", tr.To.Sub(tr.From), tr.Clamped, tr.Dims)
	}
	if d := Needs(`ip.src eq 192.0.2.1 and http.request.method eq "POST"`); strings.Join(d, ",") != "clientIP,clientRequestHTTPMethodName" {
		t.Errorf("needs %v", d)
	}
	// The fake answers a too-long window and an unknown field as Cloudflare does.
	var out any
	q := `query { viewer { zones(filter: {zoneTag: $zoneTag}) { httpRequestsAdaptiveGroups(filter: $filter, limit: 10, orderBy: [count_DESC]) { count dimensions { clientCountryName } } } } }`
	now := time.Now().UTC()
	err = s.Connection().GraphQL(context.Background(), q, map[string]any{"zoneTag": st.Zone.ID, "filter": map[string]any{
		"datetime_geq": now.Add(-48 * time.Hour).Format(time.RFC3339), "datetime_lt": now.Format(time.RFC3339)}}, &out)
	if err == nil || !strings.Contains(cfapi.ErrorDetail(err), "query time range is too large") || strings.Contains(err.Error(), "datetime") {
		t.Errorf("a 48 h window on Free: %v / %s", err, cfapi.ErrorDetail(err))
	}
	q = strings.Replace(q, "clientCountryName", "clientCookie", 1)
	err = s.Connection().GraphQL(context.Background(), q, map[string]any{"zoneTag": st.Zone.ID, "filter": map[string]any{
		"datetime_geq": now.Add(-time.Hour).Format(time.RFC3339), "datetime_lt": now.Format(time.RFC3339)}}, &out)
	if err == nil || !strings.Contains(cfapi.ErrorDetail(err), "unknown field") {
		t.Errorf("unknown dimension: %v", err)
	}
}

// TestGroupsAreKnownEvenWhenEmpty: a group without a verified bot category
// is known not to be a bot (Partial requests otherwise leave it open).
func TestGroupsAreKnownEvenWhenEmpty(t *testing.T) {
	tr := &Traffic{Dims: map[string]bool{"verifiedBotCategory": true, "userAgent": true}}
	r := tr.request(Group{Count: 1, Country: "DE"}, nil)
	e := ruleslang.Parse(`not cf.client.bot and http.user_agent eq ""`)
	if got := ruleslang.Eval(e.Root, r); got != ruleslang.True {
		t.Errorf("eval %v", got)
	}
}

// TestRuleReachedOnlyByWhatComesThrough: "Block scrapers" matches the
// scraper on AS14061, but the IP Access rule blocking that network
// decides first, so only curl reaches the rule.
func TestRuleReachedOnlyByWhatComesThrough(t *testing.T) {
	f, s, st, _ := ownertest.Site(t)
	tr := loadDemo(t, s, st, SiteNeeds...)
	rep, err := ForRule(st, "2b3c4d5e6f7a4b8c9d0e1f2a3b4c5d6e", `(lower(http.user_agent) contains "python-requests") or (http.user_agent contains "curl")`, tr)
	if err != nil {
		t.Fatal(err)
	}
	curl := want(f, func(r fakecf.TrafficRow) bool { return strings.Contains(r.UserAgent, "curl") })
	if rep.Reaching == nil || *rep.Reaching != curl || rep.Matched.Requests <= curl {
		t.Fatalf("reaching %v of %d, want %d: %s", rep.Reaching, rep.Matched.Requests, curl, text(rep))
	}
	if !strings.Contains(text(rep), "About "+number(curl)+" of them reach this rule") {
		t.Error(text(rep))
	}
}

// TestRateLimitPreview: the demo's "Login flood" (5 requests in 10
// seconds on /login) and the fake's traffic per minute: the password
// guesser's burst (60 in one minute) certainly went over; the people who
// log in once a minute did not; raising the limit to 100 clears everyone,
// lowering it to 1 leaves the people as "might have".
func TestRateLimitPreview(t *testing.T) {
	_, s, st, _ := ownertest.Site(t)
	const loginFlood = "5e6f7a8b9c0d4e1f2a3b4c5d6e7f8091"
	preview := func(requests int) *Report {
		c, err := planner.SetRateLimit(st, loginFlood, requests, 10, 10, "block")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Preview(context.Background(), s.Connection(), st, c, time.Now(), "")
		if err != nil || rep.Rate == nil {
			t.Fatalf("preview: %v %+v", err, rep)
		}
		return rep
	}
	rep := preview(100)
	b, a := rep.Rate.Before, rep.Rate.After
	if len(b.Certain) != 1 || b.Certain[0] != (Count{"198.51.100.201", 60}) || b.Possible != 0 || len(a.Certain) != 0 || a.Possible != 0 {
		t.Fatalf("5 → 100: before %+v after %+v", b, a)
	}
	got := text(rep)
	for _, want := range []string{"as it is: 1 address certainly sent more than 5 requests in 10 seconds (198.51.100.201, 60 requests in one minute)",
		"With the change: no address sent more than 100 requests in 10 seconds", "per minute"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "would not have changed what happened") {
		t.Errorf("a rate limit's change said to change nothing: %s", got)
	}
	a = preview(1).Rate.After
	if len(a.Certain) != 1 || a.Possible == 0 {
		t.Errorf("5 → 1: %+v", a)
	}
}

func TestJudgePerMinute(t *testing.T) {
	for _, c := range []struct {
		mins          map[int64]int
		n, period     int
		certain, safe bool
	}{
		{map[int64]int{1: 31}, 5, 10, true, false},  // 31 in a minute: some 10 s holds 6
		{map[int64]int{1: 30}, 5, 10, false, false}, // could be 5 in each
		{map[int64]int{1: 3, 2: 2}, 5, 10, false, true},
		{map[int64]int{1: 3, 2: 3}, 5, 10, false, false}, // 6 across the minute's edge, maybe
		{map[int64]int{1: 3, 3: 3}, 5, 10, false, true},  // a minute apart
		{map[int64]int{1: 50, 2: 51}, 100, 120, true, false},
		{map[int64]int{1: 40, 2: 40}, 100, 120, false, true},
	} {
		certain, _, safe := judge(c.mins, c.n, c.period)
		if certain != c.certain || safe != c.safe {
			t.Errorf("%v n=%d p=%d: certain %v safe %v", c.mins, c.n, c.period, certain, safe)
		}
	}
}

// TestOwnAddress: the owner's own site's trace names this computer's
// address (a loopback TLS server stands in for it); requests from it are
// named first among what a change would stop.
func TestOwnAddress(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/cdn-cgi/trace" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte("fl=123\nh=demo\nip=198.51.100.10\nts=1\n"))
	}))
	defer srv.Close()
	ip, err := OwnAddress(context.Background(), srv.Client(), srv.Listener.Addr().String())
	if err != nil || ip != "198.51.100.10" {
		t.Fatalf("%q %v", ip, err)
	}
	bad := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<html>hello</html>")) }))
	defer bad.Close()
	if ip, err := OwnAddress(context.Background(), bad.Client(), bad.Listener.Addr().String()); err == nil || ip != "" {
		t.Errorf("a page without ip=: %q %v", ip, err)
	}

	_, s, st, _ := ownertest.Site(t)
	tr := loadDemo(t, s, st, SiteNeeds...)
	c, err := planner.CreateCustomRule(st, "Block the US", `ip.src.country eq "US"`, "block")
	if err != nil {
		t.Fatal(err)
	}
	rep := ForChange(st, c, tr.WithOwn(ip))
	named := false
	for _, w := range rep.NewlyStopped.Wanted {
		named = named || w.Kind == "you" && w.Requests > 0
	}
	if !named {
		t.Fatalf("wanted: %+v", rep.NewlyStopped.Wanted)
	}
	if !strings.Contains(text(rep), "your own requests (this computer's address 198.51.100.10)") {
		t.Error(text(rep))
	}
	if tr.Own != "" {
		t.Error("WithOwn changed the shared traffic")
	}
}
