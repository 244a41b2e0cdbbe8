package pipeline

import (
	"reflect"
	"slices"
	"testing"
)

// TestMergeByStart checks that merging the direct quotes and the reports
// gives the order a stable sort of the two one after the other gives.
func TestMergeByStart(t *testing.T) {
	quotes := func(kind QuoteKind, starts ...int) []Quote {
		var qs []Quote
		for _, s := range starts {
			qs = append(qs, Quote{Span: Span{s, s + 1}, Kind: kind})
		}
		return qs
	}
	for _, tc := range []struct{ direct, reports []int }{
		{nil, nil},
		{[]int{3, 9}, nil},
		{nil, []int{1, 4}},
		{[]int{5, 10, 20}, []int{1, 12, 30}},
		{[]int{1, 2}, []int{7, 8}},
		{[]int{7, 8}, []int{1, 2}},
		{[]int{4, 4, 6}, []int{4, 6, 6}}, // equal starts: the direct quotes first
	} {
		direct, reports := quotes(Direct, tc.direct...), quotes(Indirect, tc.reports...)
		want := slices.Concat(direct, reports)
		slices.SortStableFunc(want, func(a, b Quote) int { return a.Start - b.Start })
		if got := mergeByStart(direct, reports); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Errorf("mergeByStart(%v, %v) = %v, want %v", tc.direct, tc.reports, got, want)
		}
	}
}
