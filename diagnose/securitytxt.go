package diagnose

import (
	"context"
	"net/http"
	"net/url"

	"rayfix/diagnose/securitytxt"
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
	return securitytxt.Contact(res.Body), securitytxt.PreferredLanguages(res.Body)
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
