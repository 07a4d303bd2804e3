package cfapi

import (
	"testing"

	"rayfix/fakecf"
)

func demo(t testing.TB) (*fakecf.API, *Service) {
	f, url := fakecf.Serve(t)
	return f, NewConnectionTo(fakecf.DemoToken, url).Service()
}
