package sqlite

import (
	"cmp"
	"container/heap"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kutip/kutip/corpus/store"
)

// Warm keeps the columns that filters and facets read (date, speaker,
// sources, outlet, kind, cue, confidence of every quote) in memory, so that
// Quotes and Top answer from them instead of scanning tables: facet counts
// over a million quotes take milliseconds, not hundreds of them. It loads
// them now and again whenever the store changes (SQLite's data_version, or
// an Index through this handle). About 50 bytes a quote; for a server, not
// for one query.
func (s *Store) Warm(ctx context.Context) error {
	s.colsMu.Lock()
	s.warm = true
	s.colsMu.Unlock()
	_, err := s.columns(ctx)
	return err
}

// columns are the filtered and counted fields of every quote, one slice
// each, in the order of store.NewestFirst (date descending, undated last,
// id descending).
type columns struct {
	dataVersion int64

	id         []int64
	date       []int32 // YYYYMMDD, 0 undated
	speaker    []int32 // entity id, 0 unknown
	article    []int32 // article row id
	outlet     []int32 // index into outlets
	kind       []uint8 // 0 direct, 1 indirect
	cue        []int32 // index into cues (lower-cased)
	confidence []float64
	srcStart   []int32 // sources of row i: src[srcStart[i]:srcStart[i+1]]
	src        []int32 // entity ids

	rowOfID []int32 // by quote id, -1 for none
	// The rows of each speaker and of each source, in increasing order:
	// a filter on names reads only theirs.
	speakerRows, sourceRows map[int32][]int32
	outlets                 []string
	cues                    []string
	cueIndex                map[string]int32
	entities                map[int32]entityName
	articles                map[int32]string // row id → record id
	recordID                map[string]int32
	maxID                   int32 // largest entity id

	mu         sync.Mutex
	selections selectionCache
	matches    []*matchRows
}

type entityName struct{ name, gazetteerID string }

var kinds = []string{"direct", "indirect"}

// columns returns the loaded columns, loading them again if the store
// changed; nil when the store is not warm.
func (s *Store) columns(ctx context.Context) (*columns, error) {
	s.colsMu.Lock()
	defer s.colsMu.Unlock()
	if !s.warm {
		return nil, nil
	}
	var version int64
	if err := s.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&version); err != nil {
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	if s.cols != nil && s.cols.dataVersion == version {
		return s.cols, nil
	}
	c, err := loadColumns(ctx, s.conn)
	if err != nil {
		return nil, fmt.Errorf("%s: loading the columns: %w", s.path, err)
	}
	c.dataVersion = version
	s.cols = c
	return c, nil
}

// forgetColumns drops the columns after this handle wrote: its own
// commits do not change data_version.
func (s *Store) forgetColumns() {
	s.colsMu.Lock()
	s.cols = nil
	s.colsMu.Unlock()
}

