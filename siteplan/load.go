package siteplan

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"sync"

	"rayfix/app/ruleslang"
	"rayfix/cfapi"
	"rayfix/internal/words"
)

// Rule is one thing that can stop a visitor, in words.
type Rule struct {
	Stage       string `json:"stage"` // where it sits in Cloudflare's order
	Kind        string `json:"kind"`  // custom_rule, rate_limit, managed, managed_exception, ip_access, lockdown, ua_block, setting
	ID          string `json:"id"`
	Description string `json:"description"`
	Action      string `json:"action"`
	Enabled     bool   `json:"enabled"`
	Expression  string `json:"expression,omitempty"`
	Summary     string `json:"summary"`
	VisitorSees string `json:"visitor_sees"`
	Note        string `json:"note,omitempty"`
	Legacy      bool   `json:"legacy,omitempty"`
}

// ZoneRules is everything about one zone that can block a visitor.
type ZoneRules struct {
	Zone          cfapi.Zone         `json:"zone"`
	SecurityLevel string             `json:"security_level"`
	BrowserCheck  string             `json:"browser_integrity_check"`
	BotFightMode  *bool              `json:"bot_fight_mode"`
	Bots          Bots               `json:"bots"`
	Rules         []Rule             `json:"rules"`
	AccessRules   []cfapi.AccessRule `json:"access_rules"`
	Lists         []cfapi.List       `json:"lists"`
	Limits        []string           `json:"limits"`
	Missing       []string           `json:"missing_permissions"` // what could not be read, and why
	names         map[string]string  // managed rule ID → description, for the words
}

// Counts per kind, for the zone overview.
func (zr *ZoneRules) Count(kind string) int {
	n := 0
	for _, r := range zr.Rules {
		if r.Kind == kind {
			n++
		}
	}
	return n
}

// LoadRules reads every rule and setting of a zone that can block a
// visitor, in words, ordered as Cloudflare evaluates them.
func LoadRules(ctx context.Context, s *cfapi.Service, z cfapi.Zone, progress func(string)) (*ZoneRules, error) {
	site, err := LoadSiteProgress(ctx, s, z, progress)
	if err != nil {
		return nil, err
	}
	return site.Rules, nil
}

// siteReading is one load of a zone, before it is put into words.
type siteReading struct {
	site           *Site
	zoneAR, acctAR []cfapi.AccessRule
	legacy         []map[string]any
}

// readSite reads, in one parallel wave, everything about a zone that can
// block a visitor, each GET once: the three entry points with rules kept
// whole, IP Access rules of the zone and account, lists, settings, Bot
// Fight Mode, and the legacy products. Only list items and further pages
// of long lists wait for an answer first.
func readSite(ctx context.Context, s *cfapi.Service, z cfapi.Zone, progress func(string)) (*siteReading, error) {
	rd := &siteReading{site: &Site{Zone: z, Sets: map[string]*cfapi.RuleSet{}, Rules: &ZoneRules{Zone: z}}}
	site, zr := rd.site, rd.site.Rules
	var (
		mu    sync.Mutex
		wg    sync.WaitGroup
		fatal error
	)
	run := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := f()
			if err == nil {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			var pe *cfapi.PermissionError
			switch {
			case errors.As(err, &pe):
				zr.Missing = append(zr.Missing, pe.Error())
			case fatal == nil:
				fatal = err
			}
		}()
	}
	if progress == nil {
		progress = func(string) {}
	}
	progress("Reading the rules of " + z.Name + "…")
	for _, ph := range []string{cfapi.PhaseCustom, cfapi.PhaseRateLimit, cfapi.PhaseManaged} {
		run(func() error {
			rs, err := s.Ruleset(ctx, z.ID, ph)
			var names map[string]string
			if ph == cfapi.PhaseManaged && err == nil {
				// Right away, beside the rest of the wave: the names of the
				// managed rules the site's overrides and exceptions name.
				names = managedNames(ctx, s, z.ID, rs)
			}
			mu.Lock()
			site.Sets[ph] = rs
			if names != nil {
				site.ManagedNames = names
			}
			mu.Unlock()
			return err
		})
	}
	run(func() (err error) {
		rd.zoneAR, err = s.AccessRules(ctx, z.ID, "", func(done, total int) {
			progress(fmt.Sprintf("Reading IP Access rules: %d of %d…", done, total))
		})
		return err
	})
	if z.Account.ID != "" {
		run(func() (err error) { rd.acctAR, err = s.AccessRules(ctx, "", z.Account.ID, nil); return err })
		run(func() (err error) { site.Lists, err = s.ListsWithItems(ctx, z.Account.ID); return err })
	}
	run(func() (err error) { site.SecurityLevel, err = s.Setting(ctx, z.ID, "security_level"); return err })
	run(func() (err error) { site.BrowserCheck, err = s.Setting(ctx, z.ID, "browser_check"); return err })
	run(func() (err error) { site.Lockdowns, err = s.LegacyList(ctx, z.ID, "lockdowns"); return err })
	run(func() (err error) { site.UARules, err = s.LegacyList(ctx, z.ID, "ua_rules"); return err })
	run(func() (err error) { rd.legacy, err = s.LegacyFirewallRules(ctx, z.ID); return err })
	run(func() error {
		b, err := s.Bots(ctx, z.ID)
		if b != nil {
			site.Bots = Bots(*b)
			zr.BotFightMode = b.FightMode
		}
		return err
	})
	wg.Wait()
	return rd, fatal
}

