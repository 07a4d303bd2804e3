package impact

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"rayfix/cfapi"
)

// Group is one group of sampled requests with the same dimensions.
type Group struct {
	Count       int    `json:"count"`
	Country     string `json:"country,omitempty"`
	ASN         string `json:"asn,omitempty"`
	ASNName     string `json:"asn_name,omitempty"`
	IP          string `json:"ip,omitempty"`
	Host        string `json:"host,omitempty"`
	Path        string `json:"path,omitempty"`
	Method      string `json:"method,omitempty"`
	UserAgent   string `json:"user_agent,omitempty"`
	BotCategory string `json:"verified_bot_category,omitempty"`
	Minute      string `json:"minute,omitempty"` // only when counted per minute
}

// Traffic is a zone's requests in a window, grouped.
type Traffic struct {
	From, To  time.Time
	Groups    []Group
	Dims      map[string]bool // the dimensions asked (and so known for every group)
	Truncated bool            // more groups than one answer holds: figures are lower bounds
	Clamped   string          // the window asked for was cut to what the plan allows, in words
	Own       string          // this computer's address, when known (WithOwn)
}

// Total is the number of requests in the window (an estimate).
func (t *Traffic) Total() int {
	n := 0
	for _, g := range t.Groups {
		n += g.Count
	}
	return n
}

// Limits is what the plan lets RayFix ask of the dataset (seconds).
type Limits struct {
	Enabled      bool     `json:"enabled"`
	MaxDuration  int      `json:"maxDuration"`
	NotOlderThan int      `json:"notOlderThan"`
	MaxPageSize  int      `json:"maxPageSize"`
	Fields       []string `json:"availableFields"`
}

// groupLimit is how many groups RayFix asks for: enough for a small
// site's day, well under every plan's page size.
const groupLimit = 5000

// ErrNoTraffic is returned when the plan's analytics do not offer the
// dataset (or its dimensions) at all.
var ErrNoTraffic error = &cfapi.APIError{Kind: cfapi.FailRefused,
	Message: "Cloudflare's traffic analytics are not available for this site, so RayFix cannot count whom a rule would hit.",
	Detail:  "settings.httpRequestsAdaptiveGroups is not enabled for the zone"}

type limitsMemo struct{ zone string }

// answer is the GraphQL answer RayFix reads: the settings node, the
// groups, or both.
type answer struct {
	Viewer struct {
		Zones []struct {
			Settings struct {
				L *Limits `json:"httpRequestsAdaptiveGroups"`
			} `json:"settings"`
			Groups []struct {
				Count int               `json:"count"`
				Dims  map[string]string `json:"dimensions"`
			} `json:"httpRequestsAdaptiveGroups"`
		} `json:"zones"`
	} `json:"viewer"`
}

// limits reads the dataset's settings for the zone, once per connection.
func limits(ctx context.Context, c *cfapi.Connection, zoneID string) (Limits, error) {
	key := limitsMemo{zoneID}
	if v, ok := c.Memo().Load(key); ok {
		return v.(Limits), nil
	}
	var out answer
	const q = `query Limits($zoneTag: string) { viewer { zones(filter: {zoneTag: $zoneTag}) { settings { httpRequestsAdaptiveGroups { enabled maxDuration notOlderThan maxPageSize availableFields } } } } }`
	if err := c.GraphQL(ctx, q, map[string]any{"zoneTag": zoneID}, &out); err != nil {
		return Limits{}, err
	}
	if len(out.Viewer.Zones) == 0 || out.Viewer.Zones[0].Settings.L == nil || !out.Viewer.Zones[0].Settings.L.Enabled {
		return Limits{}, ErrNoTraffic
	}
	l := *out.Viewer.Zones[0].Settings.L
	c.Memo().Store(key, l)
	return l, nil
}

// dimensionOf maps a Rules language field to the dataset's dimension.
var dimensionOf = map[string]string{
	"ip.src": "clientIP", "ip.src.asnum": "clientAsn", "ip.geoip.asnum": "clientAsn",
	"ip.src.country": "clientCountryName", "ip.geoip.country": "clientCountryName",
	"ip.src.continent": "clientCountryName", "ip.geoip.continent": "clientCountryName",
	"http.host": "clientRequestHTTPHost", "http.request.uri.path": "clientRequestPath",
	"http.request.method": "clientRequestHTTPMethodName", "http.user_agent": "userAgent",
	"cf.client.bot": "verifiedBotCategory", "cf.bot_management.verified_bot": "verifiedBotCategory",
	"cf.verified_bot_category": "verifiedBotCategory",
}

// breakdownDims are always asked: a preview names countries, networks,
// pages, browsers and bots.
var breakdownDims = []string{"clientCountryName", "clientAsn", "clientASNDescription", "clientRequestPath", "userAgent", "verifiedBotCategory"}

// Load reads the zone's traffic of the last `since` (cut to what the plan
// allows), grouped by the breakdown dimensions and those extra ones.
func Load(ctx context.Context, c *cfapi.Connection, zoneID string, since time.Duration, now time.Time, extra []string) (*Traffic, error) {
	return load(ctx, c, zoneID, since, now, extra, true)
}

