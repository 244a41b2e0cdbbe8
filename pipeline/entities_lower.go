package pipeline

import "slices"

// writtenLower reports whether the word of token i appears in lower case
// elsewhere in the document. The answer is kept with the word's lexeme for
// the rest of the document, and the document's lower-case words are
// gathered on the first question.
func (f *entityFinder) writtenLower(i int) bool {
	v := &f.lex.vocab
	l := f.lexeme(i)
	if l.lowerDoc == v.doc {
		return l.lowerFound
	}
	if f.lowerWords == nil {
		f.lowerWords = &f.scratch.lowerWords
		f.lowerWords.fill(f.doc.Tokens)
	}
	var buf [40]byte
	l.lowerDoc, l.lowerFound = v.doc, f.lowerWords.has(string(appendLower(buf[:0], f.doc.Tokens[i].Norm)))
	return l.lowerFound
}

// lowerWordSet is the set of the words of a document written in lower case:
// their tokens in buckets by a hash of a few of their bytes, so that a
// question compares the words of one bucket. The buffers are kept from one
// document to the next.
type lowerWordSet struct {
	toks []Token
	// Bucket b holds order[buckets[b]:buckets[b+1]].
	buckets []int32
	order   []int32        // token indexes by bucket
	words   []bucketedWord // while filling
}

// bucketedWord is a lower-case word's token and bucket.
type bucketedWord struct{ token, bucket int32 }

func (s *lowerWordSet) fill(toks []Token) {
	s.toks = toks
	n := 16
	for n < len(toks)/2 {
		n *= 2
	}
	// A counting sort: bucket b counts at b+2, starts at b+1 after the
	// sums, and ends there once its tokens are placed.
	s.buckets = slices.Grow(s.buckets[:0], n+2)[:n+2]
	clear(s.buckets)
	words := slices.Grow(s.words[:0], len(toks))[:len(toks)]
	m := 0
	for k := range toks {
		if t := &toks[k]; t.Kind == Word && startsLower(t.Norm) {
			b := lowerBucket(t.Norm, n)
			s.buckets[b+2]++
			words[m] = bucketedWord{int32(k), int32(b)}
			m++
		}
	}
	for b := 1; b < len(s.buckets); b++ {
		s.buckets[b] += s.buckets[b-1]
	}
	s.order = slices.Grow(s.order[:0], m)[:m]
	for _, w := range words[:m] {
		next := &s.buckets[w.bucket+1]
		s.order[*next] = w.token
		*next++
	}
	s.buckets, s.words = s.buckets[:n+1], words
}

// has reports whether w, in lower case, is in the set.
func (s *lowerWordSet) has(w string) bool {
	if w == "" {
		return false
	}
	b := lowerBucket(w, len(s.buckets)-1)
	for _, k := range s.order[s.buckets[b]:s.buckets[b+1]] {
		if s.toks[k].Norm == w {
			return true
		}
	}
	return false
}

// lowerBucket returns the bucket of w, which is not empty, among n (a power
// of two): from its length and its first, middle and last bytes, which cost
// a lower-case word less to read than a hash of all of them.
func lowerBucket(w string, n int) int {
	x := uint64(len(w)) | uint64(w[0])<<8 | uint64(w[len(w)/2])<<16 | uint64(w[len(w)-1])<<24
	return int((x*0x9e3779b97f4a7c15)>>32) & (n - 1)
}
