package cfapi

import (
	"testing"

	"rayfix/fakecf"
	"rayfix/fakecf/fakecftest"
)

func demo(t testing.TB) (*fakecf.API, *Service) {
	f, url := fakecftest.Serve(t)
	return f, NewConnectionTo(fakecf.DemoToken, url).Service()
}
