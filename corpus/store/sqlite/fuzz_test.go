package sqlite

import (
	"context"
	"encoding/hex"
	"maps"
	"path/filepath"
	"testing"

	"github.com/kutip/kutip/corpus/store"
)

// FuzzIndex indexes random lines of extract-like output into one store:
// whatever decodes must index, every quote must be stored, indexing it again
// must change nothing, and the alias use counts must stay true.
func FuzzIndex(f *testing.F) {
	for _, seed := range []string{
		`{"id":"a1","outlet":"Warta","date":"2025-07-14","text":"“Kami siap,” kata Lavrov.","entities":[{"text":"Lavrov","label":"PERSON","start":19,"end":25,"id":"sergey-lavrov","name":"Sergey Lavrov"}],` +
			`"quotes":[{"text":"Kami siap,","start":1,"end":11,"kind":"direct","speaker":{"name":"Sergey Lavrov","id":"sergey-lavrov","text":"Lavrov","start":19,"end":25},"cue":{"text":"kata","start":14,"end":18},"sources":[{"name":"Reuters","id":"reuters","text":"Reuters","start":0,"end":0}],"confidence":0.93}]}`,
		`{"id":7,"text":"t","entities":[{"text":"Rina","label":"PERSON","start":0,"end":4,"id":"","name":""},{"text":"Rina","label":"PERSON","start":0,"end":4,"id":"","name":""}],"quotes":[{"text":"nuklirnya","kind":"indirect","speaker":null,"cue":null,"sources":[],"confidence":0}]}`,
		`{"id":"a1","text":"diganti","published":"2025-07-13T01:00:00+07:00","entities":[],"quotes":[]}`,
		`{"id":"é\u0000\"x","text":"\ud800","entities":[],"quotes":[{"text":"\"''","kind":"direct","speaker":{"name":"","id":"x"},"sources":[{"name":"","id":""},{"name":"A","id":""},{"name":"A","id":""}]}]}`,
		`{"id":"x","text":"t","error":"boom"}`,
	} {
		f.Add([]byte(seed))
	}
	s, err := Open(filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	count := func(t *testing.T, query string) int64 {
		var n int64
		if err := s.Select(ctx, query, nil, func(v []any) error { n = v[0].(int64); return nil }); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		a, _, err := store.DecodeArticle(line, store.DefaultRecordFields)
		if err != nil {
			return
		}
		if err := s.Index(ctx, []store.Article{a}); err != nil {
			t.Fatalf("%+v: %v", a, err)
		}
		id := "CAST(x'" + hex.EncodeToString([]byte(a.ID)) + "' AS TEXT)" // ids may hold NUL
		if n := count(t, "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article WHERE a.record_id = "+id); n != int64(len(a.Quotes)) {
			t.Errorf("%d quotes stored, want %d", n, len(a.Quotes))
		}
		before := tableCounts(t, s)
		if err := s.Index(ctx, []store.Article{a}); err != nil {
			t.Fatalf("again: %v", err)
		}
		if after := tableCounts(t, s); !maps.Equal(before, after) {
			t.Errorf("indexing again changed %v to %v", before, after)
		}
		if n := count(t, `SELECT count(*) FROM aliases a WHERE uses <= 0 OR uses !=
			(SELECT count(*) FROM mentions WHERE alias = a.id) + (SELECT count(*) FROM quote_sources WHERE alias = a.id) +
			(SELECT count(*) FROM quotes WHERE speaker_alias = a.id)`); n != 0 {
			t.Errorf("%d aliases with a wrong use count", n)
		}
	})
}
