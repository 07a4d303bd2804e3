package ui

import (
	"encoding/json"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// Fyne has no API for a window's position, so RayFix reads and sets it on
// the native window (winpos_*.go: X11, Windows, macOS). Wayland does not
// let applications place their windows at all; there only the size is kept.
//
// The placement has a file of its own rather than Fyne's preferences: Fyne
// coalesces preference writes made within 100 ms and may exit before the
// last one lands, which lost the height (or everything) when quitting.

// placement is where the window was when RayFix last closed.
type placement struct {
	Width  float32 `json:"width"`
	Height float32 `json:"height"`
	X      int     `json:"x"`
	Y      int     `json:"y"`
	Placed bool    `json:"placed"` // X and Y are known
}

const placementFile = "window.json"

func loadPlacement(dir string) placement {
	var p placement
	if b, err := os.ReadFile(filepath.Join(dir, placementFile)); err == nil {
		_ = json.Unmarshal(b, &p)
	}
	return p
}

// size is the saved size, or RayFix's default when none, an unusably
// small one, or one larger than the screen (sw×sh, 0 when unknown) was
// saved: nothing may leave the window wider than the screen for good.
func (p placement) size(sw, sh int) fyne.Size {
	tooBig := p.Width > 4096 || p.Height > 4096 || sw > 0 && p.Width > float32(sw) || sh > 0 && p.Height > float32(sh)
	if p.Width >= 500 && p.Height >= 400 && !tooBig {
		return fyne.NewSize(p.Width, p.Height)
	}
	return fyne.NewSize(820, 700)
}

// save writes the placement through a temporary file, so a crash mid-write
// leaves the previous one.
func (p placement) save(dir string) error {
	b, _ := json.Marshal(p)
	tmp := filepath.Join(dir, placementFile+".tmp")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, placementFile))
}

// saveWindow notes the window's size and, where the platform tells it, its
// position. It runs on the UI goroutine while the native window still
// exists (closing and quitting both come through here); the file is
// written by Run once the UI loop has ended.
func (sh *Shell) saveWindow() {
	s := sh.win.Canvas().Size()
	sh.place.Width, sh.place.Height = s.Width, s.Height
	if x, y, ok := nativePos(sh.win); ok {
		sh.place.X, sh.place.Y, sh.place.Placed = x, y, true
	}
}

// restorePosition puts the window back where it was last closed, unless
// that place is off every screen now (a monitor was unplugged): then the
// window manager's choice stands.
func (sh *Shell) restorePosition() {
	if sh.place.Placed {
		setNativePos(sh.win, sh.place.X, sh.place.Y)
	}
}

// quit saves the window's place and ends RayFix (File → Quit, Ctrl+Q).
func (sh *Shell) quit() {
	sh.saveWindow()
	sh.app.Quit()
}

// onScreen says whether a window whose top-left corner is at x, y would
// still show a grabbable part (its title area) on a screen of w×h.
func onScreen(x, y, w, h int) bool {
	const grab = 48
	return x > -grab && y >= 0 && x < w-grab && y < h-grab
}
