package sqlite

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/storetest"
)

func numbered(first, last int) []store.Article { return storetest.Numbered(first, last) }

// rowIDs returns the row id of every article and quote, by record id and
// quote text.
func rowIDs(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	for _, q := range []string{
		"SELECT 'article ' || record_id, id FROM articles",
		"SELECT 'quote ' || text, id FROM quotes",
	} {
		err := s.Select(context.Background(), q, nil, func(v []any) error {
			ids[v[0].(string)] = v[1].(int64)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// Issue 15.1: re-indexing the article that holds the highest row id, with a
// new one in the same batch, failed with "UNIQUE constraint failed:
// articles.id" for good, and a new article or quote could take the row id
// of one that was replaced.
func TestReindexWithNewArticlesKeepsRowIDsUnique(t *testing.T) {
	s, _ := newStore(t, numbered(1, 10))
	type rowID struct {
		table string
		id    int64
	}
	owner := map[rowID]string{} // every row id ever given out, and to what
	record := func() map[string]int64 {
		ids := rowIDs(t, s)
		for k, id := range ids {
			key := rowID{strings.Fields(k)[0], id}
			if was, ok := owner[key]; ok && was != k {
				t.Errorf("%s took row id %d of %s", k, id, was)
			}
			owner[key] = k
		}
		return ids
	}
	before := record()
	for run := range 3 { // the second run is the re-run that failed for good
		batch := append(numbered(10, 10), numbered(11, 11+run)...)
		batch[0].Quotes[0].Text = fmt.Sprintf("Kutipan nomor 10, revisi %d.", run)
		if err := s.Index(context.Background(), batch); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		record()
		// Replacing the article with the highest row ids alone, in a batch
		// of its own, must not free them for the next batch either.
		if err := s.Index(context.Background(), numbered(11+run, 11+run)); err != nil {
			t.Fatal(err)
		}
		record()
	}
	after := rowIDs(t, s)
	if len(after) != 13+13 {
		t.Fatalf("rows %v, want 13 articles and 13 quotes", after)
	}
	if after["article n10"] != before["article n10"] {
		t.Errorf("article n10 changed row id: %d, was %d", after["article n10"], before["article n10"])
	}
	want := []string{"Kutipan nomor 10, revisi 2."}
	hits, err := s.Quotes(context.Background(), store.Filter{Match: "revisi"}, store.Page{Limit: 0})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hits {
		got = append(got, h.Text)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("revised quotes %q, want %q", got, want)
	}
}
