package sqlite

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The store must open in the SQLite users have: Debian 12's sqlite3 (3.40),
// which .ci/setup-sqlite3.sh installs and names in KUTIP_TEST_SQLITE3, and
// Python's sqlite3 module. Both read both full-text tables of a store kutip
// wrote.

// portableQueries are run by the other SQLite; each must print want.
var portableQueries = []struct{ query, want string }{
	{`SELECT count(*) FROM quote_search WHERE quote_search MATCH 'nuklir'`, "2"},
	{`SELECT count(*) FROM entity_search WHERE entity_search MATCH 'lavrov'`, "1"},
	{`SELECT count(*) FROM quote_view WHERE speaker = 'Sergey Lavrov'`, "4"},
}

func closedFixtureStore(t *testing.T) string {
	s, path := newStore(t, fixtureArticles())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestStoreReadByTheSqlite3Shell(t *testing.T) {
	bin := os.Getenv("KUTIP_TEST_SQLITE3")
	if bin == "" {
		bin, _ = exec.LookPath("sqlite3")
	}
	if bin == "" {
		t.Skip("no sqlite3 shell: set KUTIP_TEST_SQLITE3 or install Debian's sqlite3 (.ci/setup-sqlite3.sh does)")
	}
	path := closedFixtureStore(t)
	version, _ := exec.Command(bin, "-version").Output()
	t.Logf("%s %s", bin, strings.TrimSpace(string(version)))
	for _, q := range portableQueries {
		out, err := exec.Command(bin, "-readonly", path, q.query).CombinedOutput()
		if got := strings.TrimSpace(string(out)); err != nil || got != q.want {
			t.Errorf("%s: %s (%v), want %s", q.query, got, err, q.want)
		}
	}
}

func TestStoreReadByPythonSqlite3(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3 to read the store with")
	}
	path := closedFixtureStore(t)
	const script = `import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(sqlite3.sqlite_version, file=sys.stderr)
for q in sys.argv[2:]:
    print(db.execute(q).fetchone()[0])
`
	args := []string{"-c", script, path}
	var want []string
	for _, q := range portableQueries {
		args = append(args, q.query)
		want = append(want, q.want)
	}
	cmd := exec.Command(python, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	t.Logf("Python's SQLite %s", strings.TrimSpace(stderr.String()))
	if got := strings.Fields(string(out)); err != nil || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q (%v: %s), want %q", got, err, stderr.String(), want)
	}
}
