// Command kutip-beam runs kutip extract as an Apache Beam pipeline: it reads
// JSONL or JSONL.gz records through Beam's file IO (local files, gs://,
// s3:// where the runner has them), annotates each with kutip's Annotator
// (the gazetteer loaded once per worker process) and writes kutip extract's
// output lines as sharded JSONL files, or indexes them into a PostgreSQL
// quote store. Records that cannot be annotated go, as kutip extract's
// error records, to an error output and are counted.
//
// It lives in a module of its own, so that kutip's module does not depend
// on the Beam SDK.
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/google/uuid"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/postgres"
	"github.com/kutip/kutip/gazetteer"
)

func init() {
	register.DoFn5x1[context.Context, string, string, func(string), func(string), error](&annotateFn{})
	register.DoFn5x1[context.Context, string, string, func(string), func(string), error](&annotateToFilesFn{})
	register.Emitter1[string]()
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&nameFilesFn{})
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeFileFn{})
	register.Iter1[string]()
	register.DoFn2x1[context.Context, string, error](&indexFn{})
}

// Config is what the pipeline does; the command's flags set it.
type Config struct {
	Input  string // file pattern of JSONL or JSONL.gz records
	Output string // prefix of the output files; "" when DB is set
	Errors string // prefix of the error records' file; "" for Output + "-errors"
	Gzip   bool   // write .jsonl.gz files
	DB     string // postgres:// URL of a quote store to index into instead of writing shards
	// Reshuffle spreads the records over the workers before annotating:
	// textio reads a file in blocks of 64 MB, so on a cluster few large
	// files keep few workers busy. It costs a shuffle of the input.
	Reshuffle bool

	// The fields and gazetteer, as kutip extract's flags name them.
	TextField, IDField, OutletField string
	Gazetteers                      []string // files read through Beam's file IO
	NoDefaultGazetteer              bool
}

// Build adds the pipeline of cfg to s. Each bundle of records is annotated
// into a file of its own, written as it goes (no shuffle of the output):
// PREFIX-00000-of-00012.jsonl … once all are written, one file per bundle.
func Build(s beam.Scope, cfg Config) error {
	if cfg.Input == "" || cfg.Output == "" && cfg.DB == "" {
		return fmt.Errorf("an input pattern and an output prefix or a database are required")
	}
	errs := cfg.Errors
	if errs == "" {
		errs = strings.TrimSuffix(cfg.Output, "/") + "-errors"
		if cfg.Output == "" {
			errs = "kutip-errors"
		}
	}
	lines := textio.ReadWithFilename(s, cfg.Input, textio.ReadAutoCompression())
	if cfg.Reshuffle {
		lines = beam.Reshuffle(s, lines)
	}
	annotator := annotator{TextField: cfg.TextField, IDField: cfg.IDField, OutletField: cfg.OutletField,
		Gazetteers: cfg.Gazetteers, NoDefaultGazetteer: cfg.NoDefaultGazetteer}
	var failed beam.PCollection
	if cfg.DB != "" {
		var out beam.PCollection
		out, failed = beam.ParDo2(s, &annotateFn{annotator: annotator}, lines)
		beam.ParDo0(s, &indexFn{DB: cfg.DB, IDField: cfg.IDField, TextField: cfg.TextField, OutletField: cfg.OutletField}, out)
	} else {
		var files beam.PCollection
		files, failed = beam.ParDo2(s, &annotateToFilesFn{annotator: annotator, Prefix: cfg.Output, Gzip: cfg.Gzip}, lines)
		beam.ParDo0(s, &nameFilesFn{Prefix: cfg.Output, Gzip: cfg.Gzip}, beam.GroupByKey(s, beam.AddFixedKey(s, files)))
	}
	writeFile(s.Scope("errors"), errs, cfg.Gzip, failed)
	return nil
}

var (
	recordsCounter  = beam.NewCounter("kutip", "records")
	failedCounter   = beam.NewCounter("kutip", "failed")
	warningsCounter = beam.NewCounter("kutip", "warnings")
	quotesCounter   = beam.NewCounter("kutip", "quotes")
	indexedCounter  = beam.NewCounter("kutip", "indexed")
)

// gazetteers holds the gazetteers loaded in this worker process, by the
// files they were read from: every DoFn instance shares one.
var loaded struct {
	sync.Mutex
	byKey map[string]*gazetteer.Gazetteer
}

