// Package storetest is the conformance suite of store.Store: every backend
// runs Run on the same fixture articles and must give the same answers to
// the same queries. The fixtures are sentences written for these tests.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/kutip/kutip/corpus/store"
)

// Opener opens the store called name for writing, creating it empty if it
// does not exist: the same name in one test is the same store, which
// several handles may have open at once. Stores it opens are closed by the
// suite; the backend removes them when t ends.
type Opener func(t *testing.T, name string) store.Store

// Run runs the suite, each case as a subtest with stores of its own.
func Run(t *testing.T, open Opener) {
	for _, c := range []struct {
		name string
		run  func(*testing.T, Opener)
	}{
		{"QuotesFilters", testQuotesFilters},
		{"QuoteCarriesItsArticle", testQuoteCarriesItsArticle},
		{"Top", testTop},
		{"RejectsFiltersWithoutWords", testRejectsFiltersWithoutWords},
		{"IndexTwiceChangesNothing", testIndexTwiceChangesNothing},
		{"ReindexLeavesNothingStale", testReindexLeavesNothingStale},
		{"IndexIsAllOrNothing", testIndexIsAllOrNothing},
		{"LastVersionInABatchCounts", testLastVersionInABatchCounts},
		{"SelectIsReadOnly", testSelectIsReadOnly},
		{"ConcurrentIndexers", testConcurrentIndexers},
		{"Pages", testPages},
		{"MostConfidentFirst", testMostConfidentFirst},
		{"TopFacets", testTopFacets},
		{"Article", testArticle},
		{"SpeakerByCanonicalAndWrittenName", testSpeakerByCanonicalAndWrittenName},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, open) })
	}
}

// Ref returns a speaker or source as the indexer sees it.
func Ref(name, id, text string) *store.Ref { return &store.Ref{Name: name, ID: id, Text: text} }

// Quote returns a quote of the fixtures: cue kata, confidence 0.9.
func Quote(kind, text string, speaker *store.Ref, sources ...*store.Ref) store.Quote {
	q := store.Quote{Kind: kind, Text: text, Speaker: speaker, Cue: "kata", Confidence: 0.9, Sources: []store.Ref{}}
	for _, s := range sources {
		q.Sources = append(q.Sources, *s)
	}
	return q
}

// The speakers and sources of the fixtures.
var (
	Lavrov  = Ref("Sergey Lavrov", "sergey-lavrov", "Lavrov")
	Rina    = Ref("Rina Hartati", "", "Rina")
	Budi    = Ref("Budi Santoso", "budi-santoso", "Budi")
	Reuters = Ref("Reuters", "reuters", "Reuters")
	Anadolu = Ref("Anadolu Agency", "anadolu-agency", "Anadolu")
)

// Articles returns the fixture articles: four of them, seven quotes, five
// entities (one outside the gazetteer), nine aliases (the names of mentions
// and sources, and speakers as written).
func Articles() []store.Article {
	return []store.Article{
		{ID: "a1", Outlet: "Warta Contoh", URL: "https://contoh.test/a1", Title: "Menlu bicara", Date: "2025-07-14", TextSHA256: "01",
			Entities: []store.Mention{
				{Text: "Sergey Lavrov", Label: "PERSON", Start: 0, End: 13, ID: "sergey-lavrov", Name: "Sergey Lavrov"},
				{Text: "Menlu Rusia", Label: "PERSON", Start: 20, End: 31, ID: "sergey-lavrov", Name: "Sergey Lavrov"},
				{Text: "Reuters", Label: "ORGANISATION", Start: 90, End: 97, ID: "reuters", Name: "Reuters"},
			},
			Quotes: []store.Quote{
				Quote("direct", "Kami tidak akan memakai senjata nuklir lebih dulu.", Lavrov, Reuters),
				Quote("indirect", "kerja sama kedua negara terus diperkuat", Lavrov),
			}},
		{ID: "a2", Outlet: "detikNews", Date: "2025-08-02", TextSHA256: "02",
			Entities: []store.Mention{
				{Text: "Rina Hartati", Label: "PERSON", Start: 5, End: 17, Name: "Rina Hartati"},
				{Text: "Budi Santoso", Label: "PERSON", Start: 60, End: 72, ID: "budi-santoso", Name: "Budi Santoso"},
			},
			Quotes: []store.Quote{
				Quote("direct", "Harga berasnya sudah terlalu tinggi.", Rina),
				Quote("direct", "Kami minta pemerintah turun tangan.", Budi, Anadolu),
			}},
		{ID: "a3", Outlet: "Warta Contoh", Date: "2025-06-20", TextSHA256: "03",
			Quotes: []store.Quote{
				Quote("indirect", "program nuklirnya tidak mengancam siapa pun", Lavrov, Anadolu),
				Quote("direct", "Harga beras dunia juga kami pantau.", Lavrov, Anadolu, Reuters),
			}},
		{ID: "a4", Outlet: "Kabar Contoh", TextSHA256: "04",
			Quotes: []store.Quote{Quote("direct", "Situasi di perbatasan tetap tenang.", nil)}},
	}
}

