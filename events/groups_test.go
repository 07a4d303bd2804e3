package events

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/fakecf"
	"rayfix/internal/ownertest"
)

func TestRecentBlocksGrouped(t *testing.T) {
	f, s, _, _ := ownertest.Site(t)
	z := f.Zones[0]
	for i := 0; i < 6; i++ {
		z.Events = append(z.Events, fakecf.Event(time.Now().Add(-time.Duration(i)*time.Minute), fmt.Sprintf("aaaa00000000000%d", i), "block", "firewallCustom",
			"1a2b3c4d5e6f4a7b8c9d0e1f2a3b4c5d", "2f2feab2026849078ba485f918791bdc", "Block Russia and China", fmt.Sprintf("192.0.2.%d", 10+i), "RU", "12389", "Mozilla/5.0", "/menu", "DME"))
	}
	z.Events = append(z.Events, fakecf.Event(time.Now(), "bbbb000000000001", "block", "firewallCustom", "2b3c4d5e6f7a4b8c9d0e1f2a3b4c5d6e", "2f2feab2026849078ba485f918791bdc",
		"Block scrapers", "198.51.100.5", "US", "16509", "Stripe/1.0 (+https://stripe.com/docs/webhooks)", "/webhooks/stripe", "IAD"))
	groups, err := RecentBlocks(context.Background(), s.Connection(), cfapi.Zone{ID: z.ID, Name: z.Name}, 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) < 3 || groups[0].Rule != "Block Russia and China" || groups[0].Count != 7 || groups[0].IPs != 7 {
		t.Fatalf("groups %+v", groups)
	}
	if !strings.Contains(strings.Join(groups[0].LooksHuman, " "), "many different addresses from network AS12389") {
		t.Errorf("residential flag missing: %v", groups[0].LooksHuman)
	}
	var scrapers BlockGroup
	for _, g := range groups {
		if g.Rule == "Block scrapers" {
			scrapers = g
		}
	}
	if !strings.Contains(strings.Join(scrapers.LooksHuman, " "), "stripe") {
		t.Errorf("payment flag missing: %+v", scrapers)
	}
}
