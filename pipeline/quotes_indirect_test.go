package pipeline

import (
	"slices"
	"testing"
)

func TestListCursorReadsSentencesInOrder(t *testing.T) {
	c := listCursor{list: []int{2, 5, 6, 11, 20}}
	cases := []struct {
		first, last int
		want        []int
	}{
		{0, 2, nil},         // before the first token of the list
		{1, 6, []int{2, 5}}, // up to last, not with it
		{6, 6, nil},         // an empty sentence
		{6, 12, []int{6, 11}},
		{12, 20, nil},
		{14, 30, []int{20}}, // a first past the last call's end
		{30, 40, nil},       // past the list's end
	}
	for _, k := range cases {
		if got := c.within(k.first, k.last); !slices.Equal(got, k.want) {
			t.Errorf("within(%d, %d) = %v, want %v", k.first, k.last, got, k.want)
		}
		if got, want := c.within(k.first, k.last), within(c.list, k.first, k.last); !slices.Equal(got, want) {
			t.Errorf("within(%d, %d) asked again = %v, want what the search finds, %v", k.first, k.last, got, want)
		}
	}
}
