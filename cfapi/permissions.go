package cfapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/cloudflare/cloudflare-go/v7/accounts"
)

// Permission is one token permission RayFix asks for, in the dashboard's words.
type Permission struct {
	Name      string `json:"name"`
	Why       string `json:"why"`
	ForFixing bool   `json:"for_fixing"` // only needed to change rules (owner mode part 2)
}

// TokenPageURL is where a person creates an API token.
const TokenPageURL = "https://dash.cloudflare.com/profile/api-tokens"

// Permissions lists exactly what RayFix needs: the read ones to see why
// visitors are blocked, the marked ones to fix it.
var Permissions = []Permission{
	{Name: "Zone Read", Why: "to list your sites and their plans"},
	{Name: "Zone WAF Read", Why: "to show custom rules, rate limiting rules and managed rules"},
	{Name: "Firewall Services Read", Why: "to show IP Access rules, Zone Lockdown and User Agent blocking"},
	{Name: "Account Filter Lists Read", Why: "to show the lists (such as office IPs) your rules use"},
	{Name: "Zone Settings Read", Why: "to show Security Level and Browser Integrity Check"},
	{Name: "Bot Management Read", Why: "to show Bot Fight Mode, Super Bot Fight Mode and Block AI bots"},
	{Name: "Analytics Read", Why: "to look up a visitor's Ray ID in Security Events"},
	{Name: "Zone WAF Edit", Why: "to change custom, rate limiting and managed rules", ForFixing: true},
	{Name: "Firewall Services Edit", Why: "to add or change IP Access rules", ForFixing: true},
	{Name: "Account Filter Lists Edit", Why: "to add addresses to your lists", ForFixing: true},
	{Name: "Zone Settings Edit", Why: "to change Security Level and Browser Integrity Check", ForFixing: true},
	{Name: "Bot Management Edit", Why: "to turn Bot Fight Mode on or off", ForFixing: true},
}

// TokenCheck is what RayFix learned about a pasted token.
type TokenCheck struct {
	Status       TokenStatus     `json:"status"`
	AccountOwned bool            `json:"account_owned"`
	AccountID    string          `json:"account_id,omitempty"`
	Has          map[string]bool `json:"has"` // read permissions found by probing
	ZonesSeen    int             `json:"zones_seen"`
}

// Missing lists the read permissions the token lacks, each with why it matters.
func (tc *TokenCheck) Missing() []Permission {
	var out []Permission
	for _, p := range Permissions {
		if !p.ForFixing && !tc.Has[p.Name] {
			out = append(out, p)
		}
	}
	return out
}

// CheckToken verifies the token (user-owned, then account-owned) and finds
// which read permissions it has with cheap read calls. Write permissions
// cannot be probed without side effects; RayFix asks for them up front.
func (c *Connection) CheckToken(ctx context.Context) (*TokenCheck, error) {
	tc := &TokenCheck{Has: map[string]bool{}}
	st, err := c.Verify(ctx)
	if errors.Is(err, ErrInvalidToken) {
		// Account-owned tokens verify under /accounts/{id}/tokens/verify;
		// listing accounts works for them, which gives the ID.
		st, tc.AccountID, err = c.verifyAccountOwned(ctx)
		tc.AccountOwned = err == nil
	}
	if err != nil {
		return nil, err
	}
	tc.Status = st
	if st.Status != "active" {
		return tc, fmt.Errorf("Cloudflare says this token is %s; create a new one or re-enable it", st.Status)
	}
	s := c.Service()
	zs, err := s.Zones(ctx)
	var pe *PermissionError
	switch {
	case errors.As(err, &pe):
		return tc, nil // no Zone Read: nothing else can be probed
	case err != nil:
		return nil, err
	}
	tc.Has["Zone Read"] = true
	tc.ZonesSeen = len(zs)
	if len(zs) == 0 {
		return tc, nil
	}
	z := zs[0]
	probe := map[string]func() error{
		"Zone WAF Read": func() error { _, err := s.Ruleset(ctx, z.ID, PhaseCustom); return err },
		"Firewall Services Read": func() error {
			_, err := s.AccessRules(ctx, z.ID, "", nil)
			return err
		},
		"Zone Settings Read":        func() error { _, err := s.Setting(ctx, z.ID, "security_level"); return err },
		"Account Filter Lists Read": func() error { _, err := s.Lists(ctx, z.Account.ID); return err },
		"Analytics Read":            func() error { return c.probeAnalytics(ctx, z.ID) },
		"Bot Management Read":       func() error { _, err := s.Bots(ctx, z.ID); return err },
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var firstErr error
	for name, f := range probe {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := f()
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				tc.Has[name] = true
			case errors.As(err, &pe):
			case firstErr == nil:
				firstErr = err
			}
		}()
	}
	wg.Wait()
	return tc, firstErr
}

func (c *Connection) verifyAccountOwned(ctx context.Context) (TokenStatus, string, error) {
	checker := &Service{conn: c, checking: true}
	accts, err := checker.Accounts(ctx)
	if err != nil || len(accts) == 0 {
		return TokenStatus{}, "", ErrInvalidToken
	}
	svc := accounts.NewTokenService(c.readOptions()...)
	for _, a := range accts {
		var p accounts.TokenVerifyParams
		p.AccountID.Value, p.AccountID.Present = a.ID, true
		res, err := svc.Verify(ctx, p)
		if err == nil {
			return TokenStatus{ID: res.ID, Status: string(res.Status), ExpiresOn: res.ExpiresOn}, a.ID, nil
		}
	}
	return TokenStatus{}, "", ErrInvalidToken
}

// GraphQL runs one query against the Analytics API. GraphQL is not in the
// SDK's service packages, so this is the one call made over raw HTTP.
func (c *Connection) GraphQL(ctx context.Context, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+"graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return c.scrub(networkError(http.MethodPost, "/graphql", err))
	}
	defer resp.Body.Close()
	var env struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	switch resp.StatusCode {
	case http.StatusUnauthorized:
		return ErrInvalidToken
	case http.StatusForbidden:
		return &PermissionError{Permission: "Analytics Read", Why: "Security Events"}
	case http.StatusTooManyRequests:
		return ErrRateLimited
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		if resp.StatusCode >= 500 {
			return statusError(http.MethodPost, "/graphql", resp.StatusCode, 0, resp.Status)
		}
		return &APIError{Kind: FailUnreadable, Message: "Cloudflare's analytics answer could not be read. Try again in a few minutes.",
			Detail: fmt.Sprintf("POST /graphql: HTTP %d: %v", resp.StatusCode, err), Status: resp.StatusCode}
	}
	if len(env.Errors) > 0 {
		msg := env.Errors[0].Message
		if bytes.Contains([]byte(msg), []byte("authoriz")) {
			return &PermissionError{Permission: "Analytics Read", Why: "Security Events"}
		}
		return &APIError{Kind: FailRefused, Message: "Cloudflare's analytics could not answer RayFix's question. Try again in a few minutes.",
			Detail: "POST /graphql: " + msg, Status: resp.StatusCode}
	}
	if out != nil {
		return json.Unmarshal(env.Data, out)
	}
	return nil
}

func (c *Connection) probeAnalytics(ctx context.Context, zoneID string) error {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	const q = `query Settings($zoneTag: string) { viewer { zones(filter: {zoneTag: $zoneTag}) { settings { firewallEventsAdaptive { enabled maxDuration notOlderThan maxPageSize } } } } }`
	return c.GraphQL(ctx, q, map[string]any{"zoneTag": zoneID}, nil)
}
