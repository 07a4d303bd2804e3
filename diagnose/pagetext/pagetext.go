// Package pagetext takes a web page apart once into the layers a reader of
// block pages needs: visible text, markup without scripts, scripts alone,
// and the title.
package pagetext

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// Parts is a page taken apart once, so each classifier rule looks at the
// right layer: visible text, markup without scripts (codes are only trusted
// there), scripts alone (challenge parameters live there), and the title.
type Parts struct {
	Raw     string // the body as received
	Markup  string // HTML with <script> and <style> contents removed
	Text    string // visible text, entities decoded, whitespace collapsed
	Scripts string // contents of <script> elements only
	Title   string
	IsHTML  bool
}

// Split takes a body apart; a body that is not HTML is all text.
func Split(body []byte) Parts {
	p := Parts{Raw: string(body)}
	trimmed := bytes.TrimSpace(body)
	p.IsHTML = bytes.HasPrefix(trimmed, []byte("<")) || bytes.Contains(bytes.ToLower(body[:min(len(body), 4096)]), []byte("<html"))
	if !p.IsHTML {
		p.Text = CollapseSpace(string(body))
		p.Markup = string(body)
		return p
	}
	var sp splitter
	z := html.NewTokenizer(bytes.NewReader(body))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		switch tt {
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			sp.tag(string(name), tt)
			sp.markup.Write(z.Raw())
		case html.TextToken:
			sp.textToken(z.Raw())
		default:
			sp.markup.Write(z.Raw())
		}
	}
	p.Markup = sp.markup.String()
	p.Text = CollapseSpace(sp.text.String())
	p.Scripts = sp.scripts.String()
	p.Title = CollapseSpace(sp.title.String())
	return p
}

// splitter is Split's state while it walks the tokens.
type splitter struct {
	markup, text, scripts, title strings.Builder
	inScript, inStyle, inTitle   bool
}

// tag notes where a tag opens or closes script, style or the title; a
// block-level tag separates words in the visible text.
func (sp *splitter) tag(name string, tt html.TokenType) {
	opens := tt == html.StartTagToken
	switch name {
	case "script":
		sp.inScript = opens
	case "style":
		sp.inStyle = opens
	case "title":
		sp.inTitle = tt != html.EndTagToken
	case "br", "p", "div", "li", "h1", "h2", "h3", "tr", "td", "span", "button", "code", "strong", "small":
		sp.text.WriteByte(' ')
	}
}

// textToken puts text where it belongs: a script's apart, a style's
// nowhere, the rest in the markup and the visible text.
func (sp *splitter) textToken(raw []byte) {
	switch {
	case sp.inScript:
		sp.scripts.Write(raw)
		sp.scripts.WriteByte('\n')
	case sp.inStyle:
	default:
		sp.markup.Write(raw)
		t := html.UnescapeString(string(raw))
		sp.text.WriteString(t)
		if sp.inTitle && sp.title.Len() < 512 {
			sp.title.WriteString(t)
		}
	}
}

// CollapseSpace turns every run of white space into one space.
func CollapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
