package corpus_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/kutip/kutip/corpus"
)

// An Annotator turns one raw record into its output line, the record's own
// fields kept as they are; a Beam DoFn or a web handler keeps one per
// goroutine.
func ExampleAnnotator() {
	a, err := corpus.NewAnnotator(corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	line, err := a.Line(ctx, []byte(`{"id":"c1","text":"“Kami siap,” kata Lavrov."}`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Contains(string(line), `"speaker":{"name":"Lavrov","canonical":"Sergey Lavrov"`))
	// The record's document is at hand until the next one, in byte offsets.
	doc := a.Document()
	q := doc.Quotes[0]
	fmt.Printf("%s: %q\n", q.Speaker.Canonical, doc.Text[q.Start:q.End])

	line, _ = a.Line(ctx, []byte(`{"id":"c2","text":"Hujan turun sejak pagi."}`))
	fmt.Println(string(line))

	// A record that cannot be annotated still has its line, and an error
	// that names it.
	line, err = a.Line(ctx, []byte(`{"id":"c3"}`))
	fmt.Println(string(line))
	fmt.Println(err)
	// Output:
	// true
	// Sergey Lavrov: "Kami siap,"
	// {"id":"c2","text":"Hujan turun sejak pagi.","entities":[],"quotes":[],"kutip_version":"0.1.0"}
	// {"id":"c3","error":"missing field \"text\"","file":"-","line":1}
	// -:1: missing field "text"
}

// Extract annotates a whole input on every core and writes the lines in
// input order.
func ExampleExtract() {
	r, err := corpus.NewReader(strings.NewReader(
		`{"id":"a","text":"Hujan turun sejak pagi."}` + "\n" +
			`{"id":"b","text":"Jalan itu tergenang."}` + "\n"))
	if err != nil {
		log.Fatal(err)
	}
	sum, err := corpus.Extract(context.Background(), r, os.Stdout, corpus.ExtractOptions{
		Workers: 2,
		Message: func(m string) { fmt.Fprintln(os.Stderr, m) },
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sum.Records, "records,", sum.Failed, "failed")
	// Output:
	// {"id":"a","text":"Hujan turun sejak pagi.","entities":[],"quotes":[],"kutip_version":"0.1.0"}
	// {"id":"b","text":"Jalan itu tergenang.","entities":[],"quotes":[],"kutip_version":"0.1.0"}
	// 2 records, 0 failed
}
