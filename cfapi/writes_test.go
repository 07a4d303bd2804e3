package cfapi

import (
	"context"
	"strings"
	"testing"
)

func TestWritesThroughTheSDK(t *testing.T) {
	f, s := demo(t)
	ctx := context.Background()
	z := f.Zones[0]
	rs, err := s.Ruleset(ctx, z.ID, PhaseCustom)
	if err != nil || len(rs.Rules) != 4 {
		t.Fatalf("%v %v", rs, err)
	}
	after, err := s.CreateRule(ctx, z.ID, rs.ID, map[string]any{"action": "skip", "expression": "ip.src in {203.0.113.7}",
		"description": "Let a visitor through", "action_parameters": map[string]any{"ruleset": "current"}, "position": map[string]any{"before": ""}})
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Rules) != 5 || after.Rules[0]["description"] != "Let a visitor through" || after.Version != "8" {
		t.Fatalf("after create: %d rules, first %v, version %s", len(after.Rules), after.Rules[0]["description"], after.Version)
	}
	if f.LastWrite.Method != "POST" || f.LastWrite.Body["expression"] != "ip.src in {203.0.113.7}" {
		t.Fatalf("request %+v", f.LastWrite)
	}
	// The Free plan allows five custom rules: a sixth is refused with Cloudflare's message.
	_, err = s.CreateRule(ctx, z.ID, rs.ID, map[string]any{"action": "block", "expression": "ip.src eq 1.2.3.4"})
	if err == nil || !strings.Contains(err.Error(), "exceeded maximum number of rules") {
		t.Fatalf("sixth rule: %v", err)
	}
	_, err = s.UpdateRule(ctx, z.ID, rs.ID, after.Rules[1]["id"].(string), map[string]any{"action": "block", "expression": `ip.src.country in {"RU", "CN"}`})
	if err == nil || err.Error() != "Cloudflare refused this: the condition is not written the way Cloudflare reads it (line 1, column 24)." ||
		!strings.Contains(ErrorDetail(err), "Filter parsing error (1:24)") {
		t.Fatalf("bad expression: %v / %s", err, ErrorDetail(err))
	}
	// A field Cloudflare does not know: its "unknown identifier", in words.
	_, err = s.UpdateRule(ctx, z.ID, rs.ID, after.Rules[1]["id"].(string), map[string]any{"action": "block", "expression": `ip.src.contry eq "RU"`})
	if err == nil || err.Error() != "Cloudflare refused this: the condition names a field Cloudflare does not know (line 1, column 1)." ||
		!strings.Contains(ErrorDetail(err), "unknown identifier") {
		t.Fatalf("unknown field: %v / %s", err, ErrorDetail(err))
	}
	a, err := s.CreateAccessRule(ctx, z.ID, "", "whitelist", "ip", "198.51.100.9", "monitor")
	if err != nil || a.ID == "" || a.Mode != "whitelist" {
		t.Fatalf("access create: %+v %v", a, err)
	}
	if err := s.SetSetting(ctx, z.ID, "security_level", "low"); err != nil || z.Settings["security_level"] != "low" {
		t.Fatalf("setting: %v", err)
	}
	if err := s.SetSetting(ctx, z.ID, "security_level", "extreme"); err == nil {
		t.Fatal("invalid setting accepted")
	}
	if err := s.SetBotFightMode(ctx, z.ID, false); err != nil || z.BotFightMode {
		t.Fatalf("bfm: %v", err)
	}
	if err := s.AddListItem(ctx, f.Accounts[0].ID, f.Accounts[0].Lists[0].ID, "192.0.2.0/24", "partner"); err != nil || len(f.Accounts[0].Lists[0].Items) != 3 {
		t.Fatalf("list add: %v", err)
	}
	f.Denied["Zone WAF Edit"] = true
	if _, err := s.DeleteRule(ctx, z.ID, rs.ID, after.Rules[0]["id"].(string)); err == nil || !strings.Contains(err.Error(), `"Zone WAF Edit"`) {
		t.Fatalf("denied write: %v", err)
	}
}

func TestWritesAreNotRetried(t *testing.T) {
	f, s := demo(t)
	f.FailWritesAfter = 0
	rs, _ := s.Ruleset(context.Background(), f.Zones[0].ID, PhaseCustom)
	before := f.Requests
	_, err := s.CreateRule(context.Background(), f.Zones[0].ID, rs.ID, map[string]any{"action": "block", "expression": "ip.src eq 1.2.3.4"})
	if err == nil || f.Requests-before != 1 {
		t.Fatalf("a failed POST was sent %d times (%v)", f.Requests-before, err)
	}
}
