package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/pipeline"
)

func extractCommand() *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "annotate articles: one JSON object per input record, in input order",
		ArgsUsage: "[FILE|DIR|- …]",
		Description: "Reads JSONL (.jsonl, .jsonl.gz), plain-text articles (.txt, one article each) and directories\n" +
			"(walked in sorted order); no FILE or '-' reads standard input. Every input field is kept and\n" +
			"entities and quotes are added with character offsets.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "text-field", Value: "text", Usage: "JSON field holding the article text"},
			&cli.StringFlag{Name: "id-field", Value: "id", Usage: "JSON field holding the article id (for messages)"},
			&cli.StringFlag{Name: "outlet-field", Value: "outlet", Usage: "JSON field naming the publishing outlet, whose self-references are not relaying sources"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output ('-': standard output); a file is replaced only once the run completes"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "articles processed in parallel (output order is kept)"},
			&cli.BoolFlag{Name: "tokens", Usage: "also write tokens, sentences and paragraphs"},
			&cli.BoolFlag{Name: "fail-fast", Usage: "stop at the first record that fails"},
			&cli.IntFlag{Name: "max-record", Value: corpus.DefaultMaxRecordBytes, Usage: "largest input line or text file in `BYTES`; a larger one is an error record"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar and no summary on standard error"},
			&cli.StringFlag{Name: "db", Usage: "also index every output record into the quote store (SQLite `FILE` or postgres:// URL) as it is written (see kutip index)"},
		}, gazetteerFlags()...),
		Action: func(c *cli.Context) error {
			opts := extractOptions{quiet: c.Bool("quiet")}
			opts.TextField = c.String("text-field")
			opts.IDField = c.String("id-field")
			opts.OutletField = c.String("outlet-field")
			opts.Workers = c.Int("workers")
			opts.Tokens = c.Bool("tokens")
			opts.FailFast = c.Bool("fail-fast")
			if opts.Workers < 1 {
				return usageErrorf("--workers must be at least 1, not %d", opts.Workers)
			}
			if opts.TextField == "" {
				return usageErrorf("--text-field must not be empty")
			}
			// Everything is opened and checked before the output is
			// created, so that a mistake costs no earlier output.
			r, err := corpus.NewReader(c.App.Reader, c.Args().Slice()...)
			if err != nil {
				return usageErrorf("%v", err) // r opens no file before its first record
			}
			reportSkipped(c.App.ErrWriter, r)
			maxRecord := c.Int("max-record")
			if maxRecord < 1 {
				return usageErrorf("--max-record must be at least 1, not %d", maxRecord)
			}
			opts.MaxRecordBytes = maxRecord
			if opts.Gazetteer, err = loadGazetteer(c); err != nil {
				return err
			}
			var ix *recordIndex
			if path := c.String("db"); path != "" {
				s, err := openStoreAt(path, false)
				if err != nil {
					return usageErrorf("%v", err)
				}
				defer s.Close()
				fields := store.RecordFields{ID: opts.IDField, Text: opts.TextField, Outlet: opts.OutletField}
				ix = &recordIndex{path: storeName(path), fields: fields, ix: store.NewIndexer(s, fields)}
			}
			out, err := createOutput(c.Context, c.String("output"), r, c.App.Reader, c.App.Writer)
			if err != nil {
				return err
			}
			err = extract(c.Context, opts, r, ix, out.w, c.App.ErrWriter)
			var fe *failedError
			complete := err == nil || errors.As(err, &fe)
			if ix != nil {
				if ferr := ix.finish(); ferr != nil && err == nil {
					err = ferr
				}
				if !opts.quiet {
					reportIndexed(c.App.ErrWriter, ix.path, ix.ix.Stats())
				}
			}
			if ferr := out.finish(complete); ferr != nil && err == nil {
				err = ferr
			}
			return err
		},
	}
}

// output is where extract writes: standard output, a device or pipe written
// as it goes, or a temporary file beside the file named, which replaces it
// once the run completes.
type output struct {
	w          io.Writer
	file       *os.File // nil for standard output
	temp, path string   // the temporary file and the file it becomes; "" when streaming
	stop       func() bool
}

