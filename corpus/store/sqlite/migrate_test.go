package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/kutip/kutip/corpus/store"
)

// TestOpenUpgradesASchema2Store builds a store as kutip did before schema 3
// (contentless_delete full-text tables, no texts) and checks that Open
// upgrades it: its quotes are found by the same queries, and indexing goes on.
func TestOpenUpgradesASchema2Store(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", fileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations[:2] {
		script, err := schemaFiles.ReadFile(m.script)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(script)); err != nil {
			t.Fatal(err)
		}
	}
	for _, stmt := range []string{
		`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL DEFAULT '')`,
		`INSERT INTO schema_version(version) VALUES (1), (2)`,
		`INSERT INTO articles(id, record_id, outlet, date, text_sha256) VALUES (1, 'old1', 'Warta Lama', '2024-03-01', '00')`,
		`INSERT INTO entities(id, gazetteer_id, name) VALUES (1, 'sergey-lavrov', 'Sergey Lavrov')`,
		`INSERT INTO aliases(id, entity, text, uses) VALUES (1, 1, 'Menlu Rusia', 1)`,
		`INSERT INTO mentions VALUES (1, 0, 11, 1, 1)`,
		`INSERT INTO quotes(id, article, date, char_start, char_end, kind, speaker, cue, confidence, text)
			VALUES (1, 1, '2024-03-01', 20, 40, 'direct', 1, 'kata', 0.9, 'Program nuklirnya damai.')`,
		`INSERT INTO quote_search(rowid, text) VALUES (1, 'Program nuklir damai.')`,
		`INSERT INTO entity_search(rowid, names) VALUES (1, 'Sergey Lavrov' || char(10) || 'Menlu Rusia')`,
		`UPDATE id_sequences SET last = 1`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	hits, err := s.Quotes(ctx, store.Filter{Match: "nuklir", Speakers: []string{"Menlu Rusia"}}, store.Page{})
	if err != nil || len(hits) != 1 || hits[0].Article != "old1" {
		t.Fatalf("after the upgrade: hits %+v, err %v", hits, err)
	}
	// Re-indexing the article deletes its old rows from both full-text tables.
	a := fixtureArticles()[0]
	a.ID = "old1"
	if err := s.Index(ctx, []store.Article{a}); err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Quotes(ctx, store.Filter{Match: "damai"}, store.Page{}); err != nil || len(hits) != 0 {
		t.Errorf("the old quote is still found: %+v, %v", hits, err)
	}
	if hits, err := s.Quotes(ctx, store.Filter{Match: "senjata"}, store.Page{}); err != nil || len(hits) != 1 {
		t.Errorf("the new quote: %+v, %v", hits, err)
	}
	var fts int64
	if err := s.conn.QueryRowContext(ctx, `SELECT count(*) FROM quote_search WHERE quote_search MATCH 'damai'`).Scan(&fts); err != nil || fts != 0 {
		t.Errorf("quote_search still holds the old quote (%d rows, %v)", fts, err)
	}
}
