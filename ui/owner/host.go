package owner

import (
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

	DataDir      string        // RayFix's own folder: journal and archive go here
	JournalDir   string        // where changes are journaled ("" = DataDir/journal)
	ArchivePath  string        // the event archive ("" = DataDir/events.db)
	ArchiveEvery time.Duration // how often new Security Events are fetched (0 = 5 minutes)

	archMu sync.Mutex
	arch   *events.Archive
}

// journal opens the change journal; a file, so never on the UI goroutine.
func (h *Host) journal() (*changes.Journal, error) {
	dir := h.JournalDir
	if dir == "" {
		dir = filepath.Join(h.DataDir, "journal")
	}
	return changes.OpenJournal(dir)
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
