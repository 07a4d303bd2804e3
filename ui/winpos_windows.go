//go:build windows

package ui

import (
	"syscall"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

var (
	user32               = syscall.NewLazyDLL("user32.dll")
	procGetWindowRect    = user32.NewProc("GetWindowRect")
	procSetWindowPos     = user32.NewProc("SetWindowPos")
	procMonitorFromRect  = user32.NewProc("MonitorFromRect")
	procGetSystemMetrics = user32.NewProc("GetSystemMetrics")
)

type winRect struct{ Left, Top, Right, Bottom int32 }

const (
	swpNoSize, swpNoZOrder, swpNoActivate = 0x0001, 0x0004, 0x0010
	monitorDefaultToNull                  = 0
)

func hwnd(w fyne.Window) uintptr {
	var h uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.WindowsWindowContext); ok {
				h = c.HWND
			}
		})
	}
	return h
}

func nativePos(w fyne.Window) (int, int, bool) {
	h := hwnd(w)
	if h == 0 {
		return 0, 0, false
	}
	var r winRect
	if ok, _, _ := procGetWindowRect.Call(h, uintptr(unsafe.Pointer(&r))); ok == 0 {
		return 0, 0, false
	}
	return int(r.Left), int(r.Top), true
}

// setNativePos moves the window only when its title area would be on one
// of the monitors attached now (Windows coordinates may be negative left
// of or above the main monitor).
func setNativePos(w fyne.Window, x, y int) bool {
	h := hwnd(w)
	if h == 0 {
		return false
	}
	title := winRect{Left: int32(x) + 8, Top: int32(y) + 4, Right: int32(x) + 200, Bottom: int32(y) + 30}
	if m, _, _ := procMonitorFromRect.Call(uintptr(unsafe.Pointer(&title)), monitorDefaultToNull); m == 0 {
		return false
	}
	ok, _, _ := procSetWindowPos.Call(h, 0, uintptr(x), uintptr(y), 0, 0, swpNoSize|swpNoZOrder|swpNoActivate)
	return ok != 0
}

// screenSize is the virtual screen (all monitors), in pixels.
func screenSize() (int, int, bool) {
	const smCxVirtualScreen, smCyVirtualScreen = 78, 79
	w, _, _ := procGetSystemMetrics.Call(smCxVirtualScreen)
	h, _, _ := procGetSystemMetrics.Call(smCyVirtualScreen)
	return int(w), int(h), w > 0 && h > 0
}
