// Package pipeline holds the Document, its annotations and the stages that
// produce them. Every annotation keeps byte offsets into the unmodified input
// text; conversion to character offsets happens only when writing output.
package pipeline

import (
	"context"

	"github.com/kutip/kutip/gazetteer"
)

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start, End int
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Document is one article moving through the pipeline.
type Document struct {
	ID     string
	Text   string // the input text, never modified
	Outlet string // the publishing outlet, when the input names it: its self-references are not relaying sources

	// Norm is the normalised view of Text that stages read (NFC, spaces for
	// NBSP, no soft hyphens or zero-width characters). It equals Text when
	// nothing needed normalising; otherwise normToText maps each byte offset of
	// Norm back to Text.
	Norm       string
	normToText []int32

	Tokens     []Token
	Sentences  []Span
	Paragraphs []Paragraph
	Entities   []Entity
	Quotes     []Quote

	// Warnings are non-fatal problems found while processing (reported, not fatal).
	Warnings []string

	// Buffers that Reset keeps for the next document, so that a worker
	// reusing one Document allocates little: the entity and coreference
	// stages' tables (with the fuzzy answers the worker has found so far),
	// and the lexical pass with the vocabulary it has built.
	lexical       *tokenLexemes
	entityScratch *entityScratch
	corefScratch  *corefScratch
	quoteScratch  *quoteScratch
}

// NewDocument returns a document for text, with Norm equal to Text until the
// Normalize stage runs.
func NewDocument(id, text string) *Document {
	return &Document{ID: id, Text: text, Norm: text}
}

// Reset makes d a new document for text, keeping the capacity of its token,
// sentence, paragraph and entity slices and its stages' tables: a worker
// that reuses one Document for many articles allocates little once it has
// seen a long one. What a huge article grew (see maxKeptTokens) is dropped.
func (d *Document) Reset(id, text string) {
	if cap(d.Tokens) > maxKeptTokens {
		// One huge article should not hold its memory for the rest.
		*d = Document{ID: id, Text: text, Norm: text}
		return
	}
	*d = Document{ID: id, Text: text, Norm: text,
		Tokens: d.Tokens[:0], Sentences: d.Sentences[:0], Paragraphs: d.Paragraphs[:0], Entities: d.Entities[:0],
		lexical: d.lexical, entityScratch: d.entityScratch, corefScratch: d.corefScratch, quoteScratch: d.quoteScratch}
}

// maxKeptTokens is the most tokens a Document keeps room for, with its
// stages' tables, for the next document: a long news article has a few
// thousand.
const maxKeptTokens = 1 << 16

// TextOffset maps a byte offset of Norm to the byte offset of Text.
func (d *Document) TextOffset(normOffset int) int {
	if d.normToText == nil {
		return normOffset
	}
	return int(d.normToText[normOffset])
}

// TextSpan maps a byte span of Norm to the byte span of Text.
func (d *Document) TextSpan(start, end int) Span {
	return Span{d.TextOffset(start), d.TextOffset(end)}
}

// Stage is one step of the pipeline. A stage reads the annotations of earlier
// stages and adds its own; it must not keep per-document state between calls so
// that one Stage value can serve many goroutines.
type Stage interface {
	Name() string
	Process(ctx context.Context, doc *Document) error
}

// Pipeline is an ordered list of stages.
type Pipeline []Stage

// Process runs every stage on doc in order, stopping at the first error or
// when ctx is cancelled.
func (p Pipeline) Process(ctx context.Context, doc *Document) error {
	for _, s := range p {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Process(ctx, doc); err != nil {
			return &StageError{Stage: s.Name(), Err: err}
		}
	}
	return nil
}

// StageError says which stage failed.
type StageError struct {
	Stage string
	Err   error
}

func (e *StageError) Error() string { return e.Stage + ": " + e.Err.Error() }
func (e *StageError) Unwrap() error { return e.Err }

// Standard returns the full pipeline: normalize → tokenize → segment →
// entities → coreference → quotes, with entities looked up in g.
func Standard(g *gazetteer.Gazetteer) Pipeline {
	return Pipeline{Normalize{}, Tokenize{}, Segment{}, &Entities{Gazetteer: g}, &Coreference{Gazetteer: g}, Quotes{Gazetteer: g}}
}
