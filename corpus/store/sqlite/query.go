package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kutip/kutip/corpus/store"
)

// filterSQL builds the conditions on quotes q that select f.
func filterSQL(f store.Filter) (cond string, args []any, err error) {
	if err := f.Check(); err != nil {
		return "", nil, err
	}
	var conds []string
	add := func(c string, a ...any) {
		conds = append(conds, c)
		args = append(args, a...)
	}
	if f.Kind != "" {
		add(`q.kind = ?`, f.Kind)
	}
	if f.From != "" {
		add(`q.date >= ?`, f.From)
	}
	if f.To != "" {
		add(`q.date <= ?`, f.To)
	}
	if f.Cue != "" {
		add(`lower(q.cue) = lower(?)`, f.Cue)
	}
	if f.MinConfidence > 0 {
		add(`q.confidence >= ?`, f.MinConfidence)
	}
	if len(f.Speakers) > 0 {
		expr, err := namesExpr(f.Speakers)
		if err != nil {
			return "", nil, err
		}
		add(`q.speaker IN (SELECT rowid FROM entity_search WHERE entity_search MATCH ?)`, expr)
	}
	if len(f.SpeakerIDs) > 0 {
		ids, _ := json.Marshal(f.SpeakerIDs)
		add(`q.speaker IN (SELECT id FROM entities WHERE gazetteer_id != '' AND gazetteer_id IN (SELECT value FROM json_each(?)))`, string(ids))
	}
	if len(f.Sources) > 0 {
		expr, err := namesExpr(f.Sources)
		if err != nil {
			return "", nil, err
		}
		add(`q.id IN (SELECT s.quote FROM quote_sources s WHERE s.entity IN
			(SELECT rowid FROM entity_search WHERE entity_search MATCH ?))`, expr)
	}
	if len(f.Outlets) > 0 {
		likes := make([]string, len(f.Outlets))
		var patterns []any
		for i, o := range f.Outlets {
			likes[i] = `outlet LIKE ? ESCAPE '\'`
			patterns = append(patterns, "%"+likeEscaper.Replace(o)+"%")
		}
		add(`q.article IN (SELECT id FROM articles WHERE `+strings.Join(likes, " OR ")+`)`, patterns...)
	}
	if len(f.Articles) > 0 {
		ids, _ := json.Marshal(f.Articles)
		add(`q.article IN (SELECT id FROM articles WHERE record_id IN (SELECT value FROM json_each(?)))`, string(ids))
	}
	if f.Match != "" {
		expr, err := matchExpr(f.Match)
		if err != nil {
			return "", nil, err
		}
		add(`q.id IN (SELECT rowid FROM quote_search WHERE quote_search MATCH ?)`, expr)
	}
	if len(conds) == 0 {
		return "1", nil, nil
	}
	return strings.Join(conds, " AND "), args, nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// namesExpr turns names (any of them) into an FTS5 query over entity
// names: every word of a name, as a prefix.
func namesExpr(names []string) (string, error) {
	exprs := make([]string, len(names))
	for i, name := range names {
		words, err := store.NameWords(name)
		if err != nil {
			return "", err
		}
		for j, w := range words {
			words[j] = ftsString(w) + "*"
		}
		exprs[i] = "(" + strings.Join(words, " ") + ")"
	}
	return strings.Join(exprs, " OR "), nil
}

// orderSQL is the ORDER BY of a page. Quote ids run backwards through each
// article (see indexTx.article), so id DESC reads an article in text order.
var orderSQL = map[store.Order]string{
	store.NewestFirst:   `q.date DESC, q.id DESC`,
	store.OldestFirst:   `q.date IS NULL, q.date, q.id DESC`,
	store.MostConfident: `q.confidence DESC, q.date DESC, q.id DESC`,
}

// Quotes implements Store. The quotes are chosen first by an index-only
// query and only the chosen ones are read in full.
func (s *Store) Quotes(ctx context.Context, f store.Filter, p store.Page) ([]store.Quote, error) {
	cond, args, err := filterSQL(f)
	if err != nil {
		return nil, err
	}
	order, ok := orderSQL[p.Order]
	if !ok || p.Offset < 0 {
		return nil, fmt.Errorf("%w: order %d, offset %d", store.ErrBadFilter, p.Order, p.Offset)
	}
	c, err := s.columns(ctx)
	if err != nil {
		return nil, err
	}
	if c != nil {
		sel, err := s.selection(ctx, c, f)
		if err != nil {
			return nil, err
		}
		ids, _ := json.Marshal(c.page(sel, int(p.Order), p.Offset, p.Limit))
		return s.quoteRows(ctx, `WITH hit AS (SELECT value AS id, key AS k FROM json_each(?))`, `hit.k`, string(ids))
	}
	return s.quoteRows(ctx, `WITH hit AS (SELECT q.id FROM quotes q WHERE `+cond+` ORDER BY `+order+` LIMIT ? OFFSET ?)`, order,
		append(args, sqlLimit(p.Limit), p.Offset)...)
}

// quoteRows reads in full the quotes that the common table expression hit
// names, in order.
func (s *Store) quoteRows(ctx context.Context, hit, order string, args ...any) ([]store.Quote, error) {
	query := hit + `
	SELECT a.record_id, a.outlet, a.url, a.title, coalesce(q.date, ''), q.char_start, q.char_end,
		q.kind, q.text, sp.name, sp.gazetteer_id, coalesce(spa.text, ''), coalesce(q.speaker_start, 0), coalesce(q.speaker_end, 0),
		q.cue, coalesce(q.cue_start, 0), coalesce(q.cue_end, 0), q.confidence,
		(SELECT json_group_array(json_object('name', e.name, 'id', e.gazetteer_id, 'text', al.text,
			'start', coalesce(s.char_start, 0), 'end', coalesce(s.char_end, 0)))
		 FROM quote_sources s JOIN entities e ON e.id = s.entity JOIN aliases al ON al.id = s.alias WHERE s.quote = q.id)
	FROM hit JOIN quotes q ON q.id = hit.id
	JOIN articles a ON a.id = q.article
	LEFT JOIN entities sp ON sp.id = q.speaker
	LEFT JOIN aliases spa ON spa.id = q.speaker_alias
	ORDER BY ` + order
	rows, err := s.conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	defer rows.Close()
	var hits []store.Quote
	for rows.Next() {
		var h store.Quote
		var speaker, speakerID sql.NullString
		var sp store.Ref
		var sources string
		if err := rows.Scan(&h.Article, &h.Outlet, &h.URL, &h.Title, &h.Date, &h.Start, &h.End,
			&h.Kind, &h.Text, &speaker, &speakerID, &sp.Text, &sp.Start, &sp.End,
			&h.Cue, &h.CueStart, &h.CueEnd, &h.Confidence, &sources); err != nil {
			return nil, fmt.Errorf("%s: %w", s.path, err)
		}
		if speaker.Valid {
			sp.Name, sp.ID = speaker.String, speakerID.String
			h.Speaker = &sp
		}
		if err := json.Unmarshal([]byte(sources), &h.Sources); err != nil {
			return nil, fmt.Errorf("%s: sources of a quote in %q: %w", s.path, h.Article, err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	return hits, nil
}

// sqlLimit turns "no limit" (<= 0) into SQLite's -1.
func sqlLimit(limit int) int {
	if limit <= 0 {
		return -1
	}
	return limit
}

// Top implements Store. Ties are broken by name, so output is stable.
func (s *Store) Top(ctx context.Context, by store.Facet, f store.Filter, limit int) ([]store.Count, error) {
	cond, args, err := filterSQL(f)
	if err != nil {
		return nil, err
	}
	if c, err := s.columns(ctx); err != nil {
		return nil, err
	} else if c != nil {
		sel, err := s.selection(ctx, c, f)
		if err != nil {
			return nil, err
		}
		return c.top(by, sel, limit)
	}
	// valueCount counts quotes by an expression over q, ordered as given.
	valueCount := func(value, order string) string {
		return `SELECT ` + value + ` AS v, '', count(*) AS n FROM quotes q WHERE ` + cond + ` GROUP BY v HAVING v IS NOT NULL ORDER BY ` + order + ` LIMIT ?`
	}
	var query string
	switch by {
	case store.BySpeaker:
		query = `SELECT e.name, e.gazetteer_id, t.n FROM (
			SELECT q.speaker, count(*) AS n FROM quotes q WHERE q.speaker IS NOT NULL AND ` + cond + `
			GROUP BY q.speaker) t
		JOIN entities e ON e.id = t.speaker ORDER BY t.n DESC, e.name LIMIT ?`
	case store.BySource:
		from := `quote_sources s`
		if cond != "1" {
			from += ` JOIN quotes q ON q.id = s.quote`
		}
		query = `SELECT e.name, e.gazetteer_id, t.n FROM (
			SELECT s.entity, count(*) AS n FROM ` + from + ` WHERE ` + cond + ` GROUP BY s.entity) t
		JOIN entities e ON e.id = t.entity ORDER BY t.n DESC, e.name LIMIT ?`
	case store.ByOutlet, store.ByArticle:
		// Counting per article first reads an index instead of joining
		// every quote to its article.
		column := map[store.Facet]string{store.ByOutlet: "a.outlet", store.ByArticle: "a.record_id"}[by]
		query = `SELECT ` + column + `, '', sum(t.n) AS n FROM (
			SELECT q.article, count(*) AS n FROM quotes q WHERE ` + cond + ` GROUP BY q.article) t
		JOIN articles a ON a.id = t.article GROUP BY ` + column + ` ORDER BY n DESC, ` + column + ` LIMIT ?`
	case store.ByKind:
		query = valueCount(`q.kind`, `n DESC, v`)
	case store.ByCue:
		query = valueCount(`lower(q.cue)`, `n DESC, v`)
	case store.ByMonth:
		query = valueCount(`substr(q.date, 1, 7)`, `v`)
	case store.ByDay:
		query = valueCount(`q.date`, `v`)
	case store.ByBand:
		query = valueCount(`printf('%.1f', min(cast(q.confidence * 10 AS INTEGER), 9) / 10.0)`, `v DESC`)
	default:
		return nil, fmt.Errorf("unknown facet %d", by)
	}
	rows, err := s.conn.QueryContext(ctx, query, append(args, sqlLimit(limit))...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	defer rows.Close()
	var counts []store.Count
	for rows.Next() {
		var c store.Count
		if err := rows.Scan(&c.Name, &c.ID, &c.Quotes); err != nil {
			return nil, fmt.Errorf("%s: %w", s.path, err)
		}
		counts = append(counts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	return counts, nil
}

// Article implements Store.
func (s *Store) Article(ctx context.Context, id string) (store.Article, error) {
	a := store.Article{ID: id}
	var rowID int64
	var date, text sql.NullString
	err := s.conn.QueryRowContext(ctx, `SELECT id, outlet, url, title, date, date_source, text, text_sha256 FROM articles WHERE record_id = ?`, id).
		Scan(&rowID, &a.Outlet, &a.URL, &a.Title, &date, &a.DateSource, &text, &a.TextSHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("%s: %w: %q", s.path, store.ErrNoArticle, id)
	}
	if err != nil {
		return a, fmt.Errorf("%s: %w", s.path, err)
	}
	a.Date, a.Text = date.String, text.String
	rows, err := s.conn.QueryContext(ctx, `SELECT al.text, e.label, m.char_start, m.char_end, e.gazetteer_id, e.name
		FROM mentions m JOIN entities e ON e.id = m.entity JOIN aliases al ON al.id = m.alias
		WHERE m.article = ? ORDER BY m.char_start, m.char_end`, rowID)
	if err != nil {
		return a, fmt.Errorf("%s: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m store.Mention
		if err := rows.Scan(&m.Text, &m.Label, &m.Start, &m.End, &m.ID, &m.Name); err != nil {
			return a, fmt.Errorf("%s: %w", s.path, err)
		}
		a.Entities = append(a.Entities, m)
	}
	if err := rows.Err(); err != nil {
		return a, fmt.Errorf("%s: %w", s.path, err)
	}
	a.Quotes, err = s.quoteRows(ctx, `WITH hit AS (SELECT id FROM quotes WHERE article = ?)`, `q.char_start, q.id DESC`, rowID)
	return a, err
}
