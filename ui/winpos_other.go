//go:build !windows && !darwin && !((linux || freebsd || openbsd || netbsd) && !wayland)

package ui

import "fyne.io/fyne/v2"

// Wayland (and platforms without a native window) leave placement to the
// compositor: only the size is remembered.
func nativePos(fyne.Window) (int, int, bool) { return 0, 0, false }

func setNativePos(fyne.Window, int, int) bool { return false }

func screenSize() (int, int, bool) { return 0, 0, false }
