package ruleslang

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

// Real expressions, from Cloudflare's documentation and examples, and the
// shapes real zones use. Each must print back exactly as written.
var roundTrip = []string{
	`(ip.src.country in {"CN" "RU"})`,
	`ip.src.country in {"CN" "RU"} and not cf.client.bot`,
	`(ip.src.country in {"RU" "CN"} and not ip.src in $office)`,
	`ip.src in {198.51.100.1 198.51.100.3..198.51.100.7 192.0.2.0/24 2001:db8::/32}`,
	`cf.edge.server_port in {80 443 8000..8009}`,
	`ip.src eq 203.0.113.7`,
	`ip.src.asnum eq 64496`,
	`http.user_agent contains "curl"`,
	`lower(http.user_agent) contains "python-requests"`,
	`http.request.uri.path eq "/wp-login.php"`,
	`starts_with(http.request.uri.path, "/api/")`,
	`http.request.uri.path wildcard "/admin/*"`,
	`http.host strict wildcard "*.Example.com"`,
	`http.request.uri.path matches "^/(wp-admin|xmlrpc\\.php)"`,
	`http.request.uri.path matches r"^/api/v[0-9]+/"`,
	`http.request.uri.query matches r#"id="[0-9]+""#`,
	`any(http.request.headers.names[*] == "X-Debug")`,
	`http.request.headers["x-api-key"][0] eq "abc"`,
	`cf.threat_score gt 10`,
	`(http.request.method eq "POST" and http.request.uri.path eq "/login") or ip.src.country eq "KP"`,
	`ip.geoip.country ne "US" && !cf.client.bot || ip.src in $allowed`,
	`cf.bot_management.score lt 30 and not cf.bot_management.verified_bot`,
	`http.referer eq "" xor ssl`,
	`not (ip.src.continent in {"AS" "AF"})`,
	`ip.src in {2001:db8::1 fe80::/10}`,
	`http.user_agent eq "say \"hi\" \\ bye"`,
}

func TestRoundTrip(t *testing.T) {
	for _, src := range roundTrip {
		e := Parse(src)
		if e.Err != nil {
			t.Errorf("%s: %v", src, e.Err)
			continue
		}
		if got := e.String(); got != src {
			t.Errorf("round trip:\n got %s\nwant %s", got, src)
		}
	}
}

func TestPrecedence(t *testing.T) {
	e := parse(`a or b and c xor d`, false) // the grammar alone
	or, ok := e.Root.(*Logical)
	if !ok || or.Op != "or" {
		t.Fatalf("root %T %v", e.Root, e.Root)
	}
	if x, ok := or.Right.(*Logical); !ok || x.Op != "xor" {
		t.Fatalf("right %T", or.Right)
	}
	if a, ok := or.Right.(*Logical).Left.(*Logical); !ok || a.Op != "and" {
		t.Fatal("and does not bind tighter than xor")
	}
}

func TestErrorsSayWhere(t *testing.T) {
	cases := []struct {
		src, msg string
		col      int
	}{
		{`ip.src.country in {"CN", "RU"}`, "not commas", 24},
		{`ip.src eq 10.0.0.0/8`, "only works with \"in\"", 11},
		{`ip.src in {300.1.2.3}`, "not a valid IP", 12},
		{`http.user_agent contains "curl`, "never closed", 26},
		{`(ip.src eq 1.2.3.4`, "a ) is missing", 19},
		{`ip.src eq`, "expected a value", 10},
		{`http.host eq "a" and`, "ends too early", 21},
		{`ip.src in "x"`, "needs a set", 11},
		{`http.host strict "x"`, "followed by \"wildcard\"", 18},
		{`ip.src eq 1.2.3.4 ip.src`, "expected and, or", 19},
		{`http.host eq "a" @`, "unexpected character", 18},
	}
	for _, c := range cases {
		e := Parse(c.src)
		var se *SyntaxError
		if !errors.As(e.Err, &se) {
			t.Errorf("%s: no syntax error (%v)", c.src, e.Err)
			continue
		}
		if !strings.Contains(se.Msg, c.msg) || se.Col != c.col {
			t.Errorf("%s: %q at column %d, want %q at %d", c.src, se.Msg, se.Col, c.msg, c.col)
		}
		if e.String() != c.src {
			t.Errorf("%s: unparsable source not kept as written", c.src)
		}
	}
	if e := Parse(strings.Repeat("a or ", 1000) + "b"); e.Err == nil {
		t.Error("over-long expression accepted")
	}
}

func TestUserInputOnlyAsNodes(t *testing.T) {
	// A value typed by a person is a node: it cannot escape its string.
	s := NewString(`x" or true or "`)
	e := &Compare{Left: &Field{Name: "http.user_agent"}, Op: "contains", Right: s}
	printed := Print(e)
	back := Parse(printed)
	if back.Err != nil {
		t.Fatal(back.Err)
	}
	c, ok := back.Root.(*Compare)
	if !ok || c.Right.(*String).Value != `x" or true or "` {
		t.Fatalf("escaped value did not survive: %s", printed)
	}
	if got := Print(NewIPPrefix(netip.MustParsePrefix("203.0.113.9/32"))); got != "203.0.113.9" {
		t.Fatal(got)
	}
	if got := Print(NewIPPrefix(netip.MustParsePrefix("203.0.113.9/24"))); got != "203.0.113.0/24" {
		t.Fatal(got)
	}
}

