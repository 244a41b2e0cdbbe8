package pipeline

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kutip/kutip/gazetteer"
)

// A worker's Document keeps its buffers for the next article, but not those
// a huge one grew.
func TestResetKeepsBuffersUpToABound(t *testing.T) {
	doc := new(Document)
	process := func(text string) {
		doc.Reset("t", text)
		if err := (Pipeline{Normalize{}, Tokenize{}}).Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	}
	process(strings.Repeat("kata dia ", 100))
	if c := cap(doc.Tokens); c < 200 {
		t.Fatalf("%d tokens' room after a 200-token text", c)
	}
	doc.Reset("t", "lagi")
	if cap(doc.Tokens) < 200 {
		t.Errorf("Reset dropped the room of a short article's tokens")
	}
	process(strings.Repeat("kata ", maxKeptTokens+1))
	doc.Reset("t", "lagi")
	if c := cap(doc.Tokens); c > maxKeptTokens {
		t.Errorf("Reset kept room for %d tokens after a huge article", c)
	}
}

// A Document reused for one article after another, as an extract worker
// reuses it with the stages' tables it keeps, annotates each article as a
// new Document does, whatever came before.
func TestReusedDocumentAnnotatesAsNew(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	p := Standard(g)
	// Invented articles that share names, so that a table one left behind
	// would change what the next finds.
	texts := []string{
		"JAKARTA - Kepala Dinas Pertanian Budi Wahyu Santoso meninjau sawah. \"Harga gabah naik,\" kata Budi Wahyu Santoso kepada wartawan.\n\nMenurut Budi, stok cukup. \"Kami pantau setiap pekan,\" ujarnya.",
		"\"Stok beras aman,\" kata Budi.\n\nDirektur Utama Perum Bulog Sari Dewi Lestari mengatakan pasokan cukup. \"Kami siap,\" ujar Sari.",
		"Menteri Perdagangan Sari Lestari menyebut harga turun. \"Operasi pasar berjalan,\" katanya, dilansir dari Antara.",
	}
	for _, path := range append(fixtureArticles(t), "testdata/quotes/article.txt", "testdata/entities/article.txt") {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(text))
	}
	ctx := context.Background()
	want := make([]*Document, len(texts))
	for i, text := range texts {
		want[i] = NewDocument("t", text)
		if err := p.Process(ctx, want[i]); err != nil {
			t.Fatal(err)
		}
	}
	var doc Document
	for round := range 2 { // in order, then backwards
		for k := range texts {
			i := k
			if round == 1 {
				i = len(texts) - 1 - k
			}
			doc.Reset("t", texts[i])
			if err := p.Process(ctx, &doc); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(doc.Entities, want[i].Entities) || !reflect.DeepEqual(doc.Quotes, want[i].Quotes) {
				t.Errorf("article %d annotated after others differs from the article alone", i)
			}
		}
	}
}