func loadGazetteer(ctx context.Context, paths []string, noDefault bool) (*gazetteer.Gazetteer, error) {
	key := fmt.Sprint(noDefault, paths)
	loaded.Lock()
	defer loaded.Unlock()
	if g := loaded.byKey[key]; g != nil {
		return g, nil
	}
	var g *gazetteer.Gazetteer
	if len(paths) == 0 && !noDefault {
		var err error
		if g, err = gazetteer.Default(); err != nil {
			return nil, err
		}
	} else {
		var sets [][]gazetteer.Entry
		if !noDefault {
			entries, err := gazetteer.DefaultEntries()
			if err != nil {
				return nil, err
			}
			sets = append(sets, entries)
		}
		for _, p := range paths {
			entries, err := readGazetteer(ctx, p)
			if err != nil {
				return nil, fmt.Errorf("gazetteer: %w", err)
			}
			sets = append(sets, entries)
		}
		g = gazetteer.New(sets...)
	}
	if loaded.byKey == nil {
		loaded.byKey = map[string]*gazetteer.Gazetteer{}
	}
	loaded.byKey[key] = g
	return g, nil
}

// readGazetteer reads a gazetteer file through Beam's file systems.
func readGazetteer(ctx context.Context, path string) ([]gazetteer.Entry, error) {
	format, ok := gazetteer.FormatOf(path)
	if !ok {
		return nil, fmt.Errorf("%s: not a .tsv, .csv or .jsonl file", path)
	}
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return gazetteer.Read(r, format, path)
}

// annotator is what the annotating DoFns share: the fields and gazetteer
// as kutip extract's flags name them, and one Annotator per DoFn instance.
type annotator struct {
	TextField, IDField, OutletField string
	Gazetteers                      []string
	NoDefaultGazetteer              bool

	annotator *corpus.Annotator
	buf       []byte
}

func (a *annotator) setup(ctx context.Context) error {
	g, err := loadGazetteer(ctx, a.Gazetteers, a.NoDefaultGazetteer)
	if err != nil {
		return err
	}
	a.annotator, err = corpus.NewAnnotator(corpus.Options{
		TextField: a.TextField, IDField: a.IDField, OutletField: a.OutletField, Gazetteer: g,
	})
	return err
}

// annotate returns the output line of raw, newline included, and whether
// it is an error record; none for a blank line, which kutip extract skips
// too. The line is valid until the next call. It counts the record.
func (a *annotator) annotate(ctx context.Context, file, raw string) (line []byte, failed bool, err error) {
	line, failed, counts, err := a.annotateUncounted(ctx, file, raw)
	counts.add(ctx)
	return line, failed, err
}

// annotateUncounted is annotate, returning the record's counts instead of
// adding them to the counters: Beam's counters must be added to from the
// bundle's own goroutine.
func (a *annotator) annotateUncounted(ctx context.Context, file, raw string) (line []byte, failed bool, counts recordCounts, err error) {
	if strings.TrimSpace(raw) == "" {
		return nil, false, counts, nil
	}
	counts.records++
	// The line of a record within its file is not known here (line 0 in
	// an error record): the record's id names it.
	rec := corpus.Record{Source: file, Raw: []byte(strings.TrimSuffix(raw, "\r"))}
	var aerr error
	a.buf, aerr = a.annotator.Annotate(ctx, a.buf[:0], &rec)
	if ctx.Err() != nil {
		return nil, false, counts, ctx.Err()
	}
	counts.warnings += int64(len(a.annotator.Warnings()))
	if aerr != nil {
		counts.failed++
		return a.buf, true, counts, nil
	}
	if doc := a.annotator.Document(); doc != nil {
		counts.quotes += int64(len(doc.Quotes))
	}
	return a.buf, false, counts, nil
}

// recordCounts are what the counters count, for some records.
type recordCounts struct{ records, warnings, failed, quotes int64 }

func (c *recordCounts) plus(d recordCounts) {
	c.records += d.records
	c.warnings += d.warnings
	c.failed += d.failed
	c.quotes += d.quotes
}

// add adds the counts to the counters; ctx must be the bundle's.
func (c recordCounts) add(ctx context.Context) {
	for _, k := range []struct {
		counter beam.Counter
		n       int64
	}{{recordsCounter, c.records}, {warningsCounter, c.warnings}, {failedCounter, c.failed}, {quotesCounter, c.quotes}} {
		if k.n > 0 {
			k.counter.Inc(ctx, k.n)
		}
	}
}

// annotateFn annotates raw records: kutip extract's output lines to the
// first output, error records to the second.
type annotateFn struct{ annotator }

func (fn *annotateFn) Setup(ctx context.Context) error { return fn.setup(ctx) }