// createOutput opens path for writing ("" or "-": stdout). A file that is
// one of the inputs is refused. Files are opened write-only: a read end
// held on a pipe such as /dev/stdout would keep its writer from ever
// seeing the reader go.
func createOutput(ctx context.Context, path string, r *corpus.Reader, stdin io.Reader, stdout io.Writer) (*output, error) {
	if path == "" || path == "-" {
		return &output{w: stdout}, nil
	}
	real, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		real, err = path, nil
	}
	if err != nil {
		return nil, usageErrorf("--output %s: %v", path, err)
	}
	st, err := os.Stat(real)
	if err == nil && !st.Mode().IsRegular() || strings.HasPrefix(real, "/dev/") || strings.HasPrefix(real, "/proc/") {
		f, err := os.OpenFile(real, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, usageErrorf("--output: %v", err)
		}
		return newOutput(ctx, f, "", ""), nil
	}
	if st != nil {
		if isInput(st, r, stdin) {
			return nil, usageErrorf("--output %s is also an input", path)
		}
	}
	f, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".*.tmp")
	if err != nil {
		return nil, usageErrorf("--output: %v", err)
	}
	mode := fs.FileMode(0o644)
	if st != nil {
		mode = st.Mode().Perm()
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, usageErrorf("--output: %v", err)
	}
	return newOutput(ctx, f, f.Name(), real), nil
}

// newOutput writes to f; once ctx is done a write blocked on a pipe whose
// reader has stopped reading gives up.
func newOutput(ctx context.Context, f *os.File, temp, path string) *output {
	stop := context.AfterFunc(ctx, func() { f.SetWriteDeadline(time.Now()) })
	return &output{w: f, file: f, temp: temp, path: path, stop: stop}
}

// isInput reports whether st is one of r's input files or standard input.
func isInput(st fs.FileInfo, r *corpus.Reader, stdin io.Reader) bool {
	for _, p := range r.Paths() {
		if p == "-" {
			if f, ok := stdin.(*os.File); ok {
				if in, err := f.Stat(); err == nil && os.SameFile(st, in) {
					return true
				}
			}
			continue
		}
		if in, err := os.Stat(p); err == nil && os.SameFile(st, in) {
			return true
		}
	}
	return false
}

// finish closes the output; a temporary file replaces the file named when
// the run is complete, and is removed otherwise.
func (o *output) finish(complete bool) error {
	if o.file == nil {
		return nil
	}
	o.stop()
	err := o.file.Close()
	if o.temp == "" {
		return err
	}
	if err != nil || !complete {
		os.Remove(o.temp)
		return err
	}
	if err := os.Rename(o.temp, o.path); err != nil {
		os.Remove(o.temp)
		return err
	}
	return nil
}

// recordIndex indexes extract's output records into the --db store as they
// are written, from their documents rather than their lines. A record the
// store cannot take is that record's failure; a store that fails stops
// indexing, never the output.
type recordIndex struct {
	path   string
	fields store.RecordFields
	ix     *store.Indexer
	err    error // the store failed: nothing more is indexed
}

// each builds the article of rec in the worker, while doc and obj are rec's,
// and returns what indexes it once its line is written. A record extract
// could not process (doc is nil) is counted as such.
func (x *recordIndex) each(rec *corpus.Record, doc *pipeline.Document, obj *corpus.Object) (func() error, error) {
	if doc == nil {
		return func() error {
			if x.err == nil {
				x.ix.AddFailed()
			}
			return nil
		}, nil
	}
	a, badDate, err := store.NewArticle(doc, obj, x.fields)
	if err != nil {
		return nil, fmt.Errorf("not indexed into %s: %w", x.path, err)
	}
	pos := rec.Pos()
	return func() error { return x.add(&a, badDate, pos) }, nil
}

// add indexes a. The store's context is not the run's: an interrupt stops
// reading, but what was written to the output is indexed, in whole
// articles.
func (x *recordIndex) add(a *store.Article, badDate, pos string) error {
	if x.err != nil {
		return nil
	}
	if err := x.ix.AddArticle(context.Background(), *a, badDate, pos); err != nil {
		x.err = fmt.Errorf("indexing into %s: %w; later records are not indexed", x.path, err)
		return x.err
	}
	return nil
}

func (x *recordIndex) finish() error {
	if x.err != nil {
		return &failedError{1}
	}
	if err := x.ix.Flush(context.Background()); err != nil {
		return fmt.Errorf("indexing into %s: %w", x.path, err)
	}
	return nil
}

type extractOptions struct {
	corpus.ExtractOptions
	quiet bool
}

// extract runs corpus.Extract from r to out, indexing into ix if it is not
// nil, with progress and messages on errOut.
func extract(ctx context.Context, opts extractOptions, r *corpus.Reader, ix *recordIndex, out, errOut io.Writer) error {
	progress := startProgress(errOut, r, opts.quiet, out)
	opts.Message = progress.message
	opts.Written = func() { progress.articles.Add(1) }
	if ix != nil {
		opts.Each = ix.each
	}
	sum, err := corpus.Extract(ctx, r, out, opts.ExtractOptions)
	progress.stop()
	progress.summary(sum.Records, sum.Failed)
	if err == nil && sum.Failed > 0 {
		err = &failedError{sum.Failed}
	}
	return err
}
