package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/sqlite"
	"github.com/kutip/kutip/gazetteer"
	"github.com/kutip/kutip/pipeline"
)

// benchCorpus returns the JSONL corpus to benchmark: the file named by
// KUTIP_BENCH_JSONL (e.g. a 100 MB file of news articles), or a few megabytes
// made from the example article.
func benchCorpus(b *testing.B) []byte {
	b.Helper()
	if path := os.Getenv("KUTIP_BENCH_JSONL"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	example, err := os.ReadFile("../../../testdata/contoh.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for i := 0; buf.Len() < 4<<20; i++ {
		buf.Write(bytes.Replace(example, []byte(`"id":"contoh-1"`), []byte(fmt.Sprintf(`"id":"contoh-%d"`, i)), 1))
	}
	return buf.Bytes()
}

func benchExtract(b *testing.B, pipe pipeline.Pipeline, workers int) {
	benchExtractInto(b, pipe, workers, nil)
}

// benchExtractInto runs extract on benchCorpus, indexing as extract --db
// does into the store that open returns, if open is not nil.
func benchExtractInto(b *testing.B, pipe pipeline.Pipeline, workers int, open func(path string) (store.Store, error)) {
	data := benchCorpus(b)
	opts := extractOptions{quiet: true}
	opts.Pipeline, opts.Workers = pipe, workers
	dir := b.TempDir()
	b.SetBytes(int64(len(data)))
	cpu := processCPU()
	b.ResetTimer()
	defer func() {
		// On a machine shared with other work the time a run takes says
		// little; the processor time it uses says what it costs.
		b.ReportMetric(float64(processCPU()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	}()
	for i := range b.N {
		r, err := corpus.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		var ix *recordIndex
		var s store.Store
		if open != nil { // creating and closing a store are not indexing
			b.StopTimer()
			if s, err = open(filepath.Join(dir, fmt.Sprintf("q%d.db", i))); err != nil {
				b.Fatal(err)
			}
			ix = &recordIndex{path: "q.db", fields: store.DefaultRecordFields, ix: store.NewIndexer(s, store.DefaultRecordFields)}
			b.StartTimer()
		}
		if err := extract(context.Background(), opts, r, ix, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
		if ix != nil {
			if err := ix.finish(); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
	}
}

// BenchmarkExtractDB compares extract with extract --db, every stage and
// the default gazetteer. extract-db indexes into a new SQLite store;
// extract-db-discard into a store that drops what it is given, which is what
// --db costs kutip itself: the documents are indexed as they are annotated,
// without parsing the output again.
func BenchmarkExtractDB(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	openSQLite := func(path string) (store.Store, error) { return sqlite.Open(path) }
	openDiscard := func(string) (store.Store, error) { return discardStore{}, nil }
	b.Run("extract", func(b *testing.B) { benchExtractInto(b, pipeline.Standard(g), 2, nil) })
	b.Run("extract-db-discard", func(b *testing.B) { benchExtractInto(b, pipeline.Standard(g), 2, openDiscard) })
	b.Run("extract-db", func(b *testing.B) { benchExtractInto(b, pipeline.Standard(g), 2, openSQLite) })
}

// discardStore takes every article and keeps none.
type discardStore struct{ store.Store }

func (discardStore) Index(context.Context, []store.Article) error { return nil }
func (discardStore) Close() error                                 { return nil }

// processCPU returns the processor time this process has used, in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkExtractFoundation runs extract with the stages before entities.
func BenchmarkExtractFoundation(b *testing.B) {
	foundation := pipeline.Pipeline{pipeline.Normalize{}, pipeline.Tokenize{}, pipeline.Segment{}}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) { benchExtract(b, foundation, workers) })
	}
}

// BenchmarkExtract runs extract with every stage and the default gazetteer.
func BenchmarkExtract(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) { benchExtract(b, pipeline.Standard(g), workers) })
	}
}
