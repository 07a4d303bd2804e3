package app

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"rayfix/fakecf"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const lostIP = "198.51.100.80"

// accessRulesFor counts the zone's IP Access rules for a value in the fake.
func accessRulesIn(f *fakecf.API, value string) int {
	n := 0
	for _, a := range f.Zones[0].AccessRules {
		if a.Value == value {
			n++
		}
	}
	return n
}

// A write that Cloudflare applies but whose answer is lost (a 500 after the
// rule was created, or the connection closed) is sent once, reported as
// applied, journaled as in place, and Undo removes it.
func TestLostAnswerIsReadBackAndUndone(t *testing.T) {
	for _, how := range []string{"500", "drop"} {
		t.Run(how, func(t *testing.T) {
			f, s, st, j := site(t)
			c, err := st.Allow(Who{Kind: "ip", Value: lostIP}, AllowOptions{Via: ViaAccessRule})
			if err != nil {
				t.Fatal(err)
			}
			f.LoseAnswers, f.LoseAnswerHow = 1, how
			sent := f.WritesSent
			if err := s.Apply(context.Background(), j, c); err != nil {
				t.Fatalf("the rule was created, but Apply says: %v", err)
			}
			if f.WritesSent-sent != 1 || accessRulesIn(f, lostIP) != 1 {
				t.Fatalf("%d writes sent, %d rules for the address", f.WritesSent-sent, accessRulesIn(f, lostIP))
			}
			want := "The IP Access rule for " + lostIP + " was created, although Cloudflare's answer was lost."
			if len(c.Outcome) != 1 || c.Outcome[0] != want {
				t.Fatalf("outcome %q", c.Outcome)
			}
			got, _ := j.Get(c.ID)
			if got.Status != "done" || got.Steps[0].State != StepApplied || got.Steps[0].ResultID == "" || got.Steps[0].Detail == "" {
				t.Fatalf("journal %+v", got)
			}
			if strings.Contains(got.Steps[0].Detail, fakecf.DemoToken) {
				t.Fatal("token in the journal")
			}
			u, err := s.Undo(context.Background(), j, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Apply(context.Background(), j, u); err != nil {
				t.Fatal(err)
			}
			if n := accessRulesIn(f, lostIP); n != 0 {
				t.Fatalf("after undo, %d rules for the address", n)
			}
		})
	}
}

// A 500 for a write that was not applied: a re-read proves nothing changed,
// and only then does RayFix say so.
func TestFailedWriteSaysNothingChangedOnlyAfterReading(t *testing.T) {
	f, s, st, j := site(t)
	c, _ := st.Allow(Who{Kind: "ip", Value: lostIP}, AllowOptions{Via: ViaAccessRule})
	f.FailWritesAfter = f.Writes
	err := s.Apply(context.Background(), j, c)
	if err == nil || !strings.Contains(err.Error(), "Nothing was changed: RayFix read it back to make sure.") {
		t.Fatalf("err %v", err)
	}
	for _, raw := range []string{"500", "code", "10002", "http"} {
		if strings.Contains(err.Error(), raw) {
			t.Errorf("raw %q in %q", raw, err)
		}
	}
	got, _ := j.Get(c.ID)
	if got.Status != "failed" || got.Steps[0].State != StepNotApplied || !strings.Contains(got.Steps[0].Detail, "500") {
		t.Fatalf("journal %+v", got)
	}
	if got.Undoable() {
		t.Error("a change that is not in place offered for undo")
	}
}

// switchable fronts the fake and can drop every connection, as an API
// that went away does.
type switchable struct {
	next      http.Handler
	down      atomic.Bool
	downAfter atomic.Bool // go down as soon as a write arrives
}

func (sw *switchable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && sw.downAfter.Load() {
		sw.down.Store(true)
		sw.next.ServeHTTP(w, r)
		return
	}
	if sw.down.Load() {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
	}
	sw.next.ServeHTTP(w, r)
}

func switchableSite(t *testing.T) (*fakecf.API, *switchable, *Service, *Site, *Journal) {
	t.Helper()
	f := fakecf.NewDemo()
	sw := &switchable{next: f}
	srv := httptest.NewServer(sw)
	t.Cleanup(srv.Close)
	c := NewConnection(fakecf.DemoToken)
	c.BaseURL = srv.URL + "/client/v4/"
	s := c.Service()
	st, err := s.FindSite(context.Background(), fakecf.DemoZoneName)
	if err != nil {
		t.Fatal(err)
	}
	j, err := OpenJournal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return f, sw, s, st, j
}

// The answer is lost and the API goes away before the re-read: the outcome
// is unknown and said so; the change stays in the journal; once the API is
// back, Undo re-reads first and removes the rule.
func TestUnknownOutcomeStaysUndoable(t *testing.T) {
	f, sw, s, st, j := switchableSite(t)
	c, _ := st.Allow(Who{Kind: "ip", Value: lostIP}, AllowOptions{Via: ViaAccessRule})
	f.LoseAnswers, f.LoseAnswerHow = 1, "drop"
	sw.downAfter.Store(true)
	err := s.Apply(context.Background(), j, c)
	if err == nil || !strings.Contains(err.Error(), "RayFix cannot tell whether the IP Access rule for "+lostIP+" was created") ||
		strings.Contains(err.Error(), "Nothing was changed") || !ConnectionLost(err) {
		t.Fatalf("err %v", err)
	}
	got, _ := j.Get(c.ID)
	if got.Status != "unknown" || got.Steps[0].State != StepUnknown || !got.Undoable() {
		t.Fatalf("journal %+v", got)
	}
	if _, err := s.Undo(context.Background(), j, c.ID); err == nil || !strings.Contains(err.Error(), "must find out whether") {
		t.Fatalf("undo while the API is away: %v", err)
	}
	sw.downAfter.Store(false)
	sw.down.Store(false)
	u, err := s.Undo(context.Background(), j, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := j.Get(c.ID); got.Status != "done" || got.Steps[0].State != StepApplied {
		t.Fatalf("after the re-read the journal says %+v", got)
	}
	if err := s.Apply(context.Background(), j, u); err != nil {
		t.Fatal(err)
	}
	if n := accessRulesIn(f, lostIP); n != 0 {
		t.Fatalf("after undo, %d rules for the address", n)
	}
}

// A change with two steps, the second's answer lost: each step's real
// outcome is kept and Undo reverts both.
func TestMultiStepLostAnswer(t *testing.T) {
	f, s, st, j := site(t)
	before := customRules(f)
	a, _ := st.AddException(ruBlock, Who{Kind: "ip", Value: "203.0.113.7"})
	b, _ := st.AddAccessAllow(Who{Kind: "ip", Value: lostIP}, "", false)
	a.Steps = append(a.Steps, b.Steps...)
	f.FailWritesAfter = -1
	sent := f.WritesSent
	// The first write answers; the second applies and loses its answer.
	f.LoseAnswers, f.LoseAnswerHow, f.LoseAnswersFrom = 1, "500", f.Writes+1
	if err := s.Apply(context.Background(), j, a); err != nil {
		t.Fatal(err)
	}
	if f.WritesSent-sent != 2 || len(a.Outcome) != 1 || !strings.Contains(a.Outcome[0], "although Cloudflare's answer was lost") {
		t.Fatalf("%d writes, outcome %q", f.WritesSent-sent, a.Outcome)
	}
	u, err := s.Undo(context.Background(), j, a.ID)
	if err != nil || len(u.Steps) != 2 {
		t.Fatalf("undo %v %+v", err, u)
	}
	if err := s.Apply(context.Background(), j, u); err != nil {
		t.Fatal(err)
	}
	if stripVolatile(customRules(f)) != stripVolatile(before) || accessRulesIn(f, lostIP) != 0 {
		t.Fatal("undo left something behind")
	}
}

// hangingAPI accepts connections and never answers.
func hangingAPI(t *testing.T) (string, *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var accepted atomic.Int32
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
	})
	return "http://" + ln.Addr().String() + "/client/v4/", &accepted
}

