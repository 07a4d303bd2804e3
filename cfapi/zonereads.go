package cfapi

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/cloudflare/cloudflare-go/v7/bot_management"
	"github.com/cloudflare/cloudflare-go/v7/firewall"
	"github.com/cloudflare/cloudflare-go/v7/option"
	"github.com/cloudflare/cloudflare-go/v7/rules"
	"github.com/cloudflare/cloudflare-go/v7/rulesets"
	"github.com/cloudflare/cloudflare-go/v7/zones"
)

// Phases of the ruleset engine that can block a visitor.
const (
	PhaseCustom    = "http_request_firewall_custom"
	PhaseRateLimit = "http_ratelimit"
	PhaseManaged   = "http_request_firewall_managed"
	PhaseSBFM      = "http_request_sbfm" // Super Bot Fight Mode: a Skip rule can skip it
)

// AccessRule is an IP Access rule (zone or inherited from the account).
type AccessRule struct {
	ID            string `json:"id"`
	Mode          string `json:"mode"`
	Notes         string `json:"notes"`
	Configuration struct {
		Target string `json:"target"`
		Value  string `json:"value"`
	} `json:"configuration"`
	Scope struct {
		Type string `json:"type"`
	} `json:"scope"`
	ModifiedOn string `json:"modified_on"`
}

// List is an account-level custom list.
type List struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Kind     string     `json:"kind"`
	NumItems int        `json:"num_items"`
	Items    []ListItem `json:"items"`
}

// ListItem is one entry of a list.
type ListItem struct {
	ID      string `json:"id"`
	IP      string `json:"ip,omitempty"`
	ASN     int    `json:"asn,omitempty"`
	Comment string `json:"comment"`
}

// ListsWithItems reads the account's lists, then every list's items side
// by side.
func (s *Service) ListsWithItems(ctx context.Context, accountID string) ([]List, error) {
	lists, err := s.Lists(ctx, accountID)
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(lists))
	var wg sync.WaitGroup
	for i := range lists {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lists[i].Items, errs[i] = s.ListItems(ctx, accountID, lists[i].ID)
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != nil {
			return lists, e
		}
	}
	return lists, nil
}

// BotSettings are a zone's bot protections, as Cloudflare's bot
// management settings give them (the fields differ by plan: Free has Bot
// Fight Mode, Pro and up Super Bot Fight Mode; "Block AI bots" is on all).
type BotSettings struct {
	FightMode      *bool  `json:"fight_mode"`
	AIBots         string `json:"ai_bots_protection"`        // block, only_on_ad_pages, disabled
	SBFMDefinitely string `json:"sbfm_definitely_automated"` // allow, block, managed_challenge
	SBFMLikely     string `json:"sbfm_likely_automated"`
	SBFMVerified   string `json:"sbfm_verified_bots"` // allow, block
	SBFMStatic     *bool  `json:"sbfm_static_resource_protection"`
}

