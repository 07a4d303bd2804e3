//go:build (linux || freebsd || openbsd || netbsd) && !wayland

package ui

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>

// A connection of our own to the same X server: window IDs are global to
// the server, and Fyne does not share its Display.
static int rf_get_pos(unsigned long win, int *x, int *y, int *sw, int *sh) {
	Display *d = XOpenDisplay(NULL);
	if (!d) return 0;
	Window child;
	int ok = XTranslateCoordinates(d, (Window)win, DefaultRootWindow(d), 0, 0, x, y, &child);
	*sw = DisplayWidth(d, DefaultScreen(d));
	*sh = DisplayHeight(d, DefaultScreen(d));
	XCloseDisplay(d);
	return ok;
}

static int rf_screen(int *sw, int *sh) {
	Display *d = XOpenDisplay(NULL);
	if (!d) return 0;
	*sw = DisplayWidth(d, DefaultScreen(d));
	*sh = DisplayHeight(d, DefaultScreen(d));
	XCloseDisplay(d);
	return 1;
}

// GLFW gives its windows StaticGravity, so moving the client window puts
// its content exactly where XTranslateCoordinates found it: no drift by the
// size of the title bar from one start to the next.
static void rf_set_pos(unsigned long win, int x, int y) {
	Display *d = XOpenDisplay(NULL);
	if (!d) return;
	XMoveWindow(d, (Window)win, x, y);
	XFlush(d);
	XCloseDisplay(d);
}
*/
import "C"

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

func x11Handle(w fyne.Window) uintptr {
	var h uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if x, ok := ctx.(driver.X11WindowContext); ok {
				h = x.WindowHandle
			}
		})
	}
	return h
}

func nativePos(w fyne.Window) (int, int, bool) {
	h := x11Handle(w)
	if h == 0 {
		return 0, 0, false
	}
	var x, y, sw, sh C.int
	if C.rf_get_pos(C.ulong(h), &x, &y, &sw, &sh) == 0 || !onScreen(int(x), int(y), int(sw), int(sh)) {
		return 0, 0, false
	}
	return int(x), int(y), true
}

func setNativePos(w fyne.Window, x, y int) bool {
	h := x11Handle(w)
	var sw, sh C.int
	if h == 0 || C.rf_screen(&sw, &sh) == 0 || !onScreen(x, y, int(sw), int(sh)) {
		return false
	}
	C.rf_set_pos(C.ulong(h), C.int(x), C.int(y))
	return true
}

// screenSize is the size of the default screen, in pixels.
func screenSize() (int, int, bool) {
	var sw, sh C.int
	if C.rf_screen(&sw, &sh) == 0 {
		return 0, 0, false
	}
	return int(sw), int(sh), true
}
