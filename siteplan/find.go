package siteplan

import (
	"rayfix/cfapi"
)

// FindRule finds a rule by ID in any phase.
func (site *Site) FindRule(id string) (phase string, rs *cfapi.RuleSet, rule map[string]any, index int) {
	for ph, set := range site.Sets {
		if set == nil {
			continue
		}
		for i, r := range set.Rules {
			if r["id"] == id {
				return ph, set, r, i + 1
			}
		}
	}
	return "", nil, nil, 0
}

func (site *Site) FindAccess(id string) *cfapi.AccessRule {
	for i := range site.AccessRules {
		if site.AccessRules[i].ID == id {
			return &site.AccessRules[i]
		}
	}
	return nil
}