func (fn *annotateFn) ProcessElement(ctx context.Context, file, raw string, emit, fail func(string)) error {
	line, failed, err := fn.annotate(ctx, file, raw)
	switch {
	case err != nil || line == nil:
		return err
	case failed:
		fail(string(line[:len(line)-1]))
	default:
		emit(string(line[:len(line)-1]))
	}
	return nil
}

// annotateToFilesFn annotates raw records into a file per bundle, named
// PREFIX.tmp-UUID.jsonl until nameFilesFn gives it its name; it emits the
// name of each file it wrote, and error records to its second output. A
// bundle that fails leaves its file behind, with no name given out.
//
// A runner may hand a whole file to one bundle (textio reads in blocks of
// 64 MB, and Prism runs a file's blocks in one bundle), so the records of a
// bundle are annotated by one Annotator per processor, as kutip extract's
// workers do; the order of lines within a file is not kept, as it is not
// between bundles either.
type annotateToFilesFn struct {
	annotator
	Prefix string
	Gzip   bool

	workers []*annotator
	bundle  *bundleWork
}

func (fn *annotateToFilesFn) Setup(ctx context.Context) error {
	for range runtime.GOMAXPROCS(0) {
		a := &annotator{TextField: fn.TextField, IDField: fn.IDField, OutletField: fn.OutletField,
			Gazetteers: fn.Gazetteers, NoDefaultGazetteer: fn.NoDefaultGazetteer}
		if err := a.setup(ctx); err != nil {
			return err
		}
		fn.workers = append(fn.workers, a)
	}
	return nil
}

func (fn *annotateToFilesFn) ProcessElement(ctx context.Context, file, raw string, emit, fail func(string)) error {
	if fn.bundle == nil {
		fn.bundle = fn.startBundle(ctx)
	}
	if err := fn.bundle.failure(); err != nil {
		return err
	}
	fn.bundle.records <- bundleRecord{file, raw}
	return nil
}

func (fn *annotateToFilesFn) FinishBundle(ctx context.Context, emit, fail func(string)) error {
	w := fn.bundle
	fn.bundle = nil
	if w == nil {
		return nil
	}
	close(w.records)
	w.annotating.Wait()
	close(w.lines)
	<-w.written
	w.stop()
	w.cancel()
	w.counts.add(ctx)
	if err := w.failure(); err != nil {
		return err
	}
	for _, line := range w.failed {
		fail(line)
	}
	if w.file == nil {
		return nil
	}
	if err := w.file.close(); err != nil {
		return err
	}
	emit(w.file.name)
	return nil
}

// bundleWork is one bundle's records on their way through the annotators
// to the bundle's file.
type bundleWork struct {
	records    chan bundleRecord
	lines      chan annotatedLine
	annotating sync.WaitGroup
	written    chan struct{}
	file       *bundleFile
	failed     []string // error records, emitted when the bundle finishes
	stop       func() bool
	cancel     context.CancelFunc

	mu     sync.Mutex
	err    error        // the first
	counts recordCounts // added to the counters when the bundle finishes
}

func (w *bundleWork) count(c recordCounts) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.counts.plus(c)
}

type bundleRecord struct{ file, raw string }

type annotatedLine struct {
	line   string // without its newline
	failed bool
}

func (fn *annotateToFilesFn) startBundle(ctx context.Context) *bundleWork {
	w := &bundleWork{
		records: make(chan bundleRecord, 4*len(fn.workers)),
		lines:   make(chan annotatedLine, 4*len(fn.workers)),
		written: make(chan struct{}),
	}
	// The annotators run on a context of their own, cancelled with the
	// bundle's: Beam's context is not for other goroutines.
	own, cancel := context.WithCancel(context.Background())
	w.stop = context.AfterFunc(ctx, cancel)
	w.cancel = cancel
	for _, a := range fn.workers {
		w.annotating.Add(1)
		go func() {
			defer w.annotating.Done()
			var counts recordCounts
			defer func() { w.count(counts) }()
			for r := range w.records {
				line, failed, c, err := a.annotateUncounted(own, r.file, r.raw)
				counts.plus(c)
				if err != nil {
					w.fail(err)
				} else if line != nil {
					w.lines <- annotatedLine{string(line[:len(line)-1]), failed}
				}
			}
		}()
	}
	go func() {
		defer close(w.written)
		for l := range w.lines {
			if l.failed {
				w.failed = append(w.failed, l.line)
				continue
			}
			if err := w.write(own, fn.Prefix, fn.Gzip, l.line); err != nil {
				w.fail(err)
			}
		}
	}()
	return w
}

