package siteplan

import (
	"fmt"

	"rayfix/cfapi"
)

// Stages, in the order Cloudflare applies them to a request. This one
// order is what the overview lists, what the simulator walks, and so what
// a preview's "afterwards the visitor sees" and a Ray ID's fixes say.
// The legacy products and settings (3–5) are not in the rules pipeline,
// but a custom rule's Skip can skip them, so they act after custom rules.
const (
	StageIPAccess  = "1. IP Access rules"
	StageCustom    = "2. Custom rules"
	StageLockdown  = "3. Zone Lockdown (legacy)"
	StageUABlock   = "4. User Agent Blocking (legacy)"
	StageSettings  = "5. Browser Integrity Check and Security Level"
	StageRateLimit = "6. Rate limiting rules"
	StageManaged   = "7. Managed rules"
	StageBots      = "8. Bot protection"
)

// Skip keys: what a matching Skip rule (its action_parameters) takes a
// request past. "rules" is the rest of the custom rules; the phases and
// legacy products are Cloudflare's own names.
var SkipEverything = map[string]any{
	"ruleset":  "current",
	"phases":   []any{cfapi.PhaseRateLimit, cfapi.PhaseManaged, cfapi.PhaseSBFM},
	"products": []any{"zoneLockdown", "uaBlock", "bic", "hot", "securityLevel", "rateLimit", "waf"},
}

// AllowSkips is what an IP Access Allow takes a request past: every check
// after it but Bot Fight Mode, which nothing skips (Cloudflare: "Allow
// excludes visitors from all security checks").
var AllowSkips = map[string]bool{
	"rules": true, "zoneLockdown": true, "uaBlock": true, "bic": true, "hot": true, "securityLevel": true,
	cfapi.PhaseRateLimit: true, cfapi.PhaseManaged: true, cfapi.PhaseSBFM: true,
}

// Bots are the zone's bot protections beyond Bot Fight Mode.
type Bots cfapi.BotSettings

// HasSBFM says whether the plan has Super Bot Fight Mode (Pro and up),
// which takes the place of Bot Fight Mode.
func (b Bots) HasSBFM() bool {
	return b.SBFMDefinitely != "" || b.SBFMLikely != "" || b.SBFMVerified != ""
}

var sbfmActions = map[string]string{"block": "blocked", "managed_challenge": "challenged", "allow": "let through"}

// sbfmWords says what Super Bot Fight Mode does to requests, for the
// simulator's list of checks it cannot run.
func (b Bots) sbfmWords() []string {
	var out []string
	for _, x := range []struct{ who, v string }{{"definitely automated", b.SBFMDefinitely}, {"likely automated", b.SBFMLikely}} {
		if x.v == "block" || x.v == "managed_challenge" {
			out = append(out, "Super Bot Fight Mode: traffic Cloudflare finds "+x.who+" is "+sbfmActions[x.v])
		}
	}
	if b.SBFMVerified == "block" {
		out = append(out, "Super Bot Fight Mode blocks verified bots (search engines too)")
	}
	return out
}

// aiWords: RayFix does not claim a Skip rule gets past "Block AI bots".
func (b Bots) aiWords() []string {
	if b.AIBots == "block" || b.AIBots == "only_on_ad_pages" {
		return []string{"Block AI bots is on: AI crawlers such as GPTBot and ClaudeBot are blocked"}
	}
	return nil
}

// addBots lists Super Bot Fight Mode and "Block AI bots" in the overview,
// in the bot stage, when they stop anyone.
func (zr *ZoneRules) addBots(b Bots) {
	zr.Bots = b
	for _, x := range []struct{ id, who, v string }{
		{"sbfm_definitely_automated", "definitely automated", b.SBFMDefinitely},
		{"sbfm_likely_automated", "likely automated", b.SBFMLikely},
		{"sbfm_verified_bots", "verified bots (search engines, monitors)", b.SBFMVerified},
	} {
		if x.v != "block" && x.v != "managed_challenge" {
			continue
		}
		r := Rule{Stage: StageBots, Kind: "setting", ID: x.id, Description: "Super Bot Fight Mode: " + x.who, Action: x.v, Enabled: true,
			Summary:     ActionWords(x.v) + " traffic Cloudflare finds " + x.who,
			VisitorSees: VisitorSees(x.v, "a Cloudflare block page"),
			Note:        "A custom rule with Skip → Super Bot Fight Mode lets a tool or partner you trust through."}
		if x.id == "sbfm_verified_bots" {
			r.Summary = ActionWords(x.v) + " verified bots such as search engines and uptime monitors"
		}
		if b.SBFMStatic != nil && *b.SBFMStatic {
			r.Note += " It also checks images, scripts and other static files."
		}
		zr.Rules = append(zr.Rules, r)
	}
	if b.AIBots == "block" || b.AIBots == "only_on_ad_pages" {
		r := Rule{Stage: StageBots, Kind: "setting", ID: "ai_bots_protection", Description: "Block AI bots", Action: "block", Enabled: true,
			Summary:     "Blocks AI crawlers (GPTBot, ClaudeBot, Bytespider and others)",
			VisitorSees: VisitorSees("block", "a Cloudflare block page"),
			Note:        "People are not affected; AI assistants and crawlers are."}
		if b.AIBots == "only_on_ad_pages" {
			r.Summary = "Blocks AI crawlers on pages that show ads"
		}
		zr.Rules = append(zr.Rules, r)
	}
}

// Fact is one line of a site's summary: a setting and its value, in words.
type Fact struct{ Label, Value string }

// Facts sum the site up for the overview and the terminal: the plan, the
// site-wide settings that can stop visitors, and the rule counts.
func (zr *ZoneRules) Facts() []Fact {
	known := func(s string) string {
		if s == "" {
			return "unknown"
		}
		return s
	}
	bfm := "unknown"
	if zr.BotFightMode != nil {
		bfm = map[bool]string{true: "on", false: "off"}[*zr.BotFightMode]
	}
	facts := []Fact{{"Plan", zr.Zone.Plan.Name}, {"Status", zr.Zone.Status}, {"Security Level", known(zr.SecurityLevel)},
		{"Browser Integrity Check", known(zr.BrowserCheck)}, {"Bot Fight Mode", bfm}}
	if zr.Bots.HasSBFM() {
		act := map[string]string{"block": "blocked", "managed_challenge": "challenged", "allow": "let through", "": "not set"}
		facts = append(facts, Fact{"Super Bot Fight Mode", "definitely automated " + act[zr.Bots.SBFMDefinitely] +
			", likely automated " + act[zr.Bots.SBFMLikely] + ", verified bots " + act[zr.Bots.SBFMVerified]})
	}
	return append(facts, Fact{"Rules", fmt.Sprintf("%d custom · %d rate limiting · %d managed (%s) · %d IP Access",
		zr.Count("custom_rule"), zr.Count("rate_limit"), zr.Count("managed"), Count(zr.Count("managed_exception"), "exception", "exceptions"), len(zr.AccessRules))})
}

// Count says how many, in words: "1 exception", "3 exceptions".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
