package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kutip/kutip/corpus/store"
)

// The fixtures are sentences written for these tests.

func ref(name, id, text string) *store.Ref { return &store.Ref{Name: name, ID: id, Text: text} }

func quote(kind, text string, speaker *store.Ref, sources ...*store.Ref) store.Quote {
	q := store.Quote{Kind: kind, Text: text, Speaker: speaker, Cue: "kata", Confidence: 0.9, Sources: []store.Ref{}}
	for _, s := range sources {
		q.Sources = append(q.Sources, *s)
	}
	return q
}

var (
	lavrov  = ref("Sergey Lavrov", "sergey-lavrov", "Lavrov")
	rina    = ref("Rina Hartati", "", "Rina")
	budi    = ref("Budi Santoso", "budi-santoso", "Budi")
	reuters = ref("Reuters", "reuters", "Reuters")
	anadolu = ref("Anadolu Agency", "anadolu-agency", "Anadolu")
)

func fixtureArticles() []store.Article {
	return []store.Article{
		{ID: "a1", Outlet: "Warta Contoh", URL: "https://contoh.test/a1", Title: "Menlu bicara", Date: "2025-07-14", TextSHA256: "01",
			Entities: []store.Mention{
				{Text: "Sergey Lavrov", Label: "PERSON", Start: 0, End: 13, ID: "sergey-lavrov", Name: "Sergey Lavrov"},
				{Text: "Menlu Rusia", Label: "PERSON", Start: 20, End: 31, ID: "sergey-lavrov", Name: "Sergey Lavrov"},
				{Text: "Reuters", Label: "ORGANISATION", Start: 90, End: 97, ID: "reuters", Name: "Reuters"},
			},
			Quotes: []store.Quote{
				quote("direct", "Kami tidak akan memakai senjata nuklir lebih dulu.", lavrov, reuters),
				quote("indirect", "kerja sama kedua negara terus diperkuat", lavrov),
			}},
		{ID: "a2", Outlet: "detikNews", Date: "2025-08-02", TextSHA256: "02",
			Entities: []store.Mention{
				{Text: "Rina Hartati", Label: "PERSON", Start: 5, End: 17, Name: "Rina Hartati"},
				{Text: "Budi Santoso", Label: "PERSON", Start: 60, End: 72, ID: "budi-santoso", Name: "Budi Santoso"},
			},
			Quotes: []store.Quote{
				quote("direct", "Harga berasnya sudah terlalu tinggi.", rina),
				quote("direct", "Kami minta pemerintah turun tangan.", budi, anadolu),
			}},
		{ID: "a3", Outlet: "Warta Contoh", Date: "2025-06-20", TextSHA256: "03",
			Quotes: []store.Quote{
				quote("indirect", "program nuklirnya tidak mengancam siapa pun", lavrov, anadolu),
				quote("direct", "Harga beras dunia juga kami pantau.", lavrov, anadolu, reuters),
			}},
		{ID: "a4", Outlet: "Kabar Contoh", TextSHA256: "04",
			Quotes: []store.Quote{quote("direct", "Situasi di perbatasan tetap tenang.", nil)}},
	}
}

// newStore returns a store at a fresh path holding articles.
func newStore(t *testing.T, articles []store.Article) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "quotes.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Index(context.Background(), articles); err != nil {
		t.Fatal(err)
	}
	return s, path
}

func quoteTexts(hits []store.Quote) []string {
	texts := []string{}
	for _, h := range hits {
		texts = append(texts, h.Text)
	}
	return texts
}

