package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"unicode/utf8"
)

// DefaultMaxRecordBytes is the default limit on one JSONL line (line ending
// included) or one text file. It keeps memory bounded when a file is not
// line-oriented at all, while leaving room for 50 MB+ articles.
const DefaultMaxRecordBytes = 256 << 20

// ErrTooLong is returned (wrapped, with the position) for a record over the
// Reader's size limit.
var ErrTooLong = errors.New("record too long")

const (
	bufSize = 256 << 10
	// keepBuf is the largest line buffer kept for reuse; one huge line
	// should not pin its memory for the rest of the run.
	keepBuf = 4 << 20
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// Record is one input record.
type Record struct {
	Source string // file path, or "-" for standard input
	Line   int    // 1-based line of a JSONL record; 0 for a whole text file
	// Raw is a JSONL line without its line ending (valid UTF-8 after repair);
	// nil for text files. Only valid until the next call to Next.
	Raw  []byte
	Text string // text files: the whole content (the article); empty for JSONL
	// RepairedUTF8 reports that invalid UTF-8 was replaced by U+FFFD (the
	// caller warns).
	RepairedUTF8 bool
	// validUTF8 says that the Reader made sure Raw is valid UTF-8, which
	// the Annotator then need not check again.
	validUTF8 bool
}

// Pos returns the record's position for messages: "path:line", or just the
// path for a text file.
func (r *Record) Pos() string {
	if r.Line == 0 {
		return r.Source
	}
	return fmt.Sprintf("%s:%d", r.Source, r.Line)
}

type input struct {
	path string // "-" for standard input
	text bool   // one article per file rather than JSONL
	err  error  // found while walking a directory: reported in its place
}

// Error is a problem with one input, or with one record of it. Next goes on
// after it with the next record or input, so that one bad file or line does
// not cost the rest of the run.
type Error struct {
	Source string // file path, or "-" for standard input
	Line   int    // 1-based line where it happened; 0 for the input as a whole
	// Record says that the error stands for one record, which was
	// skipped (a line over the size limit): its caller owes it an error
	// record. Otherwise the rest of the input was given up.
	Record bool
	Err    error
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Source + ": " + e.Err.Error()
	}
	return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// pathless drops what an *fs.PathError repeats of the Error: the path, and
// the operation that found it missing or unreadable.
func pathless(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Reader reads records from standard input, files and directories in order.
// Gzip compression is recognised by its magic bytes, so it works on standard
// input and whatever the file is called.
type Reader struct {
	stdin     io.Reader
	inputs    []input
	next      int // index of the next input to open
	total     int64
	skipped   []string // JSON files a walk passed over
	read      atomic.Int64
	decoded   atomic.Int64 // read, after gunzipping
	maxRecord int

	cur  *input   // open input, nil between inputs
	file *os.File // nil for standard input
	line int      // lines read from cur so far

	// Reused across inputs so that millions of small files do not each
	// allocate fresh buffers.
	counter   counter
	gzCounter counter // counts what r.gz decompresses
	fileBuf   *bufio.Reader
	gz        *gzip.Reader
	gzBuf     *bufio.Reader
	br        *bufio.Reader // fileBuf or gzBuf
	long      []byte        // assembles lines longer than br's buffer
	fixed     []byte        // UTF-8-repaired copy of the current line
}

// NewReader returns a Reader over the given paths in order; no paths or "-"
// means stdin, which is read as JSONL. Every path must exist. Directories are
// walked recursively in lexical order, taking only *.jsonl, *.jsonl.gz,
// *.ndjson, *.txt and *.txt.gz files and skipping hidden files and
// directories; what cannot be read in them is an *Error of Next in its
// place. A file named explicitly is a text file if it ends in .txt or
// .txt.gz and JSONL otherwise.
func NewReader(stdin io.Reader, paths ...string) (*Reader, error) {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	r := &Reader{stdin: stdin, maxRecord: DefaultMaxRecordBytes}
	r.counter.n = &r.read
	r.gzCounter.n = &r.decoded
	sawStdin := false
	for _, p := range paths {
		if p == "-" {
			if sawStdin {
				return nil, errors.New("standard input (-) given more than once")
			}
			if stdin == nil {
				return nil, errors.New("standard input (-) is not available")
			}
			sawStdin = true
			r.total = -1
			r.inputs = append(r.inputs, input{path: "-"})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("input: %w", err)
		}
		if st.IsDir() {
			r.walk(p)
			continue
		}
		r.addFile(p, st)
	}
	return r, nil
}

func (r *Reader) walk(root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil { // an unreadable directory: reported, and skipped
			r.inputs = append(r.inputs, input{path: p, err: pathless(err)})
			return filepath.SkipDir
		}
		hidden := strings.HasPrefix(d.Name(), ".") && p != root
		if d.IsDir() {
			if hidden {
				return filepath.SkipDir
			}
			return nil
		}
		if hidden {
			return nil
		}
		if !wanted(d.Name()) {
			if looksJSON(d.Name()) {
				r.skipped = append(r.skipped, p)
			}
			return nil
		}
		// Stat follows symlinks: a link to a file counts, one to a
		// directory is not followed (no cycles).
		st, err := os.Stat(p)
		if err != nil {
			r.inputs = append(r.inputs, input{path: p, err: pathless(err)})
			return nil
		}
		if st.Mode().IsRegular() {
			r.addFile(p, st)
		}
		return nil
	})
}

