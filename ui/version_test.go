package ui

import (
	"os"
	"strings"
	"testing"
)

// The version is written in three places; they must agree.
func TestVersionAgrees(t *testing.T) {
	toml, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	meta, err := os.ReadFile("../assets/io.rayfix.app.metainfo.xml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(toml), `Version = "`+Version+`"`) || !strings.Contains(string(meta), `<release version="`+Version+`"`) {
		t.Fatalf("Version %s is not the one in FyneApp.toml and the AppStream file", Version)
	}
	if !strings.Contains(string(toml), `ID = "`+AppID+`"`) {
		t.Fatal("app ID differs from FyneApp.toml")
	}
}
