// Package securitytxt reads a site's security.txt (RFC 9116): the one
// published way to reach a site's owner, and the languages the owner
// prefers to be written to.
package securitytxt

import (
	"bufio"
	"bytes"
	"strings"
)

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

// Contact returns the best Contact line of a security.txt.
func Contact(body []byte) string {
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