func (r *Reader) addFile(p string, st fs.FileInfo) {
	switch {
	case r.total < 0:
	case st.Mode().IsRegular():
		r.total += st.Size()
	default: // a pipe such as <(zcat …): size unknown
		r.total = -1
	}
	r.inputs = append(r.inputs, input{path: p, text: isText(p)})
}

func wanted(name string) bool {
	name = strings.ToLower(name)
	for _, ext := range []string{".jsonl", ".jsonl.gz", ".ndjson", ".txt", ".txt.gz"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// looksJSON reports whether a file a walk does not read may be meant as
// input: a .json file holds one document, not records one a line.
func looksJSON(name string) bool {
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".json.gz")
}

// Skipped returns the .json and .json.gz files the walk of a directory
// passed over, for the caller to report: a file named explicitly is read
// whatever its name.
func (r *Reader) Skipped() []string { return r.skipped }

func isText(name string) bool {
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, ".txt.gz")
}

// SetMaxRecordBytes changes the size limit for one JSONL line (line ending
// included) or one text file; see DefaultMaxRecordBytes.
func (r *Reader) SetMaxRecordBytes(n int) { r.maxRecord = n }

// TotalBytes returns the summed on-disk size of all inputs (compressed size
// for gzip files), or -1 when it is unknown because standard input or a pipe
// is among them.
func (r *Reader) TotalBytes() int64 { return r.total }

// BytesRead returns how many bytes were consumed so far, in the units of
// TotalBytes. It may run slightly ahead of the records returned (read-ahead
// buffering) and is safe to call from another goroutine.
func (r *Reader) BytesRead() int64 { return r.read.Load() }

// DecodedBytesRead returns how many bytes of input were consumed so far
// after decompression: the data's own size, for a rate in MB/s. It is safe
// to call from another goroutine.
func (r *Reader) DecodedBytesRead() int64 { return r.decoded.Load() }

// Buffered reports whether the current input has bytes read ahead, so that
// the next call to Next may return without waiting for a slow input (a
// pipe, a terminal).
func (r *Reader) Buffered() bool {
	return r.br != nil && r.cur != nil && r.br.Buffered() > 0
}

// Paths returns the inputs in the order they are read ("-" for standard
// input), so that a caller can refuse to write over one of them.
func (r *Reader) Paths() []string {
	paths := make([]string, len(r.inputs))
	for i, in := range r.inputs {
		paths[i] = in.path
	}
	return paths
}

// Next returns the next record, or io.EOF after the last one. Any other
// error is an *Error naming the input and line; Next goes on after it.
func (r *Reader) Next() (*Record, error) {
	for {
		if r.cur == nil {
			if r.next == len(r.inputs) {
				return nil, io.EOF
			}
			r.cur = &r.inputs[r.next]
			r.next++
			r.line = 0
			err := r.cur.err
			if err == nil {
				err = r.open()
			}
			if err != nil {
				return nil, r.giveUp(0, err)
			}
		}
		var rec *Record
		var err error
		if r.cur.text {
			rec, err = r.readText()
		} else {
			rec, err = r.readJSONL()
		}
		if err == io.EOF {
			if err := r.closeCurrent(); err != nil {
				return nil, &Error{Source: r.inputs[r.next-1].path, Err: pathless(err)}
			}
			continue
		}
		return rec, err
	}
}

// giveUp closes the current input after an error at line (0: the input as
// a whole) and returns the error for it.
func (r *Reader) giveUp(line int, err error) error {
	e := &Error{Source: r.cur.path, Line: line, Err: pathless(err)}
	r.closeCurrent()
	return e
}

func (r *Reader) open() error {
	var src io.Reader = r.stdin
	if r.cur.path != "-" {
		f, err := os.Open(r.cur.path)
		if err != nil {
			return err
		}
		r.file = f
		src = f
	}
	r.counter.r, r.counter.decoded, r.counter.plain = src, &r.decoded, 0
	if r.fileBuf == nil {
		r.fileBuf = bufio.NewReaderSize(&r.counter, bufSize)
	} else {
		r.fileBuf.Reset(&r.counter)
	}
	r.br = r.fileBuf
	magic, err := r.fileBuf.Peek(2)
	if err != nil && err != io.EOF {
		return err
	}
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return nil
	}
	r.decoded.Add(-r.counter.plain) // the bytes peeked at are compressed
	r.counter.decoded = nil
	if r.gz == nil {
		r.gz, err = gzip.NewReader(r.fileBuf)
	} else {
		err = r.gz.Reset(r.fileBuf)
	}
	if err != nil {
		return err
	}
	r.gzCounter.r = r.gz
	if r.gzBuf == nil {
		r.gzBuf = bufio.NewReaderSize(&r.gzCounter, bufSize)
	} else {
		r.gzBuf.Reset(&r.gzCounter)
	}
	r.br = r.gzBuf
	return nil
}

