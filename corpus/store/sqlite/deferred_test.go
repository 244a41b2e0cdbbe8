package sqlite

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"
)

// indexSQL returns the definitions of the store's indexes by name.
func indexSQL(t *testing.T, s *Store) map[string]string {
	t.Helper()
	rows, err := s.conn.QueryContext(context.Background(), `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	defs := map[string]string{}
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			t.Fatal(err)
		}
		defs[name] = sql
	}
	return defs
}

// A load into a new store builds the deferred indexes when it closes the
// store, as the schema defines them; one killed before that gets them back
// from the next Open.
func TestDeferredIndexes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "q.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	schema := indexSQL(t, s)
	defs, err := indexDefinitions()
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range deferredIndexes {
		if got, want := strings.Replace(defs[i], " IF NOT EXISTS", "", 1), schema[name]; got != want {
			t.Errorf("definition of %s: %q, the schema's %q", name, got, want)
		}
	}
	if err := s.Index(ctx, fixtureArticles()); err != nil {
		t.Fatal(err)
	}
	for _, name := range deferredIndexes {
		if _, ok := indexSQL(t, s)[name]; ok {
			t.Errorf("%s is kept up to date during the load into a new store", name)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	check := func(when string) *Store {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := indexSQL(t, s); !maps.Equal(got, schema) {
			t.Errorf("%s: indexes %v, want %v", when, got, schema)
		}
		return s
	}
	s = check("after the load")
	if err := s.Index(ctx, fixtureArticles()[:1]); err != nil { // no longer empty: nothing is dropped
		t.Fatal(err)
	}
	if got := indexSQL(t, s); !maps.Equal(got, schema) {
		t.Errorf("indexing into a store that holds articles dropped indexes: %v", got)
	}
	for _, name := range deferredIndexes[1:] { // as a load killed before Close leaves them
		if _, err := s.conn.ExecContext(ctx, `DROP INDEX `+name); err != nil {
			t.Fatal(err)
		}
	}
	s.conn.Close() // no Close: killed
	s.db.Close()
	check("after a killed load").Close()
}
