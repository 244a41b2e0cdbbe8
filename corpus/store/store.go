// Package store is kutip's quote store: the output of kutip extract kept for
// querying. Store is what every backend implements (corpus/store/sqlite is
// the embedded one); Article is what is indexed, Quote what queries return,
// and Indexer feeds a Store from lines of extract output or straight from
// annotated documents. This package imports no backend.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Store keeps the output of kutip extract for querying: kutip index writes
// it; kutip quotes, speakers, sources, outlets and sql read it.
type Store interface {
	// Index upserts the articles by record id in one transaction: all of
	// them or, on error, none. Re-indexing an article replaces all of its
	// mentions, quotes and sources.
	Index(ctx context.Context, articles []Article) error
	// Quotes returns the quotes that pass f in the order and window p asks
	// for: by default up to p.Limit newest first.
	Quotes(ctx context.Context, f Filter, p Page) ([]Quote, error)
	// Top counts the quotes that pass f per value of a facet, most first
	// (months, days and bands: in their order), and returns up to limit of
	// them (limit <= 0: all).
	Top(ctx context.Context, by Facet, f Filter, limit int) ([]Count, error)
	// Article returns the stored article with record id id: its text ("" when
	// indexed with --no-text), entities and quotes; ErrNoArticle if none.
	Article(ctx context.Context, id string) (Article, error)
	// Select runs one SQL statement, read-only: it calls header (unless
	// nil) once with the result's column names, also when there are no
	// rows, then each for every row; values are reused between calls. A
	// statement the database rejects (syntax, unknown table, an attempt to
	// write or attach) is an ErrBadQuery.
	Select(ctx context.Context, query string, header func(columns []string) error, each func(values []any) error) error
	Close() error
}

var (
	// ErrNoStore is returned (wrapped, naming the path) when opening for
	// queries a store that does not exist.
	ErrNoStore = errors.New("no such store")
	// ErrNoArticle is returned (wrapped) by Article for an unknown id.
	ErrNoArticle = errors.New("no such article")
	// ErrBadQuery is returned (wrapped) by Select for SQL the database rejects.
	ErrBadQuery = errors.New("bad query")
	// ErrBadFilter is returned (wrapped) for a Filter that cannot be used,
	// such as a Match without words.
	ErrBadFilter = errors.New("bad filter")
	// ErrFailedRecord is returned (wrapped) by DecodeArticle for a record
	// that kutip extract could not process (it has an "error" field).
	ErrFailedRecord = errors.New("record failed in kutip extract")
)

// Filter selects quotes. Empty fields select everything; the values of a
// list are alternatives (any of them), the fields must all hold.
type Filter struct {
	// Speakers and Sources match the words of entity names (canonical or
	// as written) and of the aliases seen for them, case- and
	// accent-insensitively, each word as a prefix: "Lavrov" and "sergey
	// lav" find Sergey Lavrov.
	Speakers, Sources []string
	// SpeakerIDs are gazetteer ids of speakers, matched exactly: one
	// person under every name the articles write.
	SpeakerIDs []string
	// Outlets match any part of the outlet name, case-insensitively
	// (ASCII letters): "detik" finds detikNews.
	Outlets []string
	// Articles are record ids, matched exactly.
	Articles []string
	// Match is a full-text query over the quote text; see MatchSyntax.
	Match string
	// From and To bound the article date, inclusive (YYYY-MM-DD). Undated
	// articles are left out when either is set.
	From, To string
	// Kind is "direct", "indirect" or "" for both.
	Kind string
	// Cue is a speech cue as written (katanya, ujar), any case.
	Cue string
	// MinConfidence leaves out quotes attributed with less confidence.
	MinConfidence float64
}

// Order is the order of a Page.
type Order int

const (
	NewestFirst   Order = iota // by article date, undated last; each article's quotes in text order
	OldestFirst                // undated last too
	MostConfident              // ties newest first
)

// Page is a window of a listing.
type Page struct {
	Order         Order
	Offset, Limit int // Limit <= 0: all
}

// Bounds on a Filter, so that no filter can make a query run for minutes or
// exceed what a database accepts (SQLite refuses LIKE patterns over 50,000
// bytes). Names and outlets are far shorter; a full-text query of a
// paragraph is not a search.
const (
	MaxFilterText   = 1000 // bytes of a Speaker, Source, Outlet, Article, Cue or Match
	MaxMatchTerms   = 32   // words and phrases of a Match
	MaxNameWords    = 16   // words of a Speaker or Source
	MaxFilterValues = 50   // values of a list
)

// Check reports a filter that no backend should run, as an ErrBadFilter
// naming the field. Backends call it before they query.
func (f Filter) Check() error {
	for _, field := range []struct {
		name   string
		values []string
	}{
		{"speaker", f.Speakers}, {"speaker id", f.SpeakerIDs}, {"source", f.Sources}, {"outlet", f.Outlets}, {"article", f.Articles},
		{"match", []string{f.Match}}, {"cue", []string{f.Cue}},
	} {
		if len(field.values) > MaxFilterValues {
			return fmt.Errorf("%w: %d values of %s, more than the %d allowed", ErrBadFilter, len(field.values), field.name, MaxFilterValues)
		}
		for _, v := range field.values {
			if len(v) > MaxFilterText {
				return fmt.Errorf("%w: %s is %d bytes long, more than the %d allowed", ErrBadFilter, field.name, len(v), MaxFilterText)
			}
		}
	}
	switch f.Kind {
	case "", "direct", "indirect":
	default:
		return fmt.Errorf("%w: kind must be direct or indirect, not %q", ErrBadFilter, f.Kind)
	}
	if !(f.MinConfidence >= 0 && f.MinConfidence <= 1) {
		return fmt.Errorf("%w: minimum confidence must be between 0 and 1, not %v", ErrBadFilter, f.MinConfidence)
	}
	for _, field := range []struct{ name, value string }{{"from", f.From}, {"to", f.To}} {
		if _, err := time.Parse(time.DateOnly, field.value); field.value != "" && err != nil {
			return fmt.Errorf("%w: %s %q is not a date (YYYY-MM-DD)", ErrBadFilter, field.name, field.value)
		}
	}
	return nil
}

// Facet is what Top counts quotes by.
type Facet int

const (
	BySpeaker Facet = iota
	BySource        // a quote relayed through two media counts for both
	ByOutlet
	ByKind
	ByCue     // as written, lower-cased; "" for quotes without a cue
	ByMonth   // YYYY-MM, oldest first; undated quotes are not counted
	ByDay     // YYYY-MM-DD, oldest first; undated quotes are not counted
	ByBand    // confidence bands "0.9" (0.9 and above), "0.8" (0.8 to 0.9) … "0.0", highest first
	ByArticle // record ids
)

// Count is one row of Store.Top. ID is the gazetteer id of a speaker or
// source ("" outside the gazetteer, and for other facets).
type Count struct {
	Name   string
	ID     string
	Quotes int
}