func load(ctx context.Context, c *cfapi.Connection, zoneID string, since time.Duration, now time.Time, extra []string, breakdown bool) (*Traffic, error) {
	asked := extra
	if breakdown {
		asked = append(append([]string(nil), breakdownDims...), extra...)
	}
	if _, known := c.Memo().Load(limitsMemo{zoneID}); !known && since <= 24*time.Hour {
		// Within what every plan allows: the plan's limits come in the
		// same round trip as the traffic.
		t, l, err := query(ctx, c, zoneID, since, now, asked, everyPlan, true)
		var ae *cfapi.APIError
		switch {
		case err == nil && l != nil && l.Enabled:
			c.Memo().Store(limitsMemo{zoneID}, *l)
			return t, nil
		case err != nil && !(errors.As(err, &ae) && ae.Kind == cfapi.FailRefused):
			return nil, err // Cloudflare away: asking again would not help
		}
	}
	l, err := limits(ctx, c, zoneID)
	if err != nil {
		return nil, err
	}
	t, _, err := query(ctx, c, zoneID, since, now, asked, l, false)
	return t, err
}

// everyPlan is what every plan allows without reading its limits first:
// one day back, one day at a time, the usual dimensions.
var everyPlan = Limits{Enabled: true, MaxDuration: 86400, NotOlderThan: 86400, MaxPageSize: groupLimit,
	Fields: []string{"clientCountryName", "clientAsn", "clientASNDescription", "clientIP", "clientRequestHTTPHost", "clientRequestPath",
		"clientRequestHTTPMethodName", "userAgent", "verifiedBotCategory", "datetimeMinute"}}

const limitsFields = `settings { httpRequestsAdaptiveGroups { enabled maxDuration notOlderThan maxPageSize availableFields } } `

// query asks for the traffic within the limits l, and with withLimits the
// plan's own limits in the same query.
func query(ctx context.Context, c *cfapi.Connection, zoneID string, since time.Duration, now time.Time, asked []string, l Limits, withLimits bool) (*Traffic, *Limits, error) {
	t := &Traffic{To: now.UTC().Truncate(time.Second), Dims: map[string]bool{}}
	window := since
	if most := time.Duration(min(l.MaxDuration, l.NotOlderThan)) * time.Second; most > 0 && window > most {
		window = most
		t.Clamped = "Cloudflare lets RayFix look at " + hoursWords(most) + " of this site's traffic at a time on its plan, so these figures cover " + hoursWords(most) + "."
	}
	t.From = t.To.Add(-window)
	dims := t.pick(asked, l.Fields)
	if dims == "" {
		return nil, nil, ErrNoTraffic
	}
	limit := groupLimit
	if l.MaxPageSize > 0 && l.MaxPageSize < limit {
		limit = l.MaxPageSize
	}
	var out answer
	settings := ""
	if withLimits {
		settings = limitsFields
	}
	q := `query Traffic($zoneTag: string, $filter: ZoneHttpRequestsAdaptiveGroupsFilter_InputObject) { viewer { zones(filter: {zoneTag: $zoneTag}) { ` + settings +
		`httpRequestsAdaptiveGroups(filter: $filter, limit: ` + strconv.Itoa(limit) + `, orderBy: [count_DESC]) { count avg { sampleInterval } dimensions {` + dims + ` } } } } }`
	filter := map[string]any{"datetime_geq": t.From.Format(time.RFC3339), "datetime_lt": t.To.Format(time.RFC3339), "requestSource": "eyeball"}
	if err := c.GraphQL(ctx, q, map[string]any{"zoneTag": zoneID, "filter": filter}, &out); err != nil {
		return nil, nil, err
	}
	if len(out.Viewer.Zones) == 0 {
		return nil, nil, ErrNoTraffic
	}
	rows := out.Viewer.Zones[0].Groups
	t.Truncated = len(rows) == limit
	for _, r := range rows {
		d := r.Dims
		t.Groups = append(t.Groups, Group{Count: r.Count, Country: d["clientCountryName"], ASN: d["clientAsn"], ASNName: d["clientASNDescription"], IP: d["clientIP"],
			Host: d["clientRequestHTTPHost"], Path: d["clientRequestPath"], Method: d["clientRequestHTTPMethodName"],
			UserAgent: d["userAgent"], BotCategory: d["verifiedBotCategory"], Minute: d["datetimeMinute"]})
	}
	return t, out.Viewer.Zones[0].Settings.L, nil
}

// pick chooses the dimensions to ask, among those available, once each.
func (t *Traffic) pick(asked, available []string) string {
	ok := map[string]bool{}
	for _, f := range available {
		ok[f] = true
	}
	dims := ""
	for _, d := range asked {
		if ok[d] && !t.Dims[d] {
			t.Dims[d] = true
			dims += " " + d
		}
	}
	return dims
}

func hoursWords(d time.Duration) string {
	h := int(d.Hours())
	if h%24 == 0 && h > 24 {
		return fmt.Sprintf("%d days", h/24)
	}
	if h == 1 {
		return "1 hour"
	}
	return fmt.Sprintf("%d hours", h)
}

// recentFor is how long Recent keeps a zone's traffic: previews opened one
// after another ask Cloudflare once, and a figure is never older than this.
const recentFor = 10 * time.Minute

type recentKey struct{ zone, dims string }

// Recent is Load for the last 24 hours with the dimensions a walk of the
// whole site needs plus extra, kept for a few minutes per connection.
func Recent(ctx context.Context, c *cfapi.Connection, zoneID string, now time.Time, extra []string) (*Traffic, error) {
	dims := append(append([]string(nil), SiteNeeds...), extra...)
	key := recentKey{zoneID, fmt.Sprint(dims)}
	if v, ok := c.Memo().Load(key); ok {
		if t := v.(*Traffic); now.Sub(t.To) < recentFor && !now.Before(t.To) {
			return t, nil
		}
	}
	t, err := Load(ctx, c, zoneID, 24*time.Hour, now, dims)
	if err == nil {
		c.Memo().Store(key, t)
	}
	return t, err
}
