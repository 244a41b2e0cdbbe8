package sqlite

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/storetest"
)

// TestHelperIndexer is not a test: run by TestConcurrentIndexersOnANewStore
// as a process of its own, it indexes articles into the store its
// environment names.
func TestHelperIndexer(t *testing.T) {
	path, who := os.Getenv("KUTIP_TEST_INDEX_DB"), os.Getenv("KUTIP_TEST_INDEXER")
	if path == "" {
		t.Skip("run by TestConcurrentIndexersOnANewStore")
	}
	start, err := strconv.ParseInt(os.Getenv("KUTIP_TEST_START"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Until(time.Unix(0, start))) // all open the new store at once
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for batch := range 5 {
		articles := numbered(batch*4+1, batch*4+4)
		for i := range articles {
			articles[i].ID = who + "-" + articles[i].ID
			// Every process also names the same speakers and sources.
			articles[i].Quotes[0].Sources = []store.Ref{*storetest.Reuters}
		}
		if err := s.Index(context.Background(), articles); err != nil {
			t.Fatal(err)
		}
	}
}

// Issue 15.7: two kutip index processes on a new store failed half the time
// with "table articles already exists" or "database is locked".
func TestConcurrentIndexersOnANewStore(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	const indexers, rounds = 4, 8
	for round := range rounds {
		path := filepath.Join(t.TempDir(), "new.db")
		start := strconv.FormatInt(time.Now().Add(500*time.Millisecond).UnixNano(), 10)
		var wg sync.WaitGroup
		outputs := make([][]byte, indexers)
		errs := make([]error, indexers)
		for i := range indexers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIndexer$", "-test.count=1")
				cmd.Env = append(os.Environ(), "KUTIP_TEST_INDEX_DB="+path, "KUTIP_TEST_INDEXER=p"+strconv.Itoa(i), "KUTIP_TEST_START="+start)
				outputs[i], errs[i] = cmd.CombinedOutput()
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("round %d, indexer %d: %v\n%s", round, i, err, outputs[i])
			}
		}
		s, err := OpenReadOnly(path)
		if err != nil {
			t.Fatal(err)
		}
		counts := tableCounts(t, s)
		s.Close()
		if want := int64(indexers * 20); counts["articles"] != want || counts["quotes"] != want || counts["quote_sources"] != want {
			t.Errorf("round %d: %v, want %d articles, quotes and sources", round, counts, want)
		}
		if counts["entities"] != 2 {
			t.Errorf("round %d: %d entities, want 2 (one speaker, one source)", round, counts["entities"])
		}
	}
}
