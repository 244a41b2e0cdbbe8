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
	if s != "" && s[0] < utf8.RuneSelf {
		return 'A' <= s[0] && s[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// wordList is a word list looked up by the tokens of running text. Most
// tokens are not in a given list, and a bit filter over the first two and
// last two letters of its words rules them out first. The others are looked
// up in an open-addressing table hashed without regard to the case of ASCII
// letters, so that a capitalised word is found without being copied in
// lower case.
type wordList[V any] struct {
	words map[string]V
	sigs  []uint64 // bit set of the words' signatures
	shift uint     // 64 - log2 of the bits in sigs

	slots []wordSlot
	keys  []string
	vals  []V
}

type wordSlot struct {
	hash  uint32 // caselessHash of the key
	entry int32  // 1 + index in keys and vals, or 0 for an empty slot
}

// listOf indexes words, which must not be empty.
func listOf[V any](words map[string]V) *wordList[V] {
	n := 1024
	for n < 16*len(words) {
		n *= 2
	}
	l := &wordList[V]{words: words, sigs: make([]uint64, n/64), shift: uint(64 - bits.TrailingZeros(uint(n)))}
	size := 16
	for size < 2*len(words) {
		size *= 2
	}
	l.slots = make([]wordSlot, size)
	for w, v := range words {
		if sig, ok := signature(w); ok {
			b := l.bit(sig)
			l.sigs[b/64] |= 1 << (b % 64)
		}
		l.keys, l.vals = append(l.keys, w), append(l.vals, v)
		h, _ := caselessHash(w)
		i := int(h) & (size - 1)
		for l.slots[i].entry != 0 {
			i = (i + 1) & (size - 1)
		}
		l.slots[i] = wordSlot{h, int32(len(l.keys))}
	}
	return l
}

// signature packs the first two and last two bytes of w with bit 0x20 set,
// which lowers ASCII letters, so that w and w in lower case have the same
// signature. It declines (false) when one of the bytes is not ASCII: only
// then may w in lower case have other bytes there.
func signature(w string) (uint32, bool) {
	n := len(w)
	a, b, c, d := w[0], w[min(1, n-1)], w[max(0, n-2)], w[n-1]
	if (a|b|c|d)&0x80 != 0 {
		return 0, false
	}
	return uint32(a)<<24 | uint32(b)<<16 | uint32(c)<<8 | uint32(d) | 0x20202020, true
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

// caselessHash hashes the first and last eight bytes of w and its length,
// with bit 0x20 set in every byte: that lowers ASCII letters, so that w and
// w with its ASCII letters lowered hash alike. It also reports whether w is
// all ASCII.
func caselessHash(w string) (uint32, bool) {
	const lower, highs = 0x2020202020202020, 0x8080808080808080
	n := len(w)
	var x, or uint64
	if n >= 8 {
		x = (load64(w) | lower) ^ bits.RotateLeft64(load64(w[n-8:])|lower, 29)
		for i := 0; i+8 <= n; i += 8 {
			or |= load64(w[i:])
		}
		or |= load64(w[n-8:])
	} else {
		for i := 0; i < n; i++ {
			x = x<<8 | uint64(w[i]|0x20)
			or |= uint64(w[i])
		}
	}
	x = (x ^ uint64(n)<<59) * 0x9e3779b97f4a7c15
	return uint32(x >> 32), or&highs == 0
}

// find returns the value of w, comparing with equal: the table holds
// every word under the caselessHash of its ASCII lower-case form.
func (l *wordList[V]) find(w string, h uint32, equal func(w, key string) bool) V {
	mask := len(l.slots) - 1
	for i := int(h) & mask; l.slots[i].entry != 0; i = (i + 1) & mask {
		if s := l.slots[i]; s.hash == h && equal(w, l.keys[s.entry-1]) {
			return l.vals[s.entry-1]
		}
	}
	var zero V
	return zero
}

// lookup returns the value of w in any case.
func (l *wordList[V]) lookup(w string) V {
	if !l.mayHold(w) {
		var zero V
		return zero
	}
	h, ascii := caselessHash(w)
	if !ascii {
		return lookupLower(l.words, w) // strings.ToLower's rules for other letters
	}
	return l.find(w, h, equalLowerASCII)
}

// get returns the value of w as it is written.
func (l *wordList[V]) get(w string) V {
	if !l.mayHold(w) {
		var zero V
		return zero
	}
	h, _ := caselessHash(w)
	return l.find(w, h, equalString)
}

func equalString(a, b string) bool { return a == b }

// equalLowerASCII reports whether ASCII w with its letters lowered is key.
func equalLowerASCII(w, key string) bool {
	if len(w) != len(key) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if lowerASCII(w[i]) != key[i] {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s[i:])&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
