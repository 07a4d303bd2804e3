package diagnose

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// copiedText is what a visitor gets by selecting all of a page in the
// browser and copying it: the visible text, one block per line — no title,
// no scripts or styles, nothing hidden — and none of the markup RayFix
// reads from a saved page.
func copiedText(page []byte) []byte {
	if !bytes.Contains(page[:min(len(page), 4096)], []byte("<")) {
		return page // already text
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return page
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if invisible(n) {
				return
			}
			if n.Data == "br" {
				b.WriteByte('\n')
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(doc)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// invisible: what a browser does not show, so select-all does not copy.
// An iframe's page is not part of the copy either.
func invisible(n *html.Node) bool {
	switch n.Data {
	case "head", "script", "style", "title", "noscript", "template", "input", "select", "textarea", "iframe":
		return true
	}
	for _, a := range n.Attr {
		v := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
		// display:none is left in: challenge pages show such parts with
		// JavaScript as soon as they load.
		if a.Key == "hidden" || a.Key == "style" && strings.Contains(v, "visibility:hidden") {
			return true
		}
	}
	return false
}

var blockTags = map[string]bool{"p": true, "div": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "tr": true, "table": true, "section": true, "header": true, "footer": true, "main": true,
	"pre": true, "form": true, "body": true, "html": true, "center": true, "article": true, "nav": true, "blockquote": true, "hr": true}
