package sqlite

import (
	"os"
	"path/filepath"
	"testing"

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
