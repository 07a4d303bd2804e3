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

// DefaultJournalDir is the one journal's folder, for the window and the
// command line alike: `rayfix owner undo --list` shows changes made in the
// window, and the window offers Undo for changes made in a terminal.
func DefaultJournalDir() string {
	d, err := os.UserConfigDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "rayfix")
}

// Adopt moves the changes of a journal in another folder (where the window
// kept its own before there was one journal) into this one, once: entries
// this journal lacks are added, and the old file is renamed so it is not
// read again. No old journal is not an error.
func (j *Journal) Adopt(oldDir string) error {
	old := &Journal{path: filepath.Join(oldDir, "journal.json")}
	if filepath.Clean(old.path) == filepath.Clean(j.path) {
		return nil
	}
	entries, err := old.Entries()
	if err != nil || len(entries) == 0 {
		return err
	}
	have := map[string]bool{}
	mine, err := j.Entries()
	if err != nil {
		return err
	}
	for _, c := range mine {
		have[c.ID] = true
	}
	for _, c := range entries {
		if !have[c.ID] {
			if err := j.Put(c); err != nil {
				return err
			}
		}
	}
	return os.Rename(old.path, old.path+".moved")
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