func TestSummaries(t *testing.T) {
	names := map[string]string{"RU": "Russia", "CN": "China", "US": "the United States"}
	country := func(c string) string { return names[c] }
	cases := map[string]string{
		`(ip.src.country in {"RU" "CN"} and not ip.src in $office)`:      "visitors from Russia or China, except IPs in list office",
		`ip.src.country in {"CN" "RU"} and not cf.client.bot`:            "visitors from China or Russia, except known good bots (search engines and the like)",
		`lower(http.user_agent) contains "curl"`:                         `requests whose user agent contains "curl"`,
		`http.request.uri.path eq "/login" and ip.src.continent ne "EU"`: `requests whose page path is "/login" and visitors not from Europe`,
		`ip.src.asnum eq 64496`:                                          "visitors on network AS64496",
		`starts_with(http.request.uri.path, "/api/")`:                    `requests whose page path starts with "/api/"`,
		`ip.geoip.country ne "US"`:                                       "visitors not from the United States",
		`cf.threat_score gt 10`:                                          "requests whose threat score is above 10 (this field no longer works: it is always 0)",
		`ip.src in {192.0.2.0/24 198.51.100.7}`:                          "the IP addresses 192.0.2.0/24 or 198.51.100.7",
		`ip.src eq 1.2.3.4 or`:                                           "requests matching ip.src eq 1.2.3.4 or",
	}
	for src, want := range cases {
		if got := Summarize(Parse(src), country); got != want {
			t.Errorf("%s:\n got %s\nwant %s", src, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range roundTrip {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e := parse(src, false) // the grammar: field names are checked apart
		if e.Err != nil {
			if e.String() != src {
				t.Fatal("source not kept")
			}
			return
		}
		once := e.String()
		// What fitted Cloudflare's limit as typed fits once re-printed.
		if len(once) > MaxLength {
			t.Fatalf("%d characters typed, %d printed", len(src), len(once))
		}
		again := parse(once, false)
		if again.Err != nil {
			t.Fatalf("printed form does not parse: %q → %q: %v", src, once, again.Err)
		}
		if again.String() != once {
			t.Fatalf("printing not stable: %q → %q → %q", src, once, again.String())
		}
	})
}

func TestFieldsAndValuesChecked(t *testing.T) {
	bad := map[string]string{
		`ip.src.contry eq "RU"`:                    "ip.src.contry is not a field Cloudflare knows: did you mean ip.src.country? (line 1, column 1)",
		`http.host eq "a" or htp.host eq "b"`:      "htp.host is not a field Cloudflare knows: did you mean http.host? (line 1, column 21)",
		`frobnicate.x eq 1`:                        "frobnicate.x is not a field Cloudflare knows (line 1, column 1)",
		`shout(http.host) eq "A"`:                  "shout() is not a function Cloudflare knows",
		`ip.src.asnum eq "14061"`:                  "ip.src.asnum holds a number: write the value as in ip.src.asnum eq 64496",
		`ip.src.country eq 7`:                      `ip.src.country holds text: write the value as in ip.src.country eq "…"`,
		`ip.src in {"203.0.113.7"}`:                "ip.src holds an IP address",
		`http.host`:                                "http.host holds text, not yes or no",
		`ip.src contains "203"`:                    `"contains" works on text, and ip.src holds an IP address`,
		`http.request.headers eq "x"`:              "holds several values",
		`cf.client.bot gt 1`:                       "cf.client.bot is yes or no",
		`any(http.request.headrs.names[*] == "x")`: "http.request.headrs.names is not a field",
	}
	for src, want := range bad {
		e := Parse(src)
		if e.Err == nil || !strings.Contains(e.Err.Error(), want) {
			t.Errorf("%s: got %v, want %q", src, e.Err, want)
		}
		if e.Err != nil && strings.Contains(want, "is not a") != IsUnknownName(e.Err) {
			t.Errorf("%s: IsUnknownName wrong", src)
		}
	}
	for _, src := range roundTrip {
		if e := Parse(src); e.Err != nil {
			t.Errorf("real expression refused: %s: %v", src, e.Err)
		}
	}
}

// The fuzzer's find: a 4,095-character expression written without spaces
// around || printed past the limit once spaces were added.
func TestPrintedFitsWhenTypedFits(t *testing.T) {
	one := `http.host eq "a.example"`
	src := one
	for len(src)+2+len(one) <= MaxLength-30 {
		src += "||" + one
	}
	src += "||" + `ip.src.country eq "` + strings.Repeat("Z", MaxLength-len(src)-2-len(`ip.src.country eq "`)-1) + `"`
	if len(src) != MaxLength {
		t.Fatalf("built %d", len(src))
	}
	e := Parse(src)
	if e.Err != nil {
		t.Fatal(e.Err)
	}
	out := e.String()
	if len(out) > MaxLength {
		t.Fatalf("printed %d characters", len(out))
	}
	if again := Parse(out); again.Err != nil || again.String() != out {
		t.Fatalf("compact form does not read back: %v", again.Err)
	}
	if short := Parse(one + " || " + one).String(); short != one+" || "+one {
		t.Fatalf("short expressions keep their spaces: %s", short)
	}
}
