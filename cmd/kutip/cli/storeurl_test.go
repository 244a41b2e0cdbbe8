package cli

import (
	"strings"
	"testing"
)

// KUTIP_DB stands in for --db in the store commands.
func TestStoreFromEnvironment(t *testing.T) {
	t.Setenv("KUTIP_DB", fixtureStore(t))
	if got := quoteRows(t, "--speaker", "lavrov"); len(got) == 0 {
		t.Fatal("quotes with KUTIP_DB found nothing")
	}
}

// Messages name a PostgreSQL store without its password.
func TestStoreNameHidesPassword(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://kutip:rahasia@db.test/quotes": "postgres://kutip:xxxxx@db.test/quotes",
		"postgresql://db.test/quotes?sslmode=off": "postgresql://db.test/quotes?sslmode=off",
		"quotes.db":   "quotes.db",
		"postgres.db": "postgres.db",
	} {
		if got := storeName(in); got != want {
			t.Errorf("storeName(%q) = %q, want %q", in, got, want)
		}
	}
	code, _, stderr := run(t, "", "quotes", "--db", "postgres://kutip:rahasia@127.0.0.1:1/quotes")
	if code != exitUsage || strings.Contains(stderr, "rahasia") || !strings.Contains(stderr, "127.0.0.1:1") {
		t.Errorf("exit %d, stderr %q: want a usage error naming the store without its password", code, stderr)
	}
}
