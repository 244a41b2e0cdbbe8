package pipeline

import (
	"sort"
	"testing"
)

// TestFirstKeyFrom checks the binary search against sort.SearchInts for every
// key around lists of every length up to nine, with and without repeated keys.
func TestFirstKeyFrom(t *testing.T) {
	for _, keys := range [][]int{
		nil,
		{5},
		{0, 10},
		{0, 10, 20},
		{3, 4, 5, 6},
		{0, 10, 20, 30, 40},
		{7, 7, 7, 7, 7, 7},
		{0, 10, 10, 20, 30, 30, 30},
		{1, 2, 3, 5, 8, 13, 21, 34},
		{0, 0, 10, 20, 20, 30, 40, 50, 50},
	} {
		for x := -1; x <= 51; x++ {
			if got, want := firstKeyFrom(keys, x, intValue), sort.SearchInts(keys, x); got != want {
				t.Errorf("keys %v, x %d: firstKeyFrom = %d, want %d", keys, x, got, want)
			}
		}
	}
}

// TestLastStartingBy checks the binary search of atSentenceStart against a
// scan, for every offset around spans of every count up to nine.
func TestLastStartingBy(t *testing.T) {
	for n := range 10 {
		var spans []Span
		for k := range n {
			spans = append(spans, Span{10 * k, 10*k + 5})
		}
		for off := -1; off <= 10*n+1; off++ {
			want := -1
			for k, s := range spans {
				if s.Start <= off {
					want = k
				}
			}
			if got := lastStartingBy(spans, off); got != want {
				t.Errorf("%d spans, offset %d: lastStartingBy = %d, want %d", n, off, got, want)
			}
		}
	}
}
