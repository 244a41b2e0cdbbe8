package pipeline

import (
	"embed"
	"fmt"
	"math/bits"
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
// tokens are not in a given list, and a bit filter over the first two and
// last two letters of its words rules them out before the map lookup.
type wordList[V any] struct {
	words map[string]V
	sigs  []uint64 // bit set of the words' signatures
	shift uint     // 64 - log2 of the bits in sigs
}

// listOf indexes words, which must not be empty.
func listOf[V any](words map[string]V) *wordList[V] {
	n := 1024
	for n < 16*len(words) {
		n *= 2
	}
	l := &wordList[V]{words: words, sigs: make([]uint64, n/64), shift: uint(64 - bits.TrailingZeros(uint(n)))}
	for w := range words {
		if sig, ok := signature(w); ok {
			b := l.bit(sig)
			l.sigs[b/64] |= 1 << (b % 64)
		}
	}
	return l
}

// signature packs the first two and last two bytes of w in lower case. It
// declines (false) when one of them is not ASCII: only then may w in lower
// case have other bytes there than w with its ASCII letters lowered.
func signature(w string) (uint32, bool) {
	n := len(w)
	a, b, c, d := w[0], w[min(1, n-1)], w[max(0, n-2)], w[n-1]
	if a|b|c|d >= utf8.RuneSelf {
		return 0, false
	}
	return uint32(lowerASCII(a))<<24 | uint32(lowerASCII(b))<<16 | uint32(lowerASCII(c))<<8 | uint32(lowerASCII(d)), true
}

func (l *wordList[V]) bit(sig uint32) uint64 { return (uint64(sig) * 0x9e3779b97f4a7c15) >> l.shift }

// mayHold reports whether w, in any case, may be in the list; false proves
// that it is not.
func (l *wordList[V]) mayHold(w string) bool {
	if w == "" {
		return false
	}
	sig, ok := signature(w)
	if !ok {
		return true
	}
	b := l.bit(sig)
	return l.sigs[b/64]&(1<<(b%64)) != 0
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
