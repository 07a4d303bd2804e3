package app

import (
	"net"
	"net/http"
)

// DemoServer serves the demo fake API on a loopback port, for "Try it with
// a demo zone" and `rayfix owner --demo`. Close stops it.
type DemoServer struct {
	URL string // base URL, ending in /client/v4/
	srv *http.Server
	ln  net.Listener
	api *FakeAPI
}

// Zone is the demo site's data, for tests that make it bigger.
func (d *DemoServer) Zone() *FakeZone { return d.api.Zones[0] }

// StartDemo starts a demo API on 127.0.0.1.
func StartDemo() (*DemoServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	api := NewDemoAPI()
	d := &DemoServer{URL: "http://" + ln.Addr().String() + "/client/v4/", ln: ln, srv: &http.Server{Handler: api}, api: api}
	go func() { _ = d.srv.Serve(ln) }()
	return d, nil
}

// Connection returns a connection to the demo API.
func (d *DemoServer) Connection() *Connection {
	c := NewConnection(DemoToken)
	c.BaseURL = d.URL
	return c
}

// Close stops the demo server.
func (d *DemoServer) Close() error { return d.srv.Close() }
