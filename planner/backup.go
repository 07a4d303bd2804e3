package planner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"rayfix/internal/words"
	"rayfix/siteplan"

	"rayfix/cfapi"
	"rayfix/changes"
)

// Backup is everything RayFix can read of a zone, in one JSON file.
type Backup struct {
	Taken         time.Time                 `json:"taken"`
	Zone          cfapi.Zone                `json:"zone"`
	Rulesets      map[string]*cfapi.RuleSet `json:"rulesets"` // phase → entry point, rules whole
	AccessRules   []cfapi.AccessRule        `json:"access_rules"`
	Lists         []cfapi.List              `json:"lists"`
	SecurityLevel string                    `json:"security_level"`
	BrowserCheck  string                    `json:"browser_integrity_check"`
	BotFightMode  bool                      `json:"bot_fight_mode"`
}

// BackupOf exports the site as read now.
func BackupOf(site *siteplan.Site) *Backup {
	return &Backup{Taken: time.Now().UTC(), Zone: site.Zone, Rulesets: site.Sets, AccessRules: site.AccessRules, Lists: site.Lists,
		SecurityLevel: site.SecurityLevel, BrowserCheck: site.BrowserCheck, BotFightMode: site.BotFightMode}
}

// ReadBackup parses a backup file.
func ReadBackup(b []byte) (*Backup, error) {
	var bk Backup
	if err := json.Unmarshal(b, &bk); err != nil {
		return nil, fmt.Errorf("that is not a RayFix backup: %v", err)
	}
	if bk.Zone.ID == "" || bk.Rulesets == nil {
		return nil, errors.New("that is not a RayFix backup (no zone or rules in it)")
	}
	return &bk, nil
}

// RestoreRule plans putting one rule back as it was in the backup: an
// update when it still exists, a create at its old place when it is gone.
// Restoring is offered only rule by rule, each with its preview.
func RestoreRule(site *siteplan.Site, bk *Backup, ruleID string) (*changes.Change, error) {
	if bk.Zone.ID != site.Zone.ID {
		return nil, fmt.Errorf("that backup is of %s, not %s", bk.Zone.Name, site.Zone.Name)
	}
	for phase, rs := range bk.Rulesets {
		if rs == nil {
			continue
		}
		for i, old := range rs.Rules {
			if old["id"] != ruleID {
				continue
			}
			_, cur, now, _ := site.FindRule(ruleID)
			if now != nil {
				if len(changes.DefinitionDiff(old, now)) == 0 {
					return nil, errors.New("that rule is already as it was in the backup")
				}
				c := newChange(site, "Restore "+changes.RuleName(old)+" from the backup of "+bk.Taken.Format("2 Jan 2006 15:04"))
				c.Consequence = "The rule works again as it did when the backup was taken."
				for _, d := range changes.DefinitionDiff(now, old) {
					c.Lines = append(c.Lines, changes.Line{Label: d.Label, Before: d.Before, After: d.After})
				}
				c.Steps = updateRule(site, phase, cur, ruleID, now, changes.RuleBody(old))
				return c, nil
			}
			body := changes.RuleBody(old)
			set := site.Sets[phase]
			if set != nil && i < len(set.Rules) {
				body["position"] = map[string]any{"index": i + 1}
			}
			c := newChange(site, "Put back "+changes.RuleName(old)+" from the backup of "+bk.Taken.Format("2 Jan 2006 15:04"))
			c.Consequence = words.Capitalize(siteplan.Summarize(words.Str(old["expression"]))) + " will be " + VerbFor(words.Str(old["action"])) + " again."
			c.Lines = []changes.Line{{Label: "Rule", After: words.Str(old["description"]) + ": " + words.Str(old["expression"])}}
			st := changes.Step{Op: "rule.create", ZoneID: site.Zone.ID, Phase: phase, After: body}
			if set != nil {
				st.RulesetID = set.ID
			}
			c.Steps = []changes.Step{st}
			return c, nil
		}
	}
	return nil, errors.New("that rule is not in the backup")
}

// BackupSite reads and exports a zone.
func BackupSite(ctx context.Context, s *cfapi.Service, z cfapi.Zone) (*Backup, error) {
	site, err := siteplan.LoadSite(ctx, s, z)
	if err != nil {
		return nil, err
	}
	return BackupOf(site), nil
}
