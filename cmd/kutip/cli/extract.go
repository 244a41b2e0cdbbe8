package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

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
			opts := extractOptions{
				textField:   c.String("text-field"),
				idField:     c.String("id-field"),
				outletField: c.String("outlet-field"),
				workers:     c.Int("workers"),
				tokens:      c.Bool("tokens"),
				failFast:    c.Bool("fail-fast"),
				quiet:       c.Bool("quiet"),
			}
			if opts.workers < 1 {
				return usageErrorf("--workers must be at least 1, not %d", opts.workers)
			}
			if opts.textField == "" {
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
			r.SetMaxRecordBytes(maxRecord)
			g, err := loadGazetteer(c)
			if err != nil {
				return err
			}
			var ix *recordIndex
			if path := c.String("db"); path != "" {
				s, err := openStoreAt(path, false)
				if err != nil {
					return usageErrorf("%v", err)
				}
				defer s.Close()
				fields := store.RecordFields{ID: opts.idField, Text: opts.textField, Outlet: opts.outletField}
				ix = &recordIndex{path: storeName(path), fields: fields, ix: store.NewIndexer(s, fields)}
			}
			out, err := createOutput(c.Context, c.String("output"), r, c.App.Reader, c.App.Writer)
			if err != nil {
				return err
			}
			err = extract(c.Context, opts, pipeline.Standard(g), r, ix, out.w, c.App.ErrWriter)
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

// prepare builds j's article in the worker, while doc and obj are j's.
func (x *recordIndex) prepare(j *job, doc *pipeline.Document, obj *corpus.Object) {
	a, badDate, err := store.NewArticle(doc, obj, x.fields)
	if err != nil {
		j.failed, j.notIndexed = true, true
		j.messages = append(j.messages, j.rec.Pos()+": not indexed into "+x.path+": "+err.Error())
		return
	}
	j.article, j.badDate = &a, badDate
}

// add indexes j's article. The store's context is not the run's: an
// interrupt stops reading, but what was written to the output is indexed,
// in whole articles.
func (x *recordIndex) add(j *job) error {
	switch {
	case x.err != nil || j.notIndexed:
		return nil
	case j.article == nil: // a record extract could not process
		x.ix.AddFailed()
		return nil
	}
	if err := x.ix.AddArticle(context.Background(), *j.article, j.badDate, j.rec.Pos()); err != nil {
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
	textField, idField string
	outletField        string
	workers            int
	tokens, failFast   bool
	quiet              bool
}

// job is one record on its way through the workers.
type job struct {
	rec      corpus.Record
	readErr  *corpus.Error // the reader's problem in the record's place
	line     []byte        // the output record, with its newline; nil for none
	messages []string      // for stderr, written in input order
	failed   bool

	// For --db: the record as the store keeps it, built while its document
	// is at hand.
	article    *store.Article
	badDate    string
	notIndexed bool // the store cannot take the record (reported)
}

// batch is a run of consecutive records that one worker processes; done is
// closed when all their lines are ready. Handing records over in batches
// spares a goroutine wake-up per record, which cost about 6 % of a worker's
// time on news articles.
type batch struct {
	jobs []job
	done chan struct{}
}

// A batch ends at batchRecords records or once it holds batchBytes of input,
// and whenever the input has nothing read ahead, so that a slow stream's
// records are not held back waiting for more.
const (
	batchRecords = 64
	batchBytes   = 256 << 10
)

// errInterrupted says that extract stopped because its context was done.
var errInterrupted = errors.New("interrupted: the output holds the records finished before")

// extract streams records from r through pipe to out, and to ix if it is
// not nil, and closes r. Records are processed by opts.workers goroutines and written in
// input order; at most a few batches of records per worker are in memory at
// once.
func extract(ctx context.Context, opts extractOptions, pipe pipeline.Pipeline, r *corpus.Reader, ix *recordIndex, out, errOut io.Writer) error {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	inFlight := opts.workers * 4
	ordered := make(chan *batch, inFlight)
	work := make(chan *batch, inFlight)
	var readErr error
	go func() { // reader; it alone touches r, which it closes when done
		defer r.Close()
		defer close(ordered)
		defer close(work)
		send := func(b *batch) bool {
			select {
			case ordered <- b:
			case <-ctx.Done():
				return false
			}
			work <- b
			return true
		}
		for {
			b := &batch{done: make(chan struct{})}
			for size := 0; len(b.jobs) < batchRecords && size < batchBytes; {
				rec, err := r.Next()
				var re *corpus.Error
				if errors.As(err, &re) {
					b.jobs = append(b.jobs, job{readErr: re})
					continue
				}
				if err != nil {
					if err != io.EOF {
						readErr = err
					}
					if len(b.jobs) > 0 {
						send(b)
					}
					return
				}
				j := job{rec: *rec}
				if rec.Raw != nil {
					j.rec.Raw = append(getBuffer(len(rec.Raw)), rec.Raw...) // the reader reuses its buffer
				}
				b.jobs = append(b.jobs, j)
				size += len(rec.Raw) + len(rec.Text)
				if !r.Buffered() {
					break
				}
			}
			if !send(b) {
				return
			}
		}
	}()
	for range opts.workers {
		go func() {
			doc := new(pipeline.Document) // reused, with its buffers, for every record of this worker
			enc := new(corpus.Encoder)
			for b := range work {
				for i := range b.jobs {
					j := &b.jobs[i]
					if j.readErr != nil {
						inputFailed(j)
						continue
					}
					processRecord(ctx, opts, pipe, ix, doc, enc, j)
				}
				close(b.done)
			}
		}()
	}

	progress := startProgress(errOut, r, opts.quiet)
	counted := &countingWriter{w: out}
	w := bufio.NewWriterSize(counted, 1<<16)
	// The summary counts the records whose lines reached out: ends holds
	// where each line buffered since then ends.
	var buffered int64
	var ends []int64
	var articles, failed int
	settle := func() {
		n := 0
		for n < len(ends) && ends[n] <= counted.n {
			n++
		}
		articles += n
		ends = ends[:copy(ends, ends[n:])]
	}
	var writeErr error
	inputDone := false
write:
	for {
		var b *batch
		select {
		case b = <-ordered:
		case <-ctx.Done():
			break write
		}
		if b == nil {
			inputDone = true
			break
		}
		select {
		case <-b.done:
		case <-ctx.Done():
			break write
		}
		if ctx.Err() != nil {
			break // a cancelled record may be incomplete
		}
		for i := range b.jobs {
			j := &b.jobs[i]
			for _, m := range j.messages {
				progress.message(m)
			}
			if j.line != nil {
				_, err := w.Write(j.line)
				buffered += int64(len(j.line))
				ends = append(ends, buffered)
				if err == nil && ix != nil {
					if ierr := ix.add(j); ierr != nil {
						progress.message(ierr.Error())
						failed++
					}
				}
				putBuffer(j.line)
				putBuffer(j.rec.Raw)
				if err != nil {
					writeErr = err
					break write
				}
				progress.articles.Add(1)
			}
			if j.failed {
				failed++
				if opts.failFast {
					break write
				}
			}
		}
		if len(ordered) == 0 {
			// Nothing more is ready: a slow stream's reader gets what
			// is done now rather than when the buffer fills.
			if err := w.Flush(); err != nil {
				writeErr = err
				break
			}
		}
		settle()
	}
	cancel() // stop the reader and the workers if they are still going
	if err := w.Flush(); err != nil && writeErr == nil {
		writeErr = err
	}
	settle()
	progress.stop(articles, failed)
	interrupted := !inputDone && parent.Err() != nil
	switch {
	case interrupted:
		return errInterrupted // a write cut short by the interrupt is no write error
	case writeErr != nil:
		return fmt.Errorf("writing output: %w", writeErr)
	case inputDone && readErr != nil: // readErr is only safe to read once ordered is closed
		return readErr
	case failed > 0:
		return &failedError{failed}
	}
	return nil
}

// countingWriter counts the bytes its writer took.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// inputFailed turns the reader's problem into the job's messages, and into
// an error record when it stands for one record.
func inputFailed(j *job) {
	e := j.readErr
	j.rec = corpus.Record{Source: e.Source, Line: e.Line}
	j.failed = true
	j.messages = append(j.messages, e.Error())
	if e.Record {
		j.line = errorRecord(&j.rec, e.Err, false)
	}
}

// processRecord turns j.rec into its output line, and for ix its article. A
// record that cannot be processed still yields a line, with an "error" field.
func processRecord(ctx context.Context, opts extractOptions, pipe pipeline.Pipeline, ix *recordIndex, doc *pipeline.Document, enc *corpus.Encoder, j *job) {
	rec := &j.rec
	if rec.RepairedUTF8 {
		j.messages = append(j.messages, rec.Pos()+": warning: invalid UTF-8 replaced with U+FFFD")
	}
	raw := rec.Raw
	if raw == nil { // a plain-text article: its path is its id
		raw, _ = json.Marshal(map[string]string{opts.idField: rec.Source, opts.textField: rec.Text})
	}
	obj, err := corpus.ParseObject(raw)
	if err != nil {
		j.fail(err)
		j.line = errorRecord(rec, err, true)
		return
	}
	text, err := obj.StringField(opts.textField)
	if err != nil {
		j.fail(err)
		j.line = corpus.AppendRecord(nil, raw, obj, errorFields(rec, err))
		j.line = append(j.line, '\n')
		return
	}
	id, _ := obj.StringField(opts.idField)
	doc.Reset(id, text)
	doc.Outlet, _ = obj.StringField(opts.outletField)
	if doc.Outlet == "" {
		doc.Outlet = outletOfURL(obj)
	}
	if err := pipe.Process(ctx, doc); err != nil {
		if ctx.Err() != nil {
			return // cancelled: nothing more is written
		}
		j.fail(err)
		j.line = corpus.AppendRecord(nil, raw, obj, errorFields(rec, err))
		j.line = append(j.line, '\n')
		return
	}
	for _, w := range doc.Warnings {
		j.messages = append(j.messages, rec.Pos()+": warning: "+w)
	}
	enc.Tokens = opts.tokens
	fields := enc.Fields(doc)
	size := len(raw) + 64
	for _, f := range fields {
		size += len(f.Key) + len(f.Value) + 4
	}
	fields = append(fields, corpus.Field{Key: "kutip_version", Value: json.RawMessage(`"` + Version + `"`)})
	j.line = corpus.AppendRecord(getBuffer(size), raw, obj, fields)
	j.line = append(j.line, '\n')
	if ix != nil {
		ix.prepare(j, doc, obj)
	}
}

// buffers recycles the byte slices of input and output records, which
// would otherwise be most of what extract allocates.
var buffers sync.Pool

// maxPooledBuffer is the largest buffer kept for reuse; huge records are rare
// and should not pin their memory.
const maxPooledBuffer = 1 << 20

// getBuffer returns an empty slice with room for at least n bytes.
func getBuffer(n int) []byte {
	if p, ok := buffers.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]byte, 0, max(n, 4096))
}

