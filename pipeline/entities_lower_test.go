package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestLowerWordSet checks the set of a document's lower-case words against
// its tokens, through documents short and long enough to put several words
// in a bucket, asking of words in lower case and capitalised.
func TestLowerWordSet(t *testing.T) {
	for _, n := range []int{30, 300, 5000} {
		var words []string
		for i := range n {
			words = append(words, fmt.Sprintf("kata%d", i%120), fmt.Sprintf("Nama%d", i))
		}
		doc := NewDocument("t", strings.Join(words, " ")+" Ma’ruf ma’ruf")
		if err := (Tokenize{}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		var sc entityScratch
		sc.copyWords(doc)
		var s lowerWordSet
		s.fill(sc.words, sc.lowers)
		for w, want := range map[string]bool{
			"kata0": true, fmt.Sprintf("kata%d", min(n, 120)-1): true, "ma’ruf": true,
			fmt.Sprintf("kata%d", min(n, 120)): false, "nama1": false, "Nama1": false, "Kata0": true, "KATA0": true, "Ma’ruf": true, "MA’RUF": true, "kata": false, "": false,
		} {
			if got := s.has(w); got != want {
				t.Errorf("%d words: has(%q) = %v, want %v", n, w, got, want)
			}
		}
	}
}

func TestEqualLowered(t *testing.T) {
	for _, c := range []struct {
		lower, w string
		want     bool
	}{
		{"kata", "kata", true}, {"kata", "Kata", true}, {"kata", "KATA", true}, {"kata", "kat", false},
		{"kata", "Kita", false}, {"Kata", "kata", false}, {"ma’ruf", "Ma’ruf", true}, {"", "", true},
	} {
		if got := equalLowered(c.lower, c.w); got != c.want {
			t.Errorf("equalLowered(%q, %q) = %v, want %v", c.lower, c.w, got, c.want)
		}
	}
}
