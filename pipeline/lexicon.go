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
	index wordIndex
	vals  []V // the value of each entry of index, after vals[0], the zero V of a word not in the list
}

// wordIndex numbers the words of a list, as entries 1 to n. It does not
// depend on the type of the list's values, so that its lookups compile to
// plain code that inlines into each wordList's.
type wordIndex struct {
	sigs  []uint64 // bit set of the words' signatures
	shift uint     // 64 - log2 of the bits in sigs
	slots []wordSlot
	keys  []string // the word of each entry, at entry - 1
}

type wordSlot struct {
	hash  uint32 // caselessHash of the key
	entry int32  // the key's entry, or 0 for an empty slot
}

// listOf indexes words, which must not be empty.
func listOf[V any](words map[string]V) *wordList[V] {
	l := &wordList[V]{words: words, vals: make([]V, 1, 1+len(words))}
	x := &l.index
	n := 1024
	for n < 16*len(words) {
		n *= 2
	}
	x.sigs, x.shift = make([]uint64, n/64), uint(64-bits.TrailingZeros(uint(n)))
	size := 16
	for size < 2*len(words) {
		size *= 2
	}
	x.slots = make([]wordSlot, size)
	for w, v := range words {
		if sig, ok := signature(w); ok {
			b := x.bit(sig)
			x.sigs[b/64] |= 1 << (b % 64)
		}
		x.keys, l.vals = append(x.keys, w), append(l.vals, v)
		h, _ := caselessHash(w)
		i := int(h) & (size - 1)
		for x.slots[i].entry != 0 {
			i = (i + 1) & (size - 1)
		}
		x.slots[i] = wordSlot{h, int32(len(x.keys))}
	}
	return l
}

// signature packs the first two and last two bytes of w, which must not be
// empty, with bit 0x20 set, which lowers ASCII letters, and the length of
// w, so that w and w in lower case have the same signature. It declines
// (false) when one of the bytes is not ASCII: only then may w in lower
// case have other bytes there, or another length. The bytes are picked
// without branches on the length of w, which goes either way at random in
// running text. The length tells apart most words that share their ends
// with a listed word, as words of one prefix and suffix do ("me…kan").
func signature(w string) (uint64, bool) {
	n := len(w)
	one := (n - 2) >> 63 // all ones for a word of one byte, else 0
	sig := uint32(w[0])<<24 | uint32(w[1&^one])<<16 | uint32(w[(n-2)&^one])<<8 | uint32(w[n-1])
	return uint64(sig|0x20202020) | uint64(n)<<32, sig&0x80808080 == 0
}

// mayHold reports whether a word of signature sig, in any case, may be in
// the list; false proves that it is not.
func (x *wordIndex) mayHold(sig uint64) bool {
	b := x.bit(sig)
	return x.sigs[b/64]&(1<<(b%64)) != 0
}

// bit returns the bit of sig in sigs.
func (x *wordIndex) bit(sig uint64) uint64 {
	return (sig * 0x9e3779b97f4a7c15) >> (x.shift & 63)
}

// caselessHash hashes the first and last eight bytes of w and its length,
// with bit 0x20 set in every byte: that lowers ASCII letters, so that w and
// w with its ASCII letters lowered hash alike. It also reports whether w is
// all ASCII. A word of four to seven bytes is read as two overlapping
// halves and a shorter one byte by byte, without a loop over its bytes,
// whose end would go either way at random.
func caselessHash(w string) (uint32, bool) {
	const lower, highs = 0x2020202020202020, 0x8080808080808080
	n := len(w)
	var head, tail uint64
	switch {
	case n >= 8:
		head, tail = load64(w), load64(w[n-8:])
	case n >= 4:
		head, tail = uint64(load32(w)), uint64(load32(w[n-4:]))
	case n > 0:
		head = uint64(w[0]) | uint64(w[n/2])<<8 | uint64(w[n-1])<<16
	}
	or := head | tail
	for i := 8; i < n-8; i += 8 { // the middle of a long word, for whether it is ASCII
		or |= load64(w[i:])
	}
	x := ((head | lower) ^ bits.RotateLeft64(tail|lower, 29) ^ uint64(n)<<59) * 0x9e3779b97f4a7c15
	return uint32(x >> 32), or&highs == 0
}

// entry returns the entry of w, or 0: in any case when caseless, else as it
// is written.
func (x *wordIndex) entry(w string, caseless bool) int32 {
	if w == "" {
		return 0
	}
	if sig, ok := signature(w); ok && !x.mayHold(sig) {
		return 0
	}
	h, ascii := caselessHash(w)
	switch {
	case !caseless:
		return x.find(w, h, equalString)
	case ascii:
		return x.find(w, h, equalLowerASCII)
	}
	w = strings.ToLower(w) // its rules for other letters
	h, _ = caselessHash(w)
	return x.find(w, h, equalString)
}

// find returns the entry of w, or 0, comparing with equal: the table holds
// every word under the caselessHash of its ASCII lower-case form.
func (x *wordIndex) find(w string, h uint32, equal func(w, key string) bool) int32 {
	mask := len(x.slots) - 1
	for i := int(h) & mask; x.slots[i].entry != 0; i = (i + 1) & mask {
		if s := x.slots[i]; s.hash == h && equal(w, x.keys[s.entry-1]) {
			return s.entry
		}
	}
	return 0
}

// lookup returns the value of w in any case.
func (l *wordList[V]) lookup(w string) V { return l.vals[l.index.entry(w, true)] }

// get returns the value of w as it is written.
func (l *wordList[V]) get(w string) V { return l.vals[l.index.entry(w, false)] }

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
