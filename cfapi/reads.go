package cfapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/cloudflare/cloudflare-go/v7/accounts"
	"github.com/cloudflare/cloudflare-go/v7/option"
	"github.com/cloudflare/cloudflare-go/v7/zones"
)

// PermissionError means the token lacks a permission a call needs.
type PermissionError struct {
	Permission string // as the dashboard names it, e.g. "Zone WAF Read"
	Why        string // what RayFix cannot show without it
}

func (e *PermissionError) Error() string {
	return fmt.Sprintf("the token lacks the %q permission, so RayFix cannot show %s", e.Permission, e.Why)
}

// ErrRateLimited means Cloudflare's API limit was hit even after retrying.
var ErrRateLimited = errors.New("Cloudflare asks RayFix to slow down (too many API requests); wait a few minutes and try again")

// errNoEntrypoint is a phase that was never configured (404 code 10003).
var errNoEntrypoint = errors.New("no rules in this phase")

// Service reads a Cloudflare account through the SDK's service packages.
type Service struct {
	conn *Connection
	// checking: this service belongs to the token check itself, whose
	// refusals must not start another check.
	checking bool
}

// Connection is the connection the service reads through.
func (s *Service) Connection() *Connection { return s.conn }

// Service returns the API service for this connection.
func (c *Connection) Service() *Service { return &Service{conn: c} }

type resultInfo struct {
	Page       int `json:"page"`
	PerPage    int `json:"per_page"`
	Count      int `json:"count"`
	TotalCount int `json:"total_count"`
	TotalPages int `json:"total_pages"`
}

type envelope[T any] struct {
	Result     T          `json:"result"`
	ResultInfo resultInfo `json:"result_info"`
}

// call runs one SDK request, decoding the body into dst, and turns API
// errors into errors a person can act on. perm and why name the permission
// the call needs, for the 403 message.
func (s *Service) call(perm, why string, dst any, do func(opts ...option.RequestOption) error) error {
	var resp *http.Response
	err := do(option.WithResponseInto(&resp), option.WithResponseBodyInto(dst))
	if err == nil {
		return nil
	}
	err = explainAPI(err, resp, perm, why)
	var pe *PermissionError
	if errors.As(err, &pe) && !s.checking && s.conn.tokenInvalid() {
		return ErrInvalidToken
	}
	return s.conn.scrub(err)
}

// badTokenAnswer is Cloudflare's answer to a token it cannot use at all: a
// malformed Authorization header (6003 with 6111), or "Invalid access
// token" (9109, which also names scope problems: only that message counts).
func badTokenAnswer(code int, msg string) bool {
	return code == 6003 || code == 6111 || code == 9109 && strings.Contains(strings.ToLower(msg), "invalid access token")
}

