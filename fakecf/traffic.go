package fakecf

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// TrafficRow is sampled traffic the analytics dataset
// httpRequestsAdaptiveGroups serves: Count requests, Ago before the
// query, with these dimensions. Times are relative so that the demo's
// traffic is always "the last 24 hours".
type TrafficRow struct {
	Ago                                                       time.Duration
	Count                                                     int
	Country, ASN, IP, Host, Path, Method, UserAgent, BotClass string
	// Burst: all Count requests came within the row's minute; otherwise
	// they are spread over the hour before it (what datetimeMinute shows).
	Burst  bool
	minute time.Time
}

// adaptiveDims maps the dataset's dimension names to a row's values.
var adaptiveDims = map[string]func(r TrafficRow) string{
	"clientCountryName":           func(r TrafficRow) string { return r.Country },
	"clientAsn":                   func(r TrafficRow) string { return r.ASN },
	"clientASNDescription":        func(r TrafficRow) string { return asnNames[r.ASN] },
	"clientIP":                    func(r TrafficRow) string { return r.IP },
	"clientRequestHTTPHost":       func(r TrafficRow) string { return r.Host },
	"clientRequestPath":           func(r TrafficRow) string { return r.Path },
	"clientRequestHTTPMethodName": func(r TrafficRow) string { return r.Method },
	"userAgent":                   func(r TrafficRow) string { return r.UserAgent },
	"verifiedBotCategory":         func(r TrafficRow) string { return r.BotClass },
	"datetimeMinute":              func(r TrafficRow) string { return r.minute.Format(time.RFC3339) },
}

// perMinute spreads rows over the minutes of their hour (bursts stay in
// their minute), for a query grouped by datetimeMinute.
func perMinute(rows []TrafficRow, now time.Time) []TrafficRow {
	var out []TrafficRow
	for _, r := range rows {
		at := now.Add(-r.Ago).UTC().Truncate(time.Minute)
		if r.Burst || r.Count == 0 {
			r.minute = at
			out = append(out, r)
			continue
		}
		for i := 0; i < 60 && i < r.Count; i++ {
			m := r
			m.Count = r.Count / 60
			if i < r.Count%60 {
				m.Count++
			}
			m.minute = at.Add(-time.Duration(i) * time.Minute)
			m.Ago = r.Ago + time.Duration(i)*time.Minute
			out = append(out, m)
		}
	}
	return out
}

// adaptiveLimits is each plan's window for httpRequestsAdaptiveGroups
// (seconds): how far back, and how long one query may span.
var adaptiveLimits = map[string]struct{ notOlderThan, maxDuration int }{
	"free": {86400, 86400}, "pro": {604800, 86400}, "business": {2678400, 259200}, "enterprise": {7776000, 2678400},
}

const adaptiveMaxPage = 10000

func adaptiveSettings(plan string) map[string]any {
	l, ok := adaptiveLimits[plan]
	if !ok {
		l = adaptiveLimits["free"]
	}
	fields := make([]string, 0, len(adaptiveDims))
	for k := range adaptiveDims {
		fields = append(fields, k)
	}
	sort.Strings(fields)
	return map[string]any{"enabled": true, "maxDuration": l.maxDuration, "notOlderThan": l.notOlderThan,
		"maxPageSize": adaptiveMaxPage, "availableFields": append(fields, "count", "avg.sampleInterval")}
}

var (
	reDims  = regexp.MustCompile(`dimensions\s*\{([^}]*)\}`)
	reLimit = regexp.MustCompile(`httpRequestsAdaptiveGroups\s*\([^)]*limit:\s*(\d+)`)
)

// gqlError answers as Cloudflare's GraphQL does: HTTP 200, data null, the
// message and where it happened.
func gqlError(w http.ResponseWriter, msg string) {
	_ = json.NewEncoder(w).Encode(map[string]any{"data": nil, "errors": []map[string]any{{"message": msg,
		"path": []string{"viewer", "zones", "0", "httpRequestsAdaptiveGroups"}, "extensions": map[string]any{"code": "BAD_REQUEST"}}}})
}

