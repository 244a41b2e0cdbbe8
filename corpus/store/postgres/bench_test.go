package postgres

import (
	"context"
	"os"
	"testing"

	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/postgres/pgtest"
	"github.com/kutip/kutip/corpus/store/storetest"
)

// BenchmarkStoreIndex measures kutip index into a new PostgreSQL store (see
// storetest.BenchIndex) and the space its tables and indexes take per quote.
func BenchmarkStoreIndex(b *testing.B) {
	url := pgtest.URL(b)
	s, err := Open(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	quotes := storetest.BenchIndex(b, s)
	b.ReportMetric(float64(storeSize(b, s))/float64(quotes), "B/quote")
}

// storeSize returns the bytes the store's tables and indexes take.
func storeSize(b *testing.B, s store.Store) int64 {
	var size int64
	err := s.Select(context.Background(), `SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'`,
		nil, func(v []any) error { size = v[0].(int64); return nil })
	if err != nil {
		b.Fatal(err)
	}
	return size
}

// BenchmarkStoreQuery measures the store queries (storetest.BenchQueries)
// on a store of KUTIP_BENCH_QUOTES synthetic quotes. Building a large store
// takes a while: set KUTIP_BENCH_STORE to a postgres:// URL (with
// search_path=… to name a schema) to keep it and reuse it in later runs.
func BenchmarkStoreQuery(b *testing.B) {
	ctx := context.Background()
	url := os.Getenv("KUTIP_BENCH_STORE")
	if url == "" {
		url = pgtest.URL(b)
	}
	if s, err := OpenReadOnly(ctx, url); err == nil {
		s.Close()
	} else {
		s, err := Open(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		storetest.FillSynth(b, s, storetest.BenchQuoteCount(b))
		// Fresh statistics, as autovacuum would gather soon after a load.
		if _, err := s.pool.Exec(ctx, `VACUUM ANALYZE`); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	s, err := OpenReadOnly(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Logf("%.0f bytes per quote", float64(storeSize(b, s))/float64(storetest.StoredQuotes(b, s)))
	storetest.BenchQueries(b, s)
}
