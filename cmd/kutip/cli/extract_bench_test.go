package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
	benchExtractInto(b, pipe, workers, false)
}

// benchExtractInto runs extract on benchCorpus, with withDB also indexing
// into a new SQLite store each time, as extract --db does.
func benchExtractInto(b *testing.B, pipe pipeline.Pipeline, workers int, withDB bool) {
	data := benchCorpus(b)
	opts := extractOptions{quiet: true}
	opts.Pipeline, opts.Workers = pipe, workers
	dir := b.TempDir()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := range b.N {
		r, err := corpus.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		var ix *recordIndex
		if withDB {
			s, err := sqlite.Open(filepath.Join(dir, fmt.Sprintf("q%d.db", i)))
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
}

// BenchmarkExtractDB compares extract with extract --db (a new SQLite
// store), every stage and the default gazetteer: --db indexes the documents
// as they are annotated, and should cost at most 15 % more.
func BenchmarkExtractDB(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("extract", func(b *testing.B) { benchExtractInto(b, pipeline.Standard(g), 2, false) })
	b.Run("extract-db", func(b *testing.B) { benchExtractInto(b, pipeline.Standard(g), 2, true) })
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

// BenchmarkJSONRoundTrip is the yardstick: decode every record with
// encoding/json and encode it again, on one goroutine.
func BenchmarkJSONRoundTrip(b *testing.B) {
	data := benchCorpus(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		in := bufio.NewReaderSize(bytes.NewReader(data), 1<<20)
		out := json.NewEncoder(io.Discard)
		for {
			line, err := in.ReadSlice('\n')
			if len(strings.TrimSpace(string(line))) > 0 {
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
}