// adaptiveGroups serves httpRequestsAdaptiveGroups: the zone's traffic in
// the filter's window, grouped by the dimensions asked, count_DESC, at
// most limit groups, with the plan's time limits and Cloudflare's errors.
func (f *API) adaptiveGroups(w http.ResponseWriter, z *Zone, query string, filter map[string]any, settings map[string]any) {
	m := reDims.FindStringSubmatch(query)
	if m == nil {
		gqlError(w, "dimensions: at least one dimension is required")
		return
	}
	dims := strings.Fields(m[1])
	for _, d := range dims {
		if adaptiveDims[d] == nil {
			gqlError(w, fmt.Sprintf("unknown field %q on type \"zoneHttpRequestsAdaptiveGroupsDimensions\"", d))
			return
		}
	}
	limit := 100
	if lm := reLimit.FindStringSubmatch(query); lm != nil {
		limit, _ = strconv.Atoi(lm[1])
	}
	if limit > adaptiveMaxPage {
		gqlError(w, fmt.Sprintf("limit must be less than or equal to %d", adaptiveMaxPage))
		return
	}
	now := time.Now()
	from, to, msg := adaptiveWindow(z.Plan, filter, now)
	if msg != "" {
		gqlError(w, msg)
		return
	}
	out := groupRows(z.Traffic, dims, filter, from, to, now, limit)
	_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"viewer": map[string]any{"zones": []any{
		map[string]any{"settings": settings, "httpRequestsAdaptiveGroups": out}}}}, "errors": nil})
}

// groupRows groups the rows in [from, to) that pass the filter by the
// dimensions asked, busiest first, at most limit groups.
func groupRows(rows []TrafficRow, dims []string, filter map[string]any, from, to, now time.Time, limit int) []any {
	groups := map[string]map[string]any{}
	var keys []string
	if slices.Contains(dims, "datetimeMinute") {
		rows = perMinute(rows, now)
	}
	for _, r := range rows {
		at := now.Add(-r.Ago)
		if at.Before(from) || !at.Before(to) || !rowMatches(r, filter) {
			continue
		}
		vals := map[string]any{}
		var key []string
		for _, d := range dims {
			v := adaptiveDims[d](r)
			vals[d] = v
			key = append(key, v)
		}
		k := strings.Join(key, "\x00")
		g, ok := groups[k]
		if !ok {
			g = map[string]any{"count": 0, "avg": map[string]any{"sampleInterval": 1.0}, "dimensions": vals}
			groups[k] = g
			keys = append(keys, k)
		}
		g["count"] = g["count"].(int) + r.Count
	}
	sort.SliceStable(keys, func(i, j int) bool { return groups[keys[i]]["count"].(int) > groups[keys[j]]["count"].(int) })
	out := []any{}
	for _, k := range keys {
		if len(out) == limit {
			break
		}
		out = append(out, groups[k])
	}
	return out
}

// adaptiveWindow reads the filter's time range and refuses what the plan
// does not allow, in Cloudflare's words.
func adaptiveWindow(plan string, filter map[string]any, now time.Time) (from, to time.Time, msg string) {
	l, ok := adaptiveLimits[plan]
	if !ok {
		l = adaptiveLimits["free"]
	}
	from, err1 := time.Parse(time.RFC3339, str(filter["datetime_geq"]))
	to, err2 := time.Parse(time.RFC3339, str(filter["datetime_lt"]))
	switch {
	case err1 != nil || err2 != nil:
		return from, to, "a time range is required: datetime_geq and datetime_lt"
	case to.Sub(from) > time.Duration(l.maxDuration)*time.Second:
		return from, to, fmt.Sprintf("query time range is too large: the maximum is %ds", l.maxDuration)
	case now.Sub(from) > time.Duration(l.notOlderThan)*time.Second+time.Minute:
		return from, to, fmt.Sprintf("cannot request data older than %ds", l.notOlderThan)
	}
	return from, to, ""
}

// rowMatches applies the filter's dimension conditions: exact, _in, _neq.
func rowMatches(r TrafficRow, filter map[string]any) bool {
	for k, v := range filter {
		name, op, _ := strings.Cut(k, "_")
		get := adaptiveDims[name]
		if get == nil {
			if k == "requestSource" && v != "eyeball" {
				return false
			}
			continue
		}
		got := get(r)
		switch op {
		case "":
			if got != str(v) {
				return false
			}
		case "neq":
			if got == str(v) {
				return false
			}
		case "in":
			list, _ := v.([]any)
			found := false
			for _, x := range list {
				found = found || str(x) == got
			}
			if !found {
				return false
			}
		}
	}
	return true
}

