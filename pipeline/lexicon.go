package pipeline

import (
	"embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexiconFiles holds the word lists that carry the pipeline's Indonesian
// knowledge, kept as plain files a linguist can review.
//
//go:embed data/*.txt data/*.tsv
var lexiconFiles embed.FS

// readWordSet returns the words of a list: one item per line, blank lines and
// #-comments skipped.
func readWordSet(name string) map[string]bool {
	set := make(map[string]bool)
	for w := range readWordMap(name) {
		set[w] = true
	}
	return set
}

// readWordMap returns the entries of a word list whose lines are WORD <TAB>
// VALUE. Lists are part of the binary, so a broken one is a programming error
// and panics at start-up, in every test run.
func readWordMap(name string) map[string]string {
	data, err := lexiconFiles.ReadFile("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("pipeline: word list %s: %v", name, err))
	}
	out := make(map[string]string)
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, value, _ := strings.Cut(line, "\t")
		word = strings.TrimSpace(word)
		if _, dup := out[word]; dup {
			panic(fmt.Sprintf("pipeline: word list %s:%d: %q listed twice", name, n+1, word))
		}
		out[word] = strings.TrimSpace(value)
	}
	return out
}

// lower returns s in lower case, without allocating when s has no upper-case
// ASCII letters (most Indonesian words in running text).
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// isCapitalised reports whether s starts with an upper-case letter.
func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// wordList is a word list looked up by the tokens of running text. Most
// tokens are not in a given list, and a test of their first and last bytes
// rules them out before the map lookup.
type wordList[V any] struct {
	words       map[string]V
	first, last byteSet
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(c byte)      { s[c/64] |= 1 << (c % 64) }
func (s *byteSet) has(c byte) bool { return s[c/64]&(1<<(c%64)) != 0 }

// listOf indexes words, which must not be empty.
func listOf[V any](words map[string]V) *wordList[V] {
	l := &wordList[V]{words: words}
	for c := 0x80; c <= 0xff; c++ {
		// The first or last byte of a word in another case than the
		// list's may be any byte of a multi-byte letter.
		l.first.add(byte(c))
		l.last.add(byte(c))
	}
	for w := range words {
		l.first.add(w[0])
		l.first.add(lowerASCII(w[0]))
		l.last.add(w[len(w)-1])
		l.last.add(lowerASCII(w[len(w)-1]))
	}
	return l
}

// mayHold reports whether w, in any case, may be in the list; false proves
// that it is not. An ASCII first or last byte of w is the first or last of w
// in lower case.
func (l *wordList[V]) mayHold(w string) bool {
	return w != "" && l.first.has(lowerASCII(w[0])) && l.last.has(lowerASCII(w[len(w)-1]))
}

// lookup returns the value of w in any case.
func (l *wordList[V]) lookup(w string) V {
	if !l.mayHold(w) {
		var zero V
		return zero
	}
	return lookupLower(l.words, w)
}

// get returns the value of w as it is written.
func (l *wordList[V]) get(w string) V {
	if !l.mayHold(w) {
		var zero V
		return zero
	}
	return l.words[w]
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
