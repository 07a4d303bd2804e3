package events

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"time"

	"rayfix/cfapi"

	"go.etcd.io/bbolt"
)

// Archive keeps the Security Events RayFix has fetched, so a Ray ID
// reported days later can still be resolved on a plan that keeps events
// for 24 hours. One bbolt file in the app data folder: pure Go (no cgo),
// one file, crash-safe, and small to build — an SQLite in pure Go would
// add a large transpiled C library for what is a key-value store.
type Archive struct {
	db         *bbolt.DB
	MaxPerZone int
}

// DefaultArchiveCap is how many events are kept per zone.
const DefaultArchiveCap = 50000

// OpenArchive opens (or creates) the archive file.
func OpenArchive(path string) (*Archive, error) {
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		return nil, err
	}
	return &Archive{db: db, MaxPerZone: DefaultArchiveCap}, nil
}

// Close closes the file.
func (a *Archive) Close() error { return a.db.Close() }

func eventKey(e Event) []byte {
	return []byte(e.Datetime + "|" + e.RayName + "|" + e.RuleID + "|" + e.Action)
}

// Add stores events of a zone, skipping those already kept, and drops the
// oldest beyond the cap. It returns the events that were new.
func (a *Archive) Add(zoneID string, evs []Event) ([]Event, error) {
	var added []Event
	err := a.db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte(zoneID))
		if err != nil {
			return err
		}
		for _, e := range evs {
			k := eventKey(e)
			if b.Get(k) != nil {
				continue
			}
			v, _ := json.Marshal(e)
			if err := b.Put(k, v); err != nil {
				return err
			}
			added = append(added, e)
		}
		// Keys start with the RFC 3339 time, so the first keys are the oldest.
		c := b.Cursor()
		n := 0
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			n++
		}
		over := n - a.MaxPerZone
		for k, _ := c.First(); k != nil && over > 0; k, _ = c.First() {
			if err := b.Delete(k); err != nil {
				return err
			}
			over--
		}
		return nil
	})
	return added, err
}

// FindRay looks for a Ray ID in every zone's archived events.
func (a *Archive) FindRay(rayID string) (zoneID string, evs []Event) {
	_ = a.db.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if bytes.Contains(k, []byte("|"+rayID+"|")) {
					var e Event
					if json.Unmarshal(v, &e) == nil {
						zoneID = string(name)
						evs = append(evs, e)
					}
				}
				return nil
			})
		})
	})
	return zoneID, evs
}

// Latest is the time of the newest archived event of a zone.
func (a *Archive) Latest(zoneID string) time.Time {
	var t time.Time
	_ = a.db.View(func(tx *bbolt.Tx) error {
		if b := tx.Bucket([]byte(zoneID)); b != nil {
			if k, _ := b.Cursor().Last(); k != nil {
				t, _ = time.Parse(time.RFC3339, string(bytes.SplitN(k, []byte("|"), 2)[0]))
			}
		}
		return nil
	})
	return t
}

// Count is how many events are kept in all.
func (a *Archive) Count() int {
	n := 0
	_ = a.db.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(_ []byte, b *bbolt.Bucket) error {
			return b.ForEach(func(_, _ []byte) error { n++; return nil })
		})
	})
	return n
}

// Forget deletes every archived event ("Forget archived events").
func (a *Archive) Forget() error {
	return a.db.Update(func(tx *bbolt.Tx) error {
		var names [][]byte
		_ = tx.ForEach(func(name []byte, _ *bbolt.Bucket) error {
			names = append(names, append([]byte(nil), name...))
			return nil
		})
		for _, n := range names {
			if err := tx.DeleteBucket(n); err != nil {
				return err
			}
		}
		return nil
	})
}

// SyncArchive fetches a zone's events since the newest archived one (or as
// far back as the plan keeps) and archives them; it returns the new ones.
func SyncArchive(ctx context.Context, c *cfapi.Connection, a *Archive, z cfapi.Zone, now time.Time) ([]Event, error) {
	notOlder, _, err := retention(ctx, c, z.ID)
	if err != nil {
		return nil, err
	}
	from := now.Add(-time.Duration(notOlder) * time.Second)
	if last := a.Latest(z.ID); last.After(from) {
		from = last
	}
	evs, err := Events(ctx, c, z.ID, nil, from, now, 10000)
	if err != nil {
		return nil, err
	}
	sort.Slice(evs, func(i, j int) bool { return evs[i].Datetime < evs[j].Datetime })
	return a.Add(z.ID, evs)
}
