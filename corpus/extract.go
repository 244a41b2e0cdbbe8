package corpus

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/kutip/kutip/pipeline"
)

// ExtractOptions configure Extract.
type ExtractOptions struct {
	Options       // how each record is annotated
	Workers  int  // records annotated in parallel; 0 means runtime.NumCPU()
	FailFast bool // stop after the first record that fails

	// Message, when set, is called in input order with every warning and
	// failure, each naming its place.
	Message func(msg string)
	// Written, when set, is called after each record's line is written,
	// in input order (for a progress count).
	Written func()
	// Each, when set, is called in a worker for every record that has a
	// line, with the document it was annotated as and its input fields
	// (both nil for a record that failed), which are valid only during the
	// call. The function it returns, if any, is called in input order once
	// the record's line is written. kutip extract --db indexes documents
	// this way, without parsing its output again. An error from Each fails
	// the record (reported as "place: error"); an error from the function
	// it returns is reported as it is and counted as a failure.
	Each func(rec *Record, doc *pipeline.Document, obj *Object) (written func() error, err error)
}

// Summary says what Extract did.
type Summary struct {
	Records int // lines that reached the output
	Failed  int // records that failed, including those with an error record
}

// ErrInterrupted says that Extract stopped because its context was done.
var ErrInterrupted = errors.New("interrupted: the output holds the records finished before")

// job is one record on its way through the workers.
type job struct {
	rec      Record
	readErr  *Error   // the reader's problem in the record's place
	head     []byte   // the output record's start, when it is rec.Raw's
	line     []byte   // the output record (its rest after head), with its newline; nil for none
	messages []string // written in input order
	failed   bool
	written  func() error // ExtractOptions.Each's
}

// batch is a run of consecutive records that one worker processes; done is
// closed when all their lines are ready. Handing records over in batches
// spares a goroutine wake-up per record, which cost about 6 % of a worker's
// time on news articles.
//
// The records' raw lines are copied one after another into raw, and their
// output lines written one after another into out. Once written, a batch
// is used again with its jobs and both buffers, so that memory is what a
// few batches take, whatever the records' sizes: buffers of their own,
// used again for any record, all grew to the largest record seen.
type batch struct {
	jobs []job
	raw  lineStore
	out  lineStore
	done chan struct{}
}

// lineStore holds lines one after another in a buffer used again for the
// next batch. A line that does not fit in it has an allocation of its own,
// rather than the lines before it being moved to a larger buffer: as the
// batches first filled, those moves and the page faults of the heap they
// grew cost 3 % of kutip extract's time. Once the lines are written, reset
// grows the buffer to hold them all.
type lineStore struct {
	buf  []byte
	size int // bytes of the lines kept since the last reset
}

// room returns the unused end of the buffer, for a line to be appended to:
// the line is in the buffer if it fits.
func (s *lineStore) room() []byte { return s.buf[len(s.buf):len(s.buf):cap(s.buf)] }

// keep takes line, appended to room(), and returns it capped so that
// appending to it cannot overwrite the next.
func (s *lineStore) keep(line []byte) []byte {
	s.size += len(line)
	if n := len(s.buf); len(line) > 0 && len(line) <= cap(s.buf)-n && &s.buf[:n+1][n] == &line[0] {
		s.buf = s.buf[:n+len(line)]
	}
	return line[:len(line):len(line)]
}

// add copies line into the store.
func (s *lineStore) add(line []byte) []byte { return s.keep(append(s.room(), line...)) }

// reset empties the store for the next batch, with room for its lines a
// quarter more than the last batch had unless they were huge.
func (s *lineStore) reset() {
	switch {
	case s.size > maxKeptBatchBytes || cap(s.buf) > maxKeptBatchBytes:
		s.buf = nil
	case s.size > cap(s.buf):
		s.buf = make([]byte, 0, min(s.size+s.size/4, maxKeptBatchBytes))
	}
	s.buf, s.size = s.buf[:0], 0
}

// batches holds the batches written, for the next records.
var batches sync.Pool

// maxKeptBatchBytes bounds the buffers of a batch that is used again: a
// batch of huge records does not pin their memory.
const maxKeptBatchBytes = 16 * batchBytes

// newBatch returns an empty batch, one written before if there is one.
func newBatch() *batch {
	b, ok := batches.Get().(*batch)
	if !ok {
		b = &batch{}
	}
	b.done = make(chan struct{})
	return b
}

// putBatch empties b, once written, for newBatch.
func putBatch(b *batch) {
	clear(b.jobs) // what the records referred to may go
	b.jobs = b.jobs[:0]
	b.raw.reset()
	b.out.reset()
	batches.Put(b)
}

// A batch ends at batchRecords records or once it holds batchBytes of input,
// and whenever the input has nothing read ahead, so that a slow stream's
// records are not held back waiting for more.
const (
	batchRecords = 64
	batchBytes   = 256 << 10
)

