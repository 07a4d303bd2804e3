package e2e

import (
	"bytes"
	"debug/pe"
	"os"
	"strings"
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

// TestWindowsPackage checks dist/RayFix.exe from `make package-windows`
// (run by `make test`, which sets RAYFIX_REQUIRE_WINDOWS): a linked 64-bit
// Windows GUI program (no console window behind it) that uses OpenGL,
// carrying an icon and RayFix's name and version resources.
func TestWindowsPackage(t *testing.T) {
	const path = "../dist/RayFix.exe"
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("RAYFIX_REQUIRE_WINDOWS") != "" {
			t.Fatalf("make package-windows did not leave %s: %v", path, err)
		}
		t.Skip("no dist/RayFix.exe; run `make package-windows` (about 8 minutes the first time)")
	}
	f, err := pe.NewFile(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a Windows executable: %v", err)
	}
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Fatalf("machine %#x, want amd64", f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok || oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Fatal("not a GUI program: a console window would open behind RayFix")
	}
	// ImportedSymbols lists "name:library" pairs from the import table.
	syms, err := f.ImportedSymbols()
	if err != nil {
		t.Fatal(err)
	}
	if !importsFrom(syms, "opengl32.dll") || !importsFrom(syms, "user32.dll") {
		t.Fatalf("does not import OpenGL and the window system (%d imports)", len(syms))
	}
	if f.Section(".rsrc") == nil {
		t.Fatal("no resource section: no icon or version info")
	}
	if !bytes.Contains(b, utf16le("RayFix")) || !bytes.Contains(b, utf16le("0.1.0")) {
		t.Fatal("no name or version resource in the executable")
	}
}

func importsFrom(syms []string, lib string) bool {
	for _, s := range syms {
		if _, l, ok := strings.Cut(s, ":"); ok && strings.EqualFold(l, lib) {
			return true
		}
	}
	return false
}