// write writes a line to the bundle's file, created on the first line.
func (w *bundleWork) write(ctx context.Context, prefix string, gz bool, line string) error {
	if w.failure() != nil {
		return nil
	}
	if w.file == nil {
		name := fmt.Sprintf("%s.tmp-%s.jsonl", prefix, uuid.NewString())
		if gz {
			name += ".gz"
		}
		var err error
		if w.file, err = createFile(ctx, name, gz); err != nil {
			return err
		}
	}
	return w.file.write(append([]byte(line), '\n'))
}

func (w *bundleWork) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

func (w *bundleWork) failure() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// nameFilesFn gives the files of every bundle their names, once all are
// written: PREFIX-00000-of-NNNNN.jsonl.
type nameFilesFn struct {
	Prefix string
	Gzip   bool
}

func (fn *nameFilesFn) ProcessElement(ctx context.Context, _ int, files func(*string) bool) error {
	var names []string
	var name string
	for files(&name) {
		names = append(names, name)
	}
	slices.Sort(names)
	for i, tmp := range names {
		fs, err := filesystem.New(ctx, tmp)
		if err != nil {
			return err
		}
		err = filesystem.Rename(ctx, fs, tmp, FileName(fn.Prefix, i, len(names), fn.Gzip))
		fs.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// FileName returns the name of output file i of n.
func FileName(prefix string, i, n int, gz bool) string {
	name := fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, n)
	if gz {
		name += ".gz"
	}
	return name
}

// bundleFile is an output file being written through Beam's file systems.
type bundleFile struct {
	name string
	fs   filesystem.Interface
	f    io.WriteCloser
	zw   *gzip.Writer
	w    *bufio.Writer
}

func createFile(ctx context.Context, name string, gz bool) (*bundleFile, error) {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return nil, err
	}
	f, err := fs.OpenWrite(ctx, name)
	if err != nil {
		fs.Close()
		return nil, err
	}
	b := &bundleFile{name: name, fs: fs, f: f}
	var w io.Writer = f
	if gz {
		b.zw = gzip.NewWriter(f)
		w = b.zw
	}
	b.w = bufio.NewWriterSize(w, 1<<20)
	return b, nil
}

func (b *bundleFile) write(line []byte) error {
	if _, err := b.w.Write(line); err != nil {
		return fmt.Errorf("%s: %w", b.name, err)
	}
	return nil
}

func (b *bundleFile) close() error {
	err := b.w.Flush()
	if b.zw != nil && err == nil {
		err = b.zw.Close()
	}
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	b.fs.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", b.name, err)
	}
	return nil
}

// writeFile writes lines to one file, PREFIX-00000-of-00001.jsonl, written
// even when there are none: a run whose error file is empty had no errors.
func writeFile(s beam.Scope, prefix string, gz bool, lines beam.PCollection) {
	grouped := beam.GroupByKey(s, beam.AddFixedKey(s, lines))
	beam.ParDo0(s, &writeFileFn{Name: FileName(prefix, 0, 1, gz), Gzip: gz}, grouped)
}

type writeFileFn struct {
	Name string
	Gzip bool
}

func (fn *writeFileFn) ProcessElement(ctx context.Context, _ int, lines func(*string) bool) error {
	f, err := createFile(ctx, fn.Name, fn.Gzip)
	if err != nil {
		return err
	}
	var line string
	for lines(&line) {
		if err := f.write([]byte(line + "\n")); err != nil {
			f.close()
			return err
		}
	}
	return f.close()
}

// indexFn indexes output lines into the PostgreSQL store, one Indexer per
// bundle. Index upserts by article id, so a bundle the runner retries
// replaces what its first attempt wrote.
type indexFn struct {
	DB                              string
	IDField, TextField, OutletField string

	store *postgres.Store
	ix    *store.Indexer
}

func (fn *indexFn) Setup(ctx context.Context) (err error) {
	fn.store, err = postgres.Open(ctx, fn.DB)
	return err
}

func (fn *indexFn) StartBundle(ctx context.Context) {
	fields := store.DefaultRecordFields
	for _, f := range []struct {
		dst *string
		v   string
	}{{&fields.ID, fn.IDField}, {&fields.Text, fn.TextField}, {&fields.Outlet, fn.OutletField}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	fn.ix = store.NewIndexer(fn.store, fields)
}

func (fn *indexFn) ProcessElement(ctx context.Context, line string) error {
	return fn.ix.Add(ctx, []byte(line), "beam")
}

func (fn *indexFn) FinishBundle(ctx context.Context) error {
	err := fn.ix.Flush(ctx)
	indexedCounter.Inc(ctx, int64(fn.ix.Stats().Articles))
	return err
}

func (fn *indexFn) Teardown() error {
	if fn.store != nil {
		return fn.store.Close()
	}
	return nil
}
