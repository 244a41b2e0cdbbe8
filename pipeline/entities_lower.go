package pipeline

import (
	"math/bits"
	"slices"
)

// writtenLower reports whether the word of token i appears in lower case
// elsewhere in the document. The document's lower-case words are gathered
// on the first call.
func (f *entityFinder) writtenLower(i int) bool {
	if f.lowerWords == nil {
		f.lowerWords = &f.scratch.lowerWords
		f.lowerWords.fill(f.doc.Tokens)
	}
	return f.lowerWords.hasLower(f.doc.Tokens[i].Norm)
}

// lowerWordSet is the set of the words of a document written in lower case.
// Most questions are about names, which a document rarely writes in lower
// case: a bit filter over the words' hashes answers them. The first few
// others scan the tokens; later ones a bucket of the words' tokens sorted by
// hash. The buffers are kept from one document to the next.
type lowerWordSet struct {
	toks   []Token
	hashes []uint32 // per token: the wordHash of a lower-case word
	filter []uint64 // bit wordHash&(bits-1): some lower-case word may hash there
	// The buckets, once sorted: bucket b holds order[buckets[b]:buckets[b+1]].
	scans   int // questions answered by scanning before the sort
	sorted  bool
	buckets []int32
	order   []int32 // token indexes by bucket
	next    []int32 // while sorting: where each bucket's next token goes
	// answers keeps hasLower's answers by word as asked, in a long document
	// only: it asks about its names many times, and a word whose bucket is
	// also that of a word repeated thousands of times costs a long scan.
	answers map[string]bool
}

// maxScans is the number of questions lowerWordSet answers by scanning
// before it sorts its buckets.
const maxScans = 4

// longDocument is the number of tokens from which lowerWordSet keeps its
// answers; below, a scan costs less than keeping them.
const longDocument = 4096

func (s *lowerWordSet) fill(toks []Token) {
	s.toks, s.sorted, s.scans = toks, false, 0
	n := 1024
	for n < 8*len(toks) {
		n *= 2
	}
	s.filter = slices.Grow(s.filter[:0], n/64)[:n/64]
	clear(s.filter)
	s.hashes = slices.Grow(s.hashes[:0], len(toks))[:len(toks)]
	for k := range toks {
		if t := &toks[k]; t.Kind == Word && startsLower(t.Norm) {
			h := wordHash(t.Norm)
			s.hashes[k] = h
			f := h & uint32(n-1)
			s.filter[f/64] |= 1 << (f % 64)
		}
	}
	s.answers = nil
	if len(toks) >= longDocument {
		s.answers = make(map[string]bool)
	}
}

// sort puts the lower-case words' tokens into buckets by hash.
func (s *lowerWordSet) sort() {
	s.sorted = true
	n := 16
	for n < len(s.toks)/2 {
		n *= 2
	}
	s.buckets = slices.Grow(s.buckets[:0], n+1)[:n+1]
	clear(s.buckets)
	words := 0
	for k := range s.toks {
		if t := &s.toks[k]; t.Kind == Word && startsLower(t.Norm) {
			s.buckets[s.hashes[k]&uint32(n-1)+1]++
			words++
		}
	}
	for b := 1; b <= n; b++ {
		s.buckets[b] += s.buckets[b-1]
	}
	s.order = slices.Grow(s.order[:0], words)[:words]
	s.next = append(s.next[:0], s.buckets[:n]...)
	for k := range s.toks {
		if t := &s.toks[k]; t.Kind == Word && startsLower(t.Norm) {
			b := s.hashes[k] & uint32(n-1)
			s.order[s.next[b]] = int32(k)
			s.next[b]++
		}
	}
}

// hasLower reports whether w in lower case is in the set.
func (s *lowerWordSet) hasLower(w string) bool {
	if found, ok := s.answers[w]; ok {
		return found
	}
	var buf [40]byte
	found := s.has(appendLower(buf[:0], w))
	if s.answers != nil {
		s.answers[w] = found
	}
	return found
}

func (s *lowerWordSet) has(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	h := wordHash(string(w))
	if f := h & uint32(64*len(s.filter)-1); s.filter[f/64]&(1<<(f%64)) == 0 {
		return false
	}
	if !s.sorted && s.scans < maxScans {
		// The first few questions the filter lets through scan the hashes:
		// cheaper than sorting for an article that asks only those.
		s.scans++
		for k := range s.toks {
			if t := &s.toks[k]; s.hashes[k] == h && t.Kind == Word && startsLower(t.Norm) && t.Norm == string(w) {
				return true
			}
		}
		return false
	}
	if !s.sorted {
		s.sort()
	}
	b := h & uint32(len(s.buckets)-2)
	for _, k := range s.order[s.buckets[b]:s.buckets[b+1]] {
		if s.toks[k].Norm == string(w) {
			return true
		}
	}
	return false
}

// wordHash hashes w from a few of its bytes and its length: the first and
// last eight of a long word; the first, middle and last of a short one.
// Collisions only cost a comparison of words.
func wordHash(w string) uint32 {
	n := len(w)
	var x uint64
	switch {
	case n >= 8:
		x = load64(w) ^ bits.RotateLeft64(load64(w[n-8:]), 29)
	case n > 0:
		x = uint64(w[0]) | uint64(w[n/2])<<8 | uint64(w[n-1])<<16
	}
	x = (x ^ uint64(n)<<59) * 0x9e3779b97f4a7c15
	return uint32(x >> 32)
}
