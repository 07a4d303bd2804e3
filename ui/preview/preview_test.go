package preview

import (
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/ui/kit/kittest"
)

// TestSnapshotIsTheWorkersOwn: Apply writes the change's steps while the
// count runs; the worker's copy does not see it.
func TestSnapshotIsTheWorkersOwn(t *testing.T) {
	c := &changes.Change{Steps: []changes.Step{{Op: "rule.update", After: map[string]any{"expression": "true"}}}}
	cp := snapshot(c)
	c.Steps[0].State = changes.StepSending
	c.Steps[0].After["expression"] = "false"
	if cp.Steps[0].State != "" || cp.Steps[0].After["expression"] != "true" {
		t.Fatalf("the copy changed: %+v", cp.Steps[0])
	}
}

// TestFillSaysWhyInWords: a failure replaces the progress line with words;
// Cloudflare's own answer is only under Details.
func TestFillSaysWhyInWords(t *testing.T) {
	test.NewTempApp(t)
	box := container.NewVBox(heading("Whom it would have affected"), progress("Counting…"))
	fill(box, nil, &cfapi.APIError{Message: "Cloudflare could not be reached.", Detail: "POST /graphql: dial tcp 127.0.0.1:1: connection refused"})
	said := kittest.Texts(box, nil)
	if !kittest.Has(said, "RayFix could not read the site's recent traffic") || kittest.Has(said, "Counting…") {
		t.Fatalf("%q", said)
	}
	for _, o := range box.Objects {
		if _, ok := o.(*widget.Accordion); ok {
			return
		}
	}
	t.Error("no Details for the technical answer")
}
