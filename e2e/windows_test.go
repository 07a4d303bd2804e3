package e2e

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf16"
)

func utf16le(s string) []byte {
	var b []byte
	for _, r := range utf16.Encode([]rune(s)) {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// TestWindowsPackage checks dist/RayFix.exe from `make package-windows`:
// a Windows executable carrying RayFix's name and version resources.
func TestWindowsPackage(t *testing.T) {
	b, err := os.ReadFile("../dist/RayFix.exe")
	if err != nil {
		t.Skip("no dist/RayFix.exe; run `make package-windows` (about 8 minutes)")
	}
	if !bytes.HasPrefix(b, []byte("MZ")) || !bytes.Contains(b, []byte("PE\x00\x00")) {
		t.Fatal("not a Windows executable")
	}
	if !bytes.Contains(b, utf16le("RayFix")) || !bytes.Contains(b, utf16le("0.1.0")) {
		t.Fatal("no name or version resource in the executable")
	}
}