// Site is what the planners need to know of a zone: its rulesets with
// rules kept whole, access rules, lists and settings, as read just now.
type Site struct {
	Zone          cfapi.Zone
	Sets          map[string]*cfapi.RuleSet // phase → entry point (nil: none yet)
	AccessRules   []cfapi.AccessRule
	Lists         []cfapi.List
	SecurityLevel string
	BrowserCheck  string
	BotFightMode  bool
	Bots          Bots              // Super Bot Fight Mode and "Block AI bots", as read
	ManagedNames  map[string]string // managed rule ID → its description ("Log4j Headers"), for the rules the site names
	Rules         *ZoneRules        // the same reading, in words, for display
	Lockdowns     []map[string]any
	UARules       []map[string]any
}

// FindSite finds a zone by name or ID and loads it for planning.
func FindSite(ctx context.Context, s *cfapi.Service, nameOrID string) (*Site, error) {
	z, err := s.FindZone(ctx, nameOrID)
	if err != nil {
		return nil, err
	}
	return LoadSite(ctx, s, z)
}

// LoadSite reads what planning a change needs.
func LoadSite(ctx context.Context, s *cfapi.Service, z cfapi.Zone) (*Site, error) {
	return LoadSiteProgress(ctx, s, z, nil)
}

// LoadSiteProgress is LoadSite with progress messages for a busy screen.
// One load reads each thing once; the words (site.Rules) are made from
// the same reading the planners use.
func LoadSiteProgress(ctx context.Context, s *cfapi.Service, z cfapi.Zone, progress func(string)) (*Site, error) {
	rd, err := readSite(ctx, s, z, progress)
	if err != nil {
		return nil, err
	}
	site := rd.site
	zr := site.Rules
	zr.names = site.ManagedNames
	own, acct := splitInherited(rd.zoneAR, rd.acctAR)
	site.AccessRules = append(append([]cfapi.AccessRule(nil), own...), acct...)
	zr.AccessRules, zr.Lists = site.AccessRules, site.Lists
	zr.SecurityLevel, zr.BrowserCheck = site.SecurityLevel, site.BrowserCheck
	site.BotFightMode = zr.BotFightMode != nil && *zr.BotFightMode
	zr.build(site.Sets, own, acct, site.Lockdowns, site.UARules)
	zr.addBots(site.Bots)
	zr.addLegacyFirewallRules(rd.legacy)
	return site, nil
}

// ManagedNames reads the descriptions of the managed rules that the site's
// overrides and exceptions name by ID — one read per managed ruleset, in
// parallel, only when some rule is named. A name that cannot be read
// leaves the ID (the load does not fail for want of a name).
func managedNames(ctx context.Context, s *cfapi.Service, zoneID string, rs *cfapi.RuleSet) map[string]string {
	sets := map[string]bool{}
	if rs != nil {
		for _, r := range rs.Rules {
			p, _ := r["action_parameters"].(map[string]any)
			ov, _ := p["overrides"].(map[string]any)
			if rules, _ := ov["rules"].([]any); len(rules) > 0 && words.Str(p["id"]) != "" {
				sets[words.Str(p["id"])] = true
			}
			if named, _ := p["rules"].(map[string]any); named != nil {
				for id := range named {
					sets[id] = true
				}
			}
		}
	}
	names := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for id := range sets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := s.ManagedRuleNames(ctx, zoneID, id)
			if err != nil {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for k, v := range got {
				names[k] = v
			}
		}()
	}
	wg.Wait()
	return names
}

func (site *Site) ExecuteRuleFor(rulesetID string) string {
	if rs := site.Sets[cfapi.PhaseManaged]; rs != nil {
		for _, r := range rs.Rules {
			p, _ := r["action_parameters"].(map[string]any)
			if r["action"] == "execute" && (rulesetID == "" || words.Str(p["id"]) == rulesetID) {
				return words.Str(r["id"])
			}
		}
		for _, r := range rs.Rules {
			if r["action"] == "execute" {
				return words.Str(r["id"])
			}
		}
	}
	return ""
}

// InList says whether a request's IP or network is on the named list, and
// whether the list is known at all (the Rules language evaluator asks).
func (site *Site) InList(name string, r *ruleslang.Request) (bool, bool) {
	for _, l := range site.Lists {
		if l.Name != name {
			continue
		}
		for _, it := range l.Items {
			if p, err := netip.ParsePrefix(it.IP); err == nil && r.IP.IsValid() && p.Contains(r.IP) {
				return true, true
			}
			if a, err := netip.ParseAddr(it.IP); err == nil && a == r.IP {
				return true, true
			}
			if it.ASN != 0 && it.ASN == r.ASN {
				return true, true
			}
		}
		return false, true
	}
	return false, false
}

// splitInherited separates a zone's listing of IP Access rules, which also
// holds the rules it inherits from the account, into the site's own rules
// and the account's (each rule once: the account's own listing wins, and an
// inherited rule the token could not read there still counts as the
// account's).
func splitInherited(zoneList, account []cfapi.AccessRule) (own, acct []cfapi.AccessRule) {
	seen := map[string]bool{}
	for _, a := range account {
		seen[a.ID] = true
	}
	acct = append(acct, account...)
	for _, a := range zoneList {
		switch {
		case a.Scope.Type != "organization" && a.Scope.Type != "user":
			own = append(own, a)
		case !seen[a.ID]:
			seen[a.ID] = true
			acct = append(acct, a)
		}
	}
	return own, acct
}
