package cfapi

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestCheckTokenFindsPermissions(t *testing.T) {
	f, s := demo(t)
	tc, err := s.Connection().CheckToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tc.Status.Status != "active" || tc.AccountOwned || tc.ZonesSeen != 1 || len(tc.Missing()) != 0 {
		t.Fatalf("check %+v missing %v", tc, tc.Missing())
	}
	f.Denied["Zone WAF Read"] = true
	f.Denied["Analytics Read"] = true
	tc, err = s.Connection().CheckToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range tc.Missing() {
		names = append(names, p.Name+": "+p.Why)
	}
	got := strings.Join(names, "; ")
	if !strings.Contains(got, "Zone WAF Read: to show custom rules") || !strings.Contains(got, "Analytics Read") || len(names) != 2 {
		t.Fatalf("missing: %s", got)
	}
}

func TestCheckAccountOwnedToken(t *testing.T) {
	f, s := demo(t)
	f.AccountTokens = map[string]string{"acct-token-123": f.Accounts[0].ID}
	c := NewConnection("acct-token-123")
	c.BaseURL = s.Connection().BaseURL
	tc, err := c.CheckToken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !tc.AccountOwned || tc.AccountID != f.Accounts[0].ID || tc.Status.ExpiresOn.Year() != 2027 {
		t.Fatalf("%+v", tc)
	}
}

func TestCheckBadAndExpiredTokens(t *testing.T) {
	f, s := demo(t)
	c := NewConnection("nope")
	c.BaseURL = s.Connection().BaseURL
	if _, err := c.CheckToken(context.Background()); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("bad: %v", err)
	}
	f.Tokens["old-token"] = "expired"
	c = NewConnection("old-token")
	c.BaseURL = s.Connection().BaseURL
	if _, err := c.CheckToken(context.Background()); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("expired: %v", err)
	}
}

func TestDemoSecurityEventsByRayID(t *testing.T) {
	f, s := demo(t)
	var out struct {
		Viewer struct {
			Zones []struct {
				Events []map[string]any `json:"firewallEventsAdaptive"`
			} `json:"zones"`
		} `json:"viewer"`
	}
	q := `query RayLookup($zoneTag: string, $filter: FirewallEventsAdaptiveFilter_InputObject) { viewer { zones(filter: {zoneTag: $zoneTag}) { firewallEventsAdaptive(filter: $filter, limit: 20) { rayName ruleId description } } } }`
	err := s.Connection().GraphQL(context.Background(), q, map[string]any{"zoneTag": f.Zones[0].ID, "filter": map[string]any{"rayName": "8e2f0a1b2c3d4e5f"}}, &out)
	if err != nil {
		t.Fatal(err)
	}
	ev := out.Viewer.Zones[0].Events
	if len(ev) != 1 || ev[0]["description"] != "Block Russia and China" {
		t.Fatalf("events %v", ev)
	}
}

// Cloudflare answers most reads with the same 403 ("Authentication error")
// for a token it does not know and for one that lacks the permission: the
// words must tell them apart — "not valid" versus "lacks Zone Read".
func TestUnknownTokenIsNotAMissingPermission(t *testing.T) {
	f, s := demo(t)
	base := s.Connection().BaseURL
	c := NewConnectionTo("cfut_wrongTokenOfRealisticLength0123456789abcdefABCDEF", base)
	f.RequestLog()
	_, err := c.Service().Zones(context.Background())
	if !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("unknown token: %v", err)
	}
	// A token that is valid but lacks the permission keeps that answer,
	// and the check is made once for the connection.
	f.Change(func() { f.Denied["Zone Read"] = true })
	valid := s.Connection()
	for i := 0; i < 3; i++ {
		_, err = valid.Service().Zones(context.Background())
		var pe *PermissionError
		if !errors.As(err, &pe) || pe.Permission != "Zone Read" {
			t.Fatalf("missing permission: %v", err)
		}
	}
	verifies := 0
	for _, l := range f.RequestLog() {
		if strings.Contains(l, "tokens/verify") {
			verifies++
		}
	}
	if verifies != 2 { // one for the unknown token (its account listing is refused too), one for the valid token
		t.Fatalf("%d token checks", verifies)
	}
	// A header Cloudflare cannot read at all.
	if _, err := NewConnectionTo("tok en", base).Service().Zones(context.Background()); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("malformed token: %v", err)
	}
}
