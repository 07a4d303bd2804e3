package ruleslang

import (
	"net/netip"
	"testing"
)

func req() *Request {
	return &Request{IP: netip.MustParseAddr("203.0.113.7"), Country: "RU", Continent: "EU", ASN: 12389,
		UserAgent: "Mozilla/5.0 python-requests/2.32", Host: "shop.example", Path: "/login", Query: "next=/cart", Method: "POST",
		InList: func(name string, r *Request) (bool, bool) {
			if name == "office" {
				return netip.MustParsePrefix("198.51.100.0/24").Contains(r.IP), true
			}
			return false, false
		}}
}

// Hand-worked cases: each expression and what it must give for req().
func TestEvalHandWorked(t *testing.T) {
	cases := map[string]Tri{
		`ip.src.country in {"RU" "CN"}`:                              True,
		`(ip.src.country in {"RU" "CN"}) and not ip.src in $office`:  True,
		`ip.src in {203.0.113.0/24}`:                                 True,
		`ip.src in {198.51.100.1 203.0.113.5..203.0.113.9}`:          True,
		`ip.src eq 203.0.113.8`:                                      False,
		`ip.src.asnum eq 12389`:                                      True,
		`ip.geoip.asnum in {13335 15169}`:                            False,
		`lower(http.user_agent) contains "python-requests"`:          True,
		`http.user_agent eq "curl/8"`:                                False,
		`starts_with(http.request.uri.path, "/log")`:                 True,
		`ends_with(http.request.uri.path, ".php")`:                   False,
		`http.request.uri.path wildcard "/LOG*"`:                     True,
		`http.request.uri.path strict wildcard "/LOG*"`:              False,
		`http.request.uri matches "^/login\\?next="`:                 True,
		`http.request.method eq "POST" and ip.src.continent ne "EU"`: False,
		`cf.client.bot`:                             False,
		`not cf.client.bot`:                         True,
		`cf.threat_score gt 10`:                     False,
		`cf.threat_score lt 10`:                     True,
		`http.request.headers["x-debug"][0] eq "1"`: Unknown,
		`http.request.headers["x-debug"][0] eq "1" or ip.src.country eq "RU"`:  True,
		`http.request.headers["x-debug"][0] eq "1" and ip.src.country eq "DE"`: False,
		`ip.src in $unknownlist`:                           Unknown,
		`ip.src.country eq "RU" xor ip.src.asnum eq 12389`: False,
		`cf.edge.server_port in {80 443}`:                  Unknown,
	}
	for src, want := range cases {
		e := Parse(src)
		if e.Err != nil {
			t.Fatalf("%s: %v", src, e.Err)
		}
		if got := Eval(e.Root, req()); got != want {
			t.Errorf("%s = %v, want %v", src, got, want)
		}
	}
}

func TestMatchedNamesTheConditions(t *testing.T) {
	e := Parse(`(ip.src.country in {"RU" "CN"} or ip.src.asnum eq 64496) and not cf.client.bot`)
	m := Matched(e.Root, req())
	if len(m) != 2 || Print(m[0]) != `ip.src.country in {"RU" "CN"}` || Print(m[1]) != "not cf.client.bot" {
		var got []string
		for _, n := range m {
			got = append(got, Print(n))
		}
		t.Fatalf("matched %q", got)
	}
}

func BenchmarkEvalTypical(b *testing.B) {
	e := Parse(`(ip.src.country in {"RU" "CN" "KP"} and not ip.src in {198.51.100.0/24}) or lower(http.user_agent) contains "python-requests"`)
	r := req()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if Eval(e.Root, r) != True {
			b.Fatal("wrong")
		}
	}
}

func FuzzEval(f *testing.F) {
	for _, s := range roundTrip {
		f.Add(s, "203.0.113.7", "RU")
	}
	f.Fuzz(func(t *testing.T, src, ip, country string) {
		e := parse(src, false)
		if e.Err != nil {
			return
		}
		r := req()
		if a, err := netip.ParseAddr(ip); err == nil {
			r.IP = a
		}
		r.Country = country
		got := Eval(e.Root, r)
		// Printing and parsing again must not change the answer.
		if again := Eval(parse(e.String(), false).Root, r); again != got {
			t.Fatalf("%q: %v, reprinted %v", src, got, again)
		}
		// A true result always names at least one matching condition.
		if got == True && len(Matched(e.Root, r)) == 0 {
			t.Fatalf("%q true with no matched condition", src)
		}
	})
}
