package ui

import (
	"image/color"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"rayfix/diagnose"
	"rayfix/diagnose/localnet"
	"rayfix/ui/kit"
)

// variantTheme is Fyne's default theme pinned to light or dark, as the
// system setting would choose it.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

func goldenReport() diagnose.Report {
	rep := diagnose.Report{
		Input: "shop.example/login", URL: "https://shop.example/login", Status: 403,
		Classification: diagnose.Classification{Verdict: diagnose.VerdictBlocked, Cloudflare: true, Vendor: diagnose.VendorCloudflare,
			Product: diagnose.ProductCustomRule, ErrorCode: 1020, Reason: "Access denied (a firewall rule of the site blocked you)",
			RayID: "8e2f0a1b2c3d4e5f", Colo: "CDG", ClientIP: "192.0.2.44"},
		ColoCity: "Paris", Country: "FR", CheckedAt: fixedNow,
		Local: localnet.Network{VPNInterfaces: []string{"wg0"}},
	}
	rep.Headline, rep.Explanation = diagnose.Summarize(rep)
	rep.Steps = diagnose.Suggest(rep)
	return rep
}

// TestVerdictCardGolden compares the rendered 1020 card, light and dark,
// with the images in testdata/. After an intended change, copy the new
// renders from testdata/failed/ over them and look at them first.
func TestVerdictCardGolden(t *testing.T) {
	saved := time.Local
	time.Local = time.UTC // the card shows local time; pin it
	defer func() { time.Local = saved }()
	for _, tc := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"card_1020_light.png", theme.VariantLight}, {"card_1020_dark.png", theme.VariantDark}} {
		t.Run(tc.name, func(t *testing.T) {
			kit.UIMu.Lock() // late results of earlier tests must not draw meanwhile
			defer kit.UIMu.Unlock()
			a := test.NewTempApp(t)
			a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), tc.v})
			w := test.NewTempWindow(t, verdictCard(goldenReport(), cardCallbacks{}))
			w.Resize(fyne.NewSize(700, 900))
			if !test.AssertRendersToImage(t, tc.name, w.Canvas()) {
				if _, err := os.Stat("testdata/" + tc.name); err != nil {
					t.Log("no golden image yet: copy testdata/failed/" + tc.name + " after looking at it")
				}
			}
		})
	}
}
