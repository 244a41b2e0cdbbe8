package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/corpustest"
	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/sqlite"
	"github.com/kutip/kutip/gazetteer"
)

// discardStore takes every article and keeps none: indexing into it costs
// what extract --db costs kutip itself.
type discardStore struct{ store.Store }

func (discardStore) Index(context.Context, []store.Article) error { return nil }
func (discardStore) Close() error                                 { return nil }

// BenchmarkExtractDB measures on the same bytes, interleaved in each
// iteration, extract, extract --db into a store that keeps nothing (each
// document made an article in its worker and batched: kutip's own cost),
// and extract --db into a new SQLite store, on two workers with every stage
// and the default gazetteer. It reports each one's MB/s and the processor
// time of each --db over extract's, which a machine busy with other work
// changes least; under a load of several times the cores it still varies
// by ±10 % from run to run, so more iterations are worth their time. Issue
// #10 asks for db-discard/extract ≤ 1.15 (the README has the figures and
// where the time goes: the profile of -cpuprofile on this benchmark).
//
//	go test ./cmd/kutip/cli -run '^$' -bench ExtractDB -benchtime 12x -count 2
func BenchmarkExtractDB(b *testing.B) {
	data := corpustest.BenchCorpus(b)
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	opts := extractOptions{quiet: true}
	opts.Gazetteer, opts.Workers = g, 2
	dir := b.TempDir()
	run := func(open func(path string) (store.Store, error)) {
		r, err := corpus.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		var ix *recordIndex
		if open != nil {
			s, err := open(filepath.Join(dir, fmt.Sprintf("q%d.db", time.Now().UnixNano())))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ix = &recordIndex{path: "q.db", fields: store.DefaultRecordFields, ix: store.NewIndexer(s, store.DefaultRecordFields)}
		}
		if err := extract(context.Background(), opts, r, ix, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
		if ix != nil {
			if err := ix.finish(); err != nil {
				b.Fatal(err)
			}
		}
	}
	runs := []func(string) (store.Store, error){
		nil,
		func(string) (store.Store, error) { return discardStore{}, nil },
		func(path string) (store.Store, error) { return sqlite.Open(path) },
	}
	run(runs[1]) // builds the gazetteer's spelling model
	b.SetBytes(int64(len(runs)) * int64(len(data)))
	var wall, cpu [3]time.Duration
	b.ResetTimer()
	for range b.N {
		for i, open := range runs {
			w, c := time.Now(), corpustest.ProcessCPU()
			run(open)
			wall[i] += time.Since(w)
			cpu[i] += corpustest.ProcessCPU() - c
		}
	}
	mbps := func(d time.Duration) float64 { return float64(b.N) * float64(len(data)) / 1e6 / d.Seconds() }
	b.ReportMetric(mbps(wall[0]), "extract-MB/s")
	b.ReportMetric(mbps(wall[1]), "db-discard-MB/s")
	b.ReportMetric(mbps(wall[2]), "db-sqlite-MB/s")
	b.ReportMetric(cpu[1].Seconds()/cpu[0].Seconds(), "cpu-db-discard/extract")
	b.ReportMetric(cpu[2].Seconds()/cpu[0].Seconds(), "cpu-db-sqlite/extract")
}
