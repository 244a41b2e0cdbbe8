package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/kutip/kutip/gazetteer"
	"github.com/kutip/kutip/pipeline"
)

// Version is the version of the output contract (../spec/output.md),
// written into every output record as kutip_version.
const Version = "0.1.0"

// Options configure an Annotator. The zero value annotates records as kutip
// extract does by default.
type Options struct {
	// TextField, IDField and OutletField name the input fields holding the
	// article text, its id (for messages) and the publishing outlet, whose
	// self-references are not relaying sources; "" means "text", "id" and
	// "outlet". Without an outlet the site of the "url" field stands for it.
	TextField, IDField, OutletField string
	// Gazetteer is the one the standard pipeline matches against; nil means
	// gazetteer.Default().
	Gazetteer *gazetteer.Gazetteer
	// Pipeline replaces pipeline.Standard(Gazetteer) when not nil.
	Pipeline pipeline.Pipeline
	// Tokens also writes tokens, sentences and paragraphs.
	Tokens bool
	// MaxRecordBytes bounds one raw record or text; a larger one is an error
	// record. 0 means DefaultMaxRecordBytes.
	MaxRecordBytes int
}

// withDefaults fills in what o leaves to the defaults.
func (o Options) withDefaults() (Options, error) {
	for _, f := range []struct {
		field *string
		def   string
	}{{&o.TextField, "text"}, {&o.IDField, "id"}, {&o.OutletField, "outlet"}} {
		if *f.field == "" {
			*f.field = f.def
		}
	}
	if o.MaxRecordBytes <= 0 {
		o.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if o.Pipeline == nil {
		if o.Gazetteer == nil {
			g, err := gazetteer.Default()
			if err != nil {
				return o, err
			}
			o.Gazetteer = g
		}
		o.Pipeline = pipeline.Standard(o.Gazetteer)
	}
	return o, nil
}

// An Annotator turns raw input records into lines of kutip extract's output:
// one record in, one line out, an error record for a record that cannot be
// annotated. It keeps the last record's document and buffers for the next
// one, so it is not safe for concurrent use: make one per goroutine. They
// cost little each; with the same Options they share the gazetteer.
type Annotator struct {
	opts Options
	doc  pipeline.Document
	obj  Object
	enc  Encoder
	ok   bool // doc and obj hold the last record's annotation
	warn []string
	// fields are the encoder's and the version, kept for the next
	// record rather than grown anew for each.
	fields []Field
}

// versionField is written last into every output record.
var versionField = Field{Key: "kutip_version", Value: json.RawMessage(`"` + Version + `"`)}

// NewAnnotator returns an Annotator configured by opts.
func NewAnnotator(opts Options) (*Annotator, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	return newAnnotator(opts), nil
}

// newAnnotator takes opts with their defaults filled in.
func newAnnotator(opts Options) *Annotator {
	a := &Annotator{opts: opts}
	a.enc.Tokens = opts.Tokens
	return a
}

// Line annotates one raw JSON record and returns its output line, without
// its newline. A record that cannot be annotated yields its error record
// and the error.
func (a *Annotator) Line(ctx context.Context, raw []byte) ([]byte, error) {
	line, err := a.Annotate(ctx, nil, &Record{Source: "-", Line: 1, Raw: raw})
	if len(line) > 0 {
		line = line[:len(line)-1]
	}
	return line, err
}

// Annotate appends rec's output line, newline included, to dst and returns
// it. A record that cannot be annotated (not a JSON object, a text field
// that is missing or no string, too large, a stage that failed) still
// yields a line, with "error", "file" and "line" fields added to its own
// (and "raw" holding a line that is not an object), and an *Error naming the
// record's place. When ctx is done Annotate returns ctx's error and no line.
//
// Until the next call, Document and Object hold what the record was
// annotated as, and Warnings what it is warned about.
func (a *Annotator) Annotate(ctx context.Context, dst []byte, rec *Record) ([]byte, error) {
	return a.annotate(ctx, dst, rec, nil)
}

// annotate is Annotate, but when head is not nil and the line starts with
// the record's own fields as they are, as it does but when an added field
// replaces one of them, that part is not appended to dst: *head is set to
// it, a slice of rec.Raw, and dst gets the rest. Extract writes the two
// parts one after the other, rather than copying the record once more.
func (a *Annotator) annotate(ctx context.Context, dst []byte, rec *Record, head *[]byte) ([]byte, error) {
	a.ok = false
	a.warn = a.warn[:0]
	if rec.RepairedUTF8 {
		a.warn = append(a.warn, rec.Pos()+": warning: invalid UTF-8 replaced with U+FFFD")
	}
	if len(rec.Raw) > a.opts.MaxRecordBytes || len(rec.Text) > a.opts.MaxRecordBytes {
		err := fmt.Errorf("%w: record exceeds %d bytes", ErrTooLong, a.opts.MaxRecordBytes)
		return appendErrorRecord(dst, rec, err, false), &Error{Source: rec.Source, Line: rec.Line, Record: true, Err: err}
	}
	raw := rec.Raw
	if raw == nil { // a plain-text article: its path is its id
		raw, _ = json.Marshal(map[string]string{a.opts.IDField: rec.Source, a.opts.TextField: rec.Text})
	}
	fail := func(err error) ([]byte, error) {
		dst = AppendRecord(dst, raw, &a.obj, errorFields(rec, err))
		return append(dst, '\n'), &Error{Source: rec.Source, Line: rec.Line, Record: true, Err: err}
	}
	if err := a.obj.Parse(raw); err != nil {
		return appendErrorRecord(dst, rec, err, true), &Error{Source: rec.Source, Line: rec.Line, Record: true, Err: err}
	}
	a.obj.validUTF8 = rec.validUTF8
	text, err := a.obj.StringField(a.opts.TextField)
	if err != nil {
		return fail(err)
	}
	id, _ := a.obj.StringField(a.opts.IDField)
	doc := &a.doc
	doc.Reset(id, text)
	doc.Outlet, _ = a.obj.StringField(a.opts.OutletField)
	if doc.Outlet == "" {
		doc.Outlet = OutletOfURL(&a.obj)
	}
	if err := a.opts.Pipeline.Process(ctx, doc); err != nil {
		if ctx.Err() != nil {
			return dst, ctx.Err() // cancelled: nothing more is written
		}
		return fail(err)
	}
	for _, w := range doc.Warnings {
		a.warn = append(a.warn, rec.Pos()+": warning: "+w)
	}
	fields := a.enc.Fields(doc)
	size := len(raw) + 64
	for _, f := range fields {
		size += len(f.Key) + len(f.Value) + 4
	}
	a.fields = append(append(a.fields[:0], fields...), versionField)
	if head != nil && !collides(&a.obj, a.fields) {
		*head = recordHead(raw)
		dst = appendFields(slices.Grow(dst, size-len(raw)), a.fields, len(a.obj.Fields) > 0)
	} else {
		dst = AppendRecord(slices.Grow(dst, size), raw, &a.obj, a.fields)
	}
	a.ok = true
	return append(dst, '\n'), nil
}

// Document returns the document the last record was annotated as, or nil
// when it failed. It is valid until the next call to Annotate.
func (a *Annotator) Document() *pipeline.Document {
	if !a.ok {
		return nil
	}
	return &a.doc
}

// Object returns the fields of the last record that was annotated, or nil
// when it failed. It is valid until the next call to Annotate.
func (a *Annotator) Object() *Object {
	if !a.ok {
		return nil
	}
	return &a.obj
}

// Warnings returns what the last record is warned about, each naming its
// place. It is valid until the next call to Annotate.
func (a *Annotator) Warnings() []string { return a.warn }

// errorFields are the fields added to a record that could not be processed.
func errorFields(rec *Record, err error) []Field {
	msg, _ := json.Marshal(err.Error())
	file, _ := json.Marshal(rec.Source)
	return []Field{
		{Key: "error", Value: msg},
		{Key: "file", Value: file},
		{Key: "line", Value: strconv.AppendInt(nil, int64(rec.Line), 10)},
	}
}

// appendErrorRecord appends the output line for a record that is not a JSON
// object: the error, where it was, and with withRaw the raw line as a string.
func appendErrorRecord(dst []byte, rec *Record, err error, withRaw bool) []byte {
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
	dst = append(dst, line...)
	return append(dst, '\n')
}
