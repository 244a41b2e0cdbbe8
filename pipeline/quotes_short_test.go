package pipeline

import (
	"strings"
	"testing"
)

// TestShortListedIsListedWords checks that the table of short listed words
// answers as listedWords does, for its words in any case and for others,
// and declines the words it does not hold the answers for.
func TestShortListedIsListedWords(t *testing.T) {
	words := []string{"", "d", "pasar", "DPRD", "dia", "Di", "dI", "kat", "katanya", "mengatakan", "melalu", "melaluii",
		"di\x00", "d\u00ed", "Kata\u212a", "[di]", "@kata", "DARI"}
	for w := range listedWords.words {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	for _, w := range words {
		got, ok := shortListed.lookup(w)
		if short := len(w) >= 2 && len(w) <= 7 && isASCII(w); ok != short {
			t.Errorf("shortListed.lookup(%q) answers %v, want %v", w, ok, short)
			continue
		}
		if want := listedWords.lookup(w); ok && got != want {
			t.Errorf("shortListed.lookup(%q) = %+v, want listedWords' %+v", w, got, want)
		}
	}
}
