package pipeline

import (
	"context"
	"strings"
	"testing"
)

// A worker's Document keeps its buffers for the next article, but not those
// a huge one grew.
func TestResetKeepsBuffersUpToABound(t *testing.T) {
	doc := new(Document)
	process := func(text string) {
		doc.Reset("t", text)
		if err := (Pipeline{Normalize{}, Tokenize{}}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	}
	process(strings.Repeat("kata dia ", 100))
	if c := cap(doc.Tokens); c < 200 {
		t.Fatalf("%d tokens' room after a 200-token text", c)
	}
	doc.Reset("t", "lagi")
	if cap(doc.Tokens) < 200 {
		t.Errorf("Reset dropped the room of a short article's tokens")
	}
	process(strings.Repeat("kata ", maxKeptTokens+1))
	doc.Reset("t", "lagi")
	if c := cap(doc.Tokens); c > maxKeptTokens {
		t.Errorf("Reset kept room for %d tokens after a huge article", c)
	}
}
