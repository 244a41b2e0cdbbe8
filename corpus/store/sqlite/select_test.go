package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kutip/kutip/corpus/store"
)

// Issue 15.9: Select on a store opened for writing ran
// "PRAGMA query_only=0; DELETE …" and deleted everything, and of several
// statements ran all but returned only the last one's rows.
func TestSelectNeverWritesWhateverTheHandle(t *testing.T) {
	writable, path := newStore(t, fixtureArticles())
	readOnly, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer readOnly.Close()
	vacuumed := filepath.Join(t.TempDir(), "copy.db")
	for _, s := range []struct {
		name string
		*Store
	}{{"writable", writable}, {"read-only", readOnly}} {
		// Harmless alone, but it must not open the way for what follows.
		s.Select(context.Background(), "PRAGMA query_only = 0", nil, func([]any) error { return nil })
		for _, query := range []string{
			"PRAGMA query_only=0; DELETE FROM quotes",
			"DELETE FROM quotes; SELECT 1",
			"SELECT 1; SELECT 2",
			"SELECT 1;\n-- a comment; and more\nSELECT 2",
			"VACUUM INTO '" + vacuumed + "'",
			"PRAGMA journal_mode = DELETE",
			"CREATE TEMP TABLE scratch(x)",
		} {
			err := s.Select(context.Background(), query, nil, func([]any) error { return nil })
			if !errors.Is(err, store.ErrBadQuery) {
				t.Errorf("%s, %q: err = %v, want ErrBadQuery", s.name, query, err)
			}
		}
		for _, query := range []string{
			"SELECT 1;",
			"SELECT ';' AS semicolon; -- a trailing comment",
			`SELECT "a;b" FROM (SELECT 1 AS "a;b") /* ; */`,
		} {
			rows := 0
			err := s.Select(context.Background(), query, nil, func([]any) error { rows++; return nil })
			if err != nil || rows != 1 {
				t.Errorf("%s, %q: %d rows, err %v; want 1 row", s.name, query, rows, err)
			}
		}
	}
	if _, err := os.Stat(vacuumed); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("VACUUM INTO wrote %s", vacuumed)
	}
	if counts := tableCounts(t, writable); counts["quotes"] != 7 {
		t.Errorf("quotes left: %d, want 7", counts["quotes"])
	}
	if err := writable.Index(context.Background(), fixtureArticles()[:1]); err != nil {
		t.Errorf("the writable store cannot index after Select: %v", err)
	}
}
