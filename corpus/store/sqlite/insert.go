package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxParams is how many values one statement binds: SQLite's default
// SQLITE_MAX_VARIABLE_NUMBER.
const maxParams = 32766

// insertChunk is how many rows an INSERT of a table without full-text
// index takes.
const insertChunk = 64

// insertRows gathers the rows of one table for a multi-row INSERT … VALUES
// with every value bound. Bound values cost SQLite less than rows read from
// a JSON array with ->>, which parses the row again for every column.
type insertRows struct {
	values []any
	cols   int // values per row, counted on the first row
	rows   int
}

// grow makes room for rows of cols values.
func (r *insertRows) grow(rows, cols int) {
	r.values = slices.Grow(r.values, rows*cols)
}

func (r *insertRows) row() *insertRows {
	if r.rows == 1 && r.cols == 0 {
		r.cols = len(r.values)
	}
	r.rows++
	return r
}

func (r *insertRows) int(v int64) *insertRows {
	r.values = append(r.values, v)
	return r
}

func (r *insertRows) float(v float64) *insertRows {
	r.values = append(r.values, v)
	return r
}

// str binds s as text, invalid UTF-8 as U+FFFD as the output encoder
// writes it (see corpus.AppendJSONString), so that a text stored from a
// document reads as one stored from its output line.
func (r *insertRows) str(s string) *insertRows {
	if !utf8.ValidString(s) {
		var b strings.Builder
		for _, c := range s {
			b.WriteRune(c)
		}
		s = b.String()
	}
	r.values = append(r.values, s)
	return r
}

func (r *insertRows) null() *insertRows {
	r.values = append(r.values, nil)
	return r
}

// span binds character offsets, an empty span as two nulls.
func (r *insertRows) span(start, end int) *insertRows {
	if start == end {
		return r.null().null()
	}
	return r.int(int64(start)).int(int64(end))
}

// strOrNull binds "" as null.
func (r *insertRows) strOrNull(s string) *insertRows {
	if s == "" {
		return r.null()
	}
	return r.str(s)
}

// insert runs insert (INSERT INTO table(columns)) with the rows, chunk rows
// a statement (fewer if SQLite's limit on bound values is lower): a
// statement of many rows costs SQLite more to prepare than to run, so the
// statement for a whole chunk is prepared once. The full-text tables,
// which flush their pending index at every statement, take one chunk of
// the whole batch.
func (r *insertRows) insert(ctx context.Context, tx *sql.Tx, insert string, chunk int) error {
	if r.rows == 0 {
		return nil
	}
	cols := r.cols
	if cols == 0 { // one row
		cols = len(r.values)
	}
	chunk = min(chunk, maxParams/cols)
	row := "(?" + strings.Repeat(",?", cols-1) + ")"
	query := func(rows int) string { return insert + " VALUES " + row + strings.Repeat(","+row, rows-1) }
	values := r.values
	if len(values) >= 2*chunk*cols {
		stmt, err := tx.PrepareContext(ctx, query(chunk))
		if err != nil {
			return err
		}
		defer stmt.Close()
		for ; len(values) >= chunk*cols; values = values[chunk*cols:] {
			if _, err := stmt.ExecContext(ctx, values[:chunk*cols]...); err != nil {
				return err
			}
		}
	}
	for len(values) > 0 {
		n := min(len(values)/cols, chunk)
		if _, err := tx.ExecContext(ctx, query(n), values[:n*cols]...); err != nil {
			return err
		}
		values = values[n*cols:]
	}
	return nil
}