// Numbered returns articles n<first>..n<last>, one quote by Rina each.
func Numbered(first, last int) []store.Article {
	var articles []store.Article
	for i := first; i <= last; i++ {
		articles = append(articles, store.Article{ID: fmt.Sprintf("n%d", i), TextSHA256: "00",
			Quotes: []store.Quote{Quote("direct", fmt.Sprintf("Kutipan nomor %d.", i), Rina)}})
	}
	return articles
}

// Indexed opens the store called name and indexes articles into it.
func Indexed(t *testing.T, open Opener, name string, articles []store.Article) store.Store {
	t.Helper()
	s := open(t, name)
	t.Cleanup(func() { s.Close() })
	if err := s.Index(context.Background(), articles); err != nil {
		t.Fatal(err)
	}
	return s
}

// QuoteTexts returns the texts of hits, in order.
func QuoteTexts(hits []store.Quote) []string {
	texts := []string{}
	for _, h := range hits {
		texts = append(texts, h.Text)
	}
	return texts
}

// Tables are the tables of the store's schema that every backend has, for
// kutip sql.
var Tables = []string{"articles", "entities", "aliases", "mentions", "quotes", "quote_sources"}

// TableCounts returns the number of rows of each of Tables.
func TableCounts(t *testing.T, s store.Store) map[string]int64 {
	t.Helper()
	counts := map[string]int64{}
	for _, table := range Tables {
		err := s.Select(context.Background(), "SELECT count(*) FROM "+table, nil, func(v []any) error {
			counts[table] = v[0].(int64)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return counts
}

const (
	budiQ      = "Kami minta pemerintah turun tangan."
	rinaQ      = "Harga berasnya sudah terlalu tinggi."
	kerjaSama  = "kerja sama kedua negara terus diperkuat"
	senjata    = "Kami tidak akan memakai senjata nuklir lebih dulu."
	hargaDunia = "Harga beras dunia juga kami pantau."
	program    = "program nuklirnya tidak mengancam siapa pun"
	tenang     = "Situasi di perbatasan tetap tenang."
)

func testQuotesFilters(t *testing.T, open Opener) {
	s := Indexed(t, open, "filters", Articles())
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
		{"speaker by a word of the name and one of an alias", store.Filter{Speakers: []string{"sergey menlu"}}, 0, []string{senjata, kerjaSama, program, hargaDunia}},
		{"speaker outside the gazetteer", store.Filter{Speakers: []string{"hartati"}}, 0, []string{rinaQ}},
		{"speaker nobody is", store.Filter{Speakers: []string{"Putin"}}, 0, []string{}},
		{"speaker with punctuation and quotes", store.Filter{Speakers: []string{`"Lavrov's'`}}, 0, []string{}},
		{"source by full name", store.Filter{Sources: []string{"Anadolu Agency"}}, 0, []string{budiQ, program, hargaDunia}},
		{"source by alias seen in a source phrase", store.Filter{Sources: []string{"anadolu"}}, 0, []string{budiQ, program, hargaDunia}},
		{"outlet by part of its name", store.Filter{Outlets: []string{"DETIK"}}, 0, []string{rinaQ, budiQ}},
		{"outlet with LIKE wildcards is literal", store.Filter{Outlets: []string{"%"}}, 0, []string{}},
		{"match finds the clitic form", store.Filter{Match: "nuklir"}, 0, []string{senjata, program}},
		{"match with a clitic finds the bare form", store.Filter{Match: "nuklirnya"}, 0, []string{senjata, program}},
		{"match words in any order", store.Filter{Match: "beras harga"}, 0, []string{rinaQ, hargaDunia}},
		{"match a phrase", store.Filter{Match: `"harga beras dunia"`}, 0, []string{hargaDunia}},
		{"match a phrase across a clitic", store.Filter{Match: `"harga beras sudah"`}, 0, []string{rinaQ}},
		{"match a phrase ignores punctuation", store.Filter{Match: `"beras, dunia"`}, 0, []string{hargaDunia}},
		{"match excluding a word", store.Filter{Match: "harga -dunia"}, 0, []string{rinaQ}},
		{"match excluding a phrase", store.Filter{Match: `harga -"beras dunia"`}, 0, []string{rinaQ}},
		{"match a prefix", store.Filter{Match: "nukl*"}, 0, []string{senjata, program}},
		{"match a phrase ending in a prefix", store.Filter{Match: `"senjata nuk"*`}, 0, []string{senjata}},
		{"match is case-insensitive", store.Filter{Match: "SENJATA"}, 0, []string{senjata}},
		{"match is accent-insensitive", store.Filter{Match: "sénjata"}, 0, []string{senjata}},
		{"match with query syntax of SQL and full text is literal", store.Filter{Match: `senjata & | ! ' : ( ) <-> * "`}, 0, []string{senjata}},
		{"date range is inclusive", store.Filter{From: "2025-07-14", To: "2025-08-01"}, 0, []string{senjata, kerjaSama}},
		{"since leaves out undated articles", store.Filter{From: "2025-08-02"}, 0, []string{rinaQ, budiQ}},
		{"kind", store.Filter{Kind: "indirect"}, 0, []string{kerjaSama, program}},
		{"filters combine", store.Filter{Speakers: []string{"Lavrov"}, Sources: []string{"Reuters"}, Match: "harga"}, 0, []string{hargaDunia}},
		{"speaker by gazetteer id, exactly", store.Filter{SpeakerIDs: []string{"budi-santoso", "none"}}, 0, []string{budiQ}},
		{"speaker id and name both hold", store.Filter{SpeakerIDs: []string{"sergey-lavrov"}, Speakers: []string{"Budi"}}, 0, []string{}},
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
			if got := QuoteTexts(hits); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func testQuoteCarriesItsArticle(t *testing.T, open Opener) {
	s := Indexed(t, open, "article", Articles())
	hits, err := s.Quotes(context.Background(), store.Filter{Match: "senjata"}, store.Page{Limit: 0})
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	want := store.Quote{
		Article: "a1", Outlet: "Warta Contoh", URL: "https://contoh.test/a1", Title: "Menlu bicara", Date: "2025-07-14",
		Kind: "direct", Text: senjata,
		Speaker: Lavrov, Cue: "kata", Sources: []store.Ref{*Reuters}, Confidence: 0.9,
	}
	if !reflect.DeepEqual(hits[0], want) {
		t.Errorf("got  %+v\nwant %+v", hits[0], want)
	}
	hits, err = s.Quotes(context.Background(), store.Filter{Match: "tenang"}, store.Page{Limit: 0})
	if err != nil || len(hits) != 1 || hits[0].Speaker != nil || hits[0].Date != "" || hits[0].Sources == nil {
		t.Errorf("an undated quote without speaker or sources: %+v, err %v; want no speaker, no date, sources []", hits, err)
	}
}

func testTop(t *testing.T, open Opener) {
	s := Indexed(t, open, "top", Articles())
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

func testRejectsFiltersWithoutWords(t *testing.T, open Opener) {
	s := Indexed(t, open, "bad-filters", nil)
	for _, f := range []store.Filter{
		{Match: "-nuklir"}, {Match: `"" ,`}, {Speakers: []string{"--"}}, {Sources: []string{"…"}}, {Kind: "paraphrase"}, {From: "14-07-2025"},
		{Match: strings.Repeat("kata ", store.MaxMatchTerms+1)}, {Speakers: []string{strings.Repeat("a ", store.MaxNameWords+1)}},
	} {
		if _, err := s.Quotes(context.Background(), f, store.Page{Limit: 0}); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("Quotes %+v: err = %v, want store.ErrBadFilter", f, err)
		}
		if _, err := s.Top(context.Background(), store.BySpeaker, f, 0); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("Top %+v: err = %v, want store.ErrBadFilter", f, err)
		}
	}
}

func testIndexTwiceChangesNothing(t *testing.T, open Opener) {
	s := Indexed(t, open, "twice", Articles())
	once := TableCounts(t, s)
	if err := s.Index(context.Background(), Articles()); err != nil {
		t.Fatal(err)
	}
	if twice := TableCounts(t, s); !reflect.DeepEqual(once, twice) {
		t.Errorf("after indexing again %v, before %v", twice, once)
	}
	want := map[string]int64{"articles": 4, "entities": 5, "aliases": 9, "mentions": 5, "quotes": 7, "quote_sources": 5}
	if !reflect.DeepEqual(once, want) {
		t.Errorf("counts %v, want %v", once, want)
	}
	hits, err := s.Quotes(context.Background(), store.Filter{Match: "nuklir"}, store.Page{Limit: 0})
	if err != nil || len(hits) != 2 {
		t.Errorf("search index holds stale or duplicate rows: %d hits, err %v", len(hits), err)
	}
}

func testReindexLeavesNothingStale(t *testing.T, open Opener) {
	s := Indexed(t, open, "reindex", Articles())
	revised := Articles()[0]
	revised.Date = "2025-07-15"
	revised.Entities = revised.Entities[:1] // no more "Menlu Rusia", no Reuters
	revised.Quotes = []store.Quote{Quote("direct", "Perundingan akan dilanjutkan pekan depan.", Lavrov)}
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
		if got := QuoteTexts(hits); !reflect.DeepEqual(got, tt.want) {
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
	if counts := TableCounts(t, s); counts["aliases"] != 8 || counts["mentions"] != 3 {
		t.Errorf("counts %v, want 8 aliases (Menlu Rusia gone) and 3 mentions", counts)
	}
}

func testIndexIsAllOrNothing(t *testing.T, open Opener) {
	s := Indexed(t, open, "all-or-nothing", nil)
	bad := Articles()[1]
	bad.Quotes[1].Kind = "paraphrase"
	err := s.Index(context.Background(), []store.Article{Articles()[0], bad})
	if err == nil || !strings.Contains(err.Error(), `article "a2": quotes[1]`) {
		t.Fatalf("err = %v, want one naming article a2, quotes[1]", err)
	}
	if counts := TableCounts(t, s); counts["articles"] != 0 || counts["quotes"] != 0 || counts["entities"] != 0 {
		t.Errorf("a failed batch left rows behind: %v", counts)
	}
	if err := s.Index(context.Background(), Articles()); err != nil {
		t.Errorf("the store cannot index after a failed batch: %v", err)
	}
}

func testLastVersionInABatchCounts(t *testing.T, open Opener) {
	s := Indexed(t, open, "last-version", nil)
	first, second := Numbered(1, 1), Numbered(1, 1)
	second[0].Quotes[0].Text = "Kutipan nomor 1, revisi."
	if err := s.Index(context.Background(), append(first, second...)); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Quotes(context.Background(), store.Filter{}, store.Page{Limit: 0})
	if got, want := QuoteTexts(hits), []string{"Kutipan nomor 1, revisi."}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("quotes %q, err %v; want %q", got, err, want)
	}
}

func testSelectIsReadOnly(t *testing.T, open Opener) {
	s := Indexed(t, open, "select", Articles())
	for _, query := range []string{
		"DELETE FROM quotes",
		"INSERT INTO articles(record_id, text_sha256) VALUES ('x', 'y')",
		"DELETE FROM quotes; SELECT 1",
		"SELECT 1; SELECT 2",
		"SELEC 1",
		"SELECT * FROM no_such_table",
	} {
		err := s.Select(context.Background(), query, nil, func([]any) error { return nil })
		if !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("%q: err = %v, want store.ErrBadQuery", query, err)
		}
	}
	var rows [][]any
	err := s.Select(context.Background(), "SELECT speaker, count(*) FROM quote_view GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
		nil, func(v []any) error { rows = append(rows, append([]any(nil), v...)); return nil })
	if err != nil || !reflect.DeepEqual(rows, [][]any{{"Sergey Lavrov", int64(4)}}) {
		t.Errorf("quote_view rows %v, err %v", rows, err)
	}
	var columns []string
	err = s.Select(context.Background(), "SELECT record_id, outlet FROM articles WHERE record_id = 'none'",
		func(c []string) error { columns = c; return nil },
		func([]any) error { t.Error("a row where none matches"); return nil })
	if err != nil || !reflect.DeepEqual(columns, []string{"record_id", "outlet"}) {
		t.Errorf("columns of a result without rows %v, err %v", columns, err)
	}
	if counts := TableCounts(t, s); counts["quotes"] != 7 {
		t.Errorf("quotes left: %d, want 7", counts["quotes"])
	}
	if err := s.Index(context.Background(), Articles()[:1]); err != nil {
		t.Errorf("the store cannot index after Select: %v", err)
	}
}

// testConcurrentIndexers opens one new store four times at once and indexes
// into every handle at once: articles of each indexer's own, and articles
// they all index, naming the same speaker and source. None may fail
// (deadlock, lock timeout, a unique key taken twice), and nothing may be
// stored twice.
func testConcurrentIndexers(t *testing.T, open Opener) {
	const indexers, batches = 4, 5
	stores := make([]store.Store, indexers)
	errs := make([]error, indexers)
	var opened, wg sync.WaitGroup
	opened.Add(indexers)
	for i := range indexers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i] = open(t, "concurrent")
			opened.Done()
			opened.Wait()
			for batch := range batches {
				articles := Numbered(batch*4+1, batch*4+4)
				for j := range articles {
					articles[j].ID = fmt.Sprintf("p%d-%s", i, articles[j].ID)
					articles[j].Quotes[0].Sources = []store.Ref{*Reuters}
				}
				shared := Numbered(100+batch, 100+batch) // in every indexer's batch
				shared[0].Quotes[0].Sources = []store.Ref{*Reuters}
				// Half the indexers list it first, half last.
				if i%2 == 0 {
					articles = append(shared, articles...)
				} else {
					articles = append(articles, shared...)
				}
				if errs[i] = stores[i].Index(context.Background(), articles); errs[i] != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, s := range stores {
		if s != nil {
			defer s.Close()
		}
	}
	for i, err := range errs {
		if err != nil {
			t.Errorf("indexer %d: %v", i, err)
		}
	}
	counts := TableCounts(t, stores[0])
	want := int64(indexers*batches*4 + batches)
	if counts["articles"] != want || counts["quotes"] != want || counts["quote_sources"] != want {
		t.Errorf("%v, want %d articles, quotes and sources", counts, want)
	}
	if counts["entities"] != 2 || counts["aliases"] != 2 {
		t.Errorf("%v, want 2 entities (one speaker, one source) and 2 aliases (the source's, the speaker's as written)", counts)
	}
	top, err := stores[0].Top(context.Background(), store.BySource, store.Filter{}, 0)
	if want := []store.Count{{Name: "Reuters", ID: "reuters", Quotes: int(want)}}; err != nil || !reflect.DeepEqual(top, want) {
		t.Errorf("sources %v, err %v; want %v", top, err, want)
	}
}
