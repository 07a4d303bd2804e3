package siteplan

import (
	"net/netip"
	"strconv"

	"rayfix/app/ruleslang"
	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/diagnose/places"
	"rayfix/internal/words"
)

// After is the site as it will be once c is applied: its steps played on
// a copy of what was read. A preview's "afterwards the visitor sees" is
// the simulator's answer on this copy, so the two cannot disagree.
func (site *Site) After(c *changes.Change) *Site {
	next := *site
	next.Sets = map[string]*cfapi.RuleSet{}
	for ph, rs := range site.Sets {
		if rs != nil {
			cp := *rs
			cp.Rules = append([]map[string]any(nil), rs.Rules...)
			next.Sets[ph] = &cp
		}
	}
	next.AccessRules = append([]cfapi.AccessRule(nil), site.AccessRules...)
	next.Lists = append([]cfapi.List(nil), site.Lists...)
	for _, st := range c.Steps {
		next.play(st)
	}
	return &next
}

// play applies one step to the copy.
func (site *Site) play(st changes.Step) {
	switch st.Op {
	case "rule.create":
		site.createRule(st)
	case "rule.update", "rule.delete":
		site.replaceRule(st)
	case "access.create", "access.update", "access.delete":
		site.playAccess(st)
	case "setting.set":
		switch st.TargetID {
		case "security_level":
			site.SecurityLevel = words.Str(st.After["value"])
		case "browser_check":
			site.BrowserCheck = words.Str(st.After["value"])
		}
	case "bfm.set":
		site.BotFightMode = st.After["on"] == true
	case "list.add":
		for i, l := range site.Lists {
			if l.ID == st.TargetID {
				site.Lists[i].Items = append(append([]cfapi.ListItem(nil), l.Items...), cfapi.ListItem{IP: words.Str(st.After["ip"])})
			}
		}
	}
}

func (site *Site) createRule(st changes.Step) {
	rs := site.Sets[st.Phase]
	if rs == nil {
		rs = &cfapi.RuleSet{}
		site.Sets[st.Phase] = rs
	}
	rule := map[string]any{"id": "planned"}
	for k, v := range st.After {
		rule[k] = v
	}
	at := len(rs.Rules)
	if pos, ok := st.After["position"].(map[string]any); ok && pos["before"] == "" {
		at = 0
	}
	rs.Rules = append(rs.Rules[:at:at], append([]map[string]any{rule}, rs.Rules[at:]...)...)
}

func (site *Site) playAccess(st changes.Step) {
	if st.Op == "access.create" {
		a := cfapi.AccessRule{ID: "planned", Mode: words.Str(st.After["mode"]), Notes: words.Str(st.After["notes"])}
		a.Configuration.Target, a.Configuration.Value = words.Str(st.After["target"]), words.Str(st.After["value"])
		site.AccessRules = append(site.AccessRules, a)
		return
	}
	for i, a := range site.AccessRules {
		if a.ID != st.TargetID {
			continue
		}
		if st.Op == "access.delete" {
			site.AccessRules = append(site.AccessRules[:i:i], site.AccessRules[i+1:]...)
		} else {
			site.AccessRules[i].Mode = words.Str(st.After["mode"])
		}
		return
	}
}

func (site *Site) replaceRule(st changes.Step) {
	rs := site.Sets[st.Phase]
	if rs == nil {
		return
	}
	for i, r := range rs.Rules {
		if r["id"] != st.TargetID {
			continue
		}
		if st.Op == "rule.delete" {
			rs.Rules = append(rs.Rules[:i:i], rs.Rules[i+1:]...)
			return
		}
		rule := map[string]any{"id": st.TargetID}
		for k, v := range st.After {
			rule[k] = v
		}
		rs.Rules[i] = rule
		return
	}
}

// Request is these visitors as a request the simulator can walk: what
// the group has in common is known, the rest (the page, the browser) is
// not, so a rule that depends on it is said to be uncertain.
func (w Who) Request(host string) *ruleslang.Request {
	r := &ruleslang.Request{Partial: true}
	switch w.Kind {
	case "ip":
		if p, err := netip.ParsePrefix(w.Value); err == nil {
			r.IP = p.Addr()
		} else if a, err := netip.ParseAddr(w.Value); err == nil {
			r.IP = a
		}
	case "asn":
		r.ASN, _ = strconv.Atoi(w.Value)
	case "country":
		r.Country, r.Continent = w.Value, places.ContinentOf(w.Value)
	case "verified_bots":
		r.VerifiedBot = true
	case "host":
		r.Host = w.Value
	case "path":
		r.Host, r.Path = host, w.Value
	}
	return r
}

// SeesAfter is what these visitors will see once c is applied, from the
// simulator's walk of the site as it will be.
func (site *Site) SeesAfter(c *changes.Change, w Who) string {
	after := site.After(c)
	r := w.Request(site.Zone.Name)
	if w.Kind == "list" {
		name := w.Value
		r.InList = func(n string, _ *ruleslang.Request) (bool, bool) { return n == name, n == name }
	}
	return Simulate(after, r).Verdict
}
