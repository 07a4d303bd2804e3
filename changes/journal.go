package changes

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// Journal records every change to a site before it is sent, and how it
// ended, in one JSON file in the app's data folder. It never holds the
// token: only what changed, for undo.
type Journal struct {
	mu   sync.Mutex
	path string
}

// OpenJournal uses dir/journal.json.
func OpenJournal(dir string) (*Journal, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return &Journal{path: filepath.Join(dir, "journal.json")}, nil
}

// DefaultJournalDir is the folder the command line uses (the window uses
// Fyne's storage folder for the app).
func DefaultJournalDir() string {
	d, err := os.UserConfigDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "rayfix")
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// Entries returns every change, newest first.
func (j *Journal) Entries() ([]Change, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.read()
}

func (j *Journal) read() ([]Change, error) {
	b, err := os.ReadFile(j.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Change
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, errors.New("the change journal is damaged: " + err.Error())
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Created.After(out[b].Created) })
	return out, nil
}

// Put adds or replaces a change (by ID) and writes the file atomically.
func (j *Journal) Put(c Change) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	all, err := j.read()
	if err != nil {
		return err
	}
	replaced := false
	for i := range all {
		if all[i].ID == c.ID {
			all[i], replaced = c, true
		}
	}
	if !replaced {
		all = append(all, c)
	}
	b, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return err
	}
	tmp := j.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, j.path)
}

// Get finds a change by ID.
func (j *Journal) Get(id string) (Change, error) {
	all, err := j.Entries()
	if err != nil {
		return Change{}, err
	}
	for _, c := range all {
		if c.ID == id {
			return c, nil
		}
	}
	return Change{}, errors.New("no change " + id + " in the journal")
}

// Expired lists temporary allows whose date has passed and that are still
// in place, to offer their removal.
func (j *Journal) Expired(now time.Time) []Change {
	all, _ := j.Entries()
	var out []Change
	for _, c := range all {
		if c.Status == "done" && !c.Until.IsZero() && now.After(c.Until) {
			out = append(out, c)
		}
	}
	return out
}
