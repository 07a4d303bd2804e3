package app

// Prefs is the small part of fyne.Preferences that RayFix's stores need.
// Keeping it an interface lets the stores live here, free of Fyne, and be
// tested with a map.
type Prefs interface {
	String(key string) string
	SetString(key, value string)
	Int(key string) int
	SetInt(key string, value int)
	RemoveValue(key string)
}

// MapPrefs is an in-memory Prefs for tests and for the command line.
type MapPrefs map[string]any

// String returns a stored string or "".
func (m MapPrefs) String(k string) string { s, _ := m[k].(string); return s }

// SetString stores a string.
func (m MapPrefs) SetString(k, v string) { m[k] = v }

// Int returns a stored int or 0.
func (m MapPrefs) Int(k string) int { n, _ := m[k].(int); return n }

// SetInt stores an int.
func (m MapPrefs) SetInt(k string, v int) { m[k] = v }

// RemoveValue deletes a key.
func (m MapPrefs) RemoveValue(k string) { delete(m, k) }
