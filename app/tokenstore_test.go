package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestKeychainRoundTrip uses the real OS keychain. `make test` provides one
// (gnome-keyring on a private D-Bus session) and sets RAYFIX_REQUIRE_KEYRING,
// so there a missing keychain is a failure, not a skip.
func TestKeychainRoundTrip(t *testing.T) {
	s := &TokenStore{Service: fmt.Sprintf("RayFix-test-%d", time.Now().UnixNano())}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := s.Load(ctx)
	if errors.Is(err, ErrNoKeychain) {
		if os.Getenv("RAYFIX_REQUIRE_KEYRING") != "" {
			t.Fatalf("no keychain inside the test environment: %v", err)
		}
		t.Skip("no Secret Service here; run under `make test` for the keychain tests")
	}
	if !errors.Is(err, ErrNoToken) {
		t.Fatalf("fresh service: got %v, want ErrNoToken", err)
	}
	if err := s.Save(ctx, "  "+goodToken+"\n"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load(ctx)
	if err != nil || got != goodToken {
		t.Fatalf("load: %q %v", got, err)
	}
	if err := s.Save(ctx, "second-token"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Load(ctx); got != "second-token" {
		t.Fatalf("replace: %q", got)
	}
	if err := s.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx); !errors.Is(err, ErrNoToken) {
		t.Fatalf("after delete: %v", err)
	}
	if err := s.Delete(ctx); err != nil {
		t.Fatalf("deleting twice: %v", err)
	}
	if err := s.Save(ctx, "   "); err == nil {
		t.Fatal("empty token accepted")
	}
}
