package pipeline

import (
	"slices"
	"strings"
)

// writtenLower reports whether the word of token i appears in lower case
// elsewhere in the document. The answer is kept with the word's lexeme for
// the rest of the document, and the document's lower-case words are
// gathered on the first question.
func (f *entityFinder) writtenLower(i int) bool {
	v := &f.vocab
	l := f.notes(i)
	if l.lowerDoc == v.doc {
		return l.lowerFound
	}
	if f.lowerWords == nil {
		f.lowerWords = &f.scratch.lowerWords
		f.lowerWords.fill(f.scratch.words, f.scratch.lowers)
	}
	l.lowerDoc, l.lowerFound = v.doc, f.lowerWords.has(f.doc.Tokens[i].Norm)
	return l.lowerFound
}

// lowerWordSet is the set of the words of a document written in lower case:
// their tokens chained in buckets by a hash of a few of their bytes, so
// that a question compares the words of one bucket. The buffers are kept
// from one document to the next.
type lowerWordSet struct {
	forms []string // the document's tokens' forms (entityScratch.words)
	first []int32  // per bucket: 1 + the index in words of its last word, or 0
	words []lowerWord
}

// lowerWord is a lower-case word's token and the word before it in its
// bucket (1 + its index in words, or 0).
type lowerWord struct{ token, next int32 }

// fill makes s the set of the forms at lowers, which are the words written
// in lower case.
func (s *lowerWordSet) fill(forms []string, lowers []int32) {
	n := 16
	for n < len(forms)/2 {
		n *= 2
	}
	s.forms = forms
	s.first = slices.Grow(s.first[:0], n)[:n]
	clear(s.first)
	s.words = slices.Grow(s.words[:0], len(lowers))[:len(lowers)]
	chainWords(s.first, s.words, forms, lowers)
}

// chainWords chains the forms at lowers in the buckets of first,
// words[m] holding lowers[m]. Not inlined, its loop keeps what it needs in
// registers, which fill's, after its calls, does not.
//
//go:noinline
func chainWords(first []int32, words []lowerWord, forms []string, lowers []int32) {
	words = words[:len(lowers)] // no bounds checks on m
	mask := len(first) - 1
	for m, k := range lowers {
		w := forms[k]
		b := &first[lowerHash(len(w), w[0], w[len(w)-1])&mask]
		words[m] = lowerWord{k, *b}
		*b = int32(m + 1)
	}
}

// has reports whether w, lowered, is in the set. An ASCII word, as most
// are, is lowered byte by byte as it is compared, not copied.
func (s *lowerWordSet) has(w string) bool {
	if w == "" {
		return false
	}
	if !isASCII(w) {
		w = strings.ToLower(w)
	}
	b := lowerHash(len(w), lowerASCII(w[0]), lowerASCII(w[len(w)-1])) & (len(s.first) - 1)
	for i := s.first[b]; i != 0; i = s.words[i-1].next {
		if equalLowered(s.forms[s.words[i-1].token], w) {
			return true
		}
	}
	return false
}

// equalLowered reports whether lower equals w with its ASCII capitals
// lowered.
func equalLowered(lower, w string) bool {
	if len(lower) != len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if lower[i] != lowerASCII(w[i]) {
			return false
		}
	}
	return true
}

// lowerHash returns the hash that picks the bucket (its low bits) of a
// word of size bytes, first and last among them: these cost a lower-case
// word less to read than a hash of all of its bytes. A question compares
// the few words of its bucket: a document asks few.
func lowerHash(size int, first, last byte) int {
	x := uint64(size) | uint64(first)<<8 | uint64(last)<<16
	return int((x * 0x9e3779b97f4a7c15) >> 32)
}
