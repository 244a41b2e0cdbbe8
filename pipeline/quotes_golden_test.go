package pipeline

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestQuotesGolden runs the whole pipeline over a made-up article that
// exercises most attribution patterns and compares every quote with
// testdata/quotes/article.golden, which was checked by reading it.
func TestQuotesGolden(t *testing.T) {
	text, err := os.ReadFile("testdata/quotes/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := runQuotes(t, "Kompas", string(text))
	var b strings.Builder
	for _, q := range doc.Quotes {
		speaker, cue := "-", "-"
		if q.Speaker != nil {
			speaker = q.Speaker.Name + " @ " + doc.Text[q.Speaker.Mention.Start:q.Speaker.Mention.End]
		}
		if q.Cue != nil {
			cue = doc.Text[q.Cue.Start:q.Cue.End]
		}
		var sources []string
		for _, s := range q.Sources {
			sources = append(sources, s.Name)
		}
		fmt.Fprintf(&b, "%s %.2f %q\n  speaker: %s\n  cue: %s\n  sources: %s\n", q.Kind, q.Confidence,
			doc.Text[q.Start:q.End], speaker, cue, strings.Join(sources, ", "))
	}
	compareGolden(t, "testdata/quotes/article.golden", b.String())
}
