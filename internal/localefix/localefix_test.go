package localefix

import "testing"

func TestApply(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string // LC_MESSAGES afterwards
	}{
		{map[string]string{"LANG": "C.UTF-8"}, "C"},
		{map[string]string{"LANG": "POSIX.utf8"}, "C"},
		{map[string]string{"LANG": "C"}, ""},                                // plain C is already understood
		{map[string]string{"LANG": "de_DE.UTF-8"}, ""},                      // a real language stays
		{map[string]string{"LC_MESSAGES": "C.UTF-8", "LANG": "fr_FR"}, "C"}, // the messages locale decides
		{map[string]string{"LC_MESSAGES": "en_GB.UTF-8", "LANG": "C.UTF-8"}, "en_GB.UTF-8"},
		{map[string]string{"LC_ALL": "C.UTF-8"}, ""}, // LC_ALL wins over LC_MESSAGES: left alone
		{map[string]string{}, ""},
	}
	for _, c := range cases {
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		Apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if env["LC_MESSAGES"] != c.want {
			t.Errorf("%v: LC_MESSAGES = %q, want %q", c.env, env["LC_MESSAGES"], c.want)
		}
	}
}
