//go:build darwin

package ui

/*
#cgo CFLAGS: -x objective-c
#cgo LDFLAGS: -framework Cocoa
#import <Cocoa/Cocoa.h>

static int rf_get_pos(uintptr_t w, double *x, double *y) {
	NSWindow *win = (NSWindow *)w;
	if (win == nil) return 0;
	NSRect f = [win frame];
	*x = f.origin.x;
	*y = f.origin.y;
	return 1;
}

// The origin is Cocoa's (bottom-left, in points); it is only ever given
// back to Cocoa. A place that no screen shows any more is refused.
static int rf_set_pos(uintptr_t w, double x, double y) {
	NSWindow *win = (NSWindow *)w;
	if (win == nil) return 0;
	NSRect f = [win frame];
	NSRect want = NSMakeRect(x, y, f.size.width, f.size.height);
	for (NSScreen *s in [NSScreen screens]) {
		if (NSIntersectsRect([s visibleFrame], want)) {
			[win setFrameOrigin:NSMakePoint(x, y)];
			return 1;
		}
	}
	return 0;
}
*/
import "C"

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

func nsWindow(w fyne.Window) uintptr {
	var h uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.MacWindowContext); ok {
				h = c.NSWindow
			}
		})
	}
	return h
}

func nativePos(w fyne.Window) (int, int, bool) {
	h := nsWindow(w)
	if h == 0 {
		return 0, 0, false
	}
	var x, y C.double
	if C.rf_get_pos(C.uintptr_t(h), &x, &y) == 0 {
		return 0, 0, false
	}
	return int(x), int(y), true
}

func setNativePos(w fyne.Window, x, y int) bool {
	h := nsWindow(w)
	return h != 0 && C.rf_set_pos(C.uintptr_t(h), C.double(x), C.double(y)) != 0
}

// screenSize is not asked on macOS: the window server keeps windows on
// screen itself.
func screenSize() (int, int, bool) { return 0, 0, false }
