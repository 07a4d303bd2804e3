package diagnose

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// pageParts is a page taken apart once, so each classifier rule looks at the
// right layer: visible text, markup without scripts (codes are only trusted
// there), scripts alone (challenge parameters live there), and the title.
type pageParts struct {
	raw     string // the body as received
	markup  string // HTML with <script> and <style> contents removed
	text    string // visible text, entities decoded, whitespace collapsed
	scripts string // contents of <script> elements only
	title   string
	isHTML  bool
}

func splitPage(body []byte) pageParts {
	p := pageParts{raw: string(body)}
	trimmed := bytes.TrimSpace(body)
	p.isHTML = bytes.HasPrefix(trimmed, []byte("<")) || bytes.Contains(bytes.ToLower(body[:min(len(body), 4096)]), []byte("<html"))
	if !p.isHTML {
		p.text = collapseSpace(string(body))
		p.markup = string(body)
		return p
	}
	var markup, text, scripts, title strings.Builder
	z := html.NewTokenizer(bytes.NewReader(body))
	inScript, inStyle, inTitle := false, false, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			isStart := tt != html.EndTagToken
			switch tag {
			case "script":
				inScript = isStart && tt != html.SelfClosingTagToken
			case "style":
				inStyle = isStart && tt != html.SelfClosingTagToken
			case "title":
				inTitle = isStart
			case "br", "p", "div", "li", "h1", "h2", "h3", "tr", "td", "span", "button", "code", "strong", "small":
				text.WriteByte(' ')
			}
			markup.Write(raw)
		case html.TextToken:
			switch {
			case inScript:
				scripts.Write(raw)
				scripts.WriteByte('\n')
			case inStyle:
			default:
				markup.Write(raw)
				t := html.UnescapeString(string(raw))
				text.WriteString(t)
				if inTitle && title.Len() < 512 {
					title.WriteString(t)
				}
			}
		default:
			markup.Write(raw)
		}
	}
	p.markup = markup.String()
	p.text = collapseSpace(text.String())
	p.scripts = scripts.String()
	p.title = collapseSpace(title.String())
	return p
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
