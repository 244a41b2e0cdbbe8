package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/pipeline"
)

// PredictEntities annotates the gold documents' texts as opts say and
// returns their entities as kutip extract's output gives them, keyed by id:
// what ReadEntityPredictions reads from that output, without writing or
// parsing it.
func PredictEntities(ctx context.Context, opts corpus.Options, gold []GoldDoc) (map[string][]PredEntity, error) {
	records := make([][]byte, len(gold))
	for i, d := range gold {
		records[i] = ArticleRecord(d.ID, d.Text)
	}
	return predict(ctx, opts, records, func(doc *pipeline.Document) []PredEntity {
		cx := corpus.NewCharIndex(doc.Text)
		entities := make([]PredEntity, len(doc.Entities))
		for i, e := range doc.Entities {
			entities[i] = PredEntity{Start: cx.At(e.Start), End: cx.At(e.End), Label: string(e.Label)}
		}
		return entities
	})
}

// PredictQuotes annotates records, JSON objects of kutip extract's input
// (id and text, and fields such as outlet that the pipeline reads), as opts
// say and returns their quotes as the output gives them, keyed by id: what
// ReadQuotePredictions reads from that output, without writing or parsing
// it.
func PredictQuotes(ctx context.Context, opts corpus.Options, records [][]byte) (map[string][]PredQuote, error) {
	return predict(ctx, opts, records, func(doc *pipeline.Document) []PredQuote {
		cx := corpus.NewCharIndex(doc.Text)
		text := func(s pipeline.Span) string { return doc.Text[s.Start:s.End] }
		quotes := make([]PredQuote, len(doc.Quotes))
		for i, q := range doc.Quotes {
			pq := PredQuote{Start: cx.At(q.Start), End: cx.At(q.End), Kind: string(q.Kind), Confidence: corpus.Confidence(q.Confidence)}
			if sp := q.Speaker; sp != nil {
				pq.Speaker = nameOr(sp.Name, text(sp.Mention))
			}
			for _, s := range q.Sources {
				pq.Sources = append(pq.Sources, nameOr(s.Name, text(s.Span)))
			}
			quotes[i] = pq
		}
		return quotes
	})
}

// ArticleRecord is the input record of an article known by its id and
// text.
func ArticleRecord(id, text string) []byte {
	raw, _ := json.Marshal(map[string]string{"id": id, "text": text})
	return raw
}

// nameOr is a name as the scorers read it: the text it was read from when
// it has none.
func nameOr(name, text string) string {
	if name == "" {
		return text
	}
	return name
}

// predict annotates records on every core and returns what of reads from
// each document, keyed by the record's id; a later record with an id seen
// before replaces it, and a record that cannot be annotated predicts
// nothing, as the scorers read extract output.
func predict[T any](ctx context.Context, opts corpus.Options, records [][]byte, of func(*pipeline.Document) []T) (map[string][]T, error) {
	if _, err := corpus.NewAnnotator(opts); err != nil {
		return nil, err
	}
	type result struct {
		id    string
		ok    bool
		items []T
	}
	results := make([]result, len(records))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, _ := corpus.NewAnnotator(opts)
			var line []byte
			for i := int(next.Add(1) - 1); i < len(records) && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				line, _ = a.Annotate(ctx, line[:0], &corpus.Record{Source: "eval", Line: i + 1, Raw: records[i]})
				if obj := a.Object(); obj != nil {
					id, err := obj.StringField("id")
					results[i] = result{id: id, ok: err == nil, items: of(a.Document())}
				} else if id, ok := recordID(records[i]); ok {
					results[i] = result{id: id, ok: true} // failed: in the output with its fields and an error
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pred := make(map[string][]T, len(records))
	for _, r := range results {
		if r.ok {
			pred[r.id] = r.items
		}
	}
	return pred, nil
}

// recordID reads the string id of a record that could not be annotated.
func recordID(raw []byte) (string, bool) {
	obj, err := corpus.ParseObject(raw)
	if err != nil {
		return "", false
	}
	id, err := obj.StringField("id")
	return id, err == nil
}

// ErrNoText is returned (wrapped, naming the gold record) by QuoteArticles
// for gold that carries no text when no articles are given.
var ErrNoText = errors.New("no text")

// QuoteArticles returns the input records that the quote gold is scored on:
// the records of articles (kutip extract's input) whose ids the gold has,
// kept whole so that fields such as outlet reach the pipeline, or when
// articles is nil, the texts the gold records carry. It closes articles.
func QuoteArticles(gold []GoldQuotes, articles *corpus.Reader) ([][]byte, error) {
	var records [][]byte
	if articles == nil {
		for _, g := range gold {
			if g.Text == "" {
				return nil, fmt.Errorf("gold %q: %w", g.ID, ErrNoText)
			}
			records = append(records, ArticleRecord(g.ID, g.Text))
		}
		return records, nil
	}
	defer articles.Close()
	want := make(map[string]bool, len(gold))
	for _, g := range gold {
		want[g.ID] = true
	}
	for {
		rec, err := articles.Next()
		if err == io.EOF {
			return records, nil
		}
		if err != nil {
			return nil, err
		}
		if rec.Raw == nil {
			continue
		}
		obj, err := corpus.ParseObject(rec.Raw)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", filepath.Base(rec.Source), rec.Line, err)
		}
		if id, _ := obj.StringField("id"); want[id] {
			records = append(records, bytes.Clone(rec.Raw)) // the reader reuses its buffer
		}
	}
}