// Bots reads the zone's bot protections.
func (s *Service) Bots(ctx context.Context, zoneID string) (*BotSettings, error) {
	var env envelope[BotSettings]
	err := s.call("Bot Management Read", "the bot protection settings", &env, func(o ...option.RequestOption) error {
		var p bot_management.BotManagementGetParams
		p.ZoneID.Value, p.ZoneID.Present = zoneID, true
		_, err := bot_management.NewBotManagementService(s.conn.readOptions()...).Get(ctx, p, o...)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &env.Result, nil
}

// ManagedRuleNames reads one of Cloudflare's managed rulesets, as the zone
// sees it, for its rules' descriptions (rule ID → "Log4j Headers").
func (s *Service) ManagedRuleNames(ctx context.Context, zoneID, rulesetID string) (map[string]string, error) {
	var env envelope[struct {
		Rules []struct {
			ID          string `json:"id"`
			Description string `json:"description"`
		} `json:"rules"`
	}]
	var p rulesets.RulesetGetParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	err := s.call("Zone WAF Read", "the names of the managed rules", &env, func(o ...option.RequestOption) error {
		_, err := rulesets.NewRulesetService(s.conn.readOptions()...).Get(ctx, rulesetID, p, o...)
		return err
	})
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, r := range env.Result.Rules {
		names[r.ID] = r.Description
	}
	return names, nil
}

// getEntrypoint reads a phase's entry point into T (typed rules for
// display, whole rules for editing); nil when the phase was never set up.
func getEntrypoint[T any](ctx context.Context, s *Service, zoneID, phase string) (*T, error) {
	svc := rulesets.NewRulesetService(s.conn.readOptions()...)
	var env envelope[T]
	var p rulesets.PhaseGetParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	err := s.call("Zone WAF Read", "the custom, rate limiting and managed rules", &env, func(o ...option.RequestOption) error {
		_, err := svc.Phases.Get(ctx, rulesets.Phase(phase), p, o...)
		return err
	})
	if errors.Is(err, errNoEntrypoint) {
		return nil, nil // never configured: no rules of this kind yet
	}
	if err != nil {
		return nil, err
	}
	return &env.Result, nil
}

// AccessRules reads IP Access rules of a zone (zoneID) or an account
// (accountID), all pages, ten at a time.
func (s *Service) AccessRules(ctx context.Context, zoneID, accountID string, progress func(done, total int)) ([]AccessRule, error) {
	svc := firewall.NewAccessRuleService(s.conn.readOptions()...)
	perm := "Firewall Services Read"
	if accountID != "" {
		perm = "Account Firewall Access Rules Read"
	}
	key := "access:" + zoneID + ":" + accountID
	hint := 0
	if v, ok := s.conn.pagesSeen.Load(key); ok {
		hint = v.(int)
	}
	items, pages, err := allPagesHinted(ctx, 1000, 10, hint, func(ctx context.Context, page, per int) (envelope[[]AccessRule], error) {
		var env envelope[[]AccessRule]
		var p firewall.AccessRuleListParams
		if zoneID != "" {
			p.ZoneID.Value, p.ZoneID.Present = zoneID, true
		} else {
			p.AccountID.Value, p.AccountID.Present = accountID, true
		}
		p.Page.Value, p.Page.Present = float64(page), true
		p.PerPage.Value, p.PerPage.Present = float64(per), true
		err := s.call(perm, "IP Access rules", &env, func(o ...option.RequestOption) error {
			_, err := svc.List(ctx, p, o...)
			return err
		})
		return env, err
	}, progress)
	if err == nil {
		s.conn.pagesSeen.Store(key, pages)
	}
	return items, err
}

// Lists reads the account's custom lists.
func (s *Service) Lists(ctx context.Context, accountID string) ([]List, error) {
	svc := rules.NewListService(s.conn.readOptions()...)
	var env envelope[[]List]
	var p rules.ListListParams
	p.AccountID.Value, p.AccountID.Present = accountID, true
	err := s.call("Account Filter Lists Read", "the lists your rules use", &env, func(o ...option.RequestOption) error {
		_, err := svc.List(ctx, p, o...)
		return err
	})
	return env.Result, err
}

func (s *Service) Setting(ctx context.Context, zoneID, name string) (string, error) {
	svc := zones.NewSettingService(s.conn.readOptions()...)
	var env envelope[struct {
		Value any `json:"value"`
	}]
	var p zones.SettingGetParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	err := s.call("Zone Settings Read", "the Security Level and Browser Integrity Check", &env, func(o ...option.RequestOption) error {
		_, err := svc.Get(ctx, name, p, o...)
		return err
	})
	return fmt.Sprint(env.Result.Value), err
}

func (s *Service) LegacyList(ctx context.Context, zoneID, which string) ([]map[string]any, error) {
	var env envelope[[]map[string]any]
	err := s.call("Firewall Services Read", "Zone Lockdown and User Agent blocking rules", &env, func(o ...option.RequestOption) error {
		if which == "lockdowns" {
			var p firewall.LockdownListParams
			p.ZoneID.Value, p.ZoneID.Present = zoneID, true
			_, err := firewall.NewLockdownService(s.conn.readOptions()...).List(ctx, p, o...)
			return err
		}
		var p firewall.UARuleListParams
		p.ZoneID.Value, p.ZoneID.Present = zoneID, true
		_, err := firewall.NewUARuleService(s.conn.readOptions()...).List(ctx, p, o...)
		return err
	})
	return env.Result, err
}

// ListItems reads every item of a list, following the after-cursor.
func (s *Service) ListItems(ctx context.Context, accountID, listID string) ([]ListItem, error) {
	svc := rules.NewListService(s.conn.readOptions()...)
	var all []ListItem
	cursor := ""
	for {
		var env struct {
			Result     []ListItem `json:"result"`
			ResultInfo struct {
				Cursors struct {
					After string `json:"after"`
				} `json:"cursors"`
			} `json:"result_info"`
		}
		var p rules.ListItemListParams
		p.AccountID.Value, p.AccountID.Present = accountID, true
		p.PerPage.Value, p.PerPage.Present = 500, true
		if cursor != "" {
			p.Cursor.Value, p.Cursor.Present = cursor, true
		}
		err := s.call("Account Filter Lists Read", "the lists your rules use", &env, func(o ...option.RequestOption) error {
			_, err := svc.Items.List(ctx, listID, p, o...)
			return err
		})
		if err != nil {
			return nil, err
		}
		all = append(all, env.Result...)
		cursor = env.ResultInfo.Cursors.After
		if cursor == "" || len(env.Result) == 0 {
			return all, nil
		}
	}
}

// LegacyFirewallRules reads pre-2025 Firewall Rules, read-only. The API was
// retired on 2025-06-15; a 4xx answer means there are none to show.
func (s *Service) LegacyFirewallRules(ctx context.Context, zoneID string) ([]map[string]any, error) {
	var env envelope[[]map[string]any]
	var p firewall.RuleListParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	err := s.call("Firewall Services Read", "legacy Firewall Rules", &env, func(o ...option.RequestOption) error {
		//lint:ignore SA1019 reading the retired Firewall Rules is the point: owners still have them
		_, err := firewall.NewRuleService(s.conn.readOptions()...).List(ctx, p, o...)
		return err
	})
	var ae *APIError
	if errors.As(err, &ae) && ae.Kind == FailRefused {
		return nil, nil
	}
	return env.Result, err
}