// putBuffer makes b available to getBuffer; b must not be used afterwards.
func putBuffer(b []byte) {
	if cap(b) > 0 && cap(b) <= maxPooledBuffer {
		buffers.Put(&b)
	}
}

func (j *job) fail(err error) {
	j.failed = true
	j.messages = append(j.messages, j.rec.Pos()+": "+err.Error())
}

// errorFields are the fields added to a record that could not be processed.
func errorFields(rec *corpus.Record, err error) []corpus.Field {
	msg, _ := json.Marshal(err.Error())
	file, _ := json.Marshal(rec.Source)
	return []corpus.Field{
		{Key: "error", Value: msg},
		{Key: "file", Value: file},
		{Key: "line", Value: json.RawMessage(fmt.Sprint(rec.Line))},
	}
}

// errorRecord is the output line for a record that is not a JSON object: the
// error, where it was, and with withRaw the raw line as a string.
func errorRecord(rec *corpus.Record, err error, withRaw bool) []byte {
	var raw *string
	if withRaw {
		s := string(rec.Raw)
		raw = &s
	}
	line, _ := json.Marshal(struct {
		Error string  `json:"error"`
		File  string  `json:"file"`
		Line  int     `json:"line"`
		Raw   *string `json:"raw,omitempty"`
	}{err.Error(), rec.Source, rec.Line, raw})
	return append(line, '\n')
}

