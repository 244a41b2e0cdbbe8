package pipeline

import (
	"context"
	"testing"

	"github.com/kutip/kutip/gazetteer"
)

// BenchmarkStandard measures the whole pipeline, all stages, on one goroutine.
func BenchmarkStandard(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	benchPipeline(b, Standard(g))
}

// BenchmarkFoundation measures the stages before entities: normalize,
// tokenize, segment.
func BenchmarkFoundation(b *testing.B) {
	benchPipeline(b, Pipeline{Normalize{}, Tokenize{}, Segment{}})
}

// benchPipeline runs p over benchTexts reusing one Document, as an extract
// worker does.
func benchPipeline(b *testing.B, p Pipeline) {
	texts, size := benchTexts(b)
	b.SetBytes(size)
	ctx := context.Background()
	var doc Document
	cpu := processCPU()
	b.ResetTimer()
	for range b.N {
		for _, text := range texts {
			doc.Reset("", text)
			if err := p.Process(ctx, &doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPUThroughput(b, size, processCPU()-cpu)
}
