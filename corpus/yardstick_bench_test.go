package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	"github.com/kutip/kutip/corpus/corpustest"
	"github.com/kutip/kutip/gazetteer"
	"github.com/kutip/kutip/pipeline"
)

// jsonRoundTrip decodes every record of data with encoding/json and encodes
// it again: the yardstick that kutip's throughput is compared with, since
// absolute MB/s vary between machines and runs far more than the ratio.
func jsonRoundTrip(b *testing.B, data []byte) {
	in := bufio.NewReaderSize(bytes.NewReader(data), 1<<20)
	out := json.NewEncoder(io.Discard)
	for {
		line, err := in.ReadSlice('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var rec map[string]any
			if err := json.Unmarshal(line, &rec); err != nil {
				b.Fatal(err)
			}
			if err := out.Encode(rec); err != nil {
				b.Fatal(err)
			}
		}
		if err != nil {
			break
		}
	}
}

// extractAll runs Extract over data with the standard pipeline.
func extractAll(b *testing.B, data []byte, opts ExtractOptions) {
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	sum, err := Extract(context.Background(), r, io.Discard, opts)
	if err != nil {
		b.Fatal(err)
	}
	if sum.Failed > 0 {
		b.Fatalf("%d records failed", sum.Failed)
	}
}

// BenchmarkYardstick measures, on the same bytes and interleaved in each
// iteration, the encoding/json round trip, Extract with one worker and
// Extract with two, and reports each one's MB/s and the ratios issue #14
// compares: extract-1 over the round trip, and two workers over one. On a
// machine busy with other work the wall-clock figures follow the load, so
// two more come from the processor time this process used: extract-1 over
// the round trip (extract1/json-cpu), and two workers' time per byte over
// one's (cpu-2/cpu-1), which says what running in parallel costs by itself.
// One iteration processes the corpus three times; the MB/s it reports by
// SetBytes is of the three together.
//
//	KUTIP_BENCH_JSONL=dev20.jsonl go test ./corpus -run '^$' -bench Yardstick -benchtime 3x -count 5
func BenchmarkYardstick(b *testing.B) {
	data := corpustest.BenchCorpus(b)
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	opts := ExtractOptions{Options: Options{Gazetteer: g, Pipeline: pipeline.Standard(g)}}
	opts.Workers = 1
	warm := data[:bytes.IndexByte(data, '\n')+1]
	extractAll(b, warm, opts) // builds the gazetteer's spelling model
	b.SetBytes(3 * int64(len(data)))
	var wall, cpu [3]time.Duration
	measure := func(i int, run func()) {
		w, c := time.Now(), corpustest.ProcessCPU()
		run()
		wall[i] += time.Since(w)
		cpu[i] += corpustest.ProcessCPU() - c
	}
	b.ResetTimer()
	for range b.N {
		measure(0, func() { jsonRoundTrip(b, data) })
		for workers := 1; workers <= 2; workers++ {
			opts.Workers = workers
			measure(workers, func() { extractAll(b, data, opts) })
		}
	}
	mbps := func(d time.Duration) float64 { return float64(b.N) * float64(len(data)) / 1e6 / d.Seconds() }
	b.ReportMetric(mbps(wall[0]), "json-MB/s")
	b.ReportMetric(mbps(wall[1]), "extract1-MB/s")
	b.ReportMetric(mbps(wall[2]), "extract2-MB/s")
	b.ReportMetric(wall[0].Seconds()/wall[1].Seconds(), "extract1/json")
	b.ReportMetric(wall[1].Seconds()/wall[2].Seconds(), "extract2/extract1")
	b.ReportMetric(cpu[0].Seconds()/cpu[1].Seconds(), "extract1/json-cpu")
	b.ReportMetric(cpu[2].Seconds()/cpu[1].Seconds(), "cpu-2/cpu-1")
}
