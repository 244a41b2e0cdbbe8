package pipeline

// The keys of firstKeyFrom's searches, named functions rather than literals
// so that the searches are small enough to inline into their callers.
func tokenStart(t *Token) int       { return t.Start }
func entityStart(e *Entity) int     { return e.Start }
func paragraphEnd(p *Paragraph) int { return p.End }
func intValue(k *int) int           { return *k }
func spanStart(s *Span) int         { return s.Start }

// firstKeyFrom returns the index of the first of items, which are in order of
// key, whose key is at least x, or len(items). It halves the items by
// arithmetic, not a branch: which half a binary search goes on in goes
// either way at random, and a branch would be mispredicted half the time.
// Keys (byte offsets, token indexes) are far from overflowing, so the sign
// of a difference says which is smaller.
func firstKeyFrom[T any](items []T, x int, key func(*T) int) int {
	// It looks for the last item with a key below x, counting a make-believe
	// items[-1] as one, so that the halving ends on the answer without
	// looking at an item again, and an empty list needs no test.
	last, n := -1, len(items)+1 // items[last] is below x; the last such is it or one of the n-1 after it
	for n > 1 {
		half := n / 2
		last += half & ((key(&items[last+half]) - x) >> 63) // all ones when that key is below x, else 0
		n -= half
	}
	return last + 1
}

// lastStartingBy returns the index of the last span of spans, which are in
// order, that starts at or before off, or -1.
func lastStartingBy(spans []Span, off int) int {
	return firstKeyFrom(spans, off+1, spanStart) - 1
}