// asnNames are the networks the demo's traffic comes from.
var asnNames = map[string]string{"7922": "COMCAST-7922", "3320": "DTAG", "2856": "BT-UK-AS", "3215": "FRANCE TELECOM - ORANGE",
	"1136": "KPN", "28573": "CLARO S.A.", "12389": "ROSTELECOM-AS", "4134": "CHINANET-BACKBONE", "15169": "GOOGLE",
	"8075": "MICROSOFT-CORP-MSN-AS-BLOCK", "46475": "LIMESTONENETWORKS", "16509": "AMAZON-02", "14061": "DIGITALOCEAN-ASN",
	"24940": "HETZNER-AS", "9009": "M247"}

// demoTraffic is a believable day of a small bakery's site: people from
// Europe and the Americas (and a few from the countries the site blocks),
// Google's and Bing's crawlers, an uptime monitor, Stripe's webhooks, a
// scraper on a hosting network, curl.
func demoTraffic(host string) []TrafficRow {
	people := []struct {
		country, asn, ip string
		perHour          int
	}{{"US", "7922", "198.51.100.10", 14}, {"DE", "3320", "203.0.113.77", 9}, {"GB", "2856", "198.51.100.41", 6},
		{"FR", "3215", "198.51.100.52", 4}, {"NL", "1136", "198.51.100.63", 3}, {"BR", "28573", "198.51.100.74", 2},
		{"RU", "12389", "192.0.2.44", 1}, {"CN", "4134", "192.0.2.88", 1}}
	pages := []string{"/", "/menu", "/shop", "/login"}
	const browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36"
	var out []TrafficRow
	for h := 1; h <= 23; h++ {
		ago := time.Duration(h)*time.Hour + 7*time.Minute
		for i, p := range people {
			out = append(out, TrafficRow{Ago: ago, Count: p.perHour, Country: p.country, ASN: p.asn, IP: p.ip, Host: host,
				Path: pages[(h+i)%len(pages)], Method: "GET", UserAgent: browser})
		}
		out = append(out,
			TrafficRow{Ago: ago, Count: 3, Country: "US", ASN: "15169", IP: "66.249.66.1", Host: host, Path: pages[h%3], Method: "GET",
				UserAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", BotClass: "Search Engine Crawler"},
			TrafficRow{Ago: ago, Count: 1, Country: "US", ASN: "8075", IP: "157.55.39.1", Host: host, Path: "/menu", Method: "GET",
				UserAgent: "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", BotClass: "Search Engine Crawler"},
			TrafficRow{Ago: ago, Count: 12, Country: "US", ASN: "46475", IP: "69.162.124.226", Host: host, Path: "/health", Method: "HEAD",
				UserAgent: "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)"},
			TrafficRow{Ago: ago, Count: 2, Country: "US", ASN: "16509", IP: "3.18.12.63", Host: host, Path: "/webhooks/stripe", Method: "POST",
				UserAgent: "Stripe/1.0 (+https://stripe.com/docs/webhooks)"},
			TrafficRow{Ago: ago, Count: 5, Country: "NL", ASN: "14061", IP: "198.51.100.200", Host: host, Path: "/api/prices", Method: "GET",
				UserAgent: "python-requests/2.32.3"})
		if h == 5 { // a password-guessing burst on /login: 60 tries in a minute
			out = append(out, TrafficRow{Ago: ago, Count: 60, Country: "NL", ASN: "9009", IP: "198.51.100.201", Host: host, Path: "/login", Method: "POST",
				UserAgent: browser, Burst: true})
		}
		if h%4 == 0 {
			out = append(out, TrafficRow{Ago: ago, Count: 1, Country: "DE", ASN: "24940", IP: "198.51.100.99", Host: host, Path: "/", Method: "GET", UserAgent: "curl/8.5.0"})
		}
	}
	return out
}
