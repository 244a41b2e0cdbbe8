package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/kutip/kutip/corpus"
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
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.IntFlag{Name: "workers", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "articles processed in parallel (output order is kept)"},
			&cli.BoolFlag{Name: "tokens", Usage: "also write tokens, sentences and paragraphs"},
			&cli.BoolFlag{Name: "fail-fast", Usage: "stop at the first record that fails"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar and no summary on standard error"},
			&cli.StringFlag{Name: "db", Usage: "also index every output record into the quote store `FILE` as it is written (see kutip index)"},
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
			r, err := corpus.NewReader(c.App.Reader, c.Args().Slice()...)
			if err != nil {
				return usageErrorf("%v", err)
			}
			defer r.Close()
			g, err := loadGazetteer(c)
			if err != nil {
				return err
			}
			pipe := pipeline.Standard(g)
			run := func(out io.Writer) error {
				return withIndex(c, opts, out, func(out io.Writer) error {
					return extract(c.Context, opts, pipe, r, out, c.App.ErrWriter)
				})
			}
			path := c.String("output")
			if path == "" {
				return run(c.App.Writer)
			}
			f, err := os.Create(path)
			if err != nil {
				return usageErrorf("%v", err)
			}
			err = run(f)
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("writing %s: %w", path, cerr)
			}
			return err
		},
	}
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
	line     []byte   // the output record, with its newline
	messages []string // for stderr, written in input order
	failed   bool
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

// extract streams records from r through pipe to out. Records are processed
// by opts.workers goroutines and written in input order; at most a few batches
// of records per worker are in memory at once.
func extract(ctx context.Context, opts extractOptions, pipe pipeline.Pipeline, r *corpus.Reader, out, errOut io.Writer) error {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	inFlight := opts.workers * 4
	ordered := make(chan *batch, inFlight)
	work := make(chan *batch, inFlight)
	var readErr error
	go func() { // reader
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
			for b := range work {
				for i := range b.jobs {
					processRecord(ctx, opts, pipe, doc, &b.jobs[i])
				}
				close(b.done)
			}
		}()
	}

	progress := startProgress(errOut, r, opts.quiet)
	w := bufio.NewWriterSize(out, 1<<16)
	var articles, failed int
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
			_, err := w.Write(j.line)
			putBuffer(j.line)
			putBuffer(j.rec.Raw)
			if err != nil {
				writeErr = err
				break write
			}
			articles++
			progress.articles.Add(1)
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
	}
	cancel() // stop the reader and the workers if they are still going
	if err := w.Flush(); err != nil && writeErr == nil {
		writeErr = err
	}
	progress.stop(articles, failed)
	switch {
	case writeErr != nil:
		return fmt.Errorf("writing output: %w", writeErr)
	case inputDone && readErr != nil: // readErr is only safe to read once ordered is closed
		return readErr
	case failed > 0:
		return &failedError{failed}
	case !inputDone && ctx.Err() != nil && parent.Err() != nil:
		return errors.New("interrupted: the output holds the records finished before")
	}
	return nil
}

// processRecord turns j.rec into its output line. A record that cannot be
// processed still yields a line, with an "error" field.
func processRecord(ctx context.Context, opts extractOptions, pipe pipeline.Pipeline, doc *pipeline.Document, j *job) {
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
		j.line = errorRecord(rec, err)
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
	out := doc.Output(opts.tokens)
	fields := make([]corpus.Field, 0, len(out)+1)
	size := len(raw) + 64
	for _, f := range out {
		fields = append(fields, corpus.Field{Key: f.Key, Value: f.JSON})
		size += len(f.Key) + len(f.JSON) + 4
	}
	fields = append(fields, corpus.Field{Key: "kutip_version", Value: json.RawMessage(`"` + Version + `"`)})
	j.line = corpus.AppendRecord(getBuffer(size), raw, obj, fields)
	j.line = append(j.line, '\n')
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
// error, where it was, and the raw line as a string.
func errorRecord(rec *corpus.Record, err error) []byte {
	line, _ := json.Marshal(struct {
		Error string `json:"error"`
		File  string `json:"file"`
		Line  int    `json:"line"`
		Raw   string `json:"raw"`
	}{err.Error(), rec.Source, rec.Line, string(rec.Raw)})
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
