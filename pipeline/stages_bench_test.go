package pipeline

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/kutip/kutip/gazetteer"
)

// BenchmarkStages measures each stage of the standard pipeline alone, in
// MB/s of article text (benchTexts: the testdata articles repeated, or
// KUTIP_BENCH_JSONL), on documents that the stages before it have
// annotated. As in an extract worker, one Document is reused for every
// article, so the stages' scratch tables and caches carry over between them.
//
//	KUTIP_BENCH_JSONL=dev.jsonl go test ./pipeline -run '^$' -bench Stages -benchmem
func BenchmarkStages(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	texts, size := benchTexts(b)
	ctx := context.Background()
	stages := Standard(g)
	// inputs[k] is each article as the stages before stage k leave it.
	inputs := make([]*Document, len(texts))
	for k, stage := range stages {
		for i, text := range texts {
			if k == 0 {
				inputs[i] = NewDocument("bench", text)
			} else if err := stages[k-1].Process(ctx, inputs[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(stage.Name(), func(b *testing.B) {
			var doc Document
			run := func() {
				for _, in := range inputs {
					doc.restore(in)
					if err := stage.Process(ctx, &doc); err != nil {
						b.Fatal(err)
					}
				}
			}
			run() // fills the scratch tables and builds the gazetteer's spelling model
			b.SetBytes(size)
			cpu := processCPU()
			b.ResetTimer()
			for b.Loop() {
				run()
			}
			reportCPUThroughput(b, size, processCPU()-cpu)
		})
	}
}

// processCPU returns the processor time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPUThroughput reports the MB of size bytes per op that the
// processor time cpu of all b.N ops went to: on a machine busy with other
// work, wall-clock MB/s fall with the load while this stays.
func reportCPUThroughput(b *testing.B, size int64, cpu time.Duration) {
	b.ReportMetric(float64(b.N)*float64(size)/1e6/cpu.Seconds(), "cpu-MB/s")
}

// restore makes d what src is, copying its annotations into d's own slices
// (what a stage changes then leaves src as it was) and keeping, as Reset
// does, d's scratch and the capacity of its slices.
func (d *Document) restore(src *Document) {
	d.ID, d.Text, d.Outlet, d.Norm, d.normToText = src.ID, src.Text, src.Outlet, src.Norm, src.normToText
	d.Tokens = append(d.Tokens[:0], src.Tokens...)
	d.Sentences = append(d.Sentences[:0], src.Sentences...)
	d.Paragraphs = append(d.Paragraphs[:0], src.Paragraphs...)
	d.Entities = append(d.Entities[:0], src.Entities...)
	d.Quotes = append(d.Quotes[:0], src.Quotes...)
	d.Warnings = append(d.Warnings[:0], src.Warnings...)
}
