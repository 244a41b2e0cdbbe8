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
	line, err := a.Line(context.Background(), []byte(`{"id":"c1","text":"“Kami siap,” kata Lavrov."}`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(line))
	// Its document is at hand until the next record.
	doc := a.Document()
	fmt.Println(doc.Quotes[0].Speaker.Canonical)

	// A record that cannot be annotated still has its line, and an error
	// that names it.
	line, err = a.Line(context.Background(), []byte(`{"id":"c2"}`))
	fmt.Println(string(line))
	fmt.Println(err)
	// Output:
	// {"id":"c1","text":"“Kami siap,” kata Lavrov.","entities":[{"text":"Lavrov","label":"PERSON","start":18,"end":24,"id":"sergey-lavrov","name":"Sergey Lavrov","kind":"minister","method":"alias"}],"quotes":[{"text":"Kami siap,","start":1,"end":11,"kind":"direct","speaker":{"name":"Lavrov","canonical":"Sergey Lavrov","id":"sergey-lavrov","text":"Lavrov","start":18,"end":24},"cue":{"text":"kata","start":13,"end":17},"sources":[],"confidence":0.98}],"kutip_version":"0.1.0"}
	// Sergey Lavrov
	// {"id":"c2","error":"missing field \"text\"","file":"-","line":1}
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
