package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/storetest"
)

// TestConformance runs the suite every backend passes.
func TestConformance(t *testing.T) {
	dir := t.TempDir()
	storetest.Run(t, func(t *testing.T, name string) store.Store {
		s, err := Open(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+"-"+name+".db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestConformanceWarm runs the suite on stores that answer from the
// columns in memory (Warm), which must answer as the tables do.
func TestConformanceWarm(t *testing.T) {
	dir := t.TempDir()
	storetest.Run(t, func(t *testing.T, name string) store.Store {
		s, err := Open(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+"-"+name+".db"))
		if err == nil {
			err = s.Warm(context.Background())
		}
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func fixtureArticles() []store.Article { return storetest.Articles() }

// newStore returns a store at a fresh path holding articles.
func newStore(t *testing.T, articles []store.Article) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "quotes.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Index(context.Background(), articles); err != nil {
		t.Fatal(err)
	}
	return s, path
}

func tableCounts(t *testing.T, s *Store) map[string]int64 { return storetest.TableCounts(t, s) }

func TestOpenReadOnlyNeverWrites(t *testing.T) {
	_, path := newStore(t, fixtureArticles())
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	attached := filepath.Join(t.TempDir(), "other.db")
	for _, query := range []string{
		"INSERT INTO articles(record_id, text_sha256) VALUES ('x', 'y')",
		"DELETE FROM quotes",
		"ATTACH '" + attached + "' AS other",
		"SELEC 1",
		"SELECT * FROM no_such_table",
	} {
		err := ro.Select(context.Background(), query, nil, func([]any) error { return nil })
		if !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("%s: err = %v, want store.ErrBadQuery", query, err)
		}
	}
	if _, err := os.Stat(attached); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ATTACH created %s", attached)
	}
	if err := ro.Index(context.Background(), fixtureArticles()[:1]); err == nil {
		t.Error("Index on a read-only store succeeded")
	}
	var rows [][]any
	err = ro.Select(context.Background(), "SELECT speaker, count(*) FROM quote_view GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
		nil, func(v []any) error { rows = append(rows, append([]any(nil), v...)); return nil })
	if err != nil || !reflect.DeepEqual(rows, [][]any{{"Sergey Lavrov", int64(4)}}) {
		t.Errorf("quote_view rows %v, err %v", rows, err)
	}
}

func TestSelectIsReadOnlyOnAWritableStore(t *testing.T) {
	s, _ := newStore(t, fixtureArticles())
	err := s.Select(context.Background(), "DELETE FROM quotes", nil, func([]any) error { return nil })
	if !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("DELETE: err = %v, want store.ErrBadQuery", err)
	}
	if err := s.Index(context.Background(), fixtureArticles()[:1]); err != nil {
		t.Errorf("the store stayed read-only after Select: %v", err)
	}
	var mode string
	s.Select(context.Background(), "PRAGMA journal_mode", nil, func(v []any) error { mode, _ = v[0].(string); return nil })
	if mode != "wal" {
		t.Errorf("journal mode %q, want wal", mode)
	}
}

func TestOpenReadOnlyDoesNotCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	if _, err := OpenReadOnly(path); !errors.Is(err, store.ErrNoStore) {
		t.Errorf("err = %v, want store.ErrNoStore", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("OpenReadOnly created %s", path)
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	notStore := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notStore, []byte(strings.Repeat("bukan basis data\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE notes(text)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	older := filepath.Join(dir, "older.db") // versioned, but no migration applied
	db, err = sql.Open("sqlite", older)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE schema_version(version INTEGER PRIMARY KEY, applied TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	empty := filepath.Join(dir, "empty.db") // an index run killed before its first batch
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err = sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO schema_version(version) VALUES (99)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	tests := []struct {
		name, path, want string
		open             func(string) (*Store, error)
	}{
		{"a file that is not a database", notStore, "not a database", Open},
		{"read-only, a file that is not a database", notStore, "not a database", OpenReadOnly},
		{"another program's database", other, "not a kutip store: the database holds other tables", Open},
		{"read-only, another program's database", other, "not a kutip store", OpenReadOnly},
		{"a store from a newer kutip", newer, "schema version 99 is newer", Open},
		{"read-only, a store from a newer kutip", newer, "schema version 99 is newer", OpenReadOnly},
		{"read-only, a store nothing is indexed in yet", empty, "no such store: nothing is indexed in it yet (run kutip index)", OpenReadOnly},
		{"read-only, a store from an older kutip", older, fmt.Sprintf("schema version 0 is older than this kutip's %d: run kutip index", len(migrations)), OpenReadOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.open(tt.path)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("err = %v, want %q and the path", err, tt.want)
			}
		})
	}
	t.Run("Open upgrades a store from an older kutip", func(t *testing.T) {
		s, err := Open(older)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Index(context.Background(), fixtureArticles()); err != nil {
			t.Error(err)
		}
	})
}

func TestMatchExpr(t *testing.T) {
	tests := []struct{ query, want, wantErr string }{
		{"nuklir", `("nuklir")`, ""},
		{"nuklirnya", `("nuklir")`, ""},
		{"harga beras", `("harga" "beras")`, ""},
		{`"harga berasnya naik"`, `("harga beras naik")`, ""},
		{`"harga beras`, `("harga beras")`, ""},
		{"nukl*", `("nukl"*)`, ""},
		{`"harga ber"*`, `("harga ber"*)`, ""},
		{"harga -dunia -\"beras impor\"", `("harga") NOT "dunia" NOT "beras impor"`, ""},
		{"masalah sekolah", `("masalah" "sekolah")`, ""}, // the tokenizer's exceptions: no clitic
		{`kata"kunci`, `("kata""kunci")`, ""},
		{"AND OR NOT", `("AND" "OR" "NOT")`, ""},
		{"-nuklir", "", "no words"},
		{`, "" -`, "", "no words"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := matchExpr(tt.query)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %s (err %v), want %s", got, err, tt.want)
			}
		})
	}
}

// A warm store answers from its columns, and loads them again after a write.
func TestWarmStoreUsesItsColumns(t *testing.T) {
	s, _ := newStore(t, fixtureArticles()[:2])
	ctx := context.Background()
	if err := s.Warm(ctx); err != nil || s.cols == nil || len(s.cols.id) != 4 {
		t.Fatalf("warm: %v, columns %v", err, s.cols)
	}
	if err := s.Index(ctx, fixtureArticles()[2:]); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Quotes(ctx, store.Filter{}, store.Page{})
	if err != nil || len(hits) != 7 || s.cols == nil || len(s.cols.id) != 7 {
		t.Errorf("after indexing: %d hits (%v), columns of %d quotes", len(hits), err, len(s.cols.id))
	}
}
