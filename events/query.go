package events

import (
	"context"
	"strconv"
	"time"

	"rayfix/cfapi"
)

// Event is one Security Event (firewallEventsAdaptive row).
type Event struct {
	Datetime    string `json:"datetime"`
	RayName     string `json:"rayName"`
	Action      string `json:"action"`
	Source      string `json:"source"`
	RuleID      string `json:"ruleId"`
	RulesetID   string `json:"rulesetId"`
	Description string `json:"description"`
	ClientIP    string `json:"clientIP"`
	Country     string `json:"clientCountryName"`
	ASN         string `json:"clientAsn"`
	UserAgent   string `json:"userAgent"`
	Host        string `json:"clientRequestHTTPHost"`
	Method      string `json:"clientRequestHTTPMethodName"`
	Path        string `json:"clientRequestPath"`
	Query       string `json:"clientRequestQuery"`
	Colo        string `json:"edgeColoName"`
}

const eventFields = `datetime rayName action source kind ruleId rulesetId description matchIndex clientIP clientCountryName clientAsn clientASNDescription userAgent clientRequestHTTPHost clientRequestHTTPMethodName clientRequestPath clientRequestQuery edgeColoName edgeResponseStatus`

// retention reads how far back Security Events go for this zone (the
// GraphQL settings node), in seconds.
func retention(ctx context.Context, c *cfapi.Connection, zoneID string) (notOlder, maxDur int, err error) {
	// A zone's retention changes only with its plan: ask once per session.
	if v, ok := c.Memo().Load(zoneID); ok {
		r := v.([2]int)
		return r[0], r[1], nil
	}
	defer func() {
		if err == nil {
			c.Memo().Store(zoneID, [2]int{notOlder, maxDur})
		}
	}()
	var out struct {
		Viewer struct {
			Zones []struct {
				Settings settingsNode `json:"settings"`
			} `json:"zones"`
		} `json:"viewer"`
	}
	const q = `query Settings($zoneTag: string) { viewer { zones(filter: {zoneTag: $zoneTag}) { ` + retentionFields + ` } } }`
	if err := c.GraphQL(ctx, q, map[string]any{"zoneTag": zoneID}, &out); err != nil {
		return 0, 0, err
	}
	if len(out.Viewer.Zones) == 0 || out.Viewer.Zones[0].Settings.F == nil {
		return minRetention, minRetention, nil
	}
	r := out.Viewer.Zones[0].Settings.retention()
	return r[0], r[1], nil
}

// settingsNode is the GraphQL settings node: how long Security Events are
// kept, and how long one query may span.
type settingsNode struct {
	F *struct {
		NotOlderThan int `json:"notOlderThan"`
		MaxDuration  int `json:"maxDuration"`
	} `json:"firewallEventsAdaptive"`
}

// retention is [not older than, max duration] in seconds, at least an hour.
func (s settingsNode) retention() [2]int {
	return [2]int{max(s.F.NotOlderThan, 3600), max(s.F.MaxDuration, 3600)}
}

// Events queries Security Events of a zone with a filter, within the
// window the plan keeps.
func Events(ctx context.Context, c *cfapi.Connection, zoneID string, filter map[string]any, from, to time.Time, limit int) ([]Event, error) {
	evs, _, err := eventsQuery(ctx, c, zoneID, filter, from, to, limit, false)
	return evs, err
}

const retentionFields = `settings { firewallEventsAdaptive { enabled maxDuration notOlderThan maxPageSize } }`

