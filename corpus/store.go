package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/kutip/kutip/pipeline"
)

// Store keeps the output of kutip extract for querying: kutip index writes
// it; kutip quotes, speakers, sources, outlets and sql read it. Open and
// OpenReadOnly give the embedded SQLite implementation; the interface leaves
// room for a server database.
type Store interface {
	// Index upserts the articles by record id in one transaction: all of
	// them or, on error, none. Re-indexing an article replaces all of its
	// mentions, quotes and sources.
	Index(ctx context.Context, articles []Article) error
	// Quotes returns up to limit quotes that pass f (limit <= 0: all),
	// newest first, each article's in text order; undated articles come
	// last.
	Quotes(ctx context.Context, f Filter, limit int) ([]QuoteHit, error)
	// Top counts the quotes that pass f per speaker, source or outlet, most
	// first, and returns up to limit of them (limit <= 0: all).
	Top(ctx context.Context, by Facet, f Filter, limit int) ([]Count, error)
	// Select runs one SQL statement, read-only, and calls each for every
	// row; values are reused between calls. A statement the database
	// rejects (syntax, unknown table, an attempt to write or attach) is an
	// ErrBadQuery.
	Select(ctx context.Context, query string, each func(columns []string, values []any) error) error
	Close() error
}

var (
	// ErrNoStore is returned (wrapped, naming the path) by OpenReadOnly for
	// a store that does not exist.
	ErrNoStore = errors.New("no such store")
	// ErrBadQuery is returned (wrapped) by Select for SQL the database rejects.
	ErrBadQuery = errors.New("bad query")
	// ErrBadFilter is returned (wrapped) for a Filter that cannot be used,
	// such as a Match without words.
	ErrBadFilter = errors.New("bad filter")
	// ErrFailedRecord is returned (wrapped) by DecodeArticle for a record
	// that kutip extract could not process (it has an "error" field).
	ErrFailedRecord = errors.New("record failed in kutip extract")
)

// Article is one record of kutip extract's output as the store keeps it.
type Article struct {
	ID         string // the record's id field
	Outlet     string
	URL, Title string
	Date       string // YYYY-MM-DD, "" when unknown
	TextSHA256 string // hex
	Entities   []Mention
	Quotes     []Quote
}

// Mention is an entity mention (output.md: entities[]).
type Mention struct {
	Text  string `json:"text"`
	Label string `json:"label"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	ID    string `json:"id"`   // gazetteer id, "" for names outside it
	Name  string `json:"name"` // canonical name
}

// Quote is an attributed quote (output.md: quotes[]).
type Quote struct {
	Text       string  `json:"text"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Kind       string  `json:"kind"`
	Speaker    *Ref    `json:"speaker"`
	Cue        *Ref    `json:"cue"`
	Sources    []Ref   `json:"sources"`
	Confidence float64 `json:"confidence"`
}

