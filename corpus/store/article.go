package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/pipeline"
)

// Article is one record of kutip extract's output as the store keeps it.
type Article struct {
	ID         string // the record's id field
	Outlet     string
	URL, Title string
	Date       string // YYYY-MM-DD, "" when unknown
	DateSource string // where Date was read: DateFromField, DateFromURL, DateFromText; "" when unknown
	Text       string // "" when not kept (kutip index --no-text)
	TextSHA256 string // hex
	Entities   []Mention
	Quotes     []Quote // Article, Outlet, URL, Title and Date of each are the article's, not read
}

// Mention is an entity mention (output.md: entities[]), in characters.
type Mention struct {
	Text  string `json:"text"`
	Label string `json:"label"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	ID    string `json:"id"`   // gazetteer id, "" for names outside it
	Name  string `json:"name"` // canonical name
}

// Quote is an attributed quote with its article: the one shape that is
// indexed, returned by queries, written by kutip quotes --format jsonl and
// shown by the web view. Start and End count characters into the article
// text.
type Quote struct {
	Article    string  `json:"article"` // record id
	Outlet     string  `json:"outlet"`
	Date       string  `json:"date"` // YYYY-MM-DD or ""
	URL        string  `json:"url,omitempty"`
	Title      string  `json:"title,omitempty"`
	Speaker    *Ref    `json:"speaker"` // nil when unknown
	Sources    []Ref   `json:"sources"`
	Kind       string  `json:"kind"` // direct or indirect
	Cue        string  `json:"cue"`  // the speech cue as written, "" when none
	CueStart   int     `json:"cue_start,omitempty"`
	CueEnd     int     `json:"cue_end,omitempty"`
	Confidence float64 `json:"confidence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
}

// Ref is a speaker or source: its name (the gazetteer's, or the fullest
// the article writes outside it) and gazetteer id ("" outside the
// gazetteer), and where the article names it: the text as written (for a
// speaker, the fullest name the article writes) and the characters of the
// name at the attribution (0, 0 when not known).
type Ref struct {
	Name  string `json:"name"`
	ID    string `json:"id"`
	Text  string `json:"text,omitempty"`
	Start int    `json:"start,omitempty"`
	End   int    `json:"end,omitempty"`
}

// RecordFields name the input fields the store reads, as kutip extract's
// --id-field, --text-field and --outlet-field do; Date is the date field
// (kutip index --date-field), "" for the first of date, published and
// published_at.
type RecordFields struct {
	ID, Text, Outlet, Date string
}

// DefaultRecordFields are kutip extract's default field names.
var DefaultRecordFields = RecordFields{ID: "id", Text: "text", Outlet: "outlet"}

// DecodeArticle reads one line of kutip extract's output. badDate is the
// value of a date field that could not be read (the article is then
// undated). A record that kutip extract could not process is an
// ErrFailedRecord; a line that is not extract output is an error naming the
// field at fault.
func DecodeArticle(raw []byte, fields RecordFields) (a Article, badDate string, err error) {
	obj, err := corpus.ParseObject(raw)
	if err != nil {
		return a, "", err
	}
	if msg, ok := obj.Get("error"); ok {
		return a, "", fmt.Errorf("%w: %s", ErrFailedRecord, msg)
	}
	text, err := obj.StringField(fields.Text)
	if err != nil {
		return a, "", err
	}
	text = strings.Clone(text)
	if a, badDate, err = articleOf(obj, fields, text); err != nil {
		return a, "", err
	}
	var entities []Mention
	var quotes []outputQuote
	for _, f := range []struct {
		key string
		dst any
	}{{"entities", &entities}, {"quotes", &quotes}} {
		v, ok := obj.Get(f.key)
		if !ok {
			return a, "", fmt.Errorf("%w %q: not kutip extract output", corpus.ErrMissingField, f.key)
		}
		if err := json.Unmarshal(v, f.dst); err != nil {
			return a, "", fmt.Errorf("field %q: %w", f.key, err)
		}
	}
	a.Entities = entities
	a.Quotes = make([]Quote, len(quotes))
	for i, q := range quotes {
		if q.Kind != "direct" && q.Kind != "indirect" {
			return a, "", fmt.Errorf("field \"quotes\"[%d]: kind %q is neither direct nor indirect", i, q.Kind)
		}
		a.Quotes[i] = q.quote()
	}
	return a, badDate, nil
}

