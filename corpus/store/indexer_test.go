package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kutip/kutip/corpus"
)

// memStore keeps what is indexed, for tests of what feeds a Store.
type memStore struct {
	Store
	articles []Article
}

func (m *memStore) Index(_ context.Context, articles []Article) error {
	m.articles = append(m.articles, articles...)
	return nil
}

func TestIndexAllSkipsFailedRecordsAndNamesBadLines(t *testing.T) {
	s := &memStore{}
	const good = `{"id":"ok","text":"t","entities":[],"quotes":[{"text":"Kami siap.","start":0,"end":10,"kind":"direct","speaker":null,"cue":null,"sources":[],"confidence":0.5}]}`
	path := filepath.Join(t.TempDir(), "out.jsonl")
	lines := good + "\n" + `{"id":"x","text":"t","error":"boom"}` + "\n" + `{"id":"y","text":"t","date":"kemarin","entities":[],"quotes":[]}` + "\n" + `{"id":"z"` + "\n"
	if err := os.WriteFile(path, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := corpus.NewReader(nil, path)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := IndexAll(context.Background(), NewIndexer(s, DefaultRecordFields), r)
	if err == nil || !strings.HasPrefix(err.Error(), path+":4: ") {
		t.Errorf("err = %v, want it to start with %s:4", err, path)
	}
	want := IndexStats{Articles: 2, Quotes: 1, Failed: 1, BadDates: 1, FirstBadDate: path + `:3: date "kemarin"`}
	if stats != want {
		t.Errorf("stats %+v, want %+v", stats, want)
	}
	if len(s.articles) != 2 {
		t.Errorf("the lines before the bad one were not committed: %v", s.articles)
	}
}
