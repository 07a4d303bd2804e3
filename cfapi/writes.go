package cfapi

import (
	"context"
	"encoding/json"

	"github.com/cloudflare/cloudflare-go/v7/bot_management"
	"github.com/cloudflare/cloudflare-go/v7/firewall"
	"github.com/cloudflare/cloudflare-go/v7/option"
	"github.com/cloudflare/cloudflare-go/v7/rules"
	"github.com/cloudflare/cloudflare-go/v7/rulesets"
	"github.com/cloudflare/cloudflare-go/v7/zones"
)

// Writes go through the SDK's service packages with our own JSON body and
// retries off: the SDK would retry a POST on a 5xx or timeout, which can
// create a rule twice. A failed write is re-read and reported instead.

func (s *Service) writeOptions(body any) []option.RequestOption {
	opts := append(s.conn.readOptions(), option.WithMaxRetries(0))
	if body != nil {
		b, _ := json.Marshal(body)
		opts = append(opts, option.WithRequestBody("application/json", b))
	}
	return opts
}

// RuleSet is an entry point ruleset with its rules kept whole (every
// field), because a rule PATCH replaces the rule's whole definition.
type RuleSet struct {
	ID      string           `json:"id"`
	Version string           `json:"version"`
	Rules   []map[string]any `json:"rules"`
}

// Ruleset reads a phase's entry point with rules kept whole; nil when the
// phase was never configured.
func (s *Service) Ruleset(ctx context.Context, zoneID, phase string) (*RuleSet, error) {
	return getEntrypoint[RuleSet](ctx, s, zoneID, phase)
}

// CreateRule adds a rule to a ruleset (POST …/rules) and returns the ruleset after.
func (s *Service) CreateRule(ctx context.Context, zoneID, rulesetID string, body map[string]any) (*RuleSet, error) {
	svc := rulesets.NewRulesetService()
	var env envelope[RuleSet]
	var p rulesets.RuleNewParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	err := s.call("Zone WAF Edit", "change rules", &env, func(o ...option.RequestOption) error {
		_, err := svc.Rules.New(ctx, rulesetID, p, append(s.writeOptions(body), o...)...)
		return err
	})
	return &env.Result, err
}

// UpdateRule replaces a rule's definition (PATCH …/rules/{id}).
func (s *Service) UpdateRule(ctx context.Context, zoneID, rulesetID, ruleID string, body map[string]any) (*RuleSet, error) {
	svc := rulesets.NewRulesetService()
	var env envelope[RuleSet]
	var p rulesets.RuleEditParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	err := s.call("Zone WAF Edit", "change rules", &env, func(o ...option.RequestOption) error {
		_, err := svc.Rules.Edit(ctx, rulesetID, ruleID, p, append(s.writeOptions(body), o...)...)
		return err
	})
	return &env.Result, err
}

// DeleteRule removes a rule.
func (s *Service) DeleteRule(ctx context.Context, zoneID, rulesetID, ruleID string) (*RuleSet, error) {
	svc := rulesets.NewRulesetService()
	var env envelope[RuleSet]
	var p rulesets.RuleDeleteParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	err := s.call("Zone WAF Edit", "change rules", &env, func(o ...option.RequestOption) error {
		_, err := svc.Rules.Delete(ctx, rulesetID, ruleID, p, append(s.writeOptions(nil), o...)...)
		return err
	})
	return &env.Result, err
}

// CreateEntrypoint creates a phase's entry point with its first rules; used
// only when the phase has none (PUT would replace everything otherwise).
func (s *Service) CreateEntrypoint(ctx context.Context, zoneID, phase string, first []map[string]any) (*RuleSet, error) {
	svc := rulesets.NewRulesetService()
	var env envelope[RuleSet]
	var p rulesets.PhaseUpdateParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	err := s.call("Zone WAF Edit", "change rules", &env, func(o ...option.RequestOption) error {
		_, err := svc.Phases.Update(ctx, rulesets.Phase(phase), p, append(s.writeOptions(map[string]any{"rules": first}), o...)...)
		return err
	})
	return &env.Result, err
}

// accessPerm names the permission an IP Access rule write needs.
func accessPerm(zoneID string) string {
	if zoneID == "" {
		return "Account Firewall Access Rules Edit"
	}
	return "Firewall Services Edit"
}

