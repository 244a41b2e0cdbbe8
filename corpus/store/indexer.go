package store

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/pipeline"
)

// IndexStats says what an Indexer did.
type IndexStats struct {
	Articles, Quotes int // committed to the store; Articles counts distinct ids
	Failed           int // records skipped because kutip extract could not process them
	// BadDates counts articles indexed undated because their date could
	// not be read; FirstBadDate says where the first one was and what it said.
	BadDates     int
	FirstBadDate string
	// Duplicates counts records whose id an earlier record of the run had
	// (the later replaced the earlier); FirstDuplicate says where the first
	// one was and its id.
	Duplicates     int
	FirstDuplicate string
}

// indexBatch is how many articles an Indexer commits per transaction: large
// enough that commits cost little, small enough that an interrupted run
// loses little.
const indexBatch = 500

// Indexer feeds articles to a Store in batches: lines of kutip extract's
// output (Add), annotated documents (AddDocument) or Articles made
// elsewhere (AddArticle). A full batch is written while the next one is
// gathered, so indexing uses two cores where it can. An Indexer is not safe
// for concurrent use.
type Indexer struct {
	// NoText leaves the article texts out of the store (kutip index
	// --no-text): quotes are kept, articles cannot be re-read.
	NoText bool
	// Added, when set, is called by IndexAll after every record it took,
	// for a progress count.
	Added func()

	store  Store
	fields RecordFields
	batch  []Article
	quotes int // in batch
	newIDs int // articles in batch whose id is new to the run
	stats  IndexStats
	// seen holds a hash of every id indexed so far (8 bytes an article,
	// not the ids), to count articles by id and spot repeated ones.
	seen map[uint64]struct{}
	seed maphash.Seed

	writing chan error // the batch being written reports here; nil when none is
	written IndexStats // what the batch being written adds to stats when it succeeds
}

// NewIndexer returns an Indexer writing to s; fields name the input fields
// as kutip extract was told them.
func NewIndexer(s Store, fields RecordFields) *Indexer {
	return &Indexer{store: s, fields: fields, seen: map[uint64]struct{}{}, seed: maphash.MakeSeed()}
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
	return ix.AddArticle(ctx, a, badDate, pos)
}

// AddDocument indexes a document the pipeline has annotated, with the
// fields of its input record obj (see NewArticle), without encoding or
// parsing it again. doc and obj may be reused once it returns.
func (ix *Indexer) AddDocument(ctx context.Context, doc *pipeline.Document, obj *corpus.Object, pos string) error {
	a, badDate, err := NewArticle(doc, obj, ix.fields)
	if err != nil {
		return fmt.Errorf("%s: %w", pos, err)
	}
	return ix.AddArticle(ctx, a, badDate, pos)
}

// AddFailed counts a record that kutip extract could not process.
func (ix *Indexer) AddFailed() { ix.stats.Failed++ }

// AddArticle indexes a with the next batch; badDate and pos are as
// DecodeArticle and NewArticle return them and where the record was, for
// IndexStats.FirstBadDate.
func (ix *Indexer) AddArticle(ctx context.Context, a Article, badDate, pos string) error {
	if badDate != "" {
		if ix.stats.BadDates == 0 {
			ix.stats.FirstBadDate = pos + ": " + badDate
		}
		ix.stats.BadDates++
	}
	if ix.NoText {
		a.Text = ""
	}
	h := maphash.String(ix.seed, a.ID)
	if _, repeated := ix.seen[h]; repeated {
		if ix.stats.Duplicates == 0 {
			ix.stats.FirstDuplicate = fmt.Sprintf("%s: id %q", pos, a.ID)
		}
		ix.stats.Duplicates++
	} else {
		ix.seen[h] = struct{}{}
		ix.newIDs++
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
	ix.written = IndexStats{Articles: ix.newIDs, Quotes: ix.quotes}
	ix.batch, ix.quotes, ix.newIDs = make([]Article, 0, indexBatch), 0, 0
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

// IndexAll indexes every record of r with ix and flushes it. On a bad line
// it commits the articles before it and returns an error naming the file
// and line, so that a run after fixing the line (upserting) completes the
// store.
func IndexAll(ctx context.Context, ix *Indexer, r *corpus.Reader) (IndexStats, error) {
	var err error
	for {
		var rec *corpus.Record
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
		if ix.Added != nil {
			ix.Added()
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
