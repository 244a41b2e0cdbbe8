package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/postgres/pgtest"
	"github.com/kutip/kutip/corpus/store/sqlite"
)

// TestMain lets the tests run this binary as kutip itself, so that a test can
// kill a real process in the middle of its work.
func TestMain(m *testing.M) {
	if os.Getenv("KUTIP_TEST_AS_KUTIP") == "1" {
		os.Exit(Run(context.Background(), os.Args, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(pgtest.Main(m)) // stops the PostgreSQL server the store tests may start
}

// TestIndexSurvivesSIGKILL kills `kutip index` at random moments, again and
// again, on a new store and on one that holds some articles already: after each kill the store must be sound and hold
// whole articles only (every stored article with all its quotes), and a last
// run must complete it. KUTIP_SIGKILL_TRIALS sets the number of kills.
func TestIndexSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real processes; not in -short")
	}
	trials := 4
	if n, err := strconv.Atoi(os.Getenv("KUTIP_SIGKILL_TRIALS")); err == nil {
		trials = n
	}
	dir := t.TempDir()
	input, want := filepath.Join(dir, "annotated.jsonl"), map[string]int64{}
	var b bytes.Buffer
	for i := range 12000 {
		id := fmt.Sprintf("artikel-%04d", i)
		want[id] = int64(i % 5)
		fmt.Fprintf(&b, `{"id":%q,"outlet":"Warta Contoh","text":"Teks artikel %d tentang harga beras.","entities":[],"quotes":[`, id, i)
		for q := range i % 5 {
			if q > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"text":"Kutipan %d dari artikel %d","kind":"direct","speaker":{"name":"Budi Santoso %d"},"sources":[{"name":"Kantor Berita %d"}],"confidence":0.9}`, q, i, q, i%7)
		}
		b.WriteString("]}\n")
	}
	if err := os.WriteFile(input, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "quotes.db")
	index := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "index", "--quiet", "--db", db, input)
		cmd.Env = append(os.Environ(), "KUTIP_TEST_AS_KUTIP=1")
		return cmd
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range trials {
		if trial%3 == 0 {
			// A kill while the store is being created and migrated, too.
			for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
				_ = os.Remove(db + suffix)
			}
		}
		cmd := index()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+rng.IntN(400)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		stored := checkWholeArticles(t, db, want)
		t.Logf("kill %d: %d whole articles stored", trial+1, stored)
	}
	if out, err := index().CombinedOutput(); err != nil {
		t.Fatalf("the run after the kills: %v\n%s", err, out)
	}
	if stored := checkWholeArticles(t, db, want); stored != len(want) {
		t.Errorf("%d articles stored after the last run, want %d", stored, len(want))
	}
}

// checkWholeArticles checks the store at path, if there is one yet, and
// returns how many articles it holds.
func checkWholeArticles(t *testing.T, path string, want map[string]int64) int {
	t.Helper()
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return 0
	}
	s, err := sqlite.OpenReadOnly(path)
	if errors.Is(err, store.ErrNoStore) {
		return 0 // killed before the store's first batch
	}
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Select(ctx, "PRAGMA integrity_check", nil, func(v []any) error {
		if v[0] != "ok" {
			return fmt.Errorf("integrity_check: %v", v[0])
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	stored := 0
	err = s.Select(ctx, `SELECT a.record_id, count(q.article) FROM articles a LEFT JOIN quotes q ON q.article = a.id GROUP BY a.id`,
		nil, func(v []any) error {
			stored++
			id, n := fmt.Sprint(v[0]), v[1].(int64)
			if w, ok := want[id]; !ok || n != w {
				return fmt.Errorf("article %s has %d quotes stored, want %d", id, n, w)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return stored
}
