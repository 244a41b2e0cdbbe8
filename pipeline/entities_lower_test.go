package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestLowerWordSet checks the set of a document's lower-case words against
// its tokens, through documents short and long enough to put several words
// in a bucket.
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
		s.fill(doc.Tokens, sc.lowers)
		for w, want := range map[string]bool{
			"kata0": true, fmt.Sprintf("kata%d", min(n, 120)-1): true, "ma’ruf": true,
			fmt.Sprintf("kata%d", min(n, 120)): false, "nama1": false, "Nama1": false, "Ma’ruf": false, "kata": false, "": false,
		} {
			if got := s.has(w); got != want {
				t.Errorf("%d words: has(%q) = %v, want %v", n, w, got, want)
			}
		}
	}
}
