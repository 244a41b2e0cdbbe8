package postgres

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5/pgtype"
	"golang.org/x/text/unicode/norm"

	"github.com/kutip/kutip/corpus/store"
)

// The full-text columns hold lexemes folded here, not by a PostgreSQL text
// search configuration, so that a word matches what it matches in the
// SQLite store (FTS5's unicode61 tokenizer with remove_diacritics): words are
// runs of letters and digits, lower-cased, without combining marks, and (by
// store.Folder) without clitics. PostgreSQL's indonesian stemmer is not used:
// see the README's "Scaling out" for what it does to names.

// PostgreSQL's limits on a tsvector (tsearch/ts_type.h): longer lexemes are
// left out and later positions or more of them are not kept, as
// to_tsvector does.
const (
	maxLexemeBytes  = 2047
	maxPosition     = 16383
	maxPositionsPer = 256
)

// words appends the folded words of text to dst.
func words(dst []string, text string) []string {
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			dst = append(dst, b.String())
			b.Reset()
		}
	}
	var it norm.Iter
	it.InitString(norm.NFD, text)
	for !it.Done() {
		for _, r := range string(it.Next()) {
			switch {
			case unicode.Is(unicode.Mn, r):
				// a diacritic: dropped, as remove_diacritics does
			case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Co, r):
				b.WriteRune(unicode.ToLower(r))
			default:
				flush()
			}
		}
	}
	flush()
	return dst
}

// vectorBuilder builds tsvectors of folded words, with positions for
// phrase queries.
type vectorBuilder struct {
	fold      store.Folder
	buf       []byte
	words     []string
	positions map[string][]pgtype.TSVectorPosition
	next      int // the position of the next word
}

// reset starts a new vector.
func (v *vectorBuilder) reset() {
	if v.positions == nil {
		v.positions = map[string][]pgtype.TSVectorPosition{}
	}
	clear(v.positions)
	v.next = 1
}

// addText adds the words of a quote's text, its clitics cut.
func (v *vectorBuilder) addText(text string) {
	v.buf = v.fold.Fold(v.buf[:0], text)
	v.addName(string(v.buf))
}

// addName adds the words of a name as they are (names keep their clitics
// in the SQLite store too), and leaves a gap after them, so that a phrase
// never runs from one name into the next.
func (v *vectorBuilder) addName(text string) {
	v.words = words(v.words[:0], text)
	for _, w := range v.words {
		if len(w) <= maxLexemeBytes && len(v.positions[w]) < maxPositionsPer {
			v.positions[w] = append(v.positions[w], pgtype.TSVectorPosition{Position: uint16(min(v.next, maxPosition))})
		}
		v.next++
	}
	v.next++
}

// vector returns the tsvector of what was added, its lexemes sorted as
// PostgreSQL keeps them (byte order).
func (v *vectorBuilder) vector() pgtype.TSVector {
	vec := pgtype.TSVector{Lexemes: make([]pgtype.TSVectorLexeme, 0, len(v.positions)), Valid: true}
	for w, pos := range v.positions {
		// Positions past the limit are all maxPosition: keep one.
		pos = slices.CompactFunc(pos, func(a, b pgtype.TSVectorPosition) bool { return a.Position == b.Position })
		vec.Lexemes = append(vec.Lexemes, pgtype.TSVectorLexeme{Word: w, Positions: slices.Clone(pos)})
	}
	slices.SortFunc(vec.Lexemes, func(a, b pgtype.TSVectorLexeme) int { return strings.Compare(a.Word, b.Word) })
	return vec
}

// matchQuery turns a Filter.Match into a tsquery (text form; see
// store.MatchSyntax). Every lexeme is quoted: no input is tsquery syntax.
func matchQuery(q string) (string, error) {
	m, err := store.ParseMatch(q) // terms come folded of clitics
	if err != nil {
		return "", err
	}
	var include, exclude []string
	for _, t := range m.Include {
		if p := phrase(words(nil, t.Text), t.Prefix); p != "" {
			include = append(include, p)
		}
	}
	for _, t := range m.Exclude {
		if p := phrase(words(nil, t.Text), t.Prefix); p != "" {
			exclude = append(exclude, "!"+p)
		}
	}
	if len(include) == 0 {
		return "", fmt.Errorf("%w: full-text query has no words to look for", store.ErrBadFilter)
	}
	return strings.Join(append(include, exclude...), " & "), nil
}

// nameQuery turns a Filter.Speaker or Source into a tsquery over entity
// names: every word, as a prefix.
func nameQuery(name string) (string, error) {
	ws, err := store.NameWords(name)
	if err != nil {
		return "", err
	}
	var terms []string
	for _, w := range ws {
		if p := phrase(words(nil, w), true); p != "" {
			terms = append(terms, p)
		}
	}
	if len(terms) == 0 {
		return "", fmt.Errorf("%w: name %q has no letters or digits", store.ErrBadFilter, name)
	}
	return strings.Join(terms, " & "), nil
}

// phrase returns the tsquery of consecutive words, the last one a prefix
// if prefix is set; "" for no words.
func phrase(ws []string, prefix bool) string {
	ws = slices.DeleteFunc(ws, func(w string) bool { return len(w) > maxLexemeBytes })
	if len(ws) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('(')
	for i, w := range ws {
		if i > 0 {
			b.WriteString(" <-> ")
		}
		// Words hold letters and digits only; quoting keeps them lexemes.
		b.WriteString("'" + w + "'")
	}
	if prefix {
		b.WriteString(":*")
	}
	b.WriteByte(')')
	return b.String()
}
