package cfapi

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cloudflare/cloudflare-go/v7/option"
	"github.com/cloudflare/cloudflare-go/v7/user"
)

// DefaultBaseURL is Cloudflare's API. Service packages used without the
// root cloudflare package have no default, so it is always passed.
const DefaultBaseURL = "https://api.cloudflare.com/client/v4/"

// Connection is how RayFix reaches the Cloudflare API. The token lives only
// here (in memory) and in the keychain.
type Connection struct {
	BaseURL   string
	token     string
	HTTP      *http.Client
	retained  sync.Map // zone ID → [notOlderThan, maxDuration] of Security Events
	pagesSeen sync.Map // list key → pages it had at the last load (reloads ask them all at once)

	validMu sync.Mutex // one check of the token at a time
	valid   bool       // Cloudflare has said the token is valid
	invalid bool       // … or that it is not: a token does not come back to life
}

// tokenInvalid tells a refusal for want of a permission from a token that
// is not valid at all: Cloudflare answers both with a 403 on most reads.
// It asks Cloudflare once per connection (the user token check, then the
// account-owned one) and remembers a valid answer.
func (c *Connection) tokenInvalid() bool {
	c.validMu.Lock()
	defer c.validMu.Unlock()
	if c.valid || c.invalid {
		return c.invalid
	}
	ctx, cancel := context.WithTimeout(context.Background(), RequestTimeout)
	defer cancel()
	_, err := c.Verify(ctx)
	if errors.Is(err, ErrInvalidToken) {
		_, _, err = c.verifyAccountOwned(ctx)
	}
	c.valid = err == nil
	c.invalid = errors.Is(err, ErrInvalidToken)
	return c.invalid
}

// NewConnection makes a connection with our own HTTP client (the SDK's
// standalone services would otherwise use one without any timeout).
// CLOUDFLARE_BASE_URL overrides the base URL, as in the SDK and Terraform.
func NewConnection(token string) *Connection {
	base := strings.TrimSpace(os.Getenv("CLOUDFLARE_BASE_URL"))
	if base == "" {
		base = DefaultBaseURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return &Connection{BaseURL: base, token: strings.TrimSpace(token),
		HTTP: &http.Client{Timeout: RequestTimeout, Transport: retryCap{http.DefaultTransport}}}
}

// NewConnectionTo is a connection to a given API (the demo's loopback
// server), whatever CLOUDFLARE_BASE_URL says.
func NewConnectionTo(token, baseURL string) *Connection {
	c := NewConnection(token)
	c.BaseURL = baseURL
	return c
}

// RequestTimeout bounds one request, from dialling to the last byte of the
// answer. A read is tried at most ReadAttempts times, so one that never
// answers gives up after about a minute (3 × 18 s and the SDK's short
// pauses); a write is sent once and then re-read.
const (
	RequestTimeout = 18 * time.Second
	ReadAttempts   = 3
)

// maxRetryWait caps how long a read waits before retrying. The SDK honours
// Retry-After with no upper bound, and Cloudflare's global limiter asks for
// five minutes: a window must not sit frozen that long. Longer waits are
// reported to the person instead (ErrRateLimited).
const maxRetryWait = 8 * time.Second

// retryCap tells the SDK not to retry when the server asks for a longer wait
// than maxRetryWait (the SDK obeys x-should-retry: false).
type retryCap struct{ next http.RoundTripper }

func (rc retryCap) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := rc.next.RoundTrip(req)
	if err != nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500) {
		return resp, err
	}
	if s := resp.Header.Get("Retry-After"); s != "" {
		if secs, perr := strconv.Atoi(strings.TrimSpace(s)); perr == nil && time.Duration(secs)*time.Second > maxRetryWait {
			resp.Header.Set("X-Should-Retry", "false")
		}
	}
	return resp, nil
}

// TokenFromEnv returns CLOUDFLARE_API_TOKEN, which takes precedence over the
// keychain when set, as in the SDK and Terraform.
func TokenFromEnv() string { return strings.TrimSpace(os.Getenv("CLOUDFLARE_API_TOKEN")) }

// readOptions are for reads: the SDK retries 429/5xx honouring Retry-After.
func (c *Connection) readOptions() []option.RequestOption {
	return []option.RequestOption{
		option.WithBaseURL(c.BaseURL),
		option.WithAPIToken(c.token),
		option.WithHTTPClient(c.HTTP),
		option.WithMaxRetries(ReadAttempts - 1),
	}
}

// TokenStatus is what Cloudflare says about a token.
type TokenStatus struct {
	ID        string
	Status    string // active, disabled, expired
	ExpiresOn time.Time
}

// ErrInvalidToken means Cloudflare does not know the token.
var ErrInvalidToken = errors.New("Cloudflare does not accept this token: check that it was copied whole, and that it has not been deleted or rolled")

// Verify asks Cloudflare whether the token is valid (GET /user/tokens/verify).
func (c *Connection) Verify(ctx context.Context) (TokenStatus, error) {
	if c.token == "" {
		return TokenStatus{}, errors.New("paste a Cloudflare API token first")
	}
	var resp *http.Response
	res, err := user.NewTokenService(c.readOptions()...).Verify(ctx, option.WithResponseInto(&resp))
	if err != nil {
		if resp != nil && (resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusBadRequest) {
			return TokenStatus{}, ErrInvalidToken
		}
		return TokenStatus{}, c.scrub(explainAPI(err, resp, "", "whether the token works"))
	}
	return TokenStatus{ID: res.ID, Status: string(res.Status), ExpiresOn: res.ExpiresOn}, nil
}

// Memo keeps facts about the account for this connection's life (a zone's
// Security Events retention changes only with its plan: asked once).
func (c *Connection) Memo() *sync.Map { return &c.retained }

// scrub removes the token from an error's text, should any layer echo it.
func (c *Connection) scrub(err error) error {
	if c.token == "" || err == nil {
		return err
	}
	var ae *APIError
	if errors.As(err, &ae) { // the message is RayFix's own words; only the detail echoes others
		ae.Detail = strings.ReplaceAll(ae.Detail, c.token, "[token]")
		return err
	}
	if !strings.Contains(err.Error(), c.token) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), c.token, "[token]"))
}
