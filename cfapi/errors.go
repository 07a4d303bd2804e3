package cfapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
)

// Kinds of failed API calls, by what a person can do about them.
const (
	FailUnreachable = "unreachable" // no connection could be made, or it broke
	FailTimeout     = "timeout"     // connected, but no answer in time
	FailServer      = "server"      // Cloudflare answered with a 5xx
	FailRefused     = "refused"     // Cloudflare answered a 4xx: it did not do it
	FailUnreadable  = "unreadable"  // an answer that could not be read
)

// APIError is a call to Cloudflare that failed, in words a person can act
// on. The technical detail (method, path, status, Cloudflare's code, Go's
// error) is kept apart for the details view, logs and --json.
type APIError struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	Detail  string `json:"detail"`
	Status  int    `json:"status,omitempty"`
	Code    int    `json:"code,omitempty"`
}

func (e *APIError) Error() string { return e.Message }

// ErrorDetail returns the technical detail of an error for the details
// view and --json; empty when there is none beyond its message.
func ErrorDetail(err error) string {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Detail
	}
	return ""
}

// ConnectionLost says whether an error means Cloudflare could not be
// reached at all (the owner's connection, or Cloudflare's API, is down).
func ConnectionLost(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && (ae.Kind == FailUnreachable || ae.Kind == FailTimeout)
}

// AnswerLost says whether a write's answer never came or could not be
// trusted, so only a re-read can tell what happened.
func AnswerLost(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Kind != FailRefused
}

// networkError words a call that got no answer.
func networkError(method, path string, err error) *APIError {
	e := &APIError{Kind: FailUnreachable, Detail: fmt.Sprintf("%s %s: %v", method, path, err),
		Message: "Cloudflare could not be reached. Check your internet connection, then try again."}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		e.Kind = FailTimeout
		e.Message = "Cloudflare did not answer in time, even after RayFix asked again. Cloudflare may be busy or your connection slow: try again in a few minutes."
	}
	if errors.Is(err, context.Canceled) {
		e.Message = "Stopped before Cloudflare answered."
	}
	return e
}

// statusError words an answer that was an error.
func statusError(method, path string, status, code int, msg string) *APIError {
	e := &APIError{Status: status, Code: code, Detail: fmt.Sprintf("%s %s: HTTP %d, code %d: %s", method, path, status, code, msg)}
	switch {
	case status >= 500:
		e.Kind = FailServer
		e.Message = "Cloudflare had a problem on its side and could not answer. Try again in a few minutes."
	case status >= 200 && status < 300:
		e.Kind = FailUnreadable
		e.Message = "Cloudflare's answer could not be read. Try again in a few minutes."
	default:
		e.Kind = FailRefused
		e.Message = "Cloudflare refused this"
		if m := plainMessage(msg); m != "" {
			e.Message += ": " + m
		}
		e.Message += "."
	}
	return e
}

// plainMessage keeps Cloudflare's own sentence when it is one, without
// trailing punctuation, and drops bare status text.
func plainMessage(msg string) string {
	if w := filterWords(msg); w != "" {
		return w
	}
	msg = strings.TrimRight(strings.TrimSpace(msg), ".")
	if msg == "" || msg == http.StatusText(http.StatusBadRequest) {
		return ""
	}
	return msg
}

// filterParsing finds Cloudflare's "Filter parsing error (1:73): …".
var filterParsing = regexp.MustCompile(`Filter parsing error \((\d+):(\d+)\)`)

// filterWords turns Cloudflare's refusal of a rule's condition into words:
// its message repeats the whole expression and the parser's own jargon.
func filterWords(msg string) string {
	m := filterParsing.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	where := " (line " + m[1] + ", column " + m[2] + ")"
	if strings.Contains(msg, "unknown identifier") {
		return "the condition names a field Cloudflare does not know" + where
	}
	return "the condition is not written the way Cloudflare reads it" + where
}

func requestOf(resp *http.Response) (string, string) {
	if resp == nil || resp.Request == nil || resp.Request.URL == nil {
		return "", ""
	}
	return resp.Request.Method, resp.Request.URL.Path
}
