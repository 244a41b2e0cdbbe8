package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/storetest"
)

// BenchmarkStoreIndex measures kutip index into a new SQLite file (see
// storetest.BenchIndex) and the file's size per quote.
func BenchmarkStoreIndex(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	quotes := storetest.BenchIndex(b, s)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(fileSize(b, path))/float64(quotes), "B/quote")
}

func fileSize(b *testing.B, path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return st.Size()
}

// BenchmarkStoreQuery measures the store queries (storetest.BenchQueries)
// on a store of KUTIP_BENCH_QUOTES synthetic quotes. Building a large store
// takes a while: set KUTIP_BENCH_STORE to a path to keep it and reuse it in
// later runs.
func BenchmarkStoreQuery(b *testing.B) {
	path := os.Getenv("KUTIP_BENCH_STORE")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	if _, err := os.Stat(path); err != nil {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		storetest.FillSynth(b, s, storetest.BenchQuoteCount(b))
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	s, err := OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Logf("%.0f bytes per quote", float64(fileSize(b, path))/float64(storetest.StoredQuotes(b, s)))
	storetest.BenchQueries(b, s)
}

// BenchmarkIndexBatch measures Index alone: one Indexer batch of synthetic
// articles, decoded beforehand, per op, into a store that grows.
func BenchmarkIndexBatch(b *testing.B) {
	g := storetest.NewSynth()
	batch := make([]store.Article, 500)
	var size int64
	for i := range batch {
		line := g.Article()
		size += int64(len(line))
		a, _, err := store.DecodeArticle(line, store.DefaultRecordFields)
		if err != nil {
			b.Fatal(err)
		}
		batch[i] = a
	}
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ids := make([]string, len(batch))
	for i := range ids {
		ids[i] = batch[i].ID
	}
	ctx := context.Background()
	b.SetBytes(size)
	b.ResetTimer()
	for i := range b.N {
		for j := range batch {
			// A new id per round, so the store grows instead of upserting.
			batch[j].ID = strconv.Itoa(i) + "-" + ids[j]
		}
		if err := s.Index(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
}
