package main

import (
	"slices"
	"testing"

	"github.com/jdkato/prose/v2"
)

// The README's claim about prose's tokenizer, kept true: it drops the text
// after an in-word apostrophe, which Indonesian names have (Ma'mun).
func TestProseDropsTextAfterInWordApostrophes(t *testing.T) {
	doc, err := prose.NewDocument("Ustaz Ma'mun dan Mu'min hadir", prose.WithTagging(false), prose.WithExtraction(false), prose.WithSegmentation(false))
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, tok := range doc.Tokens() {
		words = append(words, tok.Text)
	}
	if want := []string{"Ustaz", "Ma", "dan", "Mu", "hadir"}; !slices.Equal(words, want) {
		t.Errorf("prose tokens %q, want %q (if prose changed, measure again and update the README)", words, want)
	}
}
