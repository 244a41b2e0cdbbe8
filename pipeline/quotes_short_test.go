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
		"di\x00", "d\u00ed", "Kata\u212a", "[di]", "@kata", "DARI",
		"mengatakannya", "MENYAMPAIKAN", "Mengungkapkan", "menjelaskan\u00a0", "abcdefghijklmnop", "abcdefghijklmnopq",
		"[mengatakan]", "mengatakan@", "meng`takan"}
	for w := range listedWords.words {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
		// Words of another length with the same first and last eight
		// bytes, which only the length tells apart.
		for n := 8; n <= 16 && len(w) >= 8; n++ {
			head, tail := w[:8], w[len(w)-8:]
			if overlap := 16 - n; n != len(w) && head[8-overlap:] == tail[:overlap] {
				words = append(words, head+tail[overlap:])
			}
		}
	}
	for _, w := range words {
		got, ok := shortListed.lookup(w)
		if short := len(w) >= 2 && len(w) <= 16 && isASCII(w); ok != short {
			t.Errorf("shortListed.lookup(%q) answers %v, want %v", w, ok, short)
			continue
		}
		if want := listedWords.lookup(w); ok && got != want {
			t.Errorf("shortListed.lookup(%q) = %+v, want listedWords' %+v", w, got, want)
		}
	}
}