// outputQuote is a quote as kutip extract writes it (output.md: quotes[]).
type outputQuote struct {
	Text       string      `json:"text"`
	Start      int         `json:"start"`
	End        int         `json:"end"`
	Kind       string      `json:"kind"`
	Speaker    *outputRef  `json:"speaker"`
	Cue        *outputRef  `json:"cue"`
	Sources    []outputRef `json:"sources"`
	Confidence float64     `json:"confidence"`
}

type outputRef struct {
	Name      string `json:"name"`
	Canonical string `json:"canonical"`
	ID        string `json:"id"`
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

func (r *outputRef) ref() Ref {
	return Ref{Name: r.Name, ID: r.ID, Text: r.Text, Start: r.Start, End: r.End}
}

func (q *outputQuote) quote() Quote {
	out := Quote{Text: q.Text, Start: q.Start, End: q.End, Kind: q.Kind, Confidence: q.Confidence}
	if q.Speaker != nil {
		sp := speakerRef(q.Speaker.Name, q.Speaker.Canonical, q.Speaker.ID, q.Speaker.Start, q.Speaker.End)
		out.Speaker = &sp
	}
	if q.Cue != nil {
		out.Cue, out.CueStart, out.CueEnd = q.Cue.Text, q.Cue.Start, q.Cue.End
	}
	for _, s := range q.Sources {
		out.Sources = append(out.Sources, s.ref())
	}
	return out
}

// NewArticle makes the Article of a document that the pipeline has
// annotated, with the id, outlet, url, title and date read from its input
// record obj, as kutip extract --db indexes it: nothing is encoded or parsed
// again. The article shares no memory with doc or obj, which may be reused
// once it returns. badDate is as for DecodeArticle.
func NewArticle(doc *pipeline.Document, obj *corpus.Object, fields RecordFields) (a Article, badDate string, err error) {
	text := strings.Clone(doc.Text)
	if a, badDate, err = articleOf(obj, fields, text); err != nil {
		return a, "", err
	}
	// Gazetteer ids and names are the gazetteer's, which outlives any
	// record: only what may alias the record (its text, names read from it)
	// is copied, and a name the text writes (as it stands, or elsewhere, as
	// a fullest name is) is cut from the copy.
	own := func(name string, span pipeline.Span) string {
		if name == doc.Text[span.Start:span.End] {
			return text[span.Start:span.End]
		}
		if i := strings.Index(doc.Text, name); i >= 0 {
			return text[i : i+len(name)]
		}
		return strings.Clone(name)
	}
	cx := corpus.NewCharIndex(text)
	a.Entities = make([]Mention, len(doc.Entities))
	for i, e := range doc.Entities {
		a.Entities[i] = Mention{Text: text[e.Start:e.End], Label: string(e.Label),
			Start: cx.At(e.Start), End: cx.At(e.End), ID: e.ID, Name: own(e.Name, e.Span)}
	}
	a.Quotes = make([]Quote, len(doc.Quotes))
	// The speakers and sources of all quotes share one array.
	refs := 0
	for _, q := range doc.Quotes {
		if q.Speaker != nil {
			refs++
		}
		refs += len(q.Sources)
	}
	spare := make([]Ref, refs)
	for i, q := range doc.Quotes {
		out := &a.Quotes[i]
		out.Text, out.Start, out.End = text[q.Start:q.End], cx.At(q.Start), cx.At(q.End)
		out.Kind, out.Confidence = string(q.Kind), confidence(q.Confidence)
		if sp := q.Speaker; sp != nil {
			out.Speaker, spare = &spare[0], spare[1:]
			*out.Speaker = speakerRef(own(sp.Name, sp.Mention), sp.Canonical, sp.ID,
				cx.At(sp.Mention.Start), cx.At(sp.Mention.End))
		}
		if q.Cue != nil {
			out.Cue, out.CueStart, out.CueEnd = text[q.Cue.Start:q.Cue.End], cx.At(q.Cue.Start), cx.At(q.Cue.End)
		}
		if len(q.Sources) > 0 {
			out.Sources, spare = spare[:len(q.Sources):len(q.Sources)], spare[len(q.Sources):]
		}
		for j, s := range q.Sources {
			out.Sources[j] = Ref{Name: own(s.Name, s.Span), ID: s.ID, Text: text[s.Start:s.End],
				Start: cx.At(s.Start), End: cx.At(s.End)}
		}
	}
	return a, badDate, nil
}

// confidence is corpus.Confidence(c), without formatting and parsing c
// when it has two decimals already, as the pipeline's confidences do: then
// c is the float64 nearest to round(c*100)/100, which is what
// corpus.Confidence would parse.
func confidence(c float64) float64 {
	if math.Round(c*100)/100 == c {
		return c
	}
	return corpus.Confidence(c)
}

func speakerRef(name, canonical, id string, start, end int) Ref {
	r := Ref{Name: name, ID: id, Text: name, Start: start, End: end}
	if canonical != "" {
		r.Name = canonical
	}
	return r
}

// textSHA256 hashes text through a buffer on the stack: []byte(text) would
// copy each article's whole text to the heap once more.
func textSHA256(text string) string {
	var buf [4096]byte
	var sum [sha256.Size]byte
	if len(text) <= len(buf) { // most articles: one call, no digest on the heap
		sum = sha256.Sum256(buf[:copy(buf[:], text)])
	} else {
		h := sha256.New()
		for len(text) > 0 {
			n := copy(buf[:], text)
			h.Write(buf[:n])
			text = text[n:]
		}
		h.Sum(sum[:0])
	}
	var hexSum [2 * sha256.Size]byte
	hex.Encode(hexSum[:], sum[:])
	return string(hexSum[:])
}

// articleOf reads the fields of an Article that come from the record
// itself, but for the text.
func articleOf(obj *corpus.Object, fields RecordFields, text string) (a Article, badDate string, err error) {
	a.Text, a.TextSHA256 = text, textSHA256(text)
	if a.ID, err = idField(obj, fields.ID); err != nil {
		return a, "", err
	}
	if a.Outlet, err = optionalString(obj, fields.Outlet); err != nil {
		return a, "", err
	}
	if a.URL, err = optionalString(obj, "url"); err != nil {
		return a, "", err
	}
	if a.Title, err = optionalString(obj, "title"); err != nil {
		return a, "", err
	}
	a.Date, a.DateSource, badDate = articleDate(obj, fields.Date, a.URL, text)
	return a, badDate, nil
}

// idField reads the record id: a string, or a number kept as written.
func idField(obj *corpus.Object, key string) (string, error) {
	v, ok := obj.Get(key)
	if ok && len(v) > 0 && (v[0] == '-' || '0' <= v[0] && v[0] <= '9') {
		return string(v), nil
	}
	id, err := obj.StringField(key)
	if err == nil && id == "" {
		err = fmt.Errorf("field %q is empty", key)
	}
	return strings.Clone(id), err
}

// optionalString reads a string field that may be absent or null.
func optionalString(obj *corpus.Object, key string) (string, error) {
	if v, ok := obj.Get(key); !ok || string(v) == "null" {
		return "", nil
	}
	s, err := obj.StringField(key)
	return strings.Clone(s), err
}
