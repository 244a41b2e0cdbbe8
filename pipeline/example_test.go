package pipeline_test

import (
	"context"
	"fmt"
	"log"

	"github.com/kutip/kutip/gazetteer"
	"github.com/kutip/kutip/pipeline"
)

// Standard annotates a document in place: entities and quotes carry byte
// offsets into its text.
func ExampleStandard() {
	g, err := gazetteer.Default()
	if err != nil {
		log.Fatal(err)
	}
	doc := pipeline.NewDocument("contoh-1", "“Kami tidak akan mundur,” kata Lavrov seperti dikutip dari Reuters.")
	if err := pipeline.Standard(g).Process(context.Background(), doc); err != nil {
		log.Fatal(err)
	}
	for _, q := range doc.Quotes {
		fmt.Printf("%q [%d:%d] speaker %s (%s)\n", doc.Text[q.Start:q.End], q.Start, q.End, q.Speaker.Canonical, q.Speaker.ID)
		for _, s := range q.Sources {
			fmt.Println("source", s.Name)
		}
	}
	// Output:
	// "Kami tidak akan mundur," [3:26] speaker Sergey Lavrov (sergey-lavrov)
	// source Reuters
}
