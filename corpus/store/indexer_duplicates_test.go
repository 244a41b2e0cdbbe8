package store

import (
	"context"
	"fmt"
	"testing"
)

// An id seen before in the run counts once and is reported: the first
// repeat by its place, across batches too.
func TestIndexerCountsArticlesByID(t *testing.T) {
	s := &memStore{}
	ix := NewIndexer(s, DefaultRecordFields)
	for i := range indexBatch + 2 {
		id := fmt.Sprint(i)
		if i >= indexBatch {
			id = fmt.Sprint(i - indexBatch) // the next batch repeats the first ids
		}
		if err := ix.AddArticle(context.Background(), Article{ID: id}, "", fmt.Sprintf("in.jsonl:%d", i+1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := ix.Stats()
	if st.Articles != indexBatch || st.Duplicates != 2 || st.FirstDuplicate != fmt.Sprintf(`in.jsonl:%d: id "0"`, indexBatch+1) {
		t.Errorf("stats %+v, want %d articles and 2 duplicates, the first at line %d", st, indexBatch, indexBatch+1)
	}
	if len(s.articles) != indexBatch+2 {
		t.Errorf("%d articles passed to the store, want every record's (%d)", len(s.articles), indexBatch+2)
	}
}