// An API that accepts and never answers: a read is tried a bounded number
// of times, each with a bounded wait, and the owner reads plain words.
func TestHangingAPIGivesUpInWords(t *testing.T) {
	base, accepted := hangingAPI(t)
	c := NewConnection(fakecf.DemoToken)
	c.BaseURL = base
	c.HTTP.Timeout = 100 * time.Millisecond // the real bound is RequestTimeout; the count is what is tested
	_, err := c.Service().Zones(context.Background())
	if err == nil || !ConnectionLost(err) {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(err.Error(), "Cloudflare did not answer in time") {
		t.Fatalf("message %q", err)
	}
	for _, raw := range []string{"http", "127.0.0.1", "deadline", "Get ", "context"} {
		if strings.Contains(err.Error(), raw) {
			t.Errorf("raw %q in %q", raw, err)
		}
	}
	if d := ErrorDetail(err); !strings.Contains(d, "/client/v4/zones") {
		t.Errorf("detail %q", d)
	}
	if n := accepted.Load(); n != readAttempts {
		t.Fatalf("%d attempts, want %d", n, readAttempts)
	}
	if RequestTimeout*readAttempts > 70*time.Second {
		t.Fatalf("a read may wait %v", RequestTimeout*readAttempts)
	}
}

// The API stops mid-session: Apply says Cloudflare could not be reached and
// nothing was changed (nothing was sent), and the error says the
// connection is lost.
func TestAPIStoppedBeforeApply(t *testing.T) {
	f, sw, s, st, j := switchableSite(t)
	c, _ := st.Allow(Who{Kind: "ip", Value: lostIP}, AllowOptions{Via: ViaAccessRule})
	sw.down.Store(true)
	sent := f.WritesSent
	err := s.Apply(context.Background(), j, c)
	if err == nil || err.Error() != "Cloudflare could not be reached. Check your internet connection, then try again. Nothing was changed." {
		t.Fatalf("err %v", err)
	}
	if !ConnectionLost(err) || f.WritesSent != sent {
		t.Fatalf("lost %v, %d writes", ConnectionLost(err), f.WritesSent-sent)
	}
	var ae *APIError
	if !errors.As(err, &ae) || !strings.Contains(ae.Detail, "access_rules") {
		t.Fatalf("detail %+v", ae)
	}
}

// Opening a site sends each GET once; a Ray ID look-up reads the events
// once (with the retention in the same query) and the site's rules once.
func TestOneLoadOfASite(t *testing.T) {
	f, s := demo(t)
	ctx := context.Background()
	z, err := s.FindZone(ctx, fakecf.DemoZoneName)
	if err != nil {
		t.Fatal(err)
	}
	f.RequestLog()
	if _, err := s.LoadSite(ctx, z); err != nil {
		t.Fatal(err)
	}
	assertOnce(t, "opening the site", f.RequestLog(), 10)
	q, _ := ParseRayQuery("8e2f0a1b2c3d4e5f")
	l, site, err := s.conn.ExplainRay(ctx, []Zone{z}, nil, q, time.Now(), nil)
	if err != nil || !l.Found || site == nil || l.Explanation == "" {
		t.Fatalf("%+v %v", l, err)
	}
	log := f.RequestLog()
	assertOnce(t, "the look-up", log, 10)
	graphql := 0
	for _, r := range log {
		if strings.HasPrefix(r, "POST /graphql") {
			graphql++
		}
	}
	if graphql != 1 {
		t.Fatalf("%d GraphQL queries, want 1 (events and retention together): %v", graphql, log)
	}
}

func assertOnce(t *testing.T, what string, log []string, atLeast int) {
	t.Helper()
	seen := map[string]int{}
	for _, r := range log {
		if strings.HasPrefix(r, "GET ") {
			seen[r]++
		}
	}
	for r, n := range seen {
		if n > 1 {
			t.Errorf("%s sent %s %d times", what, r, n)
		}
	}
	if len(seen) < atLeast {
		t.Errorf("%s sent only %d GETs: %v", what, len(seen), log)
	}
}
