package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/kutip/kutip/corpus/store"
)

func testPages(t *testing.T, open Opener) {
	s := Indexed(t, open, "pages", Articles())
	articles := func(hits []store.Quote) []string {
		ids := []string{}
		for _, h := range hits {
			ids = append(ids, h.Article+" "+h.Date)
		}
		return ids
	}
	tests := []struct {
		name string
		page store.Page
		want []string
	}{
		{"newest first, undated last", store.Page{Limit: 3}, []string{"a2 2025-08-02", "a2 2025-08-02", "a1 2025-07-14"}},
		{"a window further on", store.Page{Offset: 4, Limit: 2}, []string{"a3 2025-06-20", "a3 2025-06-20"}},
		{"oldest first, undated still last", store.Page{Order: store.OldestFirst}, []string{"a3 2025-06-20", "a3 2025-06-20",
			"a1 2025-07-14", "a1 2025-07-14", "a2 2025-08-02", "a2 2025-08-02", "a4 "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.Quotes(context.Background(), store.Filter{}, tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if got := articles(hits); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func testMostConfidentFirst(t *testing.T, open Opener) {
	articles := Articles()
	articles[3].Quotes[0].Confidence = 0.99
	articles[2].Quotes[1].Confidence = 0.42
	s := Indexed(t, open, "confident", articles)
	hits, err := s.Quotes(context.Background(), store.Filter{}, store.Page{Order: store.MostConfident})
	if err != nil {
		t.Fatal(err)
	}
	if first, last := hits[0].Text, hits[len(hits)-1].Text; first != "Situasi di perbatasan tetap tenang." || last != "Harga beras dunia juga kami pantau." {
		t.Errorf("first %q, last %q", first, last)
	}
	bands, err := s.Top(context.Background(), store.ByBand, store.Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Count{{Name: "0.9", Quotes: 6}, {Name: "0.4", Quotes: 1}}
	if !reflect.DeepEqual(bands, want) {
		t.Errorf("bands %+v, want %+v", bands, want)
	}
}

func testTopFacets(t *testing.T, open Opener) {
	s := Indexed(t, open, "facets", Articles())
	tests := []struct {
		name   string
		by     store.Facet
		filter store.Filter
		want   []store.Count
	}{
		{"kinds", store.ByKind, store.Filter{}, []store.Count{{Name: "direct", Quotes: 5}, {Name: "indirect", Quotes: 2}}},
		{"cues", store.ByCue, store.Filter{}, []store.Count{{Name: "kata", Quotes: 7}}},
		{"months, oldest first, undated left out", store.ByMonth, store.Filter{}, []store.Count{
			{Name: "2025-06", Quotes: 2}, {Name: "2025-07", Quotes: 2}, {Name: "2025-08", Quotes: 2}}},
		{"days of a speaker", store.ByDay, store.Filter{Speakers: []string{"Lavrov"}}, []store.Count{
			{Name: "2025-06-20", Quotes: 2}, {Name: "2025-07-14", Quotes: 2}}},
		{"articles", store.ByArticle, store.Filter{Sources: []string{"Anadolu"}}, []store.Count{{Name: "a3", Quotes: 2}, {Name: "a2", Quotes: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Top(context.Background(), tt.by, tt.filter, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func testArticle(t *testing.T, open Opener) {
	articles := Articles()
	const text = "Sergey Lavrov, atau Menlu Rusia, berkata."
	articles[0].Text, articles[0].DateSource = text, store.DateFromURL
	articles[0].Quotes[0].CueStart, articles[0].Quotes[0].CueEnd = 32, 38
	articles[0].Quotes[0].Speaker = &store.Ref{Name: "Sergey Lavrov", ID: "sergey-lavrov", Text: "Lavrov", Start: 7, End: 13}
	s := Indexed(t, open, "article", articles)
	a, err := s.Article(context.Background(), "a1")
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != text || a.DateSource != store.DateFromURL || a.Date != "2025-07-14" || a.Title != "Menlu bicara" {
		t.Errorf("article %+v", a)
	}
	if len(a.Entities) != 3 || a.Entities[1].Text != "Menlu Rusia" || a.Entities[1].Name != "Sergey Lavrov" || a.Entities[1].Label != "PERSON" {
		t.Errorf("entities %+v", a.Entities)
	}
	if len(a.Quotes) != 2 {
		t.Fatalf("quotes %+v", a.Quotes)
	}
	q := a.Quotes[0]
	if q.CueStart != 32 || q.CueEnd != 38 || *q.Speaker != (store.Ref{Name: "Sergey Lavrov", ID: "sergey-lavrov", Text: "Lavrov", Start: 7, End: 13}) {
		t.Errorf("attribution of %+v: speaker %+v", q, q.Speaker)
	}
	if _, err := s.Article(context.Background(), "none"); !errors.Is(err, store.ErrNoArticle) {
		t.Errorf("unknown article: err = %v", err)
	}
}

// A speaker linked to the gazetteer is found by the gazetteer's name and by
// the name the article writes.
func testSpeakerByCanonicalAndWrittenName(t *testing.T, open Opener) {
	line := `{"id":"j1","text":"Jokowi berkata: \"Kita jalan terus.\"","entities":[],"quotes":[{"text":"Kita jalan terus.","start":17,"end":34,"kind":"direct",` +
		`"speaker":{"name":"Jokowi","canonical":"Joko Widodo","id":"joko-widodo","text":"Jokowi","start":0,"end":6},"cue":{"text":"berkata","start":7,"end":14},"sources":[],"confidence":0.8}]}`
	a, _, err := store.DecodeArticle([]byte(line), store.DefaultRecordFields)
	if err != nil {
		t.Fatal(err)
	}
	s := Indexed(t, open, "canonical", []store.Article{a})
	for _, name := range []string{"Jokowi", "joko widodo"} {
		hits, err := s.Quotes(context.Background(), store.Filter{Speakers: []string{name}}, store.Page{})
		if err != nil || len(hits) != 1 {
			t.Fatalf("%s: hits %+v, err %v", name, hits, err)
		}
		if sp := hits[0].Speaker; sp.Name != "Joko Widodo" || sp.Text != "Jokowi" || sp.Start != 0 || sp.End != 6 {
			t.Errorf("%s: speaker %+v", name, sp)
		}
	}
}
