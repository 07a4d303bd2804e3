package owner

import (
	"context"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"rayfix/cfapi"
	"rayfix/changes"
	"rayfix/events"
	"rayfix/fakecf"
)

// Host is what owner mode needs from the window around it. The shell fills
// it in; tests replace the keychain, the API connection and the folders.
type Host struct {
	App       fyne.App
	Win       fyne.Window
	ShowStart func()               // back to the two doors
	OpenURL   func(*url.URL) error // web links (tests record instead)
	Keeper    TokenKeeper          // the OS keychain
	NewConn   func(token string) *cfapi.Connection
	StartDemo func() (*fakecf.Server, error)
	// EnglishOnly says, in the visitor's language, that owner mode is in
	// English ("" when the window speaks English).
	EnglishOnly string
	// OwnAddress asks a site which address this computer has (nil: not
	// asked; tests give their own).
	OwnAddress func(ctx context.Context, host string) (string, error)

	DataDir      string        // RayFix's own folder: journal and archive go here
	JournalDir   string        // where changes are journaled ("" = the one journal, changes.DefaultJournalDir)
	ArchivePath  string        // the event archive ("" = DataDir/events.db)
	ArchiveEvery time.Duration // how often new Security Events are fetched (0 = 5 minutes)

	archMu  sync.Mutex
	arch    *events.Archive
	adopted sync.Once // the window's old journal, merged once per run
}

// journal opens the change journal, the same one the command line uses; a
// file, so never on the UI goroutine. The window's journal of earlier
// versions (in its own folder) is adopted into it once.
func (h *Host) journal() (*changes.Journal, error) {
	dir := h.JournalDir
	if dir == "" {
		dir = changes.DefaultJournalDir()
	}
	j, err := changes.OpenJournal(dir)
	if err != nil {
		return nil, err
	}
	if h.DataDir != "" {
		h.adopted.Do(func() { _ = j.Adopt(filepath.Join(h.DataDir, "journal")) }) // a damaged old journal must not stop the new one
	}
	return j, nil
}

// archive opens the event archive once and keeps it open.
func (h *Host) archive() (*events.Archive, error) {
	h.archMu.Lock()
	defer h.archMu.Unlock()
	if h.arch != nil {
		return h.arch, nil
	}
	path := h.ArchivePath
	if path == "" {
		path = filepath.Join(h.DataDir, "events.db")
	}
	a, err := events.OpenArchive(path)
	if err == nil {
		h.arch = a
	}
	return a, err
}

// CloseArchive closes the event archive if it was opened.
func (h *Host) CloseArchive() {
	h.archMu.Lock()
	defer h.archMu.Unlock()
	if h.arch != nil {
		_ = h.arch.Close()
		h.arch = nil
	}
}

func (h *Host) archiveInterval() time.Duration {
	if h.ArchiveEvery > 0 {
		return h.ArchiveEvery
	}
	return 5 * time.Minute
}
