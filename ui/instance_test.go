package ui

import (
	"testing"
	"time"
)

func TestSecondStartHandsItsURLToTheFirst(t *testing.T) {
	dir := t.TempDir()
	got := make(chan string, 1)
	first, forwarded, err := claimInstance(dir, "", func(arg string) { got <- arg })
	if err != nil || forwarded || first == nil {
		t.Fatalf("first: %v %v", forwarded, err)
	}
	defer first.close()
	second, forwarded, err := claimInstance(dir, "https://shop.example/login", func(string) {})
	if err != nil || !forwarded || second != nil {
		t.Fatalf("second: %v %v", forwarded, err)
	}
	select {
	case a := <-got:
		if a != "https://shop.example/login" {
			t.Fatalf("got %q", a)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("the first instance heard nothing")
	}
	// After the first exits, a new start becomes the first again.
	first.close()
	third, forwarded, err := claimInstance(dir, "", func(string) {})
	if err != nil || forwarded {
		t.Fatalf("third: %v %v", forwarded, err)
	}
	third.close()
}
