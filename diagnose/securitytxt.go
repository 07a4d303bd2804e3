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
// returns its first Contact, preferring an e-mail address. It is the one
// published way to reach a site's owner.
func fetchContact(ctx context.Context, client *http.Client, origin *url.URL) string {
	u := *origin
	u.Path, u.RawQuery = "/.well-known/security.txt", ""
	res := fetch(ctx, client, u.String(), true, 64<<10)
	if res.Err != nil || res.Status != http.StatusOK {
		return ""
	}
	return ParseSecurityTxt(res.Body)
}

// FindContact looks up the published contact of the site at siteURL (for
// a pasted page, when the visitor asks); "" when it publishes none.
func FindContact(ctx context.Context, siteURL string, o Options) string {
	u, err := url.Parse(siteURL)
	if err != nil || u.Host == "" {
		return ""
	}
	client := newClient(o)
	defer client.CloseIdleConnections()
	return fetchContact(ctx, client, &url.URL{Scheme: u.Scheme, Host: u.Host})
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
