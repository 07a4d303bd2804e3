package changes_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/fakecf"
	"rayfix/planner"
	"rayfix/siteplan"
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
			c, err := planner.Allow(st, siteplan.Who{Kind: "ip", Value: lostIP}, planner.AllowOptions{Via: planner.ViaAccessRule})
			if err != nil {
				t.Fatal(err)
			}
			f.LoseAnswers, f.LoseAnswerHow = 1, how
			sent := f.WritesSent
			if err := changes.Apply(context.Background(), s, j, c); err != nil {
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
			if got.Status != "done" || got.Steps[0].State != changes.StepApplied || got.Steps[0].ResultID == "" || got.Steps[0].Detail == "" {
				t.Fatalf("journal %+v", got)
			}
			if strings.Contains(got.Steps[0].Detail, fakecf.DemoToken) {
				t.Fatal("token in the journal")
			}
			u, err := changes.Undo(context.Background(), s, j, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := changes.Apply(context.Background(), s, j, u); err != nil {
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
	c, _ := planner.Allow(st, siteplan.Who{Kind: "ip", Value: lostIP}, planner.AllowOptions{Via: planner.ViaAccessRule})
	f.FailWritesAfter = f.Writes
	err := changes.Apply(context.Background(), s, j, c)
	if err == nil || !strings.Contains(err.Error(), "Nothing was changed: RayFix read it back to make sure.") {
		t.Fatalf("err %v", err)
	}
	for _, raw := range []string{"500", "code", "10002", "http"} {
		if strings.Contains(err.Error(), raw) {
			t.Errorf("raw %q in %q", raw, err)
		}
	}
	got, _ := j.Get(c.ID)
	if got.Status != "failed" || got.Steps[0].State != changes.StepNotApplied || !strings.Contains(got.Steps[0].Detail, "500") {
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

func switchableSite(t *testing.T) (*fakecf.API, *switchable, *cfapi.Service, *siteplan.Site, *changes.Journal) {
	t.Helper()
	f := fakecf.NewDemo()
	sw := &switchable{next: f}
	srv := httptest.NewServer(sw)
	t.Cleanup(srv.Close)
	c := cfapi.NewConnection(fakecf.DemoToken)
	c.BaseURL = srv.URL + "/client/v4/"
	s := c.Service()
	st, err := siteplan.FindSite(context.Background(), s, fakecf.DemoZoneName)
	if err != nil {
		t.Fatal(err)
	}
	j, err := changes.OpenJournal(t.TempDir())
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
	c, _ := planner.Allow(st, siteplan.Who{Kind: "ip", Value: lostIP}, planner.AllowOptions{Via: planner.ViaAccessRule})
	f.LoseAnswers, f.LoseAnswerHow = 1, "drop"
	sw.downAfter.Store(true)
	err := changes.Apply(context.Background(), s, j, c)
	if err == nil || !strings.Contains(err.Error(), "RayFix cannot tell whether the IP Access rule for "+lostIP+" was created") ||
		strings.Contains(err.Error(), "Nothing was changed") || !cfapi.ConnectionLost(err) {
		t.Fatalf("err %v", err)
	}
	got, _ := j.Get(c.ID)
	if got.Status != "unknown" || got.Steps[0].State != changes.StepUnknown || !got.Undoable() {
		t.Fatalf("journal %+v", got)
	}
	if _, err := changes.Undo(context.Background(), s, j, c.ID); err == nil || !strings.Contains(err.Error(), "must find out whether") {
		t.Fatalf("undo while the API is away: %v", err)
	}
	sw.downAfter.Store(false)
	sw.down.Store(false)
	u, err := changes.Undo(context.Background(), s, j, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := j.Get(c.ID); got.Status != "done" || got.Steps[0].State != changes.StepApplied {
		t.Fatalf("after the re-read the journal says %+v", got)
	}
	if err := changes.Apply(context.Background(), s, j, u); err != nil {
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
	a, _ := planner.AddException(st, fakecf.RuleCountryBlock, siteplan.Who{Kind: "ip", Value: "203.0.113.7"})
	b, _ := planner.AddAccessAllow(st, siteplan.Who{Kind: "ip", Value: lostIP}, "", false)
	a.Steps = append(a.Steps, b.Steps...)
	f.FailWritesAfter = -1
	sent := f.WritesSent
	// The first write answers; the second applies and loses its answer.
	f.LoseAnswers, f.LoseAnswerHow, f.LoseAnswersFrom = 1, "500", f.Writes+1
	if err := changes.Apply(context.Background(), s, j, a); err != nil {
		t.Fatal(err)
	}
	if f.WritesSent-sent != 2 || len(a.Outcome) != 1 || !strings.Contains(a.Outcome[0], "although Cloudflare's answer was lost") {
		t.Fatalf("%d writes, outcome %q", f.WritesSent-sent, a.Outcome)
	}
	u, err := changes.Undo(context.Background(), s, j, a.ID)
	if err != nil || len(u.Steps) != 2 {
		t.Fatalf("undo %v %+v", err, u)
	}
	if err := changes.Apply(context.Background(), s, j, u); err != nil {
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
	c := cfapi.NewConnection(fakecf.DemoToken)
	c.BaseURL = base
	c.HTTP.Timeout = 100 * time.Millisecond // the real bound is RequestTimeout; the count is what is tested
	_, err := c.Service().Zones(context.Background())
	if err == nil || !cfapi.ConnectionLost(err) {
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
	if d := cfapi.ErrorDetail(err); !strings.Contains(d, "/client/v4/zones") {
		t.Errorf("detail %q", d)
	}
	if n := accepted.Load(); n != cfapi.ReadAttempts {
		t.Fatalf("%d attempts, want %d", n, cfapi.ReadAttempts)
	}
	if cfapi.RequestTimeout*cfapi.ReadAttempts > 70*time.Second {
		t.Fatalf("a read may wait %v", cfapi.RequestTimeout*cfapi.ReadAttempts)
	}
}

// The API stops mid-session: Apply says Cloudflare could not be reached and
// nothing was changed (nothing was sent), and the error says the
// connection is lost.
func TestAPIStoppedBeforeApply(t *testing.T) {
	f, sw, s, st, j := switchableSite(t)
	c, _ := planner.Allow(st, siteplan.Who{Kind: "ip", Value: lostIP}, planner.AllowOptions{Via: planner.ViaAccessRule})
	sw.down.Store(true)
	sent := f.WritesSent
	err := changes.Apply(context.Background(), s, j, c)
	if err == nil || err.Error() != "Cloudflare could not be reached. Check your internet connection, then try again. Nothing was changed." {
		t.Fatalf("err %v", err)
	}
	if !cfapi.ConnectionLost(err) || f.WritesSent != sent {
		t.Fatalf("lost %v, %d writes", cfapi.ConnectionLost(err), f.WritesSent-sent)
	}
	var ae *cfapi.APIError
	if !errors.As(err, &ae) || !strings.Contains(ae.Detail, "access_rules") {
		t.Fatalf("detail %+v", ae)
	}
}
