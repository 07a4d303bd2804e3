// Package i18n is the visitor side's languages: which ones RayFix speaks
// (each named in its own words), which one the system asks for, and the
// translation of each English sentence. Translations are data — one JSON
// file per language in locales/, English sentence → translation — that a
// translator can edit without Go; {{name}} marks a value RayFix fills in.
// A test fails when a language misses a sentence, drops or adds a
// {{placeholder}}, or leaves a sentence in English.
package i18n

import (
	"embed"
	"encoding/json"
	"path"
	"strings"
	"sync"
)

// Tag names a language: "en", "de", "pt-BR", "zh-CN".
type Tag string

// English is the language the sentences are written in, and the fallback.
const English Tag = "en"

// Language is one language RayFix speaks.
type Language struct {
	Tag     Tag
	Name    string // in its own words: "Deutsch", "日本語"
	English string // its English name, for the README and logs
}

// Languages are the languages of the visitor side, English first.
var Languages = []Language{
	{"en", "English", "English"},
	{"es", "Español", "Spanish"},
	{"pt-BR", "Português (Brasil)", "Portuguese (Brazil)"},
	{"fr", "Français", "French"},
	{"de", "Deutsch", "German"},
	{"ru", "Русский", "Russian"},
	{"uk", "Українська", "Ukrainian"},
	{"tr", "Türkçe", "Turkish"},
	{"id", "Bahasa Indonesia", "Indonesian"},
	{"vi", "Tiếng Việt", "Vietnamese"},
	{"zh-CN", "简体中文", "Simplified Chinese"},
	{"ja", "日本語", "Japanese"},
}

// Known says whether RayFix speaks t.
func Known(t Tag) bool {
	for _, l := range Languages {
		if l.Tag == t {
			return true
		}
	}
	return false
}

// NameOf is a language's name in its own words ("" when unknown).
func NameOf(t Tag) string {
	for _, l := range Languages {
		if l.Tag == t {
			return l.Name
		}
	}
	return ""
}

//go:embed locales/*.json
var files embed.FS

var (
	loadOnce sync.Once
	catalogs map[Tag]map[string]string
)

func load() {
	catalogs = map[Tag]map[string]string{}
	entries, _ := files.ReadDir("locales")
	for _, e := range entries {
		b, err := files.ReadFile(path.Join("locales", e.Name()))
		if err != nil {
			continue
		}
		m := map[string]string{}
		if json.Unmarshal(b, &m) == nil {
			catalogs[Tag(strings.TrimSuffix(e.Name(), ".json"))] = m
		}
	}
}

// Catalog is a language's sentences, English → translation (nil for
// English, and for a language RayFix does not speak).
func Catalog(t Tag) map[string]string {
	loadOnce.Do(load)
	return catalogs[t]
}

// T translates an English sentence into t and fills in its {{name}}
// placeholders from args, given as name, value pairs. A sentence a
// language lacks stays English (a test makes sure none does).
func T(t Tag, en string, args ...any) string {
	s := en
	if tr, ok := Catalog(t)[en]; ok && tr != "" {
		s = tr
	}
	if len(args) == 0 {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{{"+toString(args[i])+"}}", toString(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// N marks a sentence for translation where it is written, when it is
// translated later (through T with a variable): the test that finds every
// sentence reads T's and N's literal arguments.
func N(en string) string { return en }

// SentenceGap is what goes between two sentences: a space, or nothing in
// Chinese and Japanese, whose full stop needs none.
func SentenceGap(t Tag) string {
	if t == "zh-CN" || t == "ja" {
		return ""
	}
	return " "
}

// Placeholders lists the {{names}} in a sentence, in order.
func Placeholders(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return out
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return out
		}
		out = append(out, s[i+2:i+j])
		s = s[i+j+2:]
	}
}
