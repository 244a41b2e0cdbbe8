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
	"hash/fnv"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/store"
	"github.com/kutip/kutip/corpus/store/postgres"
	"github.com/kutip/kutip/gazetteer"
)

func init() {
	register.DoFn4x1[context.Context, string, func(string), func(string), error](&annotateFn{})
	register.Emitter1[string]()
	register.DoFn2x1[string, func(int, string), error](&shardFn{})
	register.Emitter2[int, string]()
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeShardFn{})
	register.Iter1[string]()
	register.DoFn2x1[context.Context, string, error](&indexFn{})
	beam.RegisterType(reflect.TypeOf((*annotateFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*shardFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*writeShardFn)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*indexFn)(nil)).Elem())
}

// Config is what the pipeline does; the command's flags set it.
type Config struct {
	Input  string // file pattern of JSONL or JSONL.gz records
	Output string // prefix of the output shards; "" when DB is set
	Errors string // prefix of the error shards; "" for Output + "-errors"
	Shards int    // output files
	Gzip   bool   // write .jsonl.gz shards
	DB     string // postgres:// URL of a quote store to index into instead of writing shards

	// The fields and gazetteer, as kutip extract's flags name them.
	TextField, IDField, OutletField string
	Gazetteers                      []string // files read through Beam's file IO
	NoDefaultGazetteer              bool
}

// Build adds the pipeline of cfg to s.
func Build(s beam.Scope, cfg Config) error {
	if cfg.Input == "" || cfg.Output == "" && cfg.DB == "" {
		return fmt.Errorf("an input pattern and an output prefix or a database are required")
	}
	if cfg.Shards <= 0 {
		cfg.Shards = 1
	}
	errs := cfg.Errors
	if errs == "" {
		errs = strings.TrimSuffix(cfg.Output, "/") + "-errors"
		if cfg.Output == "" {
			errs = "kutip-errors"
		}
	}
	lines := textio.Read(s, cfg.Input, textio.ReadAutoCompression())
	// Reading a file yields its lines in few bundles; spreading them out
	// lets every worker annotate.
	lines = beam.Reshuffle(s, lines)
	out, failed := beam.ParDo2(s, &annotateFn{
		TextField: cfg.TextField, IDField: cfg.IDField, OutletField: cfg.OutletField,
		Gazetteers: cfg.Gazetteers, NoDefaultGazetteer: cfg.NoDefaultGazetteer,
	}, lines)
	writeShards(s.Scope("errors"), errs, 1, cfg.Gzip, failed)
	if cfg.DB != "" {
		beam.ParDo0(s, &indexFn{DB: cfg.DB, IDField: cfg.IDField, TextField: cfg.TextField, OutletField: cfg.OutletField}, out)
		return nil
	}
	writeShards(s.Scope("output"), cfg.Output, cfg.Shards, cfg.Gzip, out)
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

// annotateFn annotates raw records: kutip extract's output lines to the
// first output, error records to the second.
type annotateFn struct {
	TextField, IDField, OutletField string
	Gazetteers                      []string
	NoDefaultGazetteer              bool

	annotator *corpus.Annotator
	buf       []byte
}

func (fn *annotateFn) Setup(ctx context.Context) error {
	g, err := loadGazetteer(ctx, fn.Gazetteers, fn.NoDefaultGazetteer)
	if err != nil {
		return err
	}
	fn.annotator, err = corpus.NewAnnotator(corpus.Options{
		TextField: fn.TextField, IDField: fn.IDField, OutletField: fn.OutletField, Gazetteer: g,
	})
	return err
}

func (fn *annotateFn) ProcessElement(ctx context.Context, raw string, emit, fail func(string)) error {
	if strings.TrimSpace(raw) == "" {
		return nil // kutip extract skips blank lines too
	}
	recordsCounter.Inc(ctx, 1)
	// The file and line of a record are not known here: an error record
	// names the record by its id instead.
	rec := corpus.Record{Source: "beam", Raw: []byte(strings.TrimSuffix(raw, "\r"))}
	var err error
	fn.buf, err = fn.annotator.Annotate(ctx, fn.buf[:0], &rec)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	line := string(fn.buf[:len(fn.buf)-1])
	if n := len(fn.annotator.Warnings()); n > 0 {
		warningsCounter.Inc(ctx, int64(n))
	}
	if err != nil {
		failedCounter.Inc(ctx, 1)
		fail(line)
		return nil
	}
	if doc := fn.annotator.Document(); doc != nil {
		quotesCounter.Inc(ctx, int64(len(doc.Quotes)))
	}
	emit(line)
	return nil
}

// writeShards writes lines to shards files named prefix-SSSSS-of-NNNNN.jsonl
// (.jsonl.gz with gz).
func writeShards(s beam.Scope, prefix string, shards int, gz bool, lines beam.PCollection) {
	keyed := beam.ParDo(s, &shardFn{Shards: shards}, lines)
	grouped := beam.GroupByKey(s, keyed)
	beam.ParDo0(s, &writeShardFn{Prefix: prefix, Shards: shards, Gzip: gz}, grouped)
}

// shardFn keys a line by the shard it goes to: by its hash, so that a rerun
// writes the same files.
type shardFn struct{ Shards int }

func (fn *shardFn) ProcessElement(line string, emit func(int, string)) error {
	h := fnv.New32a()
	io.WriteString(h, line)
	emit(int(h.Sum32()%uint32(fn.Shards)), line)
	return nil
}

type writeShardFn struct {
	Prefix string
	Shards int
	Gzip   bool
}

// ShardName returns the name of shard i of n.
func ShardName(prefix string, i, n int, gz bool) string {
	name := fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, i, n)
	if gz {
		name += ".gz"
	}
	return name
}

func (fn *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool) (err error) {
	name := ShardName(fn.Prefix, shard, fn.Shards, fn.Gzip)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	f, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	var w io.Writer = f
	var zw *gzip.Writer
	if fn.Gzip {
		zw = gzip.NewWriter(f)
		w = zw
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var line string
	for lines(&line) {
		bw.WriteString(line)
		if err := bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if zw != nil {
		return zw.Close()
	}
	return nil
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
