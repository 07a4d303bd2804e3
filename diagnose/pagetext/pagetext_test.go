package pagetext

import (
	"strings"
	"testing"
)

// TestSplitKeepsTheLayersApart: visible text has no script or style, the
// markup keeps tags but not scripts, scripts are alone, entities are
// decoded in the text; a body that is not HTML is all text.
func TestSplitKeepsTheLayersApart(t *testing.T) {
	p := Split([]byte(`<html><head><title>Access  denied</title><style>.x{}</style></head>` +
		`<body><h1>Error<span>1020</span></h1><p>Fish &amp; chips</p><script>var code=1015;</script></body></html>`))
	if !p.IsHTML || p.Title != "Access denied" || p.Text != "Access denied Error 1020 Fish & chips" {
		t.Errorf("title %q text %q", p.Title, p.Text)
	}
	if strings.Contains(p.Markup, "1015") || !strings.Contains(p.Markup, "<span>1020</span>") || !strings.Contains(p.Scripts, "code=1015") {
		t.Errorf("markup %q scripts %q", p.Markup, p.Scripts)
	}
	plain := Split([]byte("error code: 1020\n"))
	if plain.IsHTML || plain.Text != "error code: 1020" {
		t.Errorf("plain: %+v", plain)
	}
}
