package kit

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// crashLog receives panics of Background work: a file in the app data
// folder. What is written is the panic and its stack — never request
// bodies, settings or the token, which RayFix never passes to panics.
var (
	crashMu   sync.Mutex
	crashPath string
	crashWin  fyne.Window
)

func SetCrashLog(dir string, w fyne.Window) {
	crashMu.Lock()
	defer crashMu.Unlock()
	crashPath, crashWin = filepath.Join(dir, "crash.log"), w
}

// Guard runs f and turns a panic into a logged, visible error instead of
// a vanished window.
func Guard(what string, f func()) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		crashMu.Lock()
		path, w := crashPath, crashWin
		crashMu.Unlock()
		entry := fmt.Sprintf("%s panic in %s: %v\n%s\n", time.Now().UTC().Format(time.RFC3339), what, r, debug.Stack())
		if path != "" {
			if fh, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
				_, _ = fh.WriteString(entry)
				_ = fh.Close()
			}
		}
		log.Printf("RayFix: panic in %s: %v", what, r)
		if w != nil {
			OnMain(func() {
				ShowError(fmt.Errorf("something went wrong while %s, and RayFix stopped that task. The details are in %s; please include them if you report it", what, path), w)
			})
		}
	}()
	f()
}