func loadColumns(ctx context.Context, conn *sql.Conn) (*columns, error) {
	c := &columns{cueIndex: map[string]int32{}, entities: map[int32]entityName{},
		articles: map[int32]string{}, recordID: map[string]int32{}}
	outletIndex := map[int32]int32{} // article → outlet index
	outletOf := map[string]int32{}
	if err := each(ctx, conn, `SELECT id, record_id, outlet FROM articles`, func(rows *sql.Rows) error {
		var id int32
		var record, outlet string
		if err := rows.Scan(&id, &record, &outlet); err != nil {
			return err
		}
		c.articles[id], c.recordID[record] = record, id
		o, ok := outletOf[outlet]
		if !ok {
			o = int32(len(c.outlets))
			outletOf[outlet] = o
			c.outlets = append(c.outlets, outlet)
		}
		outletIndex[id] = o
		return nil
	}); err != nil {
		return nil, err
	}
	if err := each(ctx, conn, `SELECT id, name, gazetteer_id FROM entities`, func(rows *sql.Rows) error {
		var id int32
		var e entityName
		if err := rows.Scan(&id, &e.name, &e.gazetteerID); err != nil {
			return err
		}
		c.entities[id] = e
		c.maxID = max(c.maxID, id)
		return nil
	}); err != nil {
		return nil, err
	}
	var cue sql.RawBytes
	if err := each(ctx, conn, `SELECT id, coalesce(replace(date, '-', ''), 0), coalesce(speaker, 0), article, kind = 'indirect', lower(cue), confidence
		FROM quotes`, func(rows *sql.Rows) error {
		var id int64
		var date, speaker, article int32
		var indirect bool
		var confidence float64
		if err := rows.Scan(&id, &date, &speaker, &article, &indirect, &cue, &confidence); err != nil {
			return err
		}
		ci, ok := c.cueIndex[string(cue)]
		if !ok {
			ci = int32(len(c.cues))
			c.cueIndex[string(cue)] = ci
			c.cues = append(c.cues, string(cue))
		}
		c.id = append(c.id, id)
		c.date = append(c.date, date)
		c.speaker = append(c.speaker, speaker)
		c.article = append(c.article, article)
		c.outlet = append(c.outlet, outletIndex[article])
		c.kind = append(c.kind, map[bool]uint8{false: 0, true: 1}[indirect])
		c.cue = append(c.cue, ci)
		c.confidence = append(c.confidence, confidence)
		return nil
	}); err != nil {
		return nil, err
	}
	c.sortNewestFirst()
	var maxQuote int64
	for _, id := range c.id {
		maxQuote = max(maxQuote, id)
	}
	c.rowOfID = make([]int32, maxQuote+1)
	for i := range c.rowOfID {
		c.rowOfID[i] = -1
	}
	for row, id := range c.id {
		c.rowOfID[id] = int32(row)
	}
	perRow := make([][]int32, len(c.id))
	if err := each(ctx, conn, `SELECT quote, entity FROM quote_sources`, func(rows *sql.Rows) error {
		var quote int64
		var entity int32
		if err := rows.Scan(&quote, &entity); err != nil {
			return err
		}
		if row := c.row(quote); row >= 0 {
			perRow[row] = append(perRow[row], entity)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	c.srcStart = make([]int32, len(c.id)+1)
	c.speakerRows, c.sourceRows = map[int32][]int32{}, map[int32][]int32{}
	for i, srcs := range perRow {
		c.src = append(c.src, srcs...)
		c.srcStart[i+1] = int32(len(c.src))
		for _, e := range srcs {
			c.sourceRows[e] = append(c.sourceRows[e], int32(i))
		}
		if sp := c.speaker[i]; sp != 0 {
			c.speakerRows[sp] = append(c.speakerRows[sp], int32(i))
		}
	}
	return c, nil
}

// sortNewestFirst puts the rows in the order of store.NewestFirst. The
// table is read in its own order and sorted here: reading it through the
// date index costs a seek per quote.
func (c *columns) sortNewestFirst() {
	order := make([]int32, len(c.id))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		da, db := c.date[a], c.date[b]
		if (da == 0) != (db == 0) { // undated last
			return map[bool]int{true: 1, false: -1}[da == 0]
		}
		if da != db {
			return cmp.Compare(db, da)
		}
		return cmp.Compare(c.id[b], c.id[a])
	})
	c.id, c.date, c.speaker, c.article = permute(c.id, order), permute(c.date, order), permute(c.speaker, order), permute(c.article, order)
	c.outlet, c.kind, c.cue, c.confidence = permute(c.outlet, order), permute(c.kind, order), permute(c.cue, order), permute(c.confidence, order)
}

func permute[T any](values []T, order []int32) []T {
	out := make([]T, len(values))
	for i, o := range order {
		out[i] = values[o]
	}
	return out
}

// row returns the row of the quote with id, -1 if none.
func (c *columns) row(id int64) int32 {
	if id < 0 || id >= int64(len(c.rowOfID)) {
		return -1
	}
	return c.rowOfID[id]
}

func each(ctx context.Context, conn *sql.Conn, query string, row func(*sql.Rows) error) error {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// A selection is the rows that pass a filter, in increasing order.
type selection []int32

// selectionCache keeps the latest selections: one page asks for the quotes
// and counts of a few filters, several times each.
type selectionCache struct {
	keys []string
	sels []selection
}

const selectionsKept = 16

func (sc *selectionCache) get(key string) (selection, bool) {
	for i, k := range sc.keys {
		if k == key {
			return sc.sels[i], true
		}
	}
	return nil, false
}

func (sc *selectionCache) put(key string, sel selection) {
	if len(sc.keys) == selectionsKept {
		sc.keys, sc.sels = sc.keys[1:], sc.sels[1:]
	}
	sc.keys, sc.sels = append(sc.keys, key), append(sc.sels, sel)
}

// predicate is a filter resolved against the columns: sets of entity ids,
// outlets and articles, and the rows of a full-text match.
type predicate struct {
	kind          int // -1 any
	from, to      int32
	cue           int32 // -1 any, -2 none can match
	minConfidence float64
	speakers      []bool // by entity id; nil any
	sources       []bool
	outlets       []bool // by outlet index
	articles      map[int32]bool
	matched       []bool // by row; nil any
	// candidates are the only rows that can pass, in increasing order: the
	// fewest that the names or the full-text match allow; nil for all.
	candidates selection
}

// narrow makes rows the candidates if they are fewer.
func (p *predicate) narrow(rows selection) {
	if p.candidates == nil || len(rows) < len(p.candidates) {
		p.candidates = rows
	}
}

// rowsOf returns the rows of the entities in set, in increasing order.
func rowsOf(set []bool, postings map[int32][]int32) selection {
	var lists [][]int32
	n := 0
	for e, in := range set {
		if rows := postings[int32(e)]; in && len(rows) > 0 {
			lists = append(lists, rows)
			n += len(rows)
		}
	}
	if len(lists) == 1 {
		return lists[0]
	}
	out := make(selection, 0, n)
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (c *columns) pass(p *predicate, row int32) bool {
	if p.kind >= 0 && int(c.kind[row]) != p.kind {
		return false
	}
	if d := c.date[row]; p.from > 0 && (d == 0 || d < p.from) || p.to > 0 && (d == 0 || d > p.to) {
		return false
	}
	if p.cue != -1 && c.cue[row] != p.cue {
		return false
	}
	if c.confidence[row] < p.minConfidence {
		return false
	}
	if p.speakers != nil && !p.speakers[c.speaker[row]] {
		return false
	}
	if p.outlets != nil && !p.outlets[c.outlet[row]] {
		return false
	}
	if p.articles != nil && !p.articles[c.article[row]] {
		return false
	}
	if p.matched != nil && !p.matched[row] {
		return false
	}
	if p.sources != nil {
		for _, e := range c.src[c.srcStart[row]:c.srcStart[row+1]] {
			if p.sources[e] {
				return true
			}
		}
		return false
	}
	return true
}

// dateNumber turns YYYY-MM-DD into YYYYMMDD.
func dateNumber(d string) int32 {
	n, _ := strconv.Atoi(strings.ReplaceAll(d, "-", ""))
	return int32(n)
}

// asciiLower lower-cases ASCII letters only, as SQLite's LIKE compares.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// entitySet returns the entities whose names match the names (any), as
// entity_search finds them, by id.
func (s *Store) entitySet(ctx context.Context, c *columns, names []string) ([]bool, error) {
	expr, err := namesExpr(names)
	if err != nil {
		return nil, err
	}
	set := make([]bool, c.maxID+1)
	err = each(ctx, s.conn, `SELECT rowid FROM entity_search WHERE entity_search MATCH '`+strings.ReplaceAll(expr, "'", "''")+`'`, func(rows *sql.Rows) error {
		var id int32
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if id <= c.maxID {
			set[id] = true
		}
		return nil
	})
	return set, err
}

// resolve turns f into a predicate on c.
func (s *Store) resolve(ctx context.Context, c *columns, f filterKey) (*predicate, error) {
	p := &predicate{kind: -1, cue: -1, minConfidence: f.MinConfidence, from: dateNumber(f.From), to: dateNumber(f.To)}
	if f.Kind != "" {
		p.kind = slices.Index(kinds, f.Kind)
	}
	if f.Cue != "" {
		i, ok := c.cueIndex[strings.ToLower(f.Cue)]
		p.cue = map[bool]int32{true: i, false: -2}[ok]
	}
	var err error
	if len(f.Speakers) > 0 {
		if p.speakers, err = s.entitySet(ctx, c, f.Speakers); err != nil {
			return nil, err
		}
		p.narrow(rowsOf(p.speakers, c.speakerRows))
	}
	if len(f.SpeakerIDs) > 0 {
		ids := make([]bool, c.maxID+1)
		for e, name := range c.entities {
			if name.gazetteerID != "" && slices.Contains(f.SpeakerIDs, name.gazetteerID) {
				ids[e] = true
			}
		}
		if p.speakers != nil { // both: a speaker in each
			for e := range ids {
				ids[e] = ids[e] && p.speakers[e]
			}
		}
		p.speakers = ids
		p.narrow(rowsOf(p.speakers, c.speakerRows))
	}
	if len(f.Sources) > 0 {
		if p.sources, err = s.entitySet(ctx, c, f.Sources); err != nil {
			return nil, err
		}
		p.narrow(rowsOf(p.sources, c.sourceRows))
	}
	if len(f.Outlets) > 0 {
		p.outlets = make([]bool, len(c.outlets))
		for i, o := range c.outlets {
			for _, want := range f.Outlets {
				if strings.Contains(asciiLower(o), asciiLower(want)) {
					p.outlets[i] = true
				}
			}
		}
	}
	if len(f.Articles) > 0 {
		p.articles = map[int32]bool{}
		for _, r := range f.Articles {
			if id, ok := c.recordID[r]; ok {
				p.articles[id] = true
			}
		}
	}
	if f.Match != "" {
		expr, err := matchExpr(f.Match)
		if err != nil {
			return nil, err
		}
		m, err := s.match(ctx, c, expr)
		if err != nil {
			return nil, err
		}
		p.matched = m.matched
		p.narrow(m.rows)
	}
	return p, nil
}

// matchRows are the rows of a full-text query, as a set and in order.
type matchRows struct {
	expr    string
	matched []bool
	rows    selection
}

// matchesKept is how many full-text queries the columns remember: the
// facets of one page ask for the same one with other filters.
const matchesKept = 8

// match returns the rows of the FTS5 query expr.
func (s *Store) match(ctx context.Context, c *columns, expr string) (*matchRows, error) {
	c.mu.Lock()
	for _, m := range c.matches {
		if m.expr == expr {
			c.mu.Unlock()
			return m, nil
		}
	}
	c.mu.Unlock()
	m := &matchRows{expr: expr, matched: make([]bool, len(c.id)), rows: selection{}}
	// One row of all the ids costs far less than a row each through
	// database/sql.
	var ids sql.NullString
	err := s.conn.QueryRowContext(ctx, `SELECT group_concat(rowid) FROM quote_search WHERE quote_search MATCH ?`, expr).Scan(&ids)
	if err != nil {
		return nil, err
	}
	for rest := ids.String; rest != ""; {
		var field string
		field, rest, _ = strings.Cut(rest, ",")
		id, _ := strconv.ParseInt(field, 10, 64)
		if row := c.row(id); row >= 0 {
			m.matched[row] = true
		}
	}
	for row, in := range m.matched { // in row order, unlike the ids
		if in {
			m.rows = append(m.rows, int32(row))
		}
	}
	c.mu.Lock()
	if len(c.matches) == matchesKept {
		c.matches = c.matches[1:]
	}
	c.matches = append(c.matches, m)
	c.mu.Unlock()
	return m, nil
}

// filterKey is a checked filter; its printed form keys the selections.
type filterKey = store.Filter

// selection returns the rows that pass f.
func (s *Store) selection(ctx context.Context, c *columns, f filterKey) (selection, error) {
	key := fmt.Sprintf("%#v", f)
	c.mu.Lock()
	sel, ok := c.selections.get(key)
	c.mu.Unlock()
	if ok {
		return sel, nil
	}
	p, err := s.resolve(ctx, c, f)
	if err != nil {
		return nil, err
	}
	sel = make(selection, 0, 1024)
	if p.candidates != nil {
		for _, row := range p.candidates {
			if c.pass(p, row) {
				sel = append(sel, row)
			}
		}
	} else {
		for row := range int32(len(c.id)) {
			if row&0xffff == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if c.pass(p, row) {
				sel = append(sel, row)
			}
		}
	}
	c.mu.Lock()
	c.selections.put(key, sel)
	c.mu.Unlock()
	return sel, nil
}

// page returns the quote ids of a window of sel in an order.
func (c *columns) page(sel selection, order int, offset, limit int) []int64 {
	if limit <= 0 {
		limit = len(sel)
	}
	end := min(len(sel), offset+limit)
	if offset >= end {
		return nil
	}
	var rows []int32
	switch order {
	case 0: // newest first: the columns' own order
		rows = sel[offset:end]
	case 1: // oldest first, undated last; within a day, text order
		rows = slices.Clone(sel)
		slices.SortStableFunc(rows, func(a, b int32) int {
			da, db := c.date[a], c.date[b]
			if (da == 0) != (db == 0) {
				return map[bool]int{true: 1, false: -1}[da == 0]
			}
			if da != db {
				return cmp.Compare(da, db)
			}
			return cmp.Compare(c.id[b], c.id[a])
		})
		rows = rows[offset:end]
	default: // most confident: the best offset+limit by a heap
		h := &confidenceHeap{c: c}
		for _, r := range sel {
			if h.Len() < end {
				heap.Push(h, r)
			} else if c.moreConfident(r, h.rows[0]) {
				h.rows[0] = r
				heap.Fix(h, 0)
			}
		}
		rows = make([]int32, h.Len())
		for i := len(rows) - 1; i >= 0; i-- {
			rows[i] = heap.Pop(h).(int32)
		}
		rows = rows[offset:]
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = c.id[r]
	}
	return ids
}

// moreConfident orders rows by confidence, then as newest first (rows
// are in that order already).
func (c *columns) moreConfident(a, b int32) bool {
	if c.confidence[a] != c.confidence[b] {
		return c.confidence[a] > c.confidence[b]
	}
	return a < b
}

// confidenceHeap holds the most confident rows seen, the least of them on top.
type confidenceHeap struct {
	c    *columns
	rows []int32
}

func (h *confidenceHeap) Len() int           { return len(h.rows) }
func (h *confidenceHeap) Less(i, j int) bool { return h.c.moreConfident(h.rows[j], h.rows[i]) }
func (h *confidenceHeap) Swap(i, j int)      { h.rows[i], h.rows[j] = h.rows[j], h.rows[i] }
func (h *confidenceHeap) Push(x any)         { h.rows = append(h.rows, x.(int32)) }
func (h *confidenceHeap) Pop() any {
	x := h.rows[len(h.rows)-1]
	h.rows = h.rows[:len(h.rows)-1]
	return x
}

// top counts sel by a facet, as Top orders the counts.
func (c *columns) top(by store.Facet, sel selection, limit int) ([]store.Count, error) {
	var counts []store.Count
	byIndex := func(n int, index func(row int32) int, name func(i int) (string, string)) {
		tally := make([]int, n)
		for _, r := range sel {
			if i := index(r); i >= 0 {
				tally[i]++
			}
		}
		for i, t := range tally {
			if t > 0 {
				n, id := name(i)
				counts = append(counts, store.Count{Name: n, ID: id, Quotes: t})
			}
		}
	}
	// byKey tallies rows by a number, naming each number found once.
	byKey := func(key func(row int32) (int32, bool), name func(k int32) string) {
		tally := map[int32]int{}
		for _, r := range sel {
			if k, ok := key(r); ok {
				tally[k]++
			}
		}
		for k, t := range tally {
			counts = append(counts, store.Count{Name: name(k), Quotes: t})
		}
	}
	entity := func(i int) (string, string) { e := c.entities[int32(i)]; return e.name, e.gazetteerID }
	switch by {
	case store.BySpeaker:
		byIndex(int(c.maxID)+1, func(r int32) int {
			if c.speaker[r] == 0 {
				return -1
			}
			return int(c.speaker[r])
		}, entity)
	case store.BySource:
		tally := make([]int, c.maxID+1)
		for _, r := range sel {
			for _, e := range c.src[c.srcStart[r]:c.srcStart[r+1]] {
				tally[e]++
			}
		}
		for i, t := range tally {
			if t > 0 {
				n, id := entity(i)
				counts = append(counts, store.Count{Name: n, ID: id, Quotes: t})
			}
		}
	case store.ByOutlet:
		byIndex(len(c.outlets), func(r int32) int { return int(c.outlet[r]) }, func(i int) (string, string) { return c.outlets[i], "" })
	case store.ByArticle:
		byKey(func(r int32) (int32, bool) { return c.article[r], true }, func(k int32) string { return c.articles[k] })
	case store.ByKind:
		byIndex(len(kinds), func(r int32) int { return int(c.kind[r]) }, func(i int) (string, string) { return kinds[i], "" })
	case store.ByCue:
		byIndex(len(c.cues), func(r int32) int { return int(c.cue[r]) }, func(i int) (string, string) { return c.cues[i], "" })
	case store.ByMonth:
		byKey(func(r int32) (int32, bool) { return c.date[r] / 100, c.date[r] != 0 },
			func(k int32) string { return fmt.Sprintf("%04d-%02d", k/100, k%100) })
	case store.ByDay:
		byKey(func(r int32) (int32, bool) { return c.date[r], c.date[r] != 0 },
			func(k int32) string { return fmt.Sprintf("%04d-%02d-%02d", k/10000, k/100%100, k%100) })
	case store.ByBand:
		byIndex(10, func(r int32) int { return min(int(c.confidence[r]*10), 9) }, func(i int) (string, string) {
			return fmt.Sprintf("%.1f", float64(i)/10), ""
		})
	default:
		return nil, fmt.Errorf("unknown facet %d", by)
	}
	switch by {
	case store.ByMonth, store.ByDay:
		slices.SortFunc(counts, func(a, b store.Count) int { return strings.Compare(a.Name, b.Name) })
	case store.ByBand:
		slices.SortFunc(counts, func(a, b store.Count) int { return strings.Compare(b.Name, a.Name) })
	default:
		slices.SortFunc(counts, func(a, b store.Count) int {
			if a.Quotes != b.Quotes {
				return cmp.Compare(b.Quotes, a.Quotes)
			}
			return strings.Compare(a.Name, b.Name)
		})
	}
	if limit > 0 && len(counts) > limit {
		counts = counts[:limit]
	}
	return counts, nil
}
