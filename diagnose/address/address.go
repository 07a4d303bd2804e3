// Package address reads what a person types as a website address: it
// refuses what cannot be one with a message for where it was typed, adds
// https://, turns international names into the form that is sent, and
// back into the form a person reads.
package address

import (
	"errors"
	"net"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"rayfix/internal/i18n"

	"golang.org/x/net/idna"
)

// MaxInputLength is the longest address we accept. Browsers cope with longer
// ones, but nobody types or pastes a 4 KB address on purpose; it is more
// likely a whole page pasted into the wrong box.
const MaxInputLength = 2048

// InputError is a problem with what the user typed, worded for them: an
// English sentence with {{placeholders}} and their values, so the window
// can say it in the visitor's language (In).
type InputError struct {
	Msg  string // in English
	en   string
	args []any
}

func (e *InputError) Error() string { return e.Msg }

// In is the message in a language.
func (e *InputError) In(lang i18n.Tag) string { return i18n.T(lang, e.en, e.args...) }

// Localized is err's message in a language when it is an InputError, and
// its own text otherwise.
func Localized(err error, lang i18n.Tag) string {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie.In(lang)
	}
	return err.Error()
}

// IsInputError reports whether err is a problem with the typed address (as
// opposed to the network), so callers can show it next to the field.
func IsInputError(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}

func inputErr(en string, a ...any) error {
	return &InputError{Msg: i18n.T(i18n.English, en, a...), en: en, args: a}
}

// NormalizeURL turns what a person typed into an absolute http(s) URL:
// a bare host or host/path gets https://, IDN hosts become punycode.
func NormalizeURL(input string) (*url.URL, error) {
	s := strings.TrimSpace(input)
	if err := checkText(s); err != nil {
		return nil, err
	}
	s, err := withScheme(s)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, inputErr(i18n.N("That does not look like a web address. Check for typos and try again."))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.User != nil {
		return nil, inputErr(i18n.N("Remove the user name or password from the address; RayFix does not need them."))
	}
	if err := normalizeHost(u); err != nil {
		return nil, err
	}
	if p := u.Port(); p != "" {
		if n, err := parsePort(p); err != nil || n == 0 {
			return nil, inputErr(i18n.N("The port number “{{port}}” in the address is not valid."), "port", p)
		}
	}
	if u.Path == "" {
		u.Path = "/"
	}
	u.Fragment = ""
	return u, nil
}

// checkText refuses what cannot be an address whatever it says: nothing,
// too much, not text, spaces or control characters.
func checkText(s string) error {
	switch {
	case s == "":
		return inputErr(i18n.N("Please type or paste the address of the website, for example example.com."))
	case len(s) > MaxInputLength:
		return inputErr(i18n.N("That address is too long ({{n}} characters; the limit is {{max}}). Paste only the address from the browser's address bar."), "n", len(s), "max", MaxInputLength)
	case !utf8.ValidString(s):
		return inputErr(i18n.N("The address contains characters that are not text. Copy it again from the browser's address bar."))
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			return inputErr(i18n.N("A web address cannot contain spaces. Paste only the address from the browser's address bar."))
		}
		if unicode.IsControl(r) {
			return inputErr(i18n.N("The address contains invisible control characters. Try copying it again from the address bar."))
		}
	}
	return nil
}

// withScheme adds https:// to a bare host and refuses other schemes.
func withScheme(s string) (string, error) {
	if i := strings.Index(s, "://"); i >= 0 {
		if scheme := strings.ToLower(s[:i]); scheme != "http" && scheme != "https" {
			return "", inputErr(i18n.N("RayFix can only check web pages (http:// or https://), not “{{scheme}}” addresses."), "scheme", scheme+"://")
		}
		return s, nil
	}
	if looksLikeOtherScheme(s) {
		return "", inputErr(i18n.N("RayFix can only check web pages (http:// or https://). Paste the address of a website."))
	}
	return "https://" + s, nil
}

// normalizeHost turns an international name into punycode and refuses
// names that are not full website names; IP addresses pass as they are.
func normalizeHost(u *url.URL) error {
	host := u.Hostname()
	if host == "" {
		return inputErr(i18n.N("The address has no website name in it. Try something like example.com."))
	}
	if net.ParseIP(strings.Trim(host, "[]")) != nil {
		return nil
	}
	ascii, err := idna.Lookup.ToASCII(strings.TrimSuffix(host, "."))
	if err == nil {
		// The punycode form must itself be valid, or a second look
		// (the next check, the browser) would refuse it.
		_, err = idna.Lookup.ToASCII(ascii)
	}
	if err != nil || ascii == "" || strings.Contains("."+ascii+".", "..") || strings.Contains(u.Host, "%") {
		return inputErr(i18n.N("“{{host}}” is not a valid website name. Check for typos."), "host", host)
	}
	if !strings.Contains(ascii, ".") && ascii != "localhost" {
		return inputErr(i18n.N("“{{host}}” is not a full website name. Add the ending, for example {{host}}.com."), "host", host)
	}
	if port := u.Port(); port != "" {
		u.Host = net.JoinHostPort(ascii, port)
	} else {
		u.Host = ascii
	}
	return nil
}

func parsePort(p string) (int, error) {
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return 0, errors.New("not a number")
		}
		n = n*10 + int(c-'0')
		if n > 65535 {
			return 0, errors.New("too large")
		}
	}
	return n, nil
}

// looksLikeOtherScheme catches "mailto:x@y", "ftp:host" and "javascript:…"
// that have no "//" but are clearly not host names.
func looksLikeOtherScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	scheme := strings.ToLower(s[:i])
	rest := s[i+1:]
	// host:port — the part after the colon starts with a digit.
	if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
		return false
	}
	for _, c := range scheme {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// HostName is a host as a person writes it: international names as typed
// (bücher.example), not in their xn-- form.
func HostName(host string) string {
	if u, err := idna.ToUnicode(host); err == nil {
		return u
	}
	return host
}

// Display is an address as a person reads it; the URL that is sent keeps
// the xn-- form.
func Display(raw string) string {
	i := strings.Index(raw, "://")
	if i < 0 {
		return raw
	}
	rest := raw[i+3:]
	host, tail := rest, ""
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		host, tail = rest[:j], rest[j:]
	}
	return raw[:i+3] + HostName(host) + tail
}
