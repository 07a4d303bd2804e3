package ui

import "testing"

// A place saved on a monitor that is gone must not hide the window.
func TestOnScreen(t *testing.T) {
	cases := []struct {
		x, y int
		want bool
	}{
		{0, 0, true}, {123, 145, true}, {1920 - 49, 1080 - 49, true},
		{1920 - 48, 100, false}, {100, 1080 - 48, false}, {3000, 200, false},
		{-47, 10, true}, {-48, 10, false}, {10, -1, false},
	}
	for _, c := range cases {
		if got := onScreen(c.x, c.y, 1920, 1080); got != c.want {
			t.Errorf("onScreen(%d, %d) on 1920×1080 = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}
