package pipeline

import (
	"context"
	"testing"

	"github.com/kutip/kutip/gazetteer"
)

// BenchmarkEntities measures the entity and coreference stages alone on
// tokenized, segmented text (benchTexts: the testdata articles repeated, or
// KUTIP_BENCH_JSONL).
func BenchmarkEntities(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	texts, size := benchTexts(b)
	ctx := context.Background()
	docs := make([]*Document, len(texts))
	for i, text := range texts {
		docs[i] = NewDocument("bench", text)
		if err := (Pipeline{Normalize{}, Tokenize{}, Segment{}}).Process(ctx, docs[i]); err != nil {
			b.Fatal(err)
		}
	}
	stages := Pipeline{&Entities{Gazetteer: g}, &Coreference{Gazetteer: g}}
	// The first call builds the gazetteer's spelling model.
	if err := stages.Process(ctx, docs[0]); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, doc := range docs {
			if err := stages.Process(ctx, doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}