// eventsQuery sends one GraphQL query for events, and with withSettings
// the zone's retention in the same round trip.
func eventsQuery(ctx context.Context, c *cfapi.Connection, zoneID string, filter map[string]any, from, to time.Time, limit int, withSettings bool) ([]Event, *[2]int, error) {
	var out struct {
		Viewer struct {
			Zones []struct {
				Events   []Event      `json:"firewallEventsAdaptive"`
				Settings settingsNode `json:"settings"`
			} `json:"zones"`
		} `json:"viewer"`
	}
	f := map[string]any{"datetime_geq": from.UTC().Format(time.RFC3339), "datetime_leq": to.UTC().Format(time.RFC3339)}
	for k, v := range filter {
		f[k] = v
	}
	settings := ""
	if withSettings {
		settings = retentionFields + " "
	}
	q := `query Events($zoneTag: string, $filter: FirewallEventsAdaptiveFilter_InputObject) { viewer { zones(filter: {zoneTag: $zoneTag}) { ` + settings +
		`firewallEventsAdaptive(filter: $filter, limit: ` + strconv.Itoa(limit) + `, orderBy: [datetime_ASC]) { ` + eventFields + ` } } } }`
	if err := c.GraphQL(ctx, q, map[string]any{"zoneTag": zoneID, "filter": f}, &out); err != nil {
		return nil, nil, err
	}
	if len(out.Viewer.Zones) == 0 {
		return nil, nil, nil
	}
	zone := out.Viewer.Zones[0]
	var ret *[2]int
	if zone.Settings.F != nil {
		r := zone.Settings.retention()
		ret = &r
	}
	return zone.Events, ret, nil
}

// Window is the time range a search covered, and how long the plan keeps
// events.
type Window struct {
	From, To         time.Time
	NotOlder, MaxDur int // seconds
}

// minRetention is what every plan keeps and may query at once (24 h): a
// first search within it is always accepted, so the zone's own retention
// can come back in the same round trip.
const minRetention = 86400

// SearchEvents finds events for a filter around `at` (or the latest the
// plan allows). When the zone's retention is not known yet it is asked in
// the same query as the events, over the 24 hours every plan keeps; only
// when the plan keeps more, nothing was found and the wider window
// matters is there a second query.
func SearchEvents(ctx context.Context, c *cfapi.Connection, zoneID string, filter map[string]any, now, at time.Time, limit int) ([]Event, Window, error) {
	if v, ok := c.Memo().Load(zoneID); ok {
		r := v.([2]int)
		w := Window{NotOlder: r[0], MaxDur: r[1]}
		w.From, w.To = searchWindow(now, at, w.NotOlder, w.MaxDur)
		if !w.From.Before(w.To) {
			return nil, w, nil
		}
		evs, err := Events(ctx, c, zoneID, filter, w.From, w.To, limit)
		return evs, w, err
	}
	w := Window{NotOlder: minRetention, MaxDur: minRetention}
	w.From, w.To = searchWindow(now, at, minRetention, minRetention)
	if !w.From.Before(w.To) { // older than every plan keeps: ask the retention alone
		notOlder, maxDur, err := retention(ctx, c, zoneID)
		if err != nil {
			return nil, w, err
		}
		real := Window{NotOlder: notOlder, MaxDur: maxDur}
		real.From, real.To = searchWindow(now, at, notOlder, maxDur)
		if !real.From.Before(real.To) {
			return nil, real, nil
		}
		evs, err := Events(ctx, c, zoneID, filter, real.From, real.To, limit)
		return evs, real, err
	}
	evs, ret, err := eventsQuery(ctx, c, zoneID, filter, w.From, w.To, limit, true)
	if err != nil {
		return nil, w, err
	}
	if ret == nil {
		ret = &[2]int{minRetention, minRetention}
	}
	c.Memo().Store(zoneID, *ret)
	real := Window{NotOlder: ret[0], MaxDur: ret[1]}
	real.From, real.To = searchWindow(now, at, real.NotOlder, real.MaxDur)
	if len(evs) > 0 || !real.From.Before(w.From) { // found, or the whole window was searched
		w.NotOlder, w.MaxDur = real.NotOlder, real.MaxDur
		return evs, w, nil
	}
	evs, err = Events(ctx, c, zoneID, filter, real.From, real.To, limit)
	return evs, real, err
}

// searchWindow is the time range to search: an hour either side of the
// reported time, or the longest range one query may span, never older
// than the plan keeps.
func searchWindow(now, at time.Time, notOlder, maxDur int) (from, to time.Time) {
	from, to = now.Add(-time.Duration(maxDur)*time.Second), now
	if !at.IsZero() {
		from, to = at.Add(-time.Hour), at.Add(time.Hour)
	}
	if oldest := now.Add(-time.Duration(notOlder) * time.Second); from.Before(oldest) {
		from = oldest
	}
	return from, to
}
