package diagnose

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
)

// fetchContact reads the site's /.well-known/security.txt (RFC 9116) and
// returns its first Contact, preferring an e-mail address — the one
// published way to reach a site's owner — and the languages the owner
// prefers (Preferred-Languages).
func fetchContact(ctx context.Context, client *http.Client, origin *url.URL) (string, []string) {
	u := *origin
	u.Path, u.RawQuery = "/.well-known/security.txt", ""
	res := fetch(ctx, client, u.String(), true, 64<<10)
	if res.Err != nil || res.Status != http.StatusOK {
		return "", nil
	}
	return ParseSecurityTxt(res.Body), PreferredLanguages(res.Body)
}

// FindContact looks up the published contact of the site at siteURL (for
// a pasted page, when the visitor asks) and the languages its owner
// prefers; "" when it publishes none.
func FindContact(ctx context.Context, siteURL string, o Options) (string, []string) {
	u, err := url.Parse(siteURL)
	if err != nil || u.Host == "" {
		return "", nil
	}
	client := newClient(o)
	defer client.CloseIdleConnections()
	return fetchContact(ctx, client, &url.URL{Scheme: u.Scheme, Host: u.Host})
}

// PreferredLanguages is a security.txt's Preferred-Languages field, a
// comma-separated list of language tags, in order.
func PreferredLanguages(body []byte) []string {
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if !ok || !strings.EqualFold(k, "Preferred-Languages") {
			continue
		}
		var out []string
		for _, l := range strings.Split(v, ",") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	return nil
}

// ParseSecurityTxt returns the best Contact line of a security.txt.
func ParseSecurityTxt(body []byte) string {
	first := ""
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":")
		if !ok || !strings.EqualFold(k, "Contact") {
			continue
		}
		v = strings.TrimSpace(v)
		if !strings.HasPrefix(v, "mailto:") && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "tel:") {
			continue
		}
		if strings.HasPrefix(v, "mailto:") {
			return v
		}
		if first == "" {
			first = v
		}
	}
	return first
}