// Ref is a speaker, cue or source: a name and gazetteer id where it has
// them, and the span of text it was read from.
type Ref struct {
	Name  string `json:"name"`
	ID    string `json:"id"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// RecordFields name the input fields the store reads, as kutip extract's
// --id-field, --text-field and --outlet-field do.
type RecordFields struct {
	ID, Text, Outlet string
}

// DefaultRecordFields are kutip extract's default field names.
var DefaultRecordFields = RecordFields{ID: "id", Text: "text", Outlet: "outlet"}

// dateFields hold an article's publication date; the first one present counts.
var dateFields = []string{"date", "published", "published_at"}

// dateLayouts are the forms of ISO 8601 accepted for a date field. The day
// stored is the one written: 2025-07-13T01:00+07:00 is 13 July, as the
// outlet's readers saw it, not 12 July in UTC.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02 15:04:05.999999999-0700",
}

// DecodeArticle reads one line of kutip extract's output. badDate is the
// value of a date field that could not be read (the article is then
// undated). A record that kutip extract could not process is an
// ErrFailedRecord; a line that is not extract output is an error naming the
// field at fault.
func DecodeArticle(raw []byte, fields RecordFields) (a Article, badDate string, err error) {
	obj, err := ParseObject(raw)
	if err != nil {
		return a, "", err
	}
	if msg, ok := obj.Get("error"); ok {
		return a, "", fmt.Errorf("%w: %s", ErrFailedRecord, msg)
	}
	if a.ID, err = idField(obj, fields.ID); err != nil {
		return a, "", err
	}
	text, err := obj.StringField(fields.Text)
	if err != nil {
		return a, "", err
	}
	sum := sha256.Sum256([]byte(text))
	a.TextSHA256 = hex.EncodeToString(sum[:])
	if a.Outlet, err = optionalString(obj, fields.Outlet); err != nil {
		return a, "", err
	}
	if a.URL, err = optionalString(obj, "url"); err != nil {
		return a, "", err
	}
	if a.Title, err = optionalString(obj, "title"); err != nil {
		return a, "", err
	}
	for _, f := range dateFields {
		if _, ok := obj.Get(f); !ok {
			continue
		}
		if a.Date, badDate = readDate(obj, f); badDate != "" {
			badDate = f + " " + badDate
		}
		break
	}
	for _, f := range []struct {
		key string
		dst any
	}{{"entities", &a.Entities}, {"quotes", &a.Quotes}} {
		v, ok := obj.Get(f.key)
		if !ok {
			return a, "", fmt.Errorf("%w %q: not kutip extract output", ErrMissingField, f.key)
		}
		if err := json.Unmarshal(v, f.dst); err != nil {
			return a, "", fmt.Errorf("field %q: %w", f.key, err)
		}
	}
	for i, q := range a.Quotes {
		if q.Kind != "direct" && q.Kind != "indirect" {
			return a, "", fmt.Errorf("field \"quotes\"[%d]: kind %q is neither direct nor indirect", i, q.Kind)
		}
	}
	return a, badDate, nil
}

// idField reads the record id: a string, or a number kept as written.
func idField(obj *Object, key string) (string, error) {
	v, ok := obj.Get(key)
	if ok && len(v) > 0 && (v[0] == '-' || '0' <= v[0] && v[0] <= '9') {
		return string(v), nil
	}
	id, err := obj.StringField(key)
	if err == nil && id == "" {
		err = fmt.Errorf("field %q is empty", key)
	}
	return id, err
}

// optionalString reads a string field that may be absent or null.
func optionalString(obj *Object, key string) (string, error) {
	if v, ok := obj.Get(key); !ok || string(v) == "null" {
		return "", nil
	}
	return obj.StringField(key)
}

// readDate returns field key as YYYY-MM-DD, or the raw value when it is not
// an ISO date. Null and "" mean no date.
func readDate(obj *Object, key string) (date, bad string) {
	v, _ := obj.Get(key)
	s, err := obj.StringField(key)
	switch {
	case string(v) == "null":
		return "", ""
	case err != nil:
		return "", string(v)
	case s == "":
		return "", ""
	}
	for _, layout := range dateLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return s[:len("2006-01-02")], ""
		}
	}
	return "", string(v)
}

// Filter selects quotes. Empty fields select everything.
type Filter struct {
	// Speaker and Source match the words of entity names and of the
	// aliases seen for them, case- and accent-insensitively, each word as a
	// prefix: "Lavrov" and "sergey lav" find Sergey Lavrov.
	Speaker, Source string
	// Outlet matches any part of the outlet name, case-insensitively
	// (ASCII letters): "detik" finds detikNews.
	Outlet string
	// Match is a full-text query over the quote text; see MatchSyntax.
	Match string
	// From and To bound the article date, inclusive (YYYY-MM-DD). Undated
	// articles are left out when either is set.
	From, To string
	// Kind is "direct", "indirect" or "" for both.
	Kind string
}

// MatchSyntax describes Filter.Match for help texts.
const MatchSyntax = `all words must occur, in any order; "a phrase" in double quotes must occur as written; ` +
	`word* matches words that start so; -word leaves out quotes that have it. Case, accents and the ` +
	`clitics -nya, -lah, -kah and -pun are ignored: nuklir finds nuklirnya and the other way round`

// Facet is what Top counts quotes by.
type Facet int

const (
	BySpeaker Facet = iota
	BySource        // a quote relayed through two media counts for both
	ByOutlet
)

// QuoteHit is a quote found by Store.Quotes, with its article.
type QuoteHit struct {
	Article    string // record id
	Outlet     string
	URL, Title string
	Date       string // YYYY-MM-DD or ""
	Start, End int    // characters into the article text
	Kind       string
	Text       string
	Speaker    *Name // nil when unknown
	Cue        string
	Sources    []Name
	Confidence float64
}

// Name is an entity's canonical name and gazetteer id ("" outside it).
type Name struct {
	Name string `json:"name"`
	ID   string `json:"id"`
}

// Count is one row of Store.Top. ID is the gazetteer id of a speaker or
// source ("" outside the gazetteer, and for outlets).
type Count struct {
	Name   string
	ID     string
	Quotes int
}

// IndexStats says what an Indexer did.
type IndexStats struct {
	Articles, Quotes int // committed to the store
	Failed           int // records skipped because kutip extract could not process them
	// BadDates counts articles indexed undated because their date could
	// not be read; FirstBadDate says where the first one was and what it said.
	BadDates     int
	FirstBadDate string
}

// indexBatch is how many articles an Indexer commits per transaction: large
// enough that commits cost little, small enough that an interrupted run
// loses little.
const indexBatch = 500

// Indexer feeds lines of kutip extract's output to a Store in batches. A
// full batch is written while the next one is decoded, so indexing uses two
// cores where it can.
type Indexer struct {
	store  Store
	fields RecordFields
	batch  []Article
	quotes int // in batch
	stats  IndexStats

	writing chan error // the batch being written reports here; nil when none is
	written IndexStats // what the batch being written adds to stats when it succeeds
}

// NewIndexer returns an Indexer writing to s; fields name the input fields
// as kutip extract was told them.
func NewIndexer(s Store, fields RecordFields) *Indexer {
	return &Indexer{store: s, fields: fields}
}

// Add decodes one output line (pos names it in errors) and indexes it with
// the next batch. Records that kutip extract could not process are counted
// and skipped. An error may also come from writing an earlier batch.
func (ix *Indexer) Add(ctx context.Context, raw []byte, pos string) error {
	a, badDate, err := DecodeArticle(raw, ix.fields)
	if errors.Is(err, ErrFailedRecord) {
		ix.stats.Failed++
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", pos, err)
	}
	if badDate != "" {
		if ix.stats.BadDates == 0 {
			ix.stats.FirstBadDate = pos + ": " + badDate
		}
		ix.stats.BadDates++
	}
	ix.batch = append(ix.batch, a)
	ix.quotes += len(a.Quotes)
	if len(ix.batch) >= indexBatch {
		return ix.startWrite(ctx)
	}
	return nil
}

// startWrite waits for the batch being written, then starts writing the
// current one.
func (ix *Indexer) startWrite(ctx context.Context) error {
	if err := ix.wait(); err != nil {
		return err
	}
	batch := ix.batch
	ix.written = IndexStats{Articles: len(batch), Quotes: ix.quotes}
	ix.batch, ix.quotes = make([]Article, 0, indexBatch), 0
	ix.writing = make(chan error, 1)
	go func() { ix.writing <- ix.store.Index(ctx, batch) }()
	return nil
}

// wait waits for the batch being written, if any.
func (ix *Indexer) wait() error {
	if ix.writing == nil {
		return nil
	}
	err := <-ix.writing
	ix.writing = nil
	if err == nil {
		ix.stats.Articles += ix.written.Articles
		ix.stats.Quotes += ix.written.Quotes
	}
	return err
}

// Flush commits every article added so far.
func (ix *Indexer) Flush(ctx context.Context) error {
	if len(ix.batch) > 0 {
		if err := ix.startWrite(ctx); err != nil {
			return err
		}
	}
	return ix.wait()
}

// Stats returns what was indexed so far.
func (ix *Indexer) Stats() IndexStats { return ix.stats }

// IndexAll indexes every record of r. On a bad line it commits the articles
// before it and returns an error naming the file and line, so that a run
// after fixing the line (upserting) completes the store.
func IndexAll(ctx context.Context, s Store, r *Reader, fields RecordFields) (IndexStats, error) {
	ix := NewIndexer(s, fields)
	var err error
	for {
		var rec *Record
		if rec, err = r.Next(); err != nil {
			break
		}
		if rec.Raw == nil {
			err = fmt.Errorf("%s: a text file, not kutip extract output", rec.Pos())
			break
		}
		if err = ix.Add(ctx, rec.Raw, rec.Pos()); err != nil {
			break
		}
	}
	if err == io.EOF {
		err = nil
	}
	if ferr := ix.Flush(ctx); ferr != nil && err == nil {
		err = ferr
	}
	return ix.Stats(), err
}

// searchFolder turns text into the form quote_search indexes: every word
// that ends in a clitic (-nya, -lah, -kah, -pun, by the tokenizer's rule and
// exception list) loses it, so that nuklir finds nuklirnya and "harga beras"
// finds "harga berasnya". Case and accents are folded by SQLite's unicode61
// tokenizer afterwards.
type searchFolder struct {
	doc pipeline.Document // reused for its token buffer
}

func (sf *searchFolder) fold(dst []byte, text string) []byte {
	sf.doc = pipeline.Document{Text: text, Norm: text, Tokens: sf.doc.Tokens[:0]}
	_ = pipeline.Tokenize{}.Process(context.Background(), &sf.doc) // tokenizing cannot fail
	last := 0
	for _, t := range sf.doc.Tokens {
		if t.Kind != pipeline.Word || t.Clitic == pipeline.NoClitic {
			continue
		}
		cut := t.End - len(t.Clitic.Suffix())
		dst = append(dst, text[last:cut]...)
		last = t.End
	}
	return append(dst, text[last:]...)
}

// matchExpr turns Filter.Match into an FTS5 query (see MatchSyntax). Every
// term is quoted, so no input can be an FTS5 syntax error.
func matchExpr(q string, sf *searchFolder) (string, error) {
	var pos, neg []string
	for q = strings.TrimSpace(q); q != ""; q = strings.TrimSpace(q) {
		exclude := q[0] == '-' && len(q) > 1
		if exclude {
			q = q[1:]
		}
		var term string
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				end = len(q) - 1 // an unclosed phrase runs to the end
			}
			term, q = q[1:1+end], q[min(2+end, len(q)):]
		} else {
			end := strings.IndexFunc(q, unicode.IsSpace)
			if end < 0 {
				end = len(q)
			}
			term, q = q[:end], q[end:]
		}
		prefix := strings.HasSuffix(term, "*")
		if prefix {
			term = strings.TrimRight(term, "*")
		} else if strings.HasPrefix(q, "*") { // "a phrase"*
			prefix, q = true, q[1:]
		}
		if !hasWord(term) {
			continue
		}
		expr := ftsString(string(sf.fold(nil, term)))
		if prefix {
			expr += "*"
		}
		if exclude {
			neg = append(neg, expr)
		} else {
			pos = append(pos, expr)
		}
	}
	if len(pos) == 0 {
		return "", fmt.Errorf("%w: full-text query has no words to look for", ErrBadFilter)
	}
	expr := "(" + strings.Join(pos, " ") + ")"
	for _, n := range neg {
		expr += " NOT " + n
	}
	return expr, nil
}

// nameExpr turns a Filter.Speaker or Source name into an FTS5 query over
// entity names: every word, as a prefix.
func nameExpr(name string) (string, error) {
	var terms []string
	for _, w := range strings.Fields(name) {
		if hasWord(w) {
			terms = append(terms, ftsString(w)+"*")
		}
	}
	if len(terms) == 0 {
		return "", fmt.Errorf("%w: name %q has no letters or digits", ErrBadFilter, name)
	}
	return strings.Join(terms, " "), nil
}

// ftsString quotes s as an FTS5 string, which the tokenizer splits into a
// phrase.
func ftsString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
