package events

import (
	"testing"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/fakecf"
	"rayfix/internal/ownertest"
	"rayfix/siteplan"
)

func site(t testing.TB) (*fakecf.API, *cfapi.Service, *siteplan.Site, *changes.Journal) {
	return ownertest.Site(t)
}
