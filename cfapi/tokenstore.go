package cfapi

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/zalando/go-keyring"
)

// KeychainService is the name RayFix's token is filed under in the OS
// keychain (macOS Keychain, Windows Credential Manager, Secret Service).
const KeychainService = "RayFix"

// keychainUser is the account field of the keychain entry; one token per
// computer user is all RayFix keeps.
const keychainUser = "cloudflare-api-token"

// ErrNoToken means no token is stored.
var ErrNoToken = errors.New("no Cloudflare token is stored on this computer")

// ErrNoKeychain means the computer has no usable keychain (for example a
// Linux system without a Secret Service). The token can then only be used
// for the current session, in memory.
var ErrNoKeychain = errors.New("this computer has no keychain RayFix can use, so the token cannot be remembered; it can still be used until RayFix closes")

// TokenStore keeps the API token in the OS keychain and nowhere else. Its
// calls can block on an OS unlock prompt, so callers run them off the UI
// goroutine; the context only bounds how long the caller waits.
type TokenStore struct {
	Service string // KeychainService unless a test sets its own
}

// NewTokenStore returns the store used by the app.
func NewTokenStore() *TokenStore { return &TokenStore{Service: KeychainService} }

func (s *TokenStore) service() string {
	if s.Service == "" {
		return KeychainService
	}
	return s.Service
}

// Save stores token, replacing any earlier one.
func (s *TokenStore) Save(ctx context.Context, token string) error {
	token = strings.TrimSpace(token)
	if token == "" {
		return errors.New("the token is empty")
	}
	return s.wait(ctx, func() error { return keyring.Set(s.service(), keychainUser, token) })
}

// Load returns the stored token, ErrNoToken, or ErrNoKeychain.
func (s *TokenStore) Load(ctx context.Context) (string, error) {
	var tok string
	err := s.wait(ctx, func() error {
		var err error
		tok, err = keyring.Get(s.service(), keychainUser)
		return err
	})
	return tok, err
}

// Delete removes the stored token; deleting nothing is not an error.
func (s *TokenStore) Delete(ctx context.Context) error {
	err := s.wait(ctx, func() error { return keyring.Delete(s.service(), keychainUser) })
	if errors.Is(err, ErrNoToken) {
		return nil
	}
	return err
}

// wait runs a keychain call and maps its errors to ours. The call itself
// cannot be interrupted (the OS owns it), but the caller stops waiting when
// ctx ends.
func (s *TokenStore) wait(ctx context.Context, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return mapKeyringErr(err)
	case <-ctx.Done():
		return fmt.Errorf("the keychain did not answer: %w", ctx.Err())
	}
}

func mapKeyringErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNoToken
	case errors.Is(err, keyring.ErrUnsupportedPlatform):
		return ErrNoKeychain
	}
	// On Linux a missing Secret Service shows up as a D-Bus error; its text
	// never contains the token (go-keyring does not echo secrets).
	msg := strings.ToLower(err.Error())
	if strings.Contains(msg, "dbus") || strings.Contains(msg, "secret") || strings.Contains(msg, "org.freedesktop") {
		return ErrNoKeychain
	}
	return fmt.Errorf("the keychain refused: %v", err)
}