// progress reports on a terminal while extract runs, and a summary at the end.
type progress struct {
	out      io.Writer
	reader   *corpus.Reader
	quiet    bool
	tty      bool
	start    time.Time
	articles atomic.Int64
	ticker   *time.Ticker
	stopped  chan struct{}
	mu       sync.Mutex // serialises the bar with other stderr messages
}

func startProgress(out io.Writer, r *corpus.Reader, quiet bool) *progress {
	p := &progress{out: out, reader: r, quiet: quiet, start: time.Now(), stopped: make(chan struct{})}
	if f, ok := out.(*os.File); ok && !quiet {
		p.tty = isTerminal(f)
	}
	if p.tty {
		p.ticker = time.NewTicker(250 * time.Millisecond)
		go func() {
			for {
				select {
				case <-p.ticker.C:
					p.draw()
				case <-p.stopped:
					return
				}
			}
		}()
	}
	return p
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	secs := time.Since(p.start).Seconds()
	read := p.reader.BytesRead()
	rate := float64(read) / 1e6 / max(secs, 1e-9)
	line := fmt.Sprintf("\r\x1b[K%d articles  %.1f MB  %.1f MB/s", p.articles.Load(), float64(read)/1e6, rate)
	if total := p.reader.TotalBytes(); total > 0 && read > 0 {
		left := time.Duration(float64(total-read) / float64(read) * secs * float64(time.Second))
		line += fmt.Sprintf("  %3.0f%%  ETA %s", 100*float64(read)/float64(total), left.Round(time.Second))
	}
	fmt.Fprint(p.out, line)
}

