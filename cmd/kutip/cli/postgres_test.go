package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kutip/kutip/corpus/store/postgres/pgtest"
)

// Every store command gives the same answers on a PostgreSQL store as on a
// SQLite file: --db postgres://… for index, extract --db and the queries,
// KUTIP_DB too.
func TestPostgresStoreAnswersAsSQLite(t *testing.T) {
	pg, extracted := pgtest.URL(t), pgtest.URL(t)
	sqlite := fixtureStore(t)
	if code, _, stderr := run(t, "", "index", "--quiet", "--db", pg, extractFixture(t)); code != exitOK {
		t.Fatalf("index exit %d: %s", code, stderr)
	}
	in := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(in, []byte(storeFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", "extract", "--quiet", "--db", extracted, "-o", os.DevNull, in); code != exitFailed {
		t.Fatalf("extract --db exit %d, want 1 for the broken record: %s", code, stderr)
	}
	for _, args := range [][]string{
		{"quotes", "--format", "jsonl"},
		{"quotes", "--format", "jsonl", "--speaker", "lavrov", "--limit", "2"},
		{"quotes", "--format", "jsonl", "--match", "nuklir"},
		{"speakers", "--format", "csv"},
		{"sources", "--format", "csv"},
		{"outlets", "--format", "csv"},
		{"sql", "--format", "csv", "SELECT speaker, kind, text FROM quote_view ORDER BY id"},
	} {
		t.Run(args[0], func(t *testing.T) {
			_, want, _ := run(t, "", append(args, "--db", sqlite)...)
			if strings.Count(want, "\n") < 2 {
				t.Fatalf("%q on SQLite: %q, want rows", args, want)
			}
			for _, db := range []string{pg, extracted} {
				code, got, stderr := run(t, "", append(args, "--db", db)...)
				if code != exitOK || got != want {
					t.Errorf("%q on PostgreSQL: exit %d, stderr %s\n%s\nwant, as on SQLite:\n%s", args, code, stderr, got, want)
				}
			}
			t.Setenv("KUTIP_DB", pg)
			if _, got, _ := run(t, "", args...); got != want {
				t.Errorf("%q with KUTIP_DB: %s", args, got)
			}
		})
	}
}

// kutip sql --schema lists a PostgreSQL store's tables and views too.
func TestPostgresSchema(t *testing.T) {
	pg := pgtest.URL(t)
	if code, _, stderr := run(t, "", "index", "--quiet", "--db", pg, extractFixture(t)); code != exitOK {
		t.Fatalf("index exit %d: %s", code, stderr)
	}
	code, out, stderr := run(t, "", "sql", "--db", pg, "--schema")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"CREATE TABLE articles (", "CREATE TABLE quotes (", "CREATE VIEW quote_view ("} {
		if !strings.Contains(out, want) {
			t.Errorf("schema lacks %q:\n%s", want, out)
		}
	}
}
