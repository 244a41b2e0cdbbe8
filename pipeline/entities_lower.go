package pipeline

import "slices"

// writtenLower reports whether the word of token i appears in lower case
// elsewhere in the document. The answer is kept with the word's lexeme for
// the rest of the document, and the document's lower-case words are
// gathered on the first question.
func (f *entityFinder) writtenLower(i int) bool {
	v := &f.vocab
	l := f.lexeme(i)
	if l.lowerDoc == v.doc {
		return l.lowerFound
	}
	if f.lowerWords == nil {
		f.lowerWords = &f.scratch.lowerWords
		f.lowerWords.fill(f.doc.Tokens, f.scratch.lowers)
	}
	var buf [40]byte
	l.lowerDoc, l.lowerFound = v.doc, f.lowerWords.has(string(appendLower(buf[:0], f.doc.Tokens[i].Norm)))
	return l.lowerFound
}

// lowerWordSet is the set of the words of a document written in lower case:
// their tokens chained in buckets by a hash of a few of their bytes, so
// that a question compares the words of one bucket. The buffers are kept
// from one document to the next.
type lowerWordSet struct {
	toks  []Token
	first []int32 // per bucket: 1 + the index in words of its last word, or 0
	words []lowerWord
}

// lowerWord is a lower-case word's token and the word before it in its
// bucket (1 + its index in words, or 0).
type lowerWord struct{ token, next int32 }

// fill makes s the set of the words of toks at lowers, which are the words
// written in lower case.
func (s *lowerWordSet) fill(toks []Token, lowers []int32) {
	n := 16
	for n < len(toks)/2 {
		n *= 2
	}
	s.toks = toks
	s.first = slices.Grow(s.first[:0], n)[:n]
	clear(s.first)
	s.words = slices.Grow(s.words[:0], len(lowers))[:len(lowers)]
	chainWords(s.first, s.words, toks, lowers)
}

// chainWords chains the words of toks at lowers in the buckets of first,
// words[m] holding lowers[m]. Not inlined, its loop keeps what it needs in
// registers, which fill's, after its calls, does not.
//
//go:noinline
func chainWords(first []int32, words []lowerWord, toks []Token, lowers []int32) {
	words = words[:len(lowers)] // no bounds checks on m
	for m, k := range lowers {
		b := &first[lowerBucket(toks[k].Norm, len(first))]
		words[m] = lowerWord{k, *b}
		*b = int32(m + 1)
	}
}

// has reports whether w, in lower case, is in the set.
func (s *lowerWordSet) has(w string) bool {
	if w == "" {
		return false
	}
	for i := s.first[lowerBucket(w, len(s.first))]; i != 0; i = s.words[i-1].next {
		if s.toks[s.words[i-1].token].Norm == w {
			return true
		}
	}
	return false
}

// lowerBucket returns the bucket of w, which is not empty, among n (a power
// of two): from its length and its first and last bytes, which cost a
// lower-case word less to read than a hash of all of them. A question
// compares the few words of its bucket: a document asks few.
func lowerBucket(w string, n int) int {
	x := uint64(len(w)) | uint64(w[0])<<8 | uint64(w[len(w)-1])<<16
	return int((x*0x9e3779b97f4a7c15)>>32) & (n - 1)
}
