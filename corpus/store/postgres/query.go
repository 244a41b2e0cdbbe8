package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/kutip/kutip/corpus/store"
)

// params numbers the arguments of a statement as it is built.
type params []any

func (p *params) add(v any) string {
	*p = append(*p, v)
	return "$" + strconv.Itoa(len(*p))
}

// filter is a store.Filter in SQL: the conditions on quotes q, and the
// query of speaker names when there is one.
type filter struct {
	conds   []string
	speaker string // tsquery of Filter.Speakers, "" for none
}

func newFilter(f store.Filter, p *params) (filter, error) {
	var sf filter
	if err := f.Check(); err != nil {
		return sf, err
	}
	if f.Kind != "" {
		sf.conds = append(sf.conds, `q.kind = `+p.add(f.Kind))
	}
	if f.From != "" {
		sf.conds = append(sf.conds, `q.date >= `+p.add(f.From))
	}
	if f.To != "" {
		sf.conds = append(sf.conds, `q.date <= `+p.add(f.To))
	}
	if f.Cue != "" {
		sf.conds = append(sf.conds, `lower(q.cue) = lower(`+p.add(f.Cue)+`)`)
	}
	if f.MinConfidence > 0 {
		sf.conds = append(sf.conds, `q.confidence >= `+p.add(f.MinConfidence))
	}
	if len(f.Speakers) > 0 {
		query, err := namesQuery(f.Speakers)
		if err != nil {
			return sf, err
		}
		sf.speaker = query
	}
	if len(f.SpeakerIDs) > 0 {
		sf.conds = append(sf.conds, `q.speaker IN (SELECT id FROM entities WHERE gazetteer_id <> '' AND gazetteer_id = ANY (`+p.add(f.SpeakerIDs)+`::text[]))`)
	}
	if len(f.Sources) > 0 {
		query, err := namesQuery(f.Sources)
		if err != nil {
			return sf, err
		}
		sf.conds = append(sf.conds, `q.id IN (SELECT s.quote FROM quote_sources s
			WHERE s.entity IN (SELECT id FROM entities WHERE names @@ `+p.add(query)+`::tsquery))`)
	}
	if len(f.Outlets) > 0 {
		patterns := make([]string, len(f.Outlets))
		for i, o := range f.Outlets {
			patterns[i] = "%" + likeEscaper.Replace(o) + "%"
		}
		sf.conds = append(sf.conds, `q.article IN (SELECT id FROM articles WHERE outlet ILIKE ANY (`+p.add(patterns)+`::text[]))`)
	}
	if len(f.Articles) > 0 {
		sf.conds = append(sf.conds, `q.article IN (SELECT id FROM articles WHERE record_id = ANY (`+p.add(f.Articles)+`::text[]))`)
	}
	if f.Match != "" {
		query, err := matchQuery(f.Match)
		if err != nil {
			return sf, err
		}
		sf.conds = append(sf.conds, `q.search @@ `+p.add(query)+`::tsquery`)
	}
	return sf, nil
}

// namesQuery is the tsquery of any of names.
func namesQuery(names []string) (string, error) {
	queries := make([]string, len(names))
	for i, name := range names {
		q, err := nameQuery(name)
		if err != nil {
			return "", err
		}
		queries[i] = "(" + q + ")"
	}
	return strings.Join(queries, " | "), nil
}

