package corpus

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The fixtures are sentences written for these tests.

func ref(name, id, text string) *Ref { return &Ref{Name: name, ID: id, Text: text} }

func quote(kind, text string, speaker *Ref, sources ...*Ref) Quote {
	q := Quote{Kind: kind, Text: text, Speaker: speaker, Cue: &Ref{Text: "kata"}, Confidence: 0.9, Sources: []Ref{}}
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

func fixtureArticles() []Article {
	return []Article{
		{ID: "a1", Outlet: "Warta Contoh", URL: "https://contoh.test/a1", Title: "Menlu bicara", Date: "2025-07-14", TextSHA256: "01",
			Entities: []Mention{
				{Text: "Sergey Lavrov", Label: "PERSON", Start: 0, End: 13, ID: "sergey-lavrov", Name: "Sergey Lavrov"},
				{Text: "Menlu Rusia", Label: "PERSON", Start: 20, End: 31, ID: "sergey-lavrov", Name: "Sergey Lavrov"},
				{Text: "Reuters", Label: "ORGANISATION", Start: 90, End: 97, ID: "reuters", Name: "Reuters"},
			},
			Quotes: []Quote{
				quote("direct", "Kami tidak akan memakai senjata nuklir lebih dulu.", lavrov, reuters),
				quote("indirect", "kerja sama kedua negara terus diperkuat", lavrov),
			}},
		{ID: "a2", Outlet: "detikNews", Date: "2025-08-02", TextSHA256: "02",
			Entities: []Mention{
				{Text: "Rina Hartati", Label: "PERSON", Start: 5, End: 17, Name: "Rina Hartati"},
				{Text: "Budi Santoso", Label: "PERSON", Start: 60, End: 72, ID: "budi-santoso", Name: "Budi Santoso"},
			},
			Quotes: []Quote{
				quote("direct", "Harga berasnya sudah terlalu tinggi.", rina),
				quote("direct", "Kami minta pemerintah turun tangan.", budi, anadolu),
			}},
		{ID: "a3", Outlet: "Warta Contoh", Date: "2025-06-20", TextSHA256: "03",
			Quotes: []Quote{
				quote("indirect", "program nuklirnya tidak mengancam siapa pun", lavrov, anadolu),
				quote("direct", "Harga beras dunia juga kami pantau.", lavrov, anadolu, reuters),
			}},
		{ID: "a4", Outlet: "Kabar Contoh", TextSHA256: "04",
			Quotes: []Quote{quote("direct", "Situasi di perbatasan tetap tenang.", nil)}},
	}
}

// newStore returns a store at a fresh path holding articles.
func newStore(t *testing.T, articles []Article) (Store, string) {
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

func quoteTexts(hits []QuoteHit) []string {
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
		filter Filter
		limit  int
		want   []string
	}{
		{"everything newest first, in text order within an article, undated last", Filter{}, 0, []string{rinaQ, budiQ, senjata, kerjaSama, program, hargaDunia, tenang}},
		{"limit", Filter{}, 2, []string{rinaQ, budiQ}},
		{"speaker by surname", Filter{Speaker: "Lavrov"}, 0, []string{senjata, kerjaSama, program, hargaDunia}},
		{"speaker by prefixes of both names", Filter{Speaker: "serg LAV"}, 0, []string{senjata, kerjaSama, program, hargaDunia}},
		{"speaker by accented spelling", Filter{Speaker: "Lavróv"}, 0, []string{senjata, kerjaSama, program, hargaDunia}},
		{"speaker by alias seen in a mention", Filter{Speaker: "Menlu Rusia"}, 0, []string{senjata, kerjaSama, program, hargaDunia}},
		{"speaker outside the gazetteer", Filter{Speaker: "hartati"}, 0, []string{rinaQ}},
		{"speaker nobody is", Filter{Speaker: "Putin"}, 0, []string{}},
		{"source by full name", Filter{Source: "Anadolu Agency"}, 0, []string{budiQ, program, hargaDunia}},
		{"source by alias seen in a source phrase", Filter{Source: "anadolu"}, 0, []string{budiQ, program, hargaDunia}},
		{"outlet by part of its name", Filter{Outlet: "DETIK"}, 0, []string{rinaQ, budiQ}},
		{"outlet with LIKE wildcards is literal", Filter{Outlet: "%"}, 0, []string{}},
		{"match finds the clitic form", Filter{Match: "nuklir"}, 0, []string{senjata, program}},
		{"match with a clitic finds the bare form", Filter{Match: "nuklirnya"}, 0, []string{senjata, program}},
		{"match words in any order", Filter{Match: "beras harga"}, 0, []string{rinaQ, hargaDunia}},
		{"match a phrase", Filter{Match: `"harga beras dunia"`}, 0, []string{hargaDunia}},
		{"match excluding a word", Filter{Match: "harga -dunia"}, 0, []string{rinaQ}},
		{"match a prefix", Filter{Match: "nukl*"}, 0, []string{senjata, program}},
		{"match is case-insensitive", Filter{Match: "SENJATA"}, 0, []string{senjata}},
		{"date range is inclusive", Filter{From: "2025-07-14", To: "2025-08-01"}, 0, []string{senjata, kerjaSama}},
		{"since leaves out undated articles", Filter{From: "2025-08-02"}, 0, []string{rinaQ, budiQ}},
		{"kind", Filter{Kind: "indirect"}, 0, []string{kerjaSama, program}},
		{"filters combine", Filter{Speaker: "Lavrov", Source: "Reuters", Match: "harga"}, 0, []string{hargaDunia}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.Quotes(context.Background(), tt.filter, tt.limit)
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
	hits, err := s.Quotes(context.Background(), Filter{Match: "senjata"}, 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	want := QuoteHit{
		Article: "a1", Outlet: "Warta Contoh", URL: "https://contoh.test/a1", Title: "Menlu bicara", Date: "2025-07-14",
		Kind: "direct", Text: "Kami tidak akan memakai senjata nuklir lebih dulu.",
		Speaker: &Name{"Sergey Lavrov", "sergey-lavrov"}, Cue: "kata",
		Sources: []Name{{"Reuters", "reuters"}}, Confidence: 0.9,
	}
	if !reflect.DeepEqual(hits[0], want) {
		t.Errorf("got  %+v\nwant %+v", hits[0], want)
	}
}

func TestStoreTop(t *testing.T) {
	s, _ := newStore(t, fixtureArticles())
	tests := []struct {
		name   string
		by     Facet
		filter Filter
		limit  int
		want   []Count
	}{
		{"speakers, ties by name", BySpeaker, Filter{}, 0, []Count{{"Sergey Lavrov", "sergey-lavrov", 4}, {"Budi Santoso", "budi-santoso", 1}, {"Rina Hartati", "", 1}}},
		{"speakers limited", BySpeaker, Filter{}, 1, []Count{{"Sergey Lavrov", "sergey-lavrov", 4}}},
		{"speakers on a topic", BySpeaker, Filter{Match: "harga beras"}, 0, []Count{{"Rina Hartati", "", 1}, {"Sergey Lavrov", "sergey-lavrov", 1}}},
		{"speakers relayed by a source", BySpeaker, Filter{Source: "Anadolu"}, 0, []Count{{"Sergey Lavrov", "sergey-lavrov", 2}, {"Budi Santoso", "budi-santoso", 1}}},
		{"sources", BySource, Filter{}, 0, []Count{{"Anadolu Agency", "anadolu-agency", 3}, {"Reuters", "reuters", 2}}},
		{"sources of an outlet", BySource, Filter{Outlet: "detik"}, 0, []Count{{"Anadolu Agency", "anadolu-agency", 1}}},
		{"sources in a month", BySource, Filter{From: "2025-07-01", To: "2025-07-31"}, 0, []Count{{"Reuters", "reuters", 1}}},
		{"outlets", ByOutlet, Filter{}, 0, []Count{{"Warta Contoh", "", 4}, {"detikNews", "", 2}, {"Kabar Contoh", "", 1}}},
		{"outlets quoting a speaker directly", ByOutlet, Filter{Speaker: "Lavrov", Kind: "direct"}, 0, []Count{{"Warta Contoh", "", 2}}},
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
	for _, f := range []Filter{{Match: "-nuklir"}, {Match: `"" ,`}, {Speaker: "--"}, {Source: "…"}} {
		if _, err := s.Quotes(context.Background(), f, 0); !errors.Is(err, ErrBadFilter) {
			t.Errorf("%+v: err = %v, want ErrBadFilter", f, err)
		}
	}
}

// tableCounts returns the number of rows of every table.
func tableCounts(t *testing.T, s Store) map[string]int64 {
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
	want := map[string]int64{"articles": 4, "entities": 5, "aliases": 6, "mentions": 5, "quotes": 7, "quote_sources": 5}
	if !reflect.DeepEqual(once, want) {
		t.Errorf("counts %v, want %v", once, want)
	}
	hits, err := s.Quotes(context.Background(), Filter{Match: "nuklir"}, 0)
	if err != nil || len(hits) != 2 {
		t.Errorf("search index holds stale or duplicate rows: %d hits, err %v", len(hits), err)
	}
}

func TestStoreReindexLeavesNothingStale(t *testing.T) {
	s, _ := newStore(t, fixtureArticles())
	revised := fixtureArticles()[0]
	revised.Date = "2025-07-15"
	revised.Entities = revised.Entities[:1] // no more "Menlu Rusia", no Reuters
	revised.Quotes = []Quote{quote("direct", "Perundingan akan dilanjutkan pekan depan.", lavrov)}
	if err := s.Index(context.Background(), []Article{revised}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		filter Filter
		want   []string
	}{
		{Filter{Match: "senjata"}, []string{}},
		{Filter{Speaker: "Menlu"}, []string{}},
		{Filter{Match: "perundingan"}, []string{"Perundingan akan dilanjutkan pekan depan."}},
		{Filter{From: "2025-07-15", To: "2025-07-15"}, []string{"Perundingan akan dilanjutkan pekan depan."}},
	} {
		hits, err := s.Quotes(context.Background(), tt.filter, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := quoteTexts(hits); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%+v: got %q, want %q", tt.filter, got, tt.want)
		}
	}
	top, err := s.Top(context.Background(), BySource, Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Count{{"Anadolu Agency", "anadolu-agency", 3}, {"Reuters", "reuters", 1}}; !reflect.DeepEqual(top, want) {
		t.Errorf("sources %v, want %v", top, want)
	}
}

func TestStoreIndexIsAllOrNothing(t *testing.T) {
	s, _ := newStore(t, nil)
	bad := fixtureArticles()[1]
	bad.Quotes[1].Kind = "paraphrase" // the schema refuses it
	err := s.Index(context.Background(), []Article{fixtureArticles()[0], bad})
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
		if !errors.Is(err, ErrBadQuery) {
			t.Errorf("%s: err = %v, want ErrBadQuery", query, err)
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
	if !errors.Is(err, ErrBadQuery) {
		t.Errorf("DELETE: err = %v, want ErrBadQuery", err)
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
	if _, err := OpenReadOnly(path); !errors.Is(err, ErrNoStore) {
		t.Errorf("err = %v, want ErrNoStore", err)
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
		open             func(string) (Store, error)
	}{
		{"a file that is not a database", notStore, "not a database", Open},
		{"read-only, a file that is not a database", notStore, "not a database", OpenReadOnly},
		{"another program's database", other, "not a kutip store: the database holds other tables", Open},
		{"read-only, another program's database", other, "not a kutip store", OpenReadOnly},
		{"a store from a newer kutip", newer, "schema version 99 is newer", Open},
		{"read-only, a store from a newer kutip", newer, "schema version 99 is newer", OpenReadOnly},
		{"read-only, a store from an older kutip", older, "schema version 0 is older than this kutip's 1: run kutip index", OpenReadOnly},
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

func TestDecodeArticle(t *testing.T) {
	const annotations = `"entities":[{"text":"Rina","label":"PERSON","start":0,"end":4,"id":"","name":"Rina Hartati"}],` +
		`"quotes":[{"text":"Kami siap.","start":6,"end":16,"kind":"direct","speaker":{"name":"Rina Hartati","id":"","text":"Rina","start":0,"end":4},` +
		`"cue":{"text":"kata","start":18,"end":22},"sources":[],"confidence":0.93}]`
	tests := []struct {
		name, line       string
		wantID, wantDate string
		wantBadDate      string
		wantErr          string
	}{
		{"date as a day", `{"id":"a","text":"t","date":"2025-07-13",` + annotations + `}`, "a", "2025-07-13", "", ""},
		{"published with zone keeps the written day", `{"id":"a","text":"t","published":"2025-07-13T01:00:00+07:00",` + annotations + `}`, "a", "2025-07-13", "", ""},
		{"published_at without zone", `{"id":"a","text":"t","published_at":"2025-07-13 08:15:00",` + annotations + `}`, "a", "2025-07-13", "", ""},
		{"null date", `{"id":"a","text":"t","date":null,` + annotations + `}`, "a", "", "", ""},
		{"unreadable date", `{"id":"a","text":"t","date":"13 Juli 2025",` + annotations + `}`, "a", "", `date "13 Juli 2025"`, ""},
		{"impossible date", `{"id":"a","text":"t","date":"2025-02-30",` + annotations + `}`, "a", "", `date "2025-02-30"`, ""},
		{"numeric id", `{"id":17,"text":"t",` + annotations + `}`, "17", "", "", ""},
		{"record extract failed on", `{"id":"a","text":"t","error":"boom","file":"x","line":3}`, "", "", "", ErrFailedRecord.Error()},
		{"no id", `{"text":"t",` + annotations + `}`, "", "", "", `missing field "id"`},
		{"empty id", `{"id":"","text":"t",` + annotations + `}`, "", "", "", `field "id" is empty`},
		{"not extract output", `{"id":"a","text":"t"}`, "", "", "", `"entities": not kutip extract output`},
		{"quotes of the wrong shape", `{"id":"a","text":"t","entities":[],"quotes":{}}`, "", "", "", `field "quotes"`},
		{"unknown quote kind", `{"id":"a","text":"t","entities":[],"quotes":[{"text":"x","kind":"said"}]}`, "", "", "", `kind "said"`},
		{"not JSON", `{"id":`, "", "", "", "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, badDate, err := DecodeArticle([]byte(tt.line), DefaultRecordFields)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.ID != tt.wantID || a.Date != tt.wantDate || badDate != tt.wantBadDate {
				t.Errorf("id %q date %q badDate %q, want %q %q %q", a.ID, a.Date, badDate, tt.wantID, tt.wantDate, tt.wantBadDate)
			}
			if len(a.Quotes) != 1 || a.Quotes[0].Speaker.Name != "Rina Hartati" || a.Quotes[0].Cue.Text != "kata" || len(a.Entities) != 1 {
				t.Errorf("annotations not decoded: %+v", a)
			}
		})
	}
}

func TestIndexAllSkipsFailedRecordsAndNamesBadLines(t *testing.T) {
	s, _ := newStore(t, nil)
	const good = `{"id":"ok","text":"t","entities":[],"quotes":[{"text":"Kami siap.","start":0,"end":10,"kind":"direct","speaker":null,"cue":null,"sources":[],"confidence":0.5}]}`
	path := filepath.Join(t.TempDir(), "out.jsonl")
	lines := good + "\n" + `{"id":"x","text":"t","error":"boom"}` + "\n" + `{"id":"y","text":"t","date":"kemarin","entities":[],"quotes":[]}` + "\n" + `{"id":"z"` + "\n"
	if err := os.WriteFile(path, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(nil, path)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := IndexAll(context.Background(), s, r, DefaultRecordFields)
	if err == nil || !strings.HasPrefix(err.Error(), path+":4: ") {
		t.Errorf("err = %v, want it to start with %s:4", err, path)
	}
	want := IndexStats{Articles: 2, Quotes: 1, Failed: 1, BadDates: 1, FirstBadDate: path + `:3: date "kemarin"`}
	if stats != want {
		t.Errorf("stats %+v, want %+v", stats, want)
	}
	if counts := tableCounts(t, s); counts["articles"] != 2 {
		t.Errorf("the lines before the bad one were not committed: %v", counts)
	}
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
			got, err := matchExpr(tt.query, &searchFolder{})
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

func TestSearchFolderCutsClitics(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Katanya program nuklirnya aman.", "Kata program nuklir aman."},
		{"Apakah benar? Dialah orangnya, siapa pun.", "Apa benar? Dia orang, siapa pun."},
		{"Masalahnya adalah sekolah.", "Masalah adalah sekolah."},
		{"Hanya Allah yang tahu.", "Hanya Allah yang tahu."},
		{"kata-katanya", "kata-kata"},
	}
	var sf searchFolder
	for _, tt := range tests {
		if got := string(sf.fold(nil, tt.text)); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
