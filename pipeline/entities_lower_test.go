package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestLowerWordSet checks the set of a document's lower-case words against
// its tokens, through a document long enough to put several words in a
// bucket.
func TestLowerWordSet(t *testing.T) {
	for _, n := range []int{300, longDocument} { // one short, one that keeps its answers
		testLowerWordSet(t, n)
	}
}

func testLowerWordSet(t *testing.T, n int) {
	var words []string
	for i := range n {
		words = append(words, fmt.Sprintf("kata%d", i%120), fmt.Sprintf("Nama%d", i))
	}
	doc := NewDocument("t", strings.Join(words, " ")+" Ma’ruf ma’ruf")
	if err := (Tokenize{}).Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var s lowerWordSet
	s.fill(doc.Tokens)
	if long := s.answers != nil; long != (len(doc.Tokens) >= longDocument) {
		t.Errorf("%d tokens: keeps answers %v", len(doc.Tokens), long)
	}
	for _, w := range []string{"kata0", "kata119", "ma’ruf"} {
		if !s.has([]byte(w)) {
			t.Errorf("has(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"kata120", "nama1", "Nama1", "Ma’ruf", "kata", ""} {
		if s.has([]byte(w)) {
			t.Errorf("has(%q) = true, want false", w)
		}
	}
	// hasLower asks in lower case, and keeps its answers: ask twice.
	for range 2 {
		for w, want := range map[string]bool{"KATA0": true, "Kata119": true, "Ma’ruf": true, "Nama1": false, "Kata120": false} {
			if got := s.hasLower(w); got != want {
				t.Errorf("hasLower(%q) = %v, want %v", w, got, want)
			}
		}
	}
}
