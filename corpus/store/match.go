package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/kutip/kutip/pipeline"
)

// MatchSyntax describes Filter.Match for help texts.
const MatchSyntax = `all words must occur, in any order; "a phrase" in double quotes must occur as written; ` +
	`word* matches words that start so; -word leaves out quotes that have it. Case, accents and the ` +
	`clitics -nya, -lah, -kah and -pun are ignored: nuklir finds nuklirnya and the other way round`

// Term is one term of a Filter.Match: a word or phrase, with its clitics
// folded away (see Folder), that must occur as written or, with Prefix, as
// the start of a word.
type Term struct {
	Text   string
	Prefix bool
}

// Match is a parsed Filter.Match: quotes that hold every Include term and
// no Exclude term. Backends turn it into their own full-text query.
type Match struct {
	Include, Exclude []Term
}

// ParseMatch parses a Filter.Match (see MatchSyntax). A query without any
// word to look for is an ErrBadFilter.
func ParseMatch(q string) (Match, error) {
	var m Match
	var f Folder
	for q = strings.TrimSpace(q); q != ""; q = strings.TrimSpace(q) {
		exclude := q[0] == '-' && len(q) > 1
		if exclude {
			q = q[1:]
		}
		var term string
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				end = len(q) - 1 // an unclosed phrase runs to the end
			}
			term, q = q[1:1+end], q[min(2+end, len(q)):]
		} else {
			end := strings.IndexFunc(q, unicode.IsSpace)
			if end < 0 {
				end = len(q)
			}
			term, q = q[:end], q[end:]
		}
		prefix := strings.HasSuffix(term, "*")
		if prefix {
			term = strings.TrimRight(term, "*")
		} else if strings.HasPrefix(q, "*") { // "a phrase"*
			prefix, q = true, q[1:]
		}
		if !HasWord(term) {
			continue
		}
		if len(m.Include)+len(m.Exclude) == MaxMatchTerms {
			return m, fmt.Errorf("%w: full-text query has more than %d words and phrases", ErrBadFilter, MaxMatchTerms)
		}
		t := Term{Text: string(f.Fold(nil, term)), Prefix: prefix}
		if exclude {
			m.Exclude = append(m.Exclude, t)
		} else {
			m.Include = append(m.Include, t)
		}
	}
	if len(m.Include) == 0 {
		return m, fmt.Errorf("%w: full-text query has no words to look for", ErrBadFilter)
	}
	return m, nil
}

// NameWords returns the words of a Filter.Speaker or Source, each to be
// matched as the start of a word of a name; a name without letters or
// digits is an ErrBadFilter.
func NameWords(name string) ([]string, error) {
	var words []string
	for _, w := range strings.Fields(name) {
		if !HasWord(w) {
			continue
		}
		if len(words) == MaxNameWords {
			return nil, fmt.Errorf("%w: name %q has more than %d words", ErrBadFilter, name, MaxNameWords)
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("%w: name %q has no letters or digits", ErrBadFilter, name)
	}
	return words, nil
}

// HasWord reports whether s holds a letter or digit.
func HasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// Folder turns text into the form the full-text index holds: every word
// that ends in a clitic (-nya, -lah, -kah, -pun, by the tokenizer's rule and
// exception list) loses it, so that nuklir finds nuklirnya and "harga beras"
// finds "harga berasnya". Backends fold case and accents themselves. The
// zero Folder is ready; one Folder must not be used concurrently.
type Folder struct {
	doc pipeline.Document // reused for its token buffer
}

// Fold appends the folded text to dst.
func (f *Folder) Fold(dst []byte, text string) []byte {
	f.doc = pipeline.Document{Text: text, Norm: text, Tokens: f.doc.Tokens[:0]}
	_ = pipeline.Tokenize{}.Process(context.Background(), &f.doc) // tokenizing cannot fail
	last := 0
	for _, t := range f.doc.Tokens {
		if t.Kind != pipeline.Word || t.Clitic == pipeline.NoClitic {
			continue
		}
		cut := t.End - len(t.Clitic.Suffix())
		dst = append(dst, text[last:cut]...)
		last = t.End
	}
	return append(dst, text[last:]...)
}