// message writes m on a line of its own, clearing the bar first.
func (p *progress) message(m string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprint(p.out, "\r\x1b[K")
	}
	fmt.Fprintf(p.out, "kutip: %s\n", m)
}

func (p *progress) stop(articles, failed int) {
	if p.tty {
		p.ticker.Stop()
		close(p.stopped)
		p.mu.Lock()
		fmt.Fprint(p.out, "\r\x1b[K")
		p.mu.Unlock()
	}
	if p.quiet {
		return
	}
	secs := time.Since(p.start).Seconds()
	mb := float64(p.reader.BytesRead()) / 1e6
	fmt.Fprintf(p.out, "kutip: %d articles, %d errors, %.2f s, %.1f MB/s\n", articles, failed, secs, mb/max(secs, 1e-9))
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// outletOfURL names the publishing outlet after the site of the record's
// "url" field ("https://news.detik.com/…" → "detik"), for inputs without an
// outlet field: the outlet's self-references are then not taken for sources.
func outletOfURL(obj *corpus.Object) string {
	raw, err := obj.StringField("url")
	if err != nil {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	labels := strings.Split(strings.TrimPrefix(u.Hostname(), "www."), ".")
	// The site's name is the label before the public suffix: detik.com,
	// kompas.com, tempo.co, antaranews.com, but okezone.com and tribunnews.com
	// too, and the registrable name in news.detik.com or nasional.kompas.id.
	for len(labels) > 1 {
		last := labels[len(labels)-1]
		if last == "com" || last == "co" || last == "id" || last == "net" || last == "org" || last == "go" || last == "or" || last == "ac" {
			labels = labels[:len(labels)-1]
			continue
		}
		break
	}
	return labels[len(labels)-1]
}
