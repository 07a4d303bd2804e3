package advice

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

func demo(t testing.TB) (*fakecf.API, *cfapi.Service) { return ownertest.Demo(t) }