func (r *Reader) closeCurrent() error {
	r.cur = nil
	r.counter.r = nil
	if r.file == nil {
		return nil
	}
	err := r.file.Close()
	r.file = nil
	return err
}

// Close releases the open file, if any; Next then returns io.EOF.
func (r *Reader) Close() error {
	r.next = len(r.inputs)
	return r.closeCurrent()
}

func (r *Reader) readJSONL() (*Record, error) {
	if cap(r.long) > keepBuf {
		r.long = nil
	}
	if cap(r.fixed) > keepBuf {
		r.fixed = nil
	}
	for {
		line, err := r.readLine()
		if err == io.EOF {
			return nil, io.EOF
		}
		if errors.Is(err, ErrTooLong) {
			r.line++
			return nil, &Error{Source: r.cur.path, Line: r.line, Record: true, Err: err}
		}
		if err != nil {
			return nil, r.giveUp(r.line+1, err)
		}
		r.line++
		if r.line == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		line = trimEOL(line)
		if isBlank(line) {
			continue
		}
		rec := &Record{Source: r.cur.path, Line: r.line, validUTF8: true}
		if !utf8.Valid(line) {
			r.fixed = appendValidUTF8(r.fixed[:0], line)
			line = r.fixed
			rec.RepairedUTF8 = true
		}
		// Capped so that appending to Raw cannot overwrite buffered input.
		rec.Raw = line[:len(line):len(line)]
		return rec, nil
	}
}

// readLine returns the next line including its line ending, io.EOF when
// there is none. Lines that fit the buffer are returned without copying. A
// line over the limit is skipped to its end and is an ErrTooLong.
func (r *Reader) readLine() ([]byte, error) {
	line, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		r.long = append(r.long[:0], line...)
		for err == bufio.ErrBufferFull && len(r.long) <= r.maxRecord {
			line, err = r.br.ReadSlice('\n')
			r.long = append(r.long, line...)
		}
		line = r.long
	}
	if len(line) > r.maxRecord {
		for err == bufio.ErrBufferFull {
			_, err = r.br.ReadSlice('\n')
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		return nil, fmt.Errorf("%w: line exceeds %d bytes", ErrTooLong, r.maxRecord)
	}
	if err == io.EOF && len(line) > 0 {
		err = nil // a last line without newline
	}
	return line, err
}

func (r *Reader) readText() (*Record, error) {
	if r.line > 0 {
		return nil, io.EOF
	}
	r.line = 1 // marks the file as consumed
	data, err := io.ReadAll(io.LimitReader(r.br, int64(r.maxRecord)+1))
	if err != nil {
		return nil, r.giveUp(0, err)
	}
	if len(data) > r.maxRecord {
		return nil, &Error{Source: r.cur.path, Record: true, Err: fmt.Errorf("%w: file exceeds %d bytes", ErrTooLong, r.maxRecord)}
	}
	data = bytes.TrimPrefix(data, bom)
	rec := &Record{Source: r.cur.path}
	if !utf8.Valid(data) {
		data = appendValidUTF8(nil, data)
		rec.RepairedUTF8 = true
	}
	rec.Text = string(data)
	return rec, nil
}

func trimEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'})
}

// isBlank reports whether line holds only JSON whitespace; such lines are
// skipped, as jq does.
func isBlank(line []byte) bool {
	return skipSpace(line, 0) == len(line)
}

// appendValidUTF8 appends s with every byte that does not belong to a valid
// UTF-8 sequence replaced by U+FFFD. That is how encoding/json decodes such
// bytes, so the repaired text equals what a silent decode would have given.
func appendValidUTF8(dst, s []byte) []byte {
	if utf8.Valid(s) {
		return append(dst, s...)
	}
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] < utf8.RuneSelf {
			i++
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		if len(s) == 0 {
			break
		}
		c, size := utf8.DecodeRune(s)
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, "\uFFFD"...)
		} else {
			dst = append(dst, s[:size]...)
		}
		s = s[size:]
	}
	return dst
}

// counter counts the bytes read from the underlying input for progress;
// while decoded is set (the input is not compressed, as far as known) they
// count as decoded bytes too, plain says how many of this input's.
type counter struct {
	r       io.Reader
	n       *atomic.Int64
	decoded *atomic.Int64
	plain   int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	if c.decoded != nil {
		c.decoded.Add(int64(n))
		c.plain += int64(n)
	}
	return n, err
}
