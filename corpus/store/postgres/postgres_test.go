package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/postgres/pgtest"
	"github.com/kutip/kutip/corpus/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestConformance runs the suite every backend passes.
func TestConformance(t *testing.T) {
	var mu sync.Mutex
	urls := map[string]string{}
	storetest.Run(t, func(t *testing.T, name string) store.Store {
		mu.Lock()
		url, ok := urls[t.Name()+"/"+name]
		if !ok {
			url = pgtest.URL(t)
			urls[t.Name()+"/"+name] = url
		}
		mu.Unlock()
		s, err := Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestConcurrentIndexersShareEverything has four indexers write batches that
// name the same speakers, sources and aliases, new ones appearing as they go,
// and re-index each other's articles, in different orders: none may fail
// (a deadlock is an error PostgreSQL reports, 40P01), and every alias's use
// count must equal its uses.
func TestConcurrentIndexersShareEverything(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes for seconds")
	}
	url := pgtest.URL(t)
	const indexers, batches, perBatch = 4, 12, 30
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, indexers)
	for i := range indexers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(ctx, url)
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			for b := range batches {
				var articles []store.Article
				for range perBatch {
					n := rng.IntN(200) // shared by all indexers: upserts race
					speaker := storetest.Ref(fmt.Sprintf("Tokoh %d", n%17), fmt.Sprintf("tokoh-%d", n%17), fmt.Sprintf("Pak %d", (n+b)%23))
					source := storetest.Ref(fmt.Sprintf("Media %d", n%5), "", fmt.Sprintf("media %d/%d", n%5, b%3))
					articles = append(articles, store.Article{ID: fmt.Sprintf("n%d", n), TextSHA256: "00", Date: "2025-01-02",
						Entities: []store.Mention{{Text: speaker.Text, Label: "PERSON", ID: speaker.ID, Name: speaker.Name}},
						Quotes:   []store.Quote{storetest.Quote("direct", fmt.Sprintf("Kutipan %d dari %d.", n, i), speaker, source)}})
				}
				if err := s.Index(ctx, articles); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("indexer %d: %v", i, err)
		}
	}
	s, err := OpenReadOnly(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for query, want := range map[string]int64{
		`SELECT count(*) FROM aliases a WHERE uses <= 0 OR uses <>
			(SELECT count(*) FROM mentions m WHERE m.entity = a.entity AND m.alias = a.text) +
			(SELECT count(*) FROM quote_sources s WHERE s.entity = a.entity AND s.alias = a.text) +
			(SELECT count(*) FROM quotes q WHERE q.speaker = a.entity AND q.speaker_alias = a.text)`: 0,
		`SELECT count(*) FROM (SELECT entity, alias FROM mentions UNION SELECT entity, alias FROM quote_sources
			UNION SELECT speaker, speaker_alias FROM quotes WHERE speaker_alias IS NOT NULL) u
			WHERE NOT EXISTS (SELECT FROM aliases a WHERE a.entity = u.entity AND a.text = u.alias)`: 0,
		`SELECT count(*) FROM (SELECT article FROM quotes GROUP BY article HAVING count(*) > 1) d`: 0,
		`SELECT count(*) FROM entities`: 17 + 5,
	} {
		var got int64
		if err := s.Select(ctx, query, nil, func(v []any) error { got = v[0].(int64); return nil }); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s\n= %d, want %d", query, got, want)
		}
	}
	// Every entity finds its quotes by every alias it has now, and by no
	// alias it lost.
	hits, err := s.Quotes(ctx, store.Filter{Speakers: []string{"tokoh 3"}}, store.Page{})
	if err != nil || len(hits) == 0 {
		t.Errorf("speaker tokoh 3: %d hits, err %v", len(hits), err)
	}
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	empty := pgtest.URL(t)
	if _, err := OpenReadOnly(ctx, empty); !errors.Is(err, store.ErrNoStore) {
		t.Errorf("read-only, an empty schema: err = %v, want store.ErrNoStore", err)
	}
	other := pgtest.URL(t)
	exec(t, other, `CREATE TABLE notes(text text)`)
	if _, err := Open(ctx, other); err == nil || !strings.Contains(err.Error(), "holds other tables") {
		t.Errorf("another program's tables: err = %v", err)
	}
	newer := pgtest.URL(t)
	s, err := Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	exec(t, newer, `INSERT INTO schema_version(version) VALUES (99)`)
	for name, open := range map[string]func(context.Context, string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		if _, err := open(ctx, newer); err == nil || !strings.Contains(err.Error(), "schema version 99 is newer") {
			t.Errorf("%s, a store of a newer kutip: err = %v", name, err)
		}
	}
	if _, err := Open(ctx, "postgres://kutip:rahasia@127.0.0.1:1/quotes"); err == nil || strings.Contains(err.Error(), "rahasia") {
		t.Errorf("no server: err = %v, want one without the password", err)
	}
}

func TestReadOnlyStoreNeverWrites(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	storetest.Indexed(t, func(t *testing.T, _ string) store.Store {
		s, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}, "", storetest.Articles())
	ro, err := OpenReadOnly(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Index(ctx, storetest.Articles()[:1]); err == nil {
		t.Error("Index on a read-only store succeeded")
	}
	for _, query := range []string{
		"WITH d AS (DELETE FROM quotes RETURNING id) SELECT count(*) FROM d",
		"SELECT nextval('quotes_id')",
		"SET default_transaction_read_only = off",
		"COPY quotes TO STDOUT",
		"/* a comment */ CREATE TABLE scratch(x int)",
		"SELECT $1",
	} {
		if err := ro.Select(ctx, query, nil, func([]any) error { return nil }); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("%q: err = %v, want store.ErrBadQuery", query, err)
		}
	}
	var got []any
	err = ro.Select(ctx, "-- kinds\nSELECT count(*)::int, round(avg(confidence)::numeric, 2), sum(char_end), bool_and(true), min(date) FROM quote_view",
		nil, func(v []any) error { got = append([]any(nil), v...); return nil })
	if want := []any{int64(7), 0.9, int64(0), true, "2025-06-20"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("values %#v, err %v; want %#v", got, err, want)
	}
}

// exec runs statements on the database at url.
func exec(t *testing.T, url, sql string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatal(err)
	}
}

// PostgreSQL text cannot hold NUL: such an article is refused by field,
// before anything is written.
func TestIndexRefusesNUL(t *testing.T) {
	s, err := Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	articles := storetest.Articles()
	articles[1].Quotes[1].Text = "Kami\x00minta"
	err = s.Index(context.Background(), articles)
	if err == nil || !strings.Contains(err.Error(), `article "a2": quotes[1] holds a NUL character`) {
		t.Errorf("err = %v", err)
	}
	if counts := storetest.TableCounts(t, s); counts["articles"] != 0 {
		t.Errorf("counts %v after a refused batch", counts)
	}
}
