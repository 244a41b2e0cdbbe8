package pipeline

import (
	"sort"
	"testing"
)

// TestFirstTokenFrom checks the branch-free search against sort.Search for
// every offset around tokens of every count up to a few dozen.
func TestFirstTokenFrom(t *testing.T) {
	for n := 0; n < 40; n++ {
		qd := &quoteDoc{toks: make([]Token, n)}
		for i := range qd.toks {
			qd.toks[i].Start = 3 * i
			qd.toks[i].End = 3*i + 2
		}
		for off := -1; off <= 3*n+1; off++ {
			want := sort.Search(n, func(i int) bool { return qd.toks[i].Start >= off })
			if got := qd.firstTokenFrom(off); got != want {
				t.Fatalf("%d tokens, offset %d: got %d, want %d", n, off, got, want)
			}
		}
	}
}
