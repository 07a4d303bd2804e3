package fakecf

import (
	"net"
	"net/http"
)

// Server serves the demo fake API on a loopback port, for "Try it with
// a demo zone" and `rayfix owner --demo`. Close stops it.
type Server struct {
	URL string // base URL, ending in /client/v4/
	srv *http.Server
	ln  net.Listener
	api *API
}

// Zone is the demo site's data, for tests that make it bigger.
func (d *Server) Zone() *Zone { return d.api.Zones[0] }

// StartDemo starts a demo API on 127.0.0.1.
func StartDemo() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	api := NewDemo()
	d := &Server{URL: "http://" + ln.Addr().String() + "/client/v4/", ln: ln, srv: &http.Server{Handler: api}, api: api}
	go func() { _ = d.srv.Serve(ln) }()
	return d, nil
}

// Token is the token the demo accepts.
func (d *Server) Token() string { return DemoToken }

// Close stops the demo server.
func (d *Server) Close() error { return d.srv.Close() }
