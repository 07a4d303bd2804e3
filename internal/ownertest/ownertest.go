// Package ownertest sets up owner-mode tests: the demo Cloudflare API on
// loopback, a connection to it, the demo site loaded, and a journal in a
// temporary folder. Only tests import it.
package ownertest

import (
	"context"
	"testing"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/fakecf"
	"rayfix/fakecf/fakecftest"
	"rayfix/siteplan"
)

// Demo serves the demo API and connects to it.
func Demo(tb testing.TB) (*fakecf.API, *cfapi.Service) {
	f, url := fakecftest.Serve(tb)
	return f, cfapi.NewConnectionTo(fakecf.DemoToken, url).Service()
}

// Site is Demo with the demo site loaded and an empty journal.
func Site(tb testing.TB) (*fakecf.API, *cfapi.Service, *siteplan.Site, *changes.Journal) {
	tb.Helper()
	f, s := Demo(tb)
	st, err := siteplan.FindSite(context.Background(), s, fakecf.DemoZoneName)
	if err != nil {
		tb.Fatal(err)
	}
	j, err := changes.OpenJournal(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	return f, s, st, j
}
