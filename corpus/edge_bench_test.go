package corpus

import (
	"bytes"
	"context"
	"testing"

	"github.com/kutip/kutip/corpus/corpustest"
	"github.com/kutip/kutip/gazetteer"
	"github.com/kutip/kutip/pipeline"
)

// replay is a pipeline stage that gives each document the annotations the
// standard pipeline made of its text beforehand, so that a benchmark of
// Extract with it measures the record edge alone: reading, parsing,
// encoding, the ordered writer and their allocations.
type replay map[string]*pipeline.Document

func (replay) Name() string { return "replay" }

func (r replay) Process(_ context.Context, d *pipeline.Document) error {
	// Shared, not copied: nothing after this stage writes to them.
	s := r[d.Text]
	d.Tokens, d.Sentences, d.Paragraphs, d.Entities, d.Quotes = s.Tokens, s.Sentences, s.Paragraphs, s.Entities, s.Quotes
	return nil
}

// newReplay annotates every text of data with the standard pipeline.
func newReplay(b *testing.B, data []byte, g *gazetteer.Gazetteer) replay {
	r := replay{}
	p := pipeline.Standard(g)
	for line := range bytes.Lines(data) {
		var obj Object
		if err := obj.Parse(line); err != nil {
			b.Fatal(err)
		}
		text, err := obj.StringField("text")
		if err != nil {
			b.Fatal(err)
		}
		if r[text] == nil {
			doc := pipeline.NewDocument("", text)
			if err := p.Process(context.Background(), doc); err != nil {
				b.Fatal(err)
			}
			r[text] = doc
		}
	}
	return r
}

// BenchmarkExtractEdge measures Extract with one worker, with two, and with
// one writing tokens too, when the stages cost nothing: what the record edge
// adds to the pipeline's own time, per byte of input, and whether it scales.
//
//	KUTIP_BENCH_JSONL=dev20.jsonl go test ./corpus -run '^$' -bench ExtractEdge -benchmem
func BenchmarkExtractEdge(b *testing.B) {
	data := corpustest.BenchCorpus(b)
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	p := pipeline.Pipeline{newReplay(b, data, g)}
	for _, c := range []struct {
		name    string
		workers int
		tokens  bool
	}{{"workers=1", 1, false}, {"workers=2", 2, false}, {"tokens", 1, true}} {
		b.Run(c.name, func(b *testing.B) {
			opts := ExtractOptions{Options: Options{Pipeline: p, Tokens: c.tokens}, Workers: c.workers}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for range b.N {
				extractAll(b, data, opts)
			}
		})
	}
}