// CreateAccessRule adds an IP Access rule to a zone (or the account when
// zoneID is empty).
func (s *Service) CreateAccessRule(ctx context.Context, zoneID, accountID, mode, target, value, notes string) (AccessRule, error) {
	var env envelope[AccessRule]
	var p firewall.AccessRuleNewParams
	setScope(&p.ZoneID.Value, &p.ZoneID.Present, &p.AccountID.Value, &p.AccountID.Present, zoneID, accountID)
	perm := accessPerm(zoneID)
	body := map[string]any{"mode": mode, "configuration": map[string]any{"target": target, "value": value}, "notes": notes}
	err := s.call(perm, "change IP Access rules", &env, func(o ...option.RequestOption) error {
		_, err := firewall.NewAccessRuleService().New(ctx, p, append(s.writeOptions(body), o...)...)
		return err
	})
	return env.Result, err
}

// UpdateAccessRule changes an IP Access rule's mode and notes.
func (s *Service) UpdateAccessRule(ctx context.Context, zoneID, accountID, id, mode, notes string) (AccessRule, error) {
	var env envelope[AccessRule]
	var p firewall.AccessRuleEditParams
	setScope(&p.ZoneID.Value, &p.ZoneID.Present, &p.AccountID.Value, &p.AccountID.Present, zoneID, accountID)
	perm := accessPerm(zoneID)
	err := s.call(perm, "change IP Access rules", &env, func(o ...option.RequestOption) error {
		_, err := firewall.NewAccessRuleService().Edit(ctx, id, p, append(s.writeOptions(map[string]any{"mode": mode, "notes": notes}), o...)...)
		return err
	})
	return env.Result, err
}

// DeleteAccessRule removes an IP Access rule.
func (s *Service) DeleteAccessRule(ctx context.Context, zoneID, accountID, id string) error {
	var env envelope[map[string]any]
	var p firewall.AccessRuleDeleteParams
	setScope(&p.ZoneID.Value, &p.ZoneID.Present, &p.AccountID.Value, &p.AccountID.Present, zoneID, accountID)
	perm := accessPerm(zoneID)
	return s.call(perm, "change IP Access rules", &env, func(o ...option.RequestOption) error {
		_, err := firewall.NewAccessRuleService().Delete(ctx, id, p, append(s.writeOptions(nil), o...)...)
		return err
	})
}

func setScope(zv *string, zp *bool, av *string, ap *bool, zoneID, accountID string) {
	if zoneID != "" {
		*zv, *zp = zoneID, true
		return
	}
	*av, *ap = accountID, true
}

// SetSetting changes a zone Setting (security_level, browser_check).
func (s *Service) SetSetting(ctx context.Context, zoneID, name, value string) error {
	var env envelope[map[string]any]
	var p zones.SettingEditParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	return s.call("Zone Settings Edit", "change settings", &env, func(o ...option.RequestOption) error {
		_, err := zones.NewSettingService().Edit(ctx, name, p, append(s.writeOptions(map[string]any{"value": value}), o...)...)
		return err
	})
}

// SetBotFightMode switches Bot Fight Mode.
func (s *Service) SetBotFightMode(ctx context.Context, zoneID string, on bool) error {
	var env envelope[map[string]any]
	var p bot_management.BotManagementUpdateParams
	p.ZoneID.Value, p.ZoneID.Present = zoneID, true
	return s.call("Bot Management Edit", "switch Bot Fight Mode", &env, func(o ...option.RequestOption) error {
		_, err := bot_management.NewBotManagementService().Update(ctx, p, append(s.writeOptions(map[string]any{"fight_mode": on}), o...)...)
		return err
	})
}

// AddListItem adds an IP or network to a list (an asynchronous operation
// that Cloudflare completes shortly after).
func (s *Service) AddListItem(ctx context.Context, accountID, listID, ip, comment string) error {
	var env envelope[map[string]any]
	var p rules.ListItemNewParams
	p.AccountID.Value, p.AccountID.Present = accountID, true
	return s.call("Account Filter Lists Edit", "add to lists", &env, func(o ...option.RequestOption) error {
		_, err := rules.NewListService().Items.New(ctx, listID, p, append(s.writeOptions([]map[string]any{{"ip": ip, "comment": comment}}), o...)...)
		return err
	})
}

// RemoveListItem removes a list item by ID.
func (s *Service) RemoveListItem(ctx context.Context, accountID, listID, itemID string) error {
	var env envelope[map[string]any]
	var p rules.ListItemDeleteParams
	p.AccountID.Value, p.AccountID.Present = accountID, true
	return s.call("Account Filter Lists Edit", "change lists", &env, func(o ...option.RequestOption) error {
		_, err := rules.NewListService().Items.Delete(ctx, listID, p, append(s.writeOptions(map[string]any{"items": []map[string]any{{"id": itemID}}}), o...)...)
		return err
	})
}
