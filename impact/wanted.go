package impact

import (
	"regexp"
	"sort"
	"strings"
)

// Wanted is traffic an owner most likely does not mean to block: a
// verified bot, an uptime monitor, a webhook.
type Wanted struct {
	Kind     string   `json:"kind"` // you, verified_bot, monitor, webhook
	Name     string   `json:"name"` // "Googlebot", "UptimeRobot", "Stripe"
	Category string   `json:"category,omitempty"`
	Requests int      `json:"requests"`
	Pages    []string `json:"pages,omitempty"`
}

var (
	reBotName = regexp.MustCompile(`(?i)(googlebot|bingbot|applebot|duckduckbot|yandexbot|baiduspider|facebookexternalhit|twitterbot|linkedinbot|slurp|ahrefsbot|semrushbot|petalbot|gptbot|claudebot|oai-searchbot)`)
	// Monitors and webhook senders by the names their user agents carry.
	monitors = []string{"UptimeRobot", "Pingdom", "StatusCake", "Site24x7", "Better Uptime", "Betteruptime", "Uptime-Kuma", "Datadog",
		"NewRelicPinger", "Checkly", "Freshping", "HetrixTools", "UptimeKuma", "Zabbix", "Nagios", "Prometheus", "Blackbox Exporter"}
	webhooks = []string{"Stripe", "PayPal", "GitHub-Hookshot", "Shopify", "Square", "Mollie", "Slackbot", "Twilio", "Adyen", "Braintree",
		"WooCommerce", "Mailgun", "SendGrid", "Zapier"}
	monitorPaths = []string{"/health", "/healthz", "/status", "/ping", "/uptime", "/heartbeat"}
	webhookPaths = []string{"/webhook", "/webhooks/", "/ipn", "/callback", "/hooks/"}
)

// classify says whether a group is wanted traffic, and which.
func classify(g Group, own string) (kind, name string) {
	switch {
	case own != "" && g.IP == own:
		return "you", "this computer's address " + own
	case g.BotCategory != "":
		if m := reBotName.FindString(g.UserAgent); m != "" {
			return "verified_bot", m
		}
		return "verified_bot", g.BotCategory
	case nameIn(g.UserAgent, webhooks) != "":
		return "webhook", nameIn(g.UserAgent, webhooks)
	case nameIn(g.UserAgent, monitors) != "":
		return "monitor", nameIn(g.UserAgent, monitors)
	case pathIn(g.Path, webhookPaths):
		return "webhook", "a webhook sender"
	case pathIn(g.Path, monitorPaths):
		return "monitor", "a monitor"
	}
	return "", ""
}

func nameIn(ua string, names []string) string {
	l := strings.ToLower(ua)
	for _, n := range names {
		if strings.Contains(l, strings.ToLower(n)) {
			return n
		}
	}
	return ""
}

func pathIn(p string, prefixes []string) bool {
	l := strings.ToLower(p)
	for _, x := range prefixes {
		if l == strings.TrimSuffix(x, "/") || strings.HasPrefix(l, x) {
			return true
		}
	}
	return false
}

// wanted lists the wanted traffic among groups, busiest first.
func wanted(gs []Group, own string) []Wanted {
	byName := map[string]*Wanted{}
	var order []string
	for _, g := range gs {
		kind, name := classify(g, own)
		if kind == "" {
			continue
		}
		w := byName[kind+name]
		if w == nil {
			w = &Wanted{Kind: kind, Name: name, Category: g.BotCategory}
			byName[kind+name] = w
			order = append(order, kind+name)
		}
		w.Requests += g.Count
		if g.Path != "" && len(w.Pages) < 3 && !contains(w.Pages, g.Path) {
			w.Pages = append(w.Pages, g.Path)
		}
	}
	out := make([]Wanted, 0, len(order))
	for _, k := range order {
		out = append(out, *byName[k])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Requests > out[j].Requests })
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
