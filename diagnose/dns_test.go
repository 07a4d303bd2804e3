package diagnose

import (
	"context"
	"net"
	"net/http"
)

type netDNSNotFound struct{ host string }

func (e *netDNSNotFound) Error() string { return "no such host" }

// Unwrap presents the failure as the *net.DNSError the real resolver gives.
func (e *netDNSNotFound) Unwrap() error {
	return &net.DNSError{Err: "no such host", Name: e.host, IsNotFound: true}
}

// clientFailingDNS fails every connection the way a missing name does, so
// the DNS path is tested without any real lookup leaving the machine.
func clientFailingDNS() *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, _ := net.SplitHostPort(addr)
			return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
		},
	}}
}
