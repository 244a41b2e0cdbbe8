package sqlite_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/sqlite"
)

// Annotated documents go into a store through an Indexer, without writing
// their output; queries return the one store.Quote shape.
func Example() {
	dir, err := os.MkdirTemp("", "kutip-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	s, err := sqlite.Open(filepath.Join(dir, "kutip.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	ctx := context.Background()
	a, err := corpus.NewAnnotator(corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	ix := store.NewIndexer(s, store.DefaultRecordFields)
	for i, raw := range []string{
		`{"id":"m1","outlet":"Warta Contoh","date":"2025-07-14","text":"“Kami tidak akan mundur,” kata Lavrov seperti dikutip dari Reuters."}`,
		`{"id":"m2","outlet":"Warta Contoh","date":"2025-07-15","text":"“Pintu dialog tetap terbuka,” ujar Sergey Lavrov."}`,
	} {
		rec := &corpus.Record{Source: "contoh.jsonl", Line: i + 1, Raw: []byte(raw)}
		if _, err := a.Annotate(ctx, nil, rec); err != nil {
			log.Fatal(err)
		}
		if err := ix.AddDocument(ctx, a.Document(), a.Object(), rec.Pos()); err != nil {
			log.Fatal(err)
		}
	}
	if err := ix.Flush(ctx); err != nil {
		log.Fatal(err)
	}

	quotes, err := s.Quotes(ctx, store.Filter{Speakers: []string{"lavrov"}}, store.Page{Limit: 10})
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range quotes {
		fmt.Printf("%s %s: %q", q.Date, q.Speaker.Name, q.Text)
		for _, src := range q.Sources {
			fmt.Print(" via ", src.Name)
		}
		fmt.Println()
	}
	top, err := s.Top(ctx, store.BySpeaker, store.Filter{}, 5)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range top {
		fmt.Println(c.Name, c.Quotes)
	}
	// Output:
	// 2025-07-15 Sergey Lavrov: "Pintu dialog tetap terbuka,"
	// 2025-07-14 Sergey Lavrov: "Kami tidak akan mundur," via Reuters
	// Sergey Lavrov 2
}
