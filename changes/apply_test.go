package changes_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/fakecf"
	"rayfix/internal/ownertest"
	"rayfix/planner"
	"rayfix/siteplan"
)

func site(t *testing.T) (*fakecf.API, *cfapi.Service, *siteplan.Site, *changes.Journal) {
	return ownertest.Site(t)
}

func customRules(f *fakecf.API) string { return customRulesOf(f.Zones[0].Phases[cfapi.PhaseCustom]) }

func customRulesOf(rs *fakecf.Ruleset) string {
	b, _ := json.Marshal(rs.Rules)
	return string(b)
}

func TestChallengeInsteadOfBlockAndUndo(t *testing.T) {
	f, s, st, j := site(t)
	before := customRules(f)
	c, err := planner.SetRuleAction(st, fakecf.RuleCountryBlock, "managed_challenge")
	if err != nil {
		t.Fatal(err)
	}
	if c.Consequence != "Visitors from Russia or China: challenged instead of blocked." || c.Lines[0].After != "Managed Challenge" {
		t.Fatalf("preview: %q %+v", c.Consequence, c.Lines)
	}
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	if f.LastWrite.Method != "PATCH" || !strings.HasSuffix(f.LastWrite.Path, "/rules/"+fakecf.RuleCountryBlock) ||
		f.LastWrite.Body["action"] != "managed_challenge" || f.LastWrite.Body["expression"] != `(ip.src.country in {"RU" "CN"})` {
		t.Fatalf("request %+v", f.LastWrite)
	}
	if _, has := f.LastWrite.Body["version"]; has {
		t.Error("read-only fields sent")
	}
	if got := f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["action"]; got != "managed_challenge" {
		t.Fatalf("state after: %v", got)
	}
	entries, _ := j.Entries()
	if len(entries) != 1 || entries[0].Status != "done" {
		t.Fatalf("journal %+v", entries)
	}
	u, err := changes.Undo(context.Background(), s, j, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := changes.Apply(context.Background(), s, j, u); err != nil {
		t.Fatal(err)
	}
	after := customRules(f)
	if stripVolatile(after) != stripVolatile(before) {
		t.Fatalf("undo did not restore the exact rules:\n%s\n%s", before, after)
	}
}

func stripVolatile(s string) string { return fakecf.StripVolatile(s) }

func TestConcurrentEditStopsTheWrite(t *testing.T) {
	f, s, st, j := site(t)
	c, err := planner.AddException(st, fakecf.RuleCountryBlock, siteplan.Who{Kind: "ip", Value: "203.0.113.7"})
	if err != nil {
		t.Fatal(err)
	}
	// Someone edits the rule in the dashboard between preview and write.
	f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"] = `(ip.src.country in {"RU" "CN" "KP"})`
	writes := f.Writes
	err = changes.Apply(context.Background(), s, j, c)
	var ce *changes.ConflictError
	if !errors.As(err, &ce) || f.Writes != writes {
		t.Fatalf("err %v, %d writes", err, f.Writes-writes)
	}
	if !strings.Contains(err.Error(), `"KP"`) || !strings.Contains(err.Error(), "wrote nothing") {
		t.Fatalf("message %q", err)
	}
	if entries, _ := j.Entries(); len(entries) != 0 {
		t.Fatal("a change that never started was journaled")
	}
}

func TestEveryAllowMechanism(t *testing.T) {
	who := siteplan.Who{Kind: "ip", Value: "203.0.113.7"}
	cases := []struct {
		o      planner.AllowOptions
		method string
		check  func(t *testing.T, f *fakecf.API)
	}{
		{planner.AllowOptions{Via: planner.ViaException, RuleID: fakecf.RuleCountryBlock}, "PATCH", func(t *testing.T, f *fakecf.API) {
			if e := f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"]; e != `((ip.src.country in {"RU" "CN"})) and not ip.src in {203.0.113.7}` {
				t.Fatalf("expression %v", e)
			}
		}},
		{planner.AllowOptions{Via: planner.ViaSkip}, "POST", func(t *testing.T, f *fakecf.API) {
			r := f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]
			if r["action"] != "skip" || r["expression"] != "ip.src in {203.0.113.7}" {
				t.Fatalf("first rule %v", r)
			}
		}},
		{planner.AllowOptions{Via: planner.ViaAccessRule}, "POST", func(t *testing.T, f *fakecf.API) {
			last := f.Zones[0].AccessRules[len(f.Zones[0].AccessRules)-1]
			if last.Mode != "whitelist" || last.Value != "203.0.113.7" {
				t.Fatalf("access rule %+v", last)
			}
		}},
		{planner.AllowOptions{Via: planner.ViaAccessRule, AccountWide: true}, "POST", func(t *testing.T, f *fakecf.API) {
			last := f.Accounts[0].AccessRules[len(f.Accounts[0].AccessRules)-1]
			if last.Value != "203.0.113.7" {
				t.Fatalf("account rule %+v", last)
			}
		}},
		{planner.AllowOptions{Via: planner.ViaList, List: "office"}, "POST", func(t *testing.T, f *fakecf.API) {
			items := f.Accounts[0].Lists[0].Items
			if items[len(items)-1] != "203.0.113.7" {
				t.Fatalf("list %v", items)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.o.Via, func(t *testing.T) {
			f, s, st, j := site(t)
			before := snapshot(f)
			c, err := planner.Allow(st, who, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			if err := changes.Apply(context.Background(), s, j, c); err != nil {
				t.Fatal(err)
			}
			if f.LastWrite.Method != tc.method && !(tc.o.Via == planner.ViaList && f.LastWrite.Method == "POST") {
				t.Fatalf("request %s %s", f.LastWrite.Method, f.LastWrite.Path)
			}
			tc.check(t, f)
			u, err := changes.Undo(context.Background(), s, j, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := changes.Apply(context.Background(), s, j, u); err != nil {
				t.Fatal(err)
			}
			if after := snapshot(f); after != before {
				t.Fatalf("undo did not restore the state:\n%s\n%s", before, after)
			}
		})
	}
}

// snapshot is the fake's state without the fields every write changes.
func snapshot(f *fakecf.API) string {
	z := f.Zones[0]
	var acc []string
	for _, a := range append(append([]fakecf.AccessRule{}, z.AccessRules...), f.Accounts[0].AccessRules...) {
		acc = append(acc, a.Mode+" "+a.Value+" "+a.Notes)
	}
	return stripVolatile(customRules(f)) + "|" + strings.Join(acc, ",") + "|" + strings.Join(f.Accounts[0].Lists[0].Items, ",")
}

func TestInjectionRefusedInEveryField(t *testing.T) {
	for _, kind := range []string{"ip", "asn", "country", "list", "path"} {
		for _, in := range []string{`1.2.3.4} or true {`, `x" or true or "`, `a) or (true`, "$office or true", "/a\" or 1 eq 1 or \""} {
			if w, err := siteplan.ParseWho(kind, in); err == nil {
				t.Errorf("%s %q accepted as %+v", kind, in, w)
			}
		}
	}
	_, _, st, _ := site(t)
	if _, err := planner.SetRuleExpression(st, fakecf.RuleCountryBlock, `ip.src.country in {"RU"} or`); err == nil {
		t.Error("broken expression accepted")
	}
}

func TestPlanLimitAndBotFightMode(t *testing.T) {
	f, s, st, j := site(t)
	c, err := planner.Allow(st, siteplan.Who{Kind: "path", Value: "/webhooks/paypal"}, planner.AllowOptions{})
	if err != nil || c.Steps[0].Op != "rule.create" || !strings.Contains(strings.Join(c.Notes, " "), "no rule or IP Access Allow can skip it") {
		t.Fatalf("%v %+v", err, c)
	}
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	st, _ = siteplan.LoadSite(context.Background(), s, st.Zone)
	// Known good bots cannot be named in an IP Access rule: the full plan's
	// message does not suggest one.
	if _, err := planner.AddSkipRule(st, siteplan.Who{Kind: "verified_bots"}, ""); err == nil || !strings.Contains(err.Error(), "allows 5 custom rules") ||
		strings.Contains(err.Error(), "use an IP Access rule") || !strings.Contains(err.Error(), "cannot be named in an IP Access rule") {
		t.Fatalf("sixth rule: %v", err)
	}
	// All custom rules in use: an IP is let through with an IP Access rule,
	// and the preview says Bot Fight Mode still acts (nothing skips it).
	c, err = planner.Allow(st, siteplan.Who{Kind: "ip", Value: "198.51.100.50"}, planner.AllowOptions{})
	if err != nil || c.Steps[0].Op != "access.create" || !strings.Contains(c.Notes[0], "all custom rules of the plan are in use") ||
		!strings.Contains(strings.Join(c.Notes, " "), "no rule or IP Access Allow can skip it") {
		t.Fatalf("%v %+v", err, c)
	}
	_ = f
}

func TestFailureMidwayIsReported(t *testing.T) {
	f, s, st, j := site(t)
	a, _ := planner.AddException(st, fakecf.RuleCountryBlock, siteplan.Who{Kind: "ip", Value: "203.0.113.7"})
	b, _ := planner.AddAccessAllow(st, siteplan.Who{Kind: "ip", Value: "203.0.113.8"}, "", false)
	a.Steps = append(a.Steps, b.Steps...)
	f.FailWritesAfter = f.Writes + 1 // the second write fails with a 500
	err := changes.Apply(context.Background(), s, j, a)
	var ae *changes.ApplyError
	if !errors.As(err, &ae) || ae.Applied != 1 || ae.Total != 2 {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(err.Error(), "1 step of 2 was made before this") {
		t.Errorf("message %q", err)
	}
	entries, _ := j.Entries()
	if len(entries) != 1 || entries[0].Status != "failed" || entries[0].Steps[0].State != changes.StepApplied ||
		entries[0].Steps[1].State != changes.StepNotApplied || !strings.Contains(entries[0].Error, "1 step of 2") {
		t.Fatalf("journal %+v", entries)
	}
	f.FailWritesAfter = -1
	u, err := changes.Undo(context.Background(), s, j, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := changes.Apply(context.Background(), s, j, u); err != nil {
		t.Fatal(err)
	}
	if e := f.Zones[0].Phases[cfapi.PhaseCustom].Rules[0]["expression"]; e != `(ip.src.country in {"RU" "CN"})` {
		t.Fatalf("after undo: %v", e)
	}
}

func TestExpiredAllowsOffered(t *testing.T) {
	_, s, st, j := site(t)
	c, _ := planner.Allow(st, siteplan.Who{Kind: "ip", Value: "203.0.113.7"}, planner.AllowOptions{Via: planner.ViaAccessRule, Until: time.Now().Add(-time.Hour)})
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	if exp := j.Expired(time.Now()); len(exp) != 1 || exp[0].ID != c.ID {
		t.Fatalf("expired %v", exp)
	}
}

func TestJournalHoldsNoToken(t *testing.T) {
	_, s, st, j := site(t)
	c, _ := planner.SetRuleEnabled(st, fakecf.RuleCountryBlock, false)
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(j.Path())
	if len(b) == 0 || strings.Contains(string(b), fakecf.DemoToken) {
		t.Fatalf("journal: %d bytes, token inside: %v", len(b), strings.Contains(string(b), fakecf.DemoToken))
	}
}

// The Undo preview says what Undo will do, not what the change did.
func TestUndoSaysWhatItWillDo(t *testing.T) {
	_, s, st, j := site(t)
	c, _ := planner.Allow(st, siteplan.Who{Kind: "ip", Value: "203.0.113.41"}, planner.AllowOptions{Via: planner.ViaAccessRule})
	if err := changes.Apply(context.Background(), s, j, c); err != nil {
		t.Fatal(err)
	}
	u, err := changes.Undo(context.Background(), s, j, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if u.Consequence != "The IP Access rule for 203.0.113.41 will be deleted." {
		t.Fatalf("undo says %q", u.Consequence)
	}
}

// One journal: the window's old journal is adopted into the shared one
// once, without duplicates, and is not read again.
func TestJournalAdoptsTheWindowsOldOne(t *testing.T) {
	oldDir, newDir := t.TempDir(), t.TempDir()
	old, _ := changes.OpenJournal(oldDir)
	shared, _ := changes.OpenJournal(newDir)
	a := changes.Change{ID: "20261101-000000-aaaaaa", Title: "made in the window", Status: "done", Created: time.Now().Add(-time.Hour)}
	b := changes.Change{ID: "20261102-000000-bbbbbb", Title: "made in a terminal", Status: "done", Created: time.Now()}
	if err := old.Put(a); err != nil {
		t.Fatal(err)
	}
	if err := shared.Put(b); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // a second start changes nothing
		if err := shared.Adopt(oldDir); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := shared.Entries()
	if len(entries) != 2 || entries[0].ID != b.ID || entries[1].ID != a.ID {
		t.Fatalf("%+v", entries)
	}
	if _, err := os.Stat(filepath.Join(oldDir, "journal.json")); !os.IsNotExist(err) {
		t.Fatalf("the old journal is still read: %v", err)
	}
}