// Extract annotates every record of r and writes its output line to out, in
// input order, then closes r. Records are annotated by opts.Workers
// goroutines; at most a few batches of records per worker are in memory at
// once. Once ctx is done Extract stops with ErrInterrupted, having written
// whole lines only: those of the records finished before. Records that fail
// are counted in the Summary, not returned as an error; the error is the
// run's: a write or read failure, or the interrupt. A MaxRecordBytes set in
// opts applies to r as well.
func Extract(ctx context.Context, r *Reader, out io.Writer, opts ExtractOptions) (Summary, error) {
	if opts.MaxRecordBytes > 0 {
		r.SetMaxRecordBytes(opts.MaxRecordBytes)
	}
	aopts, err := opts.Options.withDefaults()
	if err != nil {
		r.Close()
		return Summary{}, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	message := opts.Message
	if message == nil {
		message = func(string) {}
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	inFlight := workers * 4
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
			b := newBatch()
			for size := 0; len(b.jobs) < batchRecords && size < batchBytes; {
				rec, err := r.Next()
				if err != nil {
					var re *Error // here, where only a failure pays for its allocation
					if errors.As(err, &re) {
						b.jobs = append(b.jobs, job{readErr: re})
						continue
					}
					if err != io.EOF {
						readErr = err
					}
					if len(b.jobs) > 0 {
						send(b)
					}
					return
				}
				j := job{rec: *rec}
				if rec.Raw != nil { // the reader reuses its buffer
					j.rec.Raw = b.raw.add(rec.Raw)
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
	for range workers {
		go func() {
			a := newAnnotator(aopts) // reused, with its buffers, for every record of this worker
			for b := range work {
				for i := range b.jobs {
					j := &b.jobs[i]
					if j.readErr != nil {
						j.inputFailed(&b.out)
					} else {
						j.annotate(ctx, a, &b.out)
					}
					if j.line != nil && opts.Each != nil {
						j.each(opts.Each, a)
					}
				}
				close(b.done)
			}
		}()
	}

	counted := &countingWriter{w: out}
	w := bufio.NewWriterSize(counted, 1<<16)
	// The summary counts the records whose lines reached out: ends holds
	// where each line buffered since then ends.
	var buffered int64
	var ends []int64
	var sum Summary
	settle := func() {
		n := 0
		for n < len(ends) && ends[n] <= counted.n {
			n++
		}
		sum.Records += n
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
				message(m)
			}
			if j.line != nil {
				_, err := w.Write(j.head)
				if err == nil {
					_, err = w.Write(j.line)
				}
				buffered += int64(len(j.head) + len(j.line))
				ends = append(ends, buffered)
				if err == nil && j.written != nil {
					if werr := j.written(); werr != nil {
						message(werr.Error())
						sum.Failed++
					}
				}
				if err != nil {
					writeErr = err
					break write
				}
				if opts.Written != nil {
					opts.Written()
				}
			}
			if j.failed {
				sum.Failed++
				if opts.FailFast {
					break write
				}
			}
		}
		putBatch(b)
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
	interrupted := !inputDone && parent.Err() != nil
	switch {
	case interrupted:
		return sum, ErrInterrupted // a write cut short by the interrupt is no write error
	case writeErr != nil:
		return sum, fmt.Errorf("writing output: %w", writeErr)
	case inputDone && readErr != nil: // readErr is only safe to read once ordered is closed
		return sum, readErr
	}
	return sum, nil
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
// an error record kept in out when it stands for one record.
func (j *job) inputFailed(out *lineStore) {
	e := j.readErr
	j.rec = Record{Source: e.Source, Line: e.Line}
	j.failed = true
	j.messages = append(j.messages, e.Error())
	if e.Record {
		j.line = out.keep(appendErrorRecord(out.room(), &j.rec, e.Err, false))
	}
}

// annotate makes j's line with a and keeps it in out.
func (j *job) annotate(ctx context.Context, a *Annotator, out *lineStore) {
	line, err := a.annotate(ctx, out.room(), &j.rec, &j.head)
	j.messages = append(j.messages, a.Warnings()...)
	if ctx.Err() != nil {
		return // cancelled: the line may be incomplete
	}
	j.line = out.keep(line)
	if err != nil {
		j.failed = true
		j.messages = append(j.messages, err.Error())
	}
}

// each calls fn on j while a holds its annotation.
func (j *job) each(fn func(*Record, *pipeline.Document, *Object) (func() error, error), a *Annotator) {
	var doc *pipeline.Document
	var obj *Object
	if j.readErr == nil {
		doc, obj = a.Document(), a.Object()
	}
	written, err := fn(&j.rec, doc, obj)
	if err != nil {
		j.failed = true
		j.messages = append(j.messages, j.rec.Pos()+": "+err.Error())
	}
	j.written = written
}
