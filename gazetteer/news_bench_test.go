package gazetteer_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/kutip/kutip/gazetteer"
	"github.com/kutip/kutip/pipeline"
)

// BenchmarkMatchNews matches the default gazetteer against the tokens of
// the news articles of KUTIP_BENCH_JSONL (skipped without it), as the entity
// stage does, one article at a time; an op is all the articles.
//
//	KUTIP_BENCH_JSONL=dev.jsonl go test ./gazetteer -run '^$' -bench MatchNews
func BenchmarkMatchNews(b *testing.B) {
	g, path := newsGazetteer(b)
	articles := newsTokens(b, path)
	var dst []gazetteer.Match
	tokens, matches := 0, 0
	for _, words := range articles {
		tokens += len(words)
		matches += len(g.MatchTokens(words, nil))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, words := range articles {
			dst = g.MatchTokens(words, dst[:0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*tokens), "ns/token")
	b.ReportMetric(float64(matches), "matches")
}

// BenchmarkFuzzyNews asks the default gazetteer's spelling model about each
// distinct word of the KUTIP_BENCH_JSONL articles that starts with a capital
// (skipped without the corpus), as the entity stage asks about the words of
// names it does not know.
func BenchmarkFuzzyNews(b *testing.B) {
	g, path := newsGazetteer(b)
	g.Prepare()
	seen := make(map[string]bool)
	var words []string
	for _, article := range newsTokens(b, path) {
		for _, w := range article {
			if len(w) > 1 && 'A' <= w[0] && w[0] <= 'Z' && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	corrected := 0
	for _, w := range words {
		if _, _, _, ok := g.Fuzzy(w); ok {
			corrected++
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			g.Fuzzy(w)
		}
	}
	b.ReportMetric(float64(len(words)), "words")
	b.ReportMetric(float64(corrected), "found")
}

// newsGazetteer returns the default gazetteer and the path of the
// KUTIP_BENCH_JSONL articles, and skips b when that names none.
func newsGazetteer(b *testing.B) (*gazetteer.Gazetteer, string) {
	path := os.Getenv("KUTIP_BENCH_JSONL")
	if path == "" {
		b.Skip("KUTIP_BENCH_JSONL names no corpus")
	}
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	return g, path
}

// newsTokens returns the words of the tokens of each article of the JSONL
// file at path, as the entity stage hands them to the gazetteer.
func newsTokens(b *testing.B, path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	ctx := context.Background()
	var articles [][]string
	lines := bufio.NewScanner(f)
	lines.Buffer(nil, 64<<20)
	for lines.Scan() {
		var rec struct{ ID, Text string }
		if err := json.Unmarshal(lines.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		doc := pipeline.NewDocument(rec.ID, rec.Text)
		for _, stage := range []pipeline.Stage{pipeline.Normalize{}, pipeline.Tokenize{}} {
			if err := stage.Process(ctx, doc); err != nil {
				b.Fatal(err)
			}
		}
		words := make([]string, len(doc.Tokens))
		for i, t := range doc.Tokens {
			words[i] = t.Norm
		}
		articles = append(articles, words)
	}
	if err := lines.Err(); err != nil {
		b.Fatal(err)
	}
	return articles
}