func explainAPI(err error, resp *http.Response, perm, why string) error {
	if resp == nil {
		method, path := "", ""
		var ue *url.Error
		if errors.As(err, &ue) {
			method, path = ue.Op, ue.URL
			if u, perr := url.Parse(ue.URL); perr == nil {
				path = u.Path
			}
		}
		return networkError(method, path, err)
	}
	var body struct {
		Errors []struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if resp.Body != nil {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body = io.NopCloser(bytes.NewReader(b))
		_ = json.Unmarshal(b, &body)
	}
	code, msg := 0, ""
	if len(body.Errors) > 0 {
		code, msg = body.Errors[0].Code, body.Errors[0].Message
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || code == 1000 || badTokenAnswer(code, msg):
		return ErrInvalidToken
	case resp.StatusCode == http.StatusForbidden:
		return &PermissionError{Permission: perm, Why: why}
	case resp.StatusCode == http.StatusNotFound && code == 10003:
		return errNoEntrypoint
	case resp.StatusCode == http.StatusTooManyRequests:
		return ErrRateLimited
	}
	method, path := requestOf(resp)
	return statusError(method, path, resp.StatusCode, code, msg)
}

// Account is a Cloudflare account the token can see.
type Account struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Zone is one site on Cloudflare.
type Zone struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	Account struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"account"`
	Plan struct {
		Name     string `json:"name"`
		LegacyID string `json:"legacy_id"`
	} `json:"plan"`
}

// PlanName is the plan's short name for sentences ("the Pro plan"):
// Cloudflare's own names end in "Website" or "Plan".
func (z Zone) PlanName() string {
	if id := z.PlanID(); id != "" {
		return strings.ToUpper(id[:1]) + id[1:]
	}
	return strings.TrimSuffix(strings.TrimSuffix(z.Plan.Name, " Website"), " Plan")
}

// PlanID is free, pro, business or enterprise.
func (z Zone) PlanID() string { return strings.ToLower(z.Plan.LegacyID) }

// Accounts lists every account the token can see, all pages.
func (s *Service) Accounts(ctx context.Context) ([]Account, error) {
	svc := accounts.NewAccountService(s.conn.readOptions()...)
	return allPages(ctx, 50, 4, func(ctx context.Context, page, per int) (envelope[[]Account], error) {
		var env envelope[[]Account]
		var p accounts.AccountListParams
		p.Page.Value, p.Page.Present = float64(page), true
		p.PerPage.Value, p.PerPage.Present = float64(per), true
		err := s.call("Account Settings Read", "your accounts", &env, func(o ...option.RequestOption) error {
			_, err := svc.List(ctx, p, o...)
			return err
		})
		return env, err
	}, nil)
}

// Zones lists every zone the token can see, all pages. Paging stops at
// total_pages, never asking for the empty extra page the SDK's auto-pager does.
func (s *Service) Zones(ctx context.Context) ([]Zone, error) {
	svc := zones.NewZoneService(s.conn.readOptions()...)
	return allPages(ctx, 50, 4, func(ctx context.Context, page, per int) (envelope[[]Zone], error) {
		var env envelope[[]Zone]
		var p zones.ZoneListParams
		p.Page.Value, p.Page.Present = float64(page), true
		p.PerPage.Value, p.PerPage.Present = float64(per), true
		err := s.call("Zone Read", "your sites", &env, func(o ...option.RequestOption) error {
			_, err := svc.List(ctx, p, o...)
			return err
		})
		return env, err
	}, nil)
}

// FindZone finds a zone by name or ID.
func (s *Service) FindZone(ctx context.Context, nameOrID string) (Zone, error) {
	all, err := s.Zones(ctx)
	if err != nil {
		return Zone{}, err
	}
	for _, z := range all {
		if strings.EqualFold(z.Name, nameOrID) || z.ID == nameOrID {
			return z, nil
		}
	}
	return Zone{}, fmt.Errorf("no site called %q in this account (the token sees %d)", nameOrID, len(all))
}

// pageFetcher fetches one page of a page-numbered list.
type pageFetcher[T any] func(ctx context.Context, page, perPage int) (envelope[[]T], error)

// allPages reads page 1, then the rest in parallel, at most `parallel` at
// a time (Cloudflare allows 1,200 requests per 5 minutes; a 10,000-rule zone
// is 10 pages). progress is called with items loaded so far and the total.
func allPages[T any](ctx context.Context, perPage, parallel int, fetch pageFetcher[T], progress func(done, total int)) ([]T, error) {
	first, err := fetch(ctx, 1, perPage)
	if err != nil {
		return nil, err
	}
	pages := first.ResultInfo.TotalPages
	total := first.ResultInfo.TotalCount
	results := make([][]T, max(pages, 1))
	results[0] = first.Result
	done := len(first.Result)
	if progress != nil {
		progress(done, total)
	}
	if pages <= 1 {
		return first.Result, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
		sem      = make(chan struct{}, parallel)
	)
	for page := 2; page <= pages; page++ {
		wg.Add(1)
		go func(page int) {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			env, err := fetch(ctx, page, perPage)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
					cancel()
				}
				return
			}
			results[page-1] = env.Result
			done += len(env.Result)
			if progress != nil {
				progress(done, total)
			}
		}(page)
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	all := make([]T, 0, total)
	for _, r := range results {
		all = append(all, r...)
	}
	return all, nil
}

// allPagesHinted is allPages when the number of pages is known from an
// earlier load (reloading a zone after a change): all known pages are asked
// at once, and any pages beyond them afterwards.
func allPagesHinted[T any](ctx context.Context, perPage, parallel, hint int, fetch pageFetcher[T], progress func(done, total int)) ([]T, int, error) {
	if hint <= 1 {
		items, err := allPages(ctx, perPage, parallel, fetch, progress)
		return items, (len(items) + perPage - 1) / perPage, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type res struct {
		env envelope[[]T]
		err error
	}
	results := make([]res, hint)
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallel)
	var mu sync.Mutex
	done := 0
	get := func(page int) {
		defer wg.Done()
		sem <- struct{}{}
		defer func() { <-sem }()
		env, err := fetch(ctx, page, perPage)
		if err != nil {
			cancel()
		}
		results[page-1] = res{env, err}
		mu.Lock()
		done += len(env.Result)
		if progress != nil && err == nil {
			progress(done, env.ResultInfo.TotalCount)
		}
		mu.Unlock()
	}
	for p := 1; p <= hint; p++ {
		wg.Add(1)
		go get(p)
	}
	wg.Wait()
	for _, r := range results {
		if r.err != nil {
			return nil, 0, r.err
		}
	}
	pages := results[0].env.ResultInfo.TotalPages
	var all []T
	for i := 0; i < hint && i < max(pages, 1); i++ {
		all = append(all, results[i].env.Result...)
	}
	for p := hint + 1; p <= pages; p++ { // the list grew since last time
		env, err := fetch(ctx, p, perPage)
		if err != nil {
			return nil, 0, err
		}
		all = append(all, env.Result...)
	}
	return all, pages, nil
}