// where returns the conditions, with the speaker's as an IN.
func (sf filter) where(p *params) string {
	conds := sf.conds
	if sf.speaker != "" {
		conds = append(conds[:len(conds):len(conds)], `q.speaker IN (SELECT id FROM entities WHERE names @@ `+p.add(sf.speaker)+`::tsquery)`)
	}
	if len(conds) == 0 {
		return "true"
	}
	return strings.Join(conds, " AND ")
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// sqlLimit is limit as a LIMIT argument: NULL is no limit.
func sqlLimit(limit int) any {
	if limit <= 0 {
		return nil
	}
	return limit
}

// orderSQL is the ORDER BY of a page, over the columns of quotes q. Quote
// ids run backwards through each article (see copyRows), so id DESC reads
// an article in text order. Each has an index: quotes_date, quotes_speaker,
// quotes_confidence.
var orderSQL = map[store.Order]string{
	store.NewestFirst:   `q.date DESC NULLS LAST, q.id DESC`,
	store.OldestFirst:   `q.date ASC NULLS LAST, q.id DESC`,
	store.MostConfident: `q.confidence DESC, q.date DESC NULLS LAST, q.id DESC`,
}

// Quotes implements Store. The quotes are chosen first from indexes and
// only the chosen ones read in full. With speakers, newest first, each
// speaker's first quotes are read from the quotes_speaker index and merged:
// a speaker with a hundred thousand quotes costs as much as one with ten.
func (s *Store) Quotes(ctx context.Context, f store.Filter, pg store.Page) ([]store.Quote, error) {
	var p params
	sf, err := newFilter(f, &p)
	if err != nil {
		return nil, err
	}
	order, ok := orderSQL[pg.Order]
	if !ok || pg.Offset < 0 {
		return nil, fmt.Errorf("%w: order %d, offset %d", store.ErrBadFilter, pg.Order, pg.Offset)
	}
	var hit string
	if sf.speaker != "" && pg.Limit > 0 && pg.Order == store.NewestFirst {
		rest := strings.Join(append(sf.conds, "true"), " AND ")
		hit = `SELECT q.* FROM (SELECT id FROM entities WHERE names @@ ` + p.add(sf.speaker) + `::tsquery) sp
			CROSS JOIN LATERAL (SELECT q.id, q.date FROM quotes q WHERE q.speaker = sp.id AND ` + rest +
			` ORDER BY ` + order + ` LIMIT ` + p.add(pg.Offset+pg.Limit) + `) q
			ORDER BY ` + order + ` LIMIT ` + p.add(pg.Limit) + ` OFFSET ` + p.add(pg.Offset)
	} else {
		hit = `SELECT q.id FROM quotes q WHERE ` + sf.where(&p) +
			` ORDER BY ` + order + ` LIMIT ` + p.add(sqlLimit(pg.Limit)) + ` OFFSET ` + p.add(pg.Offset)
	}
	query := `WITH hit AS (` + hit + `)
	SELECT a.record_id, a.outlet, a.url, a.title, coalesce(q.date, ''), q.char_start, q.char_end,
		q.kind, q.text, sp.name, sp.gazetteer_id, coalesce(q.speaker_alias, ''), coalesce(q.speaker_start, 0), coalesce(q.speaker_end, 0),
		q.cue, coalesce(q.cue_start, 0), coalesce(q.cue_end, 0), q.confidence,
		(SELECT coalesce(json_agg(json_build_object('name', e.name, 'id', e.gazetteer_id, 'text', s.alias,
			'start', coalesce(s.char_start, 0), 'end', coalesce(s.char_end, 0)) ORDER BY e.id), '[]')
		 FROM quote_sources s JOIN entities e ON e.id = s.entity WHERE s.quote = q.id)
	FROM hit JOIN quotes q ON q.id = hit.id
	JOIN articles a ON a.id = q.article
	LEFT JOIN entities sp ON sp.id = q.speaker
	ORDER BY ` + order
	var hits []store.Quote
	err = s.readOnlyTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, query, p...)
		if err != nil {
			return err
		}
		var h store.Quote
		var speaker, speakerID *string
		var sp store.Ref
		var sources []byte
		_, err = pgx.ForEachRow(rows, []any{&h.Article, &h.Outlet, &h.URL, &h.Title, &h.Date, &h.Start, &h.End,
			&h.Kind, &h.Text, &speaker, &speakerID, &sp.Text, &sp.Start, &sp.End,
			&h.Cue, &h.CueStart, &h.CueEnd, &h.Confidence, &sources}, func() error {
			q := h
			if speaker != nil {
				ref := sp
				ref.Name, ref.ID = *speaker, *speakerID
				q.Speaker = &ref
			}
			if err := json.Unmarshal(sources, &q.Sources); err != nil {
				return fmt.Errorf("sources of a quote in %q: %w", q.Article, err)
			}
			hits = append(hits, q)
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	return hits, nil
}

// Top implements Store. Ties are broken by name in byte order, as in
// SQLite, whatever the database's collation.
func (s *Store) Top(ctx context.Context, by store.Facet, f store.Filter, limit int) ([]store.Count, error) {
	var p params
	sf, err := newFilter(f, &p)
	if err != nil {
		return nil, err
	}
	cond := sf.where(&p)
	// valueCount counts quotes by an expression over q, ordered as given.
	valueCount := func(value, order string) string {
		return `SELECT v, '', n FROM (SELECT ` + value + ` AS v, count(*) AS n FROM quotes q WHERE ` + cond +
			` GROUP BY 1) t WHERE v IS NOT NULL ORDER BY ` + order
	}
	var query string
	switch by {
	case store.BySpeaker:
		query = `SELECT e.name, e.gazetteer_id, t.n FROM (
			SELECT q.speaker, count(*) AS n FROM quotes q WHERE q.speaker IS NOT NULL AND ` + cond + `
			GROUP BY q.speaker) t
		JOIN entities e ON e.id = t.speaker ORDER BY t.n DESC, e.name COLLATE "C"`
	case store.BySource:
		from := `quote_sources s`
		if cond != "true" {
			from += ` JOIN quotes q ON q.id = s.quote`
		}
		query = `SELECT e.name, e.gazetteer_id, t.n FROM (
			SELECT s.entity, count(*) AS n FROM ` + from + ` WHERE ` + cond + ` GROUP BY s.entity) t
		JOIN entities e ON e.id = t.entity ORDER BY t.n DESC, e.name COLLATE "C"`
	case store.ByOutlet, store.ByArticle:
		column := map[store.Facet]string{store.ByOutlet: "a.outlet", store.ByArticle: "a.record_id"}[by]
		query = `SELECT ` + column + `, '', sum(t.n)::bigint AS n FROM (
			SELECT q.article, count(*) AS n FROM quotes q WHERE ` + cond + ` GROUP BY q.article) t
		JOIN articles a ON a.id = t.article GROUP BY ` + column + ` ORDER BY n DESC, ` + column + ` COLLATE "C"`
	case store.ByKind:
		query = valueCount(`q.kind`, `n DESC, v COLLATE "C"`)
	case store.ByCue:
		query = valueCount(`lower(q.cue)`, `n DESC, v COLLATE "C"`)
	case store.ByMonth:
		query = valueCount(`substr(q.date, 1, 7)`, `v COLLATE "C"`)
	case store.ByDay:
		query = valueCount(`q.date`, `v COLLATE "C"`)
	case store.ByBand:
		query = valueCount(`(least(floor(q.confidence * 10), 9) / 10)::numeric(2, 1)::text`, `v COLLATE "C" DESC`)
	default:
		return nil, fmt.Errorf("unknown facet %d", by)
	}
	query += ` LIMIT ` + p.add(sqlLimit(limit))
	var counts []store.Count
	err = s.readOnlyTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, query, p...)
		if err != nil {
			return err
		}
		var c store.Count
		_, err = pgx.ForEachRow(rows, []any{&c.Name, &c.ID, &c.Quotes}, func() error {
			counts = append(counts, c)
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	return counts, nil
}

// Article implements Store.
func (s *Store) Article(ctx context.Context, id string) (store.Article, error) {
	a := store.Article{ID: id}
	err := s.readOnlyTx(ctx, func(tx pgx.Tx) error {
		var rowID int64
		var date, text *string
		err := tx.QueryRow(ctx, `SELECT id, outlet, url, title, date, date_source, text, text_sha256 FROM articles WHERE record_id = $1`, id).
			Scan(&rowID, &a.Outlet, &a.URL, &a.Title, &date, &a.DateSource, &text, &a.TextSHA256)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%w: %q", store.ErrNoArticle, id)
		}
		if err != nil {
			return err
		}
		if date != nil {
			a.Date = *date
		}
		if text != nil {
			a.Text = *text
		}
		rows, err := tx.Query(ctx, `SELECT m.alias, e.label, m.char_start, m.char_end, e.gazetteer_id, e.name
			FROM mentions m JOIN entities e ON e.id = m.entity
			WHERE m.article = $1 ORDER BY m.char_start, m.char_end`, rowID)
		if err != nil {
			return err
		}
		var m store.Mention
		_, err = pgx.ForEachRow(rows, []any{&m.Text, &m.Label, &m.Start, &m.End, &m.ID, &m.Name}, func() error {
			a.Entities = append(a.Entities, m)
			return nil
		})
		return err
	})
	if err != nil {
		return a, fmt.Errorf("%s: %w", s.name, err)
	}
	if a.Quotes, err = s.Quotes(ctx, store.Filter{Articles: []string{id}}, store.Page{}); err != nil {
		return a, err
	}
	slices.SortStableFunc(a.Quotes, func(x, y store.Quote) int { return x.Start - y.Start })
	return a, nil
}

// readOnlyTx runs do in a read-only transaction, which it then ends.
func (s *Store) readOnlyTx(ctx context.Context, do func(pgx.Tx) error) error {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	return do(tx)
}

// readStatements are the statements Select runs: those that only read.
var readStatements = map[string]bool{"select": true, "with": true, "values": true, "table": true, "explain": true, "show": true}

// Select implements Store. query runs in a read-only transaction, as one
// prepared statement (several are refused), and must be a query (SELECT,
// WITH, VALUES, TABLE, EXPLAIN, SHOW): no COPY, SET or DO. What functions it
// may call is up to the database user's privileges: give analysts a role
// that may only read. Values are nil, int64, float64, bool, string, []byte,
// time.Time or, for other types, their text.
func (s *Store) Select(ctx context.Context, query string, header func(columns []string) error, each func(values []any) error) error {
	badQuery := func(err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w: %w", store.ErrBadQuery, err)
	}
	if kw := strings.ToLower(firstWord(query)); !readStatements[kw] {
		return badQuery(fmt.Errorf("%q statements are not queries: want SELECT, WITH, VALUES, TABLE, EXPLAIN or SHOW", kw))
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	rows, err := tx.Query(ctx, query, pgx.QueryExecModeDescribeExec)
	if err != nil {
		return badQuery(err)
	}
	defer rows.Close()
	fields := rows.FieldDescriptions()
	columns := make([]string, len(fields))
	for i, f := range fields {
		columns[i] = f.Name
	}
	if header != nil {
		if err := header(columns); err != nil {
			return err
		}
	}
	values := make([]any, len(columns))
	for rows.Next() {
		raw, err := rows.Values()
		if err != nil {
			return badQuery(err)
		}
		for i, v := range raw {
			values[i] = plainValue(v)
		}
		if err := each(values); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return badQuery(err)
	}
	return nil
}

// firstWord returns the first word of query after blanks, comments and
// opening parentheses.
func firstWord(query string) string {
	for {
		query = strings.TrimLeftFunc(query, func(r rune) bool { return unicode.IsSpace(r) || r == '(' })
		switch {
		case strings.HasPrefix(query, "--"):
			end := strings.IndexByte(query, '\n')
			if end < 0 {
				return ""
			}
			query = query[end:]
		case strings.HasPrefix(query, "/*"):
			end := strings.Index(query, "*/")
			if end < 0 {
				return ""
			}
			query = query[end+2:]
		default:
			end := strings.IndexFunc(query, func(r rune) bool { return !unicode.IsLetter(r) })
			if end < 0 {
				end = len(query)
			}
			return query[:end]
		}
	}
}

// plainValue turns what pgx decodes into the values kutip sql shows, as
// the SQLite store returns them where it can.
func plainValue(v any) any {
	switch v := v.(type) {
	case nil, int64, float64, bool, string, []byte, time.Time:
		return v
	case int32:
		return int64(v)
	case int16:
		return int64(v)
	case float32:
		return float64(v)
	case pgtype.Numeric:
		if v.Int != nil && v.Exp >= 0 && v.Int.IsInt64() {
			i := new(big.Int).Mul(v.Int, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(v.Exp)), nil))
			if i.IsInt64() {
				return i.Int64()
			}
		}
		if f, err := v.Float64Value(); err == nil && f.Valid {
			return f.Float64
		}
	}
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprint(v)
}
