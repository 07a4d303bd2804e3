package cfapi

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// TestKeychainRoundTrip uses the real OS keychain. `make test` provides one
// (gnome-keyring on a private D-Bus session) and sets RAYFIX_REQUIRE_KEYRING,
// so there a missing keychain is a failure, not a skip.
func TestKeychainRoundTrip(t *testing.T) {
	s := &TokenStore{Service: fmt.Sprintf("RayFix-test-%d", time.Now().UnixNano())}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := s.Load(ctx)
	// Other test processes may be using the fresh keyring at the same
	// moment; give it a few seconds before calling it missing.
	for i := 0; i < 10 && errors.Is(err, ErrNoKeychain) && os.Getenv("RAYFIX_REQUIRE_KEYRING") != ""; i++ {
		time.Sleep(500 * time.Millisecond)
		_, err = s.Load(ctx)
	}
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
	// The next start: a new store, nothing in memory, reads the keychain.
	restarted := &TokenStore{Service: s.Service}
	if got, err := restarted.Load(ctx); err != nil || got != goodToken {
		t.Fatalf("after restart: %q %v", got, err)
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

// TestKeychainErrorsMapped uses go-keyring's mock. It must stay the last
// test of the package: the mock replaces the real keychain for good.
func TestKeychainErrorsMapped(t *testing.T) {
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	s := &TokenStore{Service: "RayFix-mock"}
	ctx := context.Background()
	if _, err := s.Load(ctx); !errors.Is(err, ErrNoKeychain) {
		t.Fatalf("no Secret Service: %v", err)
	}
	if err := s.Save(ctx, "abc"); !errors.Is(err, ErrNoKeychain) {
		t.Fatalf("save: %v", err)
	}
	keyring.MockInit()
	if err := s.Save(ctx, "tok-1"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Load(ctx); got != "tok-1" {
		t.Fatal(got)
	}
	if err := s.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx); err != nil {
		t.Fatalf("second delete: %v", err)
	}
	// A keychain that never answers (an unlock prompt left open) does not
	// hang the caller past its context.
	slow, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	err := s.wait(slow, func() error { time.Sleep(time.Second); return nil })
	if err == nil || !strings.Contains(err.Error(), "did not answer") {
		t.Fatalf("slow keychain: %v", err)
	}
}
