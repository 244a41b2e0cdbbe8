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
	// Quotes returns up to limit quotes that pass f (limit <= 0: all),
	// newest first, each article's in text order; undated articles come
	// last.
	Quotes(ctx context.Context, f Filter, limit int) ([]Quote, error)
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
	// ErrNoStore is returned (wrapped, naming the path) when opening for
	// queries a store that does not exist.
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

// Bounds on a Filter, so that no filter can make a query run for minutes or
// exceed what a database accepts (SQLite refuses LIKE patterns over 50,000
// bytes). Names and outlets are far shorter; a full-text query of a
// paragraph is not a search.
const (
	MaxFilterText = 1000 // bytes of a Speaker, Source, Outlet or Match
	MaxMatchTerms = 32   // words and phrases of a Match
	MaxNameWords  = 16   // words of a Speaker or Source
)

// Check reports a filter that no backend should run, as an ErrBadFilter
// naming the field. Backends call it before they query.
func (f Filter) Check() error {
	for _, field := range []struct{ name, value string }{
		{"speaker", f.Speaker}, {"source", f.Source}, {"outlet", f.Outlet}, {"match", f.Match},
	} {
		if len(field.value) > MaxFilterText {
			return fmt.Errorf("%w: %s is %d bytes long, more than the %d allowed", ErrBadFilter, field.name, len(field.value), MaxFilterText)
		}
	}
	switch f.Kind {
	case "", "direct", "indirect":
	default:
		return fmt.Errorf("%w: kind must be direct or indirect, not %q", ErrBadFilter, f.Kind)
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
)

// Count is one row of Store.Top. ID is the gazetteer id of a speaker or
// source ("" outside the gazetteer, and for outlets).
type Count struct {
	Name   string
	ID     string
	Quotes int
}
