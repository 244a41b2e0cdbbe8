// Package gazetteer holds the people, places and organisations that kutip
// recognises, loads them from TSV, CSV and JSONL files, and finds them in
// tokenized text.
package gazetteer

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Label is the entity class of an entry.
type Label string

// The three labels kutip uses. Other spellings found in user files are mapped
// onto these by ParseLabel.
const (
	Person       Label = "PERSON"
	Place        Label = "PLACE"
	Organisation Label = "ORGANISATION"
)

// ParseLabel maps the label spellings of common NER tag sets (PER, LOC, GPE,
// ORG, ORGANIZATION, …), in any case, onto kutip's three labels.
func ParseLabel(s string) (Label, bool) {
	switch l := Label(s); l {
	case Person, Place, Organisation: // as data files spell them: no string to make
		return l, true
	}
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "PERSON", "PER":
		return Person, true
	case "PLACE", "LOC", "LOCATION", "GPE":
		return Place, true
	case "ORGANISATION", "ORGANIZATION", "ORG":
		return Organisation, true
	}
	return "", false
}

// Entry is one person, place or organisation.
type Entry struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"` // canonical name
	Label       Label    `json:"label"`
	Kind        string   `json:"kind,omitempty"` // finer class: country, province, ministry, media, …
	Aliases     []string `json:"aliases,omitempty"`
	Parent      string   `json:"parent,omitempty"` // id of the enclosing place or organisation
	Description string   `json:"description,omitempty"`
	// Caseless entries also match running text in any letter case
	// ("detikcom" for "Detikcom").
	Caseless bool `json:"caseless,omitempty"`

	// Where the entry was defined, for messages. Not part of the JSON form,
	// so that entries written as JSONL read back unchanged.
	Source string `json:"-"`
	Line   int    `json:"-"`

	// builtin marks entries of the embedded default data, which the fuzzy
	// index keeps when it has to drop user entries (see Fuzzy).
	builtin bool
}

// Surfaces returns the entry's name followed by its aliases.
func (e *Entry) Surfaces() []string {
	return append([]string{e.Name}, e.Aliases...)
}

// Where returns "file:line" for the entry's definition, or "" for an entry
// built in code.
func (e *Entry) Where() string {
	if e.Source == "" {
		return ""
	}
	return e.Source + ":" + strconv.Itoa(e.Line)
}

// Slug derives an id from a name: accents and apostrophes dropped, lower
// case, runs of anything but letters and digits turned into single hyphens
// ("Erdoğan, Recep Tayyip" → "erdogan-recep-tayyip", "Ma'ruf" → "maruf").
func Slug(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	hyphen := false
	for _, r := range name {
		f := foldRune(r)
		switch {
		case f == 0 || f == '\'':
			continue // a combining mark, or the apostrophe of Ma'ruf
		case unicode.IsLetter(f) || unicode.IsDigit(f):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(f)
		default:
			hyphen = true
		}
	}
	return b.String()
}

// foldRune returns r in lower case without diacritics, or 0 for a combining
// mark, which folding drops. It maps one rune to one rune (ß and æ stay as
// they are) so that folded and unfolded text can be walked side by side.
func foldRune(r rune) rune {
	return unicode.ToLower(stripRune(r))
}

// stripRune returns r without diacritics, keeping its case, or 0 for a
// combining mark.
func stripRune(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	switch r {
	case 'ø':
		return 'o'
	case 'Ø':
		return 'O'
	case 'đ', 'ð':
		return 'd'
	case 'Đ', 'Ð':
		return 'D'
	case 'ł':
		return 'l'
	case 'Ł':
		return 'L'
	case 'ı':
		return 'i'
	case '’', 'ʼ', '‘', '´':
		// Ma’ruf and Ma'ruf are the same name.
		return '\''
	case '‐', '‑', '–':
		return '-'
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFD.Properties(buf[:n]).Decomposition(); len(d) > 0 {
		base, _ := utf8.DecodeRune(d)
		if base < utf8.RuneSelf || !unicode.Is(unicode.Mn, base) {
			return base
		}
	}
	return r
}

// fold returns s in lower case without diacritics: the form under which
// surface forms are indexed and compared loosely.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f := foldRune(r); f != 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// isAllCaps reports whether s has at least one letter and no lower-case
// letter ("KPK", "JAKARTA", "TNI-AD").
func isAllCaps(s string) bool {
	letters := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // told without the Unicode tables
			if 'a' <= c && c <= 'z' {
				return false
			}
			if 'A' <= c && c <= 'Z' {
				letters++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
		i += size
	}
	return letters > 0
}

// countLetters counts the letters in s.
func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
