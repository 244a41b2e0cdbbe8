package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

var (
	input          = flag.String("input", "", "file `PATTERN` of JSONL or JSONL.gz records (local, gs://, s3://)")
	output         = flag.String("output", "", "`PREFIX` of the output files: PREFIX-00000-of-00004.jsonl …, one per bundle")
	errorsOut      = flag.String("errors", "", "`PREFIX` of the error records' file (default: the output prefix + -errors)")
	gz             = flag.Bool("gzip", false, "write .jsonl.gz files")
	reshuffle      = flag.Bool("reshuffle", false, "spread the records over the workers before annotating (for few large input files)")
	db             = flag.String("db", "", "index into the PostgreSQL quote store at `URL` instead of writing files")
	textField      = flag.String("text-field", "text", "JSON field holding the article text")
	idField        = flag.String("id-field", "id", "JSON field holding the article id")
	outletFld      = flag.String("outlet-field", "outlet", "JSON field naming the publishing outlet")
	gazetteerFiles = flag.String("gazetteer", "", "comma-separated gazetteer `FILES` (.tsv, .csv, .jsonl) added to the embedded one, read by every worker")
	noDefault      = flag.Bool("no-default-gazetteer", false, "use only the --gazetteer files")
)

func main() {
	flag.Parse()
	beam.Init()
	cfg := Config{
		Input: *input, Output: *output, Errors: *errorsOut, Gzip: *gz, DB: *db, Reshuffle: *reshuffle,
		TextField: *textField, IDField: *idField, OutletField: *outletFld, NoDefaultGazetteer: *noDefault,
	}
	if *gazetteerFiles != "" {
		cfg.Gazetteers = strings.Split(*gazetteerFiles, ",")
	}
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "kutip-beam:", err)
		os.Exit(2)
	}
	if err := beamx.Run(context.Background(), p); err != nil {
		fmt.Fprintln(os.Stderr, "kutip-beam:", err)
		os.Exit(1)
	}
}
