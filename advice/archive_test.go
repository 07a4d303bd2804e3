package advice

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rayfix/cfapi"
	"rayfix/events"
	"rayfix/fakecf"
	"rayfix/internal/ownertest"
)

func TestArchiveKeepsOldRayIDs(t *testing.T) {
	f, s, _, _ := ownertest.Site(t)
	a, err := events.OpenArchive(filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	z := cfapi.Zone{ID: f.Zones[0].ID, Name: fakecf.DemoZoneName}
	added, err := events.SyncArchive(context.Background(), s.Connection(), a, z, time.Now())
	if err != nil || len(added) != 3 {
		t.Fatalf("added %d %v", len(added), err)
	}
	again, _ := events.SyncArchive(context.Background(), s.Connection(), a, z, time.Now())
	if len(again) != 0 {
		t.Fatalf("events archived twice: %d", len(again))
	}
	// Three days later the API no longer has it; the archive does.
	f.Zones[0].Events = nil
	q, _ := ParseRayQuery("8e2f0a1b2c3d4e5f")
	l, err := LookupRayArchived(context.Background(), s.Connection(), []cfapi.Zone{z}, q, time.Now().Add(72*time.Hour), a)
	if err != nil || !l.Found || !l.FromArchive || l.Event.Description != "Block Russia and China" {
		t.Fatalf("%+v %v", l, err)
	}
	if err := a.Forget(); err != nil || a.Count() != 0 {
		t.Fatalf("forget: %v %d", err, a.Count())
	}
}

func TestArchiveCap(t *testing.T) {
	a, err := events.OpenArchive(filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	a.MaxPerZone = 100
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var evs []events.Event
	for i := 0; i < 250; i++ {
		evs = append(evs, events.Event{Datetime: base.Add(time.Duration(i) * time.Minute).Format(time.RFC3339), RayName: fmt.Sprintf("%016x", i), Action: "block"})
	}
	if _, err := a.Add("z", evs); err != nil {
		t.Fatal(err)
	}
	if a.Count() != 100 {
		t.Fatalf("kept %d", a.Count())
	}
	if _, e := a.FindRay(fmt.Sprintf("%016x", 10)); len(e) != 0 {
		t.Error("an old event survived the cap")
	}
	if _, e := a.FindRay(fmt.Sprintf("%016x", 249)); len(e) != 1 {
		t.Error("the newest event was dropped")
	}
}

// Offline: the look-up answers from RayFix's archive and says so, with the
// rule named from the event and no fix (nothing can be written).
func TestOfflineLookupAnswersFromTheArchive(t *testing.T) {
	f, s, _, _ := ownertest.Site(t)
	a, err := events.OpenArchive(filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	z, err := s.FindZone(context.Background(), fakecf.DemoZoneName)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := events.SyncArchive(context.Background(), s.Connection(), a, z, time.Now()); err != nil {
		t.Fatal(err)
	}
	gone := httptest.NewServer(nil)
	gone.Close()
	offline := cfapi.NewConnectionTo(fakecf.DemoToken, gone.URL+"/client/v4/")
	q, _ := ParseRayQuery("8e2f0a1b2c3d4e5f")
	l, site, err := ExplainRay(context.Background(), offline, []cfapi.Zone{z}, nil, q, time.Now(), a)
	if err != nil || l == nil || !l.Found || !l.Offline || site != nil {
		t.Fatalf("%+v %v", l, err)
	}
	if !strings.Contains(l.Explanation, "the custom rule “Block Russia and China” blocked") || len(l.Fixes) != 0 ||
		!strings.Contains(l.WhyMissing[0], "Cloudflare could not be reached") {
		t.Fatalf("%q %v %v", l.Explanation, l.Fixes, l.WhyMissing)
	}
	_ = f
}