func TestStoreQuotesFilters(t *testing.T) {
	s, _ := newStore(t, fixtureArticles())
	const (
		budiQ      = "Kami minta pemerintah turun tangan."
		rinaQ      = "Harga berasnya sudah terlalu tinggi."
		kerjaSama  = "kerja sama kedua negara terus diperkuat"
		senjata    = "Kami tidak akan memakai senjata nuklir lebih dulu."
		hargaDunia = "Harga beras dunia juga kami pantau."
		program    = "program nuklirnya tidak mengancam siapa pun"
		tenang     = "Situasi di perbatasan tetap tenang."
	)
	tests := []struct {
		name   string
		filter store.Filter
		limit  int
		want   []string
	}{
		{"everything newest first, in text order within an article, undated last", store.Filter{}, 0, []string{rinaQ, budiQ, senjata, kerjaSama, program, hargaDunia, tenang}},
		{"limit", store.Filter{}, 2, []string{rinaQ, budiQ}},
		{"speaker by surname", store.Filter{Speakers: []string{"Lavrov"}}, 0, []string{senjata, kerjaSama, program, hargaDunia}},
		{"speaker by prefixes of both names", store.Filter{Speakers: []string{"serg LAV"}}, 0, []string{senjata, kerjaSama, program, hargaDunia}},
		{"speaker by accented spelling", store.Filter{Speakers: []string{"Lavróv"}}, 0, []string{senjata, kerjaSama, program, hargaDunia}},
		{"speaker by alias seen in a mention", store.Filter{Speakers: []string{"Menlu Rusia"}}, 0, []string{senjata, kerjaSama, program, hargaDunia}},
		{"speaker outside the gazetteer", store.Filter{Speakers: []string{"hartati"}}, 0, []string{rinaQ}},
		{"speaker nobody is", store.Filter{Speakers: []string{"Putin"}}, 0, []string{}},
		{"source by full name", store.Filter{Sources: []string{"Anadolu Agency"}}, 0, []string{budiQ, program, hargaDunia}},
		{"source by alias seen in a source phrase", store.Filter{Sources: []string{"anadolu"}}, 0, []string{budiQ, program, hargaDunia}},
		{"outlet by part of its name", store.Filter{Outlets: []string{"DETIK"}}, 0, []string{rinaQ, budiQ}},
		{"outlet with LIKE wildcards is literal", store.Filter{Outlets: []string{"%"}}, 0, []string{}},
		{"match finds the clitic form", store.Filter{Match: "nuklir"}, 0, []string{senjata, program}},
		{"match with a clitic finds the bare form", store.Filter{Match: "nuklirnya"}, 0, []string{senjata, program}},
		{"match words in any order", store.Filter{Match: "beras harga"}, 0, []string{rinaQ, hargaDunia}},
		{"match a phrase", store.Filter{Match: `"harga beras dunia"`}, 0, []string{hargaDunia}},
		{"match excluding a word", store.Filter{Match: "harga -dunia"}, 0, []string{rinaQ}},
		{"match a prefix", store.Filter{Match: "nukl*"}, 0, []string{senjata, program}},
		{"match is case-insensitive", store.Filter{Match: "SENJATA"}, 0, []string{senjata}},
		{"date range is inclusive", store.Filter{From: "2025-07-14", To: "2025-08-01"}, 0, []string{senjata, kerjaSama}},
		{"since leaves out undated articles", store.Filter{From: "2025-08-02"}, 0, []string{rinaQ, budiQ}},
		{"kind", store.Filter{Kind: "indirect"}, 0, []string{kerjaSama, program}},
		{"filters combine", store.Filter{Speakers: []string{"Lavrov"}, Sources: []string{"Reuters"}, Match: "harga"}, 0, []string{hargaDunia}},
		{"speakers: any of them", store.Filter{Speakers: []string{"Rina", "budi sant"}}, 0, []string{rinaQ, budiQ}},
		{"sources: any of them", store.Filter{Sources: []string{"Reuters", "Anadolu"}}, 0, []string{budiQ, senjata, program, hargaDunia}},
		{"outlets: any of them", store.Filter{Outlets: []string{"detik", "KABAR"}}, 0, []string{rinaQ, budiQ, tenang}},
		{"articles by record id", store.Filter{Articles: []string{"a3", "a4", "none"}}, 0, []string{program, hargaDunia, tenang}},
		{"cue in any case", store.Filter{Cue: "KATA", Kind: "indirect"}, 0, []string{kerjaSama, program}},
		{"confidence as high as the quotes'", store.Filter{MinConfidence: 0.9, Outlets: []string{"kabar"}}, 0, []string{tenang}},
		{"confidence higher than any", store.Filter{MinConfidence: 0.95}, 0, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.Quotes(context.Background(), tt.filter, store.Page{Limit: tt.limit})
			if err != nil {
				t.Fatal(err)
			}
			if got := quoteTexts(hits); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestStoreQuoteCarriesItsArticle(t *testing.T) {
	s, _ := newStore(t, fixtureArticles())
	hits, err := s.Quotes(context.Background(), store.Filter{Match: "senjata"}, store.Page{Limit: 0})
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	want := store.Quote{
		Article: "a1", Outlet: "Warta Contoh", URL: "https://contoh.test/a1", Title: "Menlu bicara", Date: "2025-07-14",
		Kind: "direct", Text: "Kami tidak akan memakai senjata nuklir lebih dulu.",
		Speaker: lavrov, Cue: "kata",
		Sources: []store.Ref{*reuters}, Confidence: 0.9,
	}
	if !reflect.DeepEqual(hits[0], want) {
		t.Errorf("got  %+v\nwant %+v", hits[0], want)
	}
}

func TestStoreTop(t *testing.T) {
	s, _ := newStore(t, fixtureArticles())
	tests := []struct {
		name   string
		by     store.Facet
		filter store.Filter
		limit  int
		want   []store.Count
	}{
		{"speakers, ties by name", store.BySpeaker, store.Filter{}, 0, []store.Count{{Name: "Sergey Lavrov", ID: "sergey-lavrov", Quotes: 4}, {Name: "Budi Santoso", ID: "budi-santoso", Quotes: 1}, {Name: "Rina Hartati", ID: "", Quotes: 1}}},
		{"speakers limited", store.BySpeaker, store.Filter{}, 1, []store.Count{{Name: "Sergey Lavrov", ID: "sergey-lavrov", Quotes: 4}}},
		{"speakers on a topic", store.BySpeaker, store.Filter{Match: "harga beras"}, 0, []store.Count{{Name: "Rina Hartati", ID: "", Quotes: 1}, {Name: "Sergey Lavrov", ID: "sergey-lavrov", Quotes: 1}}},
		{"speakers relayed by a source", store.BySpeaker, store.Filter{Sources: []string{"Anadolu"}}, 0, []store.Count{{Name: "Sergey Lavrov", ID: "sergey-lavrov", Quotes: 2}, {Name: "Budi Santoso", ID: "budi-santoso", Quotes: 1}}},
		{"sources", store.BySource, store.Filter{}, 0, []store.Count{{Name: "Anadolu Agency", ID: "anadolu-agency", Quotes: 3}, {Name: "Reuters", ID: "reuters", Quotes: 2}}},
		{"sources of an outlet", store.BySource, store.Filter{Outlets: []string{"detik"}}, 0, []store.Count{{Name: "Anadolu Agency", ID: "anadolu-agency", Quotes: 1}}},
		{"sources in a month", store.BySource, store.Filter{From: "2025-07-01", To: "2025-07-31"}, 0, []store.Count{{Name: "Reuters", ID: "reuters", Quotes: 1}}},
		{"outlets", store.ByOutlet, store.Filter{}, 0, []store.Count{{Name: "Warta Contoh", ID: "", Quotes: 4}, {Name: "detikNews", ID: "", Quotes: 2}, {Name: "Kabar Contoh", ID: "", Quotes: 1}}},
		{"outlets quoting a speaker directly", store.ByOutlet, store.Filter{Speakers: []string{"Lavrov"}, Kind: "direct"}, 0, []store.Count{{Name: "Warta Contoh", ID: "", Quotes: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Top(context.Background(), tt.by, tt.filter, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestStoreRejectsFiltersWithoutWords(t *testing.T) {
	s, _ := newStore(t, nil)
	for _, f := range []store.Filter{{Match: "-nuklir"}, {Match: `"" ,`}, {Speakers: []string{"--"}}, {Sources: []string{"…"}}} {
		if _, err := s.Quotes(context.Background(), f, store.Page{Limit: 0}); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("%+v: err = %v, want store.ErrBadFilter", f, err)
		}
	}
}

// tableCounts returns the number of rows of every table.
func tableCounts(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	counts := map[string]int64{}
	for _, table := range []string{"articles", "entities", "aliases", "mentions", "quotes", "quote_sources"} {
		err := s.Select(context.Background(), "SELECT count(*) FROM "+table, func(_ []string, v []any) error {
			counts[table] = v[0].(int64)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return counts
}

func TestStoreIndexTwiceChangesNothing(t *testing.T) {
	s, _ := newStore(t, fixtureArticles())
	once := tableCounts(t, s)
	if err := s.Index(context.Background(), fixtureArticles()); err != nil {
		t.Fatal(err)
	}
	if twice := tableCounts(t, s); !reflect.DeepEqual(once, twice) {
		t.Errorf("after indexing again %v, before %v", twice, once)
	}
	// Aliases: the names of mentions and sources, and speakers as written.
	want := map[string]int64{"articles": 4, "entities": 5, "aliases": 9, "mentions": 5, "quotes": 7, "quote_sources": 5}
	if !reflect.DeepEqual(once, want) {
		t.Errorf("counts %v, want %v", once, want)
	}
	hits, err := s.Quotes(context.Background(), store.Filter{Match: "nuklir"}, store.Page{Limit: 0})
	if err != nil || len(hits) != 2 {
		t.Errorf("search index holds stale or duplicate rows: %d hits, err %v", len(hits), err)
	}
}

func TestStoreReindexLeavesNothingStale(t *testing.T) {
	s, _ := newStore(t, fixtureArticles())
	revised := fixtureArticles()[0]
	revised.Date = "2025-07-15"
	revised.Entities = revised.Entities[:1] // no more "Menlu Rusia", no Reuters
	revised.Quotes = []store.Quote{quote("direct", "Perundingan akan dilanjutkan pekan depan.", lavrov)}
	if err := s.Index(context.Background(), []store.Article{revised}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		filter store.Filter
		want   []string
	}{
		{store.Filter{Match: "senjata"}, []string{}},
		{store.Filter{Speakers: []string{"Menlu"}}, []string{}},
		{store.Filter{Match: "perundingan"}, []string{"Perundingan akan dilanjutkan pekan depan."}},
		{store.Filter{From: "2025-07-15", To: "2025-07-15"}, []string{"Perundingan akan dilanjutkan pekan depan."}},
	} {
		hits, err := s.Quotes(context.Background(), tt.filter, store.Page{Limit: 0})
		if err != nil {
			t.Fatal(err)
		}
		if got := quoteTexts(hits); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%+v: got %q, want %q", tt.filter, got, tt.want)
		}
	}
	top, err := s.Top(context.Background(), store.BySource, store.Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []store.Count{{Name: "Anadolu Agency", ID: "anadolu-agency", Quotes: 3}, {Name: "Reuters", ID: "reuters", Quotes: 1}}; !reflect.DeepEqual(top, want) {
		t.Errorf("sources %v, want %v", top, want)
	}
}

func TestStoreIndexIsAllOrNothing(t *testing.T) {
	s, _ := newStore(t, nil)
	bad := fixtureArticles()[1]
	bad.Quotes[1].Kind = "paraphrase" // the schema refuses it
	err := s.Index(context.Background(), []store.Article{fixtureArticles()[0], bad})
	if err == nil || !strings.Contains(err.Error(), `article "a2": quotes[1]`) {
		t.Fatalf("err = %v, want one naming article a2, quotes[1]", err)
	}
	if counts := tableCounts(t, s); counts["articles"] != 0 || counts["quotes"] != 0 || counts["entities"] != 0 {
		t.Errorf("a failed batch left rows behind: %v", counts)
	}
}

func TestOpenReadOnlyNeverWrites(t *testing.T) {
	_, path := newStore(t, fixtureArticles())
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	attached := filepath.Join(t.TempDir(), "other.db")
	for _, query := range []string{
		"INSERT INTO articles(record_id, text_sha256) VALUES ('x', 'y')",
		"DELETE FROM quotes",
		"ATTACH '" + attached + "' AS other",
		"SELEC 1",
		"SELECT * FROM no_such_table",
	} {
		err := ro.Select(context.Background(), query, func([]string, []any) error { return nil })
		if !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("%s: err = %v, want store.ErrBadQuery", query, err)
		}
	}
	if _, err := os.Stat(attached); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ATTACH created %s", attached)
	}
	if err := ro.Index(context.Background(), fixtureArticles()[:1]); err == nil {
		t.Error("Index on a read-only store succeeded")
	}
	var rows [][]any
	err = ro.Select(context.Background(), "SELECT speaker, count(*) FROM quote_view GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
		func(_ []string, v []any) error { rows = append(rows, append([]any(nil), v...)); return nil })
	if err != nil || !reflect.DeepEqual(rows, [][]any{{"Sergey Lavrov", int64(4)}}) {
		t.Errorf("quote_view rows %v, err %v", rows, err)
	}
}

func TestSelectIsReadOnlyOnAWritableStore(t *testing.T) {
	s, _ := newStore(t, fixtureArticles())
	err := s.Select(context.Background(), "DELETE FROM quotes", func([]string, []any) error { return nil })
	if !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("DELETE: err = %v, want store.ErrBadQuery", err)
	}
	if err := s.Index(context.Background(), fixtureArticles()[:1]); err != nil {
		t.Errorf("the store stayed read-only after Select: %v", err)
	}
	var mode string
	s.Select(context.Background(), "PRAGMA journal_mode", func(_ []string, v []any) error { mode, _ = v[0].(string); return nil })
	if mode != "wal" {
		t.Errorf("journal mode %q, want wal", mode)
	}
}

func TestOpenReadOnlyDoesNotCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	if _, err := OpenReadOnly(path); !errors.Is(err, store.ErrNoStore) {
		t.Errorf("err = %v, want store.ErrNoStore", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("OpenReadOnly created %s", path)
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	notStore := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notStore, []byte(strings.Repeat("bukan basis data\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE notes(text)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	older := filepath.Join(dir, "older.db") // versioned, but no migration applied
	db, err = sql.Open("sqlite", older)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE schema_version(version INTEGER PRIMARY KEY, applied TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err = sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO schema_version(version) VALUES (99)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	tests := []struct {
		name, path, want string
		open             func(string) (*Store, error)
	}{
		{"a file that is not a database", notStore, "not a database", Open},
		{"read-only, a file that is not a database", notStore, "not a database", OpenReadOnly},
		{"another program's database", other, "not a kutip store: the database holds other tables", Open},
		{"read-only, another program's database", other, "not a kutip store", OpenReadOnly},
		{"a store from a newer kutip", newer, "schema version 99 is newer", Open},
		{"read-only, a store from a newer kutip", newer, "schema version 99 is newer", OpenReadOnly},
		{"read-only, a store from an older kutip", older, fmt.Sprintf("schema version 0 is older than this kutip's %d: run kutip index", len(migrations)), OpenReadOnly},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.open(tt.path)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("err = %v, want %q and the path", err, tt.want)
			}
		})
	}
	t.Run("Open upgrades a store from an older kutip", func(t *testing.T) {
		s, err := Open(older)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Index(context.Background(), fixtureArticles()); err != nil {
			t.Error(err)
		}
	})
}

func TestMatchExpr(t *testing.T) {
	tests := []struct{ query, want, wantErr string }{
		{"nuklir", `("nuklir")`, ""},
		{"nuklirnya", `("nuklir")`, ""},
		{"harga beras", `("harga" "beras")`, ""},
		{`"harga berasnya naik"`, `("harga beras naik")`, ""},
		{`"harga beras`, `("harga beras")`, ""},
		{"nukl*", `("nukl"*)`, ""},
		{`"harga ber"*`, `("harga ber"*)`, ""},
		{"harga -dunia -\"beras impor\"", `("harga") NOT "dunia" NOT "beras impor"`, ""},
		{"masalah sekolah", `("masalah" "sekolah")`, ""}, // the tokenizer's exceptions: no clitic
		{`kata"kunci`, `("kata""kunci")`, ""},
		{"AND OR NOT", `("AND" "OR" "NOT")`, ""},
		{"-nuklir", "", "no words"},
		{`, "" -`, "", "no words"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := matchExpr(tt.query)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %s (err %v), want %s", got, err, tt.want)
			}
		})
	}
}
