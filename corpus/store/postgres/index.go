package postgres

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/kutip/kutip/corpus/store"
)

// Index implements Store, in one transaction. Rows are loaded with COPY;
// articles are upserted by record id and their earlier rows deleted, so
// re-indexing leaves nothing stale.
//
// Several processes may index into one store at once. No two deadlock,
// because every transaction takes its locks in one order: article rows
// (sorted by record id), then the keys of new entities (sorted), then
// alias rows (sorted), then the entity rows whose search names change
// (sorted by id). Mentions and sources name their alias by text, so the
// alias rows that every batch shares ("Reuters") are locked only for the
// last statements of a transaction, when their use counts change.
func (s *Store) Index(ctx context.Context, articles []store.Article) (err error) {
	if s.readOnly {
		return fmt.Errorf("%s: the store is open read-only", s.name)
	}
	b, err := newBatch(articles)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	if len(b.articles) == 0 {
		return nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
			err = fmt.Errorf("%s: %w", s.name, err)
		}
	}()
	w := &indexTx{ctx: ctx, tx: tx, batch: b, aliasUses: map[aliasKey]int{}, dirty: map[int64]bool{}}
	for _, step := range []func() error{w.upsertArticles, w.purge, w.resolveEntities, w.copyRows, w.countAliases, w.refreshNames} {
		if err := step(); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// batch is what Index writes, checked and prepared before its transaction
// begins.
type batch struct {
	articles []*store.Article          // the last version of each record id
	search   [][]pgtype.TSVector       // of articles[i].Quotes[j]
	entities map[entityKey]*entityInfo // every entity the articles name
}

type entityKey struct{ gazetteerID, name string }

// entityInfo is what a batch says of an entity, and what the store holds.
type entityInfo struct {
	firstName   string // of the first reference, for a new entity
	mentionName string // of the last mention: authoritative, it renames
	label       string // the first one given
	id          int64
}

// key returns the key of an entity reference; ok is false when it names
// none (no gazetteer id, no name).
func key(gazetteerID, name string) (k entityKey, ok bool) {
	if gazetteerID != "" {
		return entityKey{gazetteerID: gazetteerID}, true
	}
	return entityKey{name: name}, name != ""
}

func newBatch(articles []store.Article) (*batch, error) {
	b := &batch{entities: map[entityKey]*entityInfo{}}
	last := make(map[string]int, len(articles))
	for i := range articles {
		last[articles[i].ID] = i
	}
	var v vectorBuilder
	for i := range articles {
		a := &articles[i]
		if last[a.ID] != i {
			continue
		}
		if err := check(a); err != nil {
			return nil, fmt.Errorf("article %q: %w", a.ID, err)
		}
		b.articles = append(b.articles, a)
		for _, m := range a.Entities {
			name := cmp.Or(m.Name, m.Text)
			b.refer(m.ID, name, m.Label, true)
		}
		search := make([]pgtype.TSVector, len(a.Quotes))
		for j := range a.Quotes {
			q := &a.Quotes[j]
			if q.Speaker != nil {
				b.refer(q.Speaker.ID, q.Speaker.Name, "", false)
			}
			for _, src := range q.Sources {
				b.refer(src.ID, src.Name, "", false)
			}
			v.reset()
			v.addText(q.Text)
			search[j] = v.vector()
		}
		b.search = append(b.search, search)
	}
	return b, nil
}

// refer notes a reference to an entity, as the SQLite store takes it: a
// mention renames a gazetteer entity, and any reference fills in a label
// not known before.
func (b *batch) refer(gazetteerID, name, label string, authoritative bool) {
	k, ok := key(gazetteerID, name)
	if !ok {
		return
	}
	e := b.entities[k]
	if e == nil {
		e = &entityInfo{firstName: cmp.Or(name, gazetteerID)}
		b.entities[k] = e
	}
	if authoritative && name != "" {
		e.mentionName = name
	}
	if e.label == "" {
		e.label = label
	}
}

// check reports what PostgreSQL would refuse in an article, by field:
// text may not hold NUL characters, and a quote's kind is direct or
// indirect.
func check(a *store.Article) error {
	for _, f := range []struct{ name, value string }{
		{"id", a.ID}, {"outlet", a.Outlet}, {"url", a.URL}, {"title", a.Title}, {"date", a.Date}, {"text", a.Text},
	} {
		if hasNUL(f.value) {
			return errNUL(f.name)
		}
	}
	for i, m := range a.Entities {
		if hasNUL(m.Text, m.Label, m.ID, m.Name) {
			return errNUL(fmt.Sprintf("entities[%d]", i))
		}
	}
	for i, q := range a.Quotes {
		if q.Kind != "direct" && q.Kind != "indirect" {
			return fmt.Errorf("quotes[%d]: kind %q is neither direct nor indirect", i, q.Kind)
		}
		nul := hasNUL(q.Text, q.Cue)
		if sp := q.Speaker; sp != nil {
			nul = nul || hasNUL(sp.Name, sp.ID, sp.Text)
		}
		for _, r := range q.Sources {
			nul = nul || hasNUL(r.Name, r.ID, r.Text)
		}
		if nul {
			return errNUL(fmt.Sprintf("quotes[%d]", i))
		}
	}
	return nil
}

func hasNUL(values ...string) bool {
	for _, s := range values {
		if strings.IndexByte(s, 0) >= 0 {
			return true
		}
	}
	return false
}

func errNUL(field string) error {
	return fmt.Errorf("%s holds a NUL character (\\u0000), which PostgreSQL cannot store", field)
}

// indexTx is one Index transaction.
type indexTx struct {
	ctx   context.Context
	tx    pgx.Tx
	batch *batch

	articleIDs []int64 // of batch.articles
	replaced   []int64 // article ids that were stored before
	aliasUses  map[aliasKey]int
	dirty      map[int64]bool // entities whose row (name, label, search names) is out of date
}

type aliasKey struct {
	entity int64
	text   string
}

// upsertArticles writes the article rows, locking them in record id order,
// and learns their ids.
func (w *indexTx) upsertArticles() error {
	n := len(w.batch.articles)
	cols := make([][]string, 8)
	for i := range cols {
		cols[i] = make([]string, n)
	}
	for i, a := range w.batch.articles {
		for j, v := range []string{a.ID, a.Outlet, a.URL, a.Title, a.Date, a.DateSource, a.Text, a.TextSHA256} {
			cols[j][i] = v
		}
	}
	rows, err := w.tx.Query(w.ctx, `INSERT INTO articles(record_id, outlet, url, title, date, date_source, text, text_sha256)
		SELECT r, o, u, t, nullif(d, ''), ds, nullif(x, ''), h
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS v(r, o, u, t, d, ds, x, h)
		ORDER BY r
		ON CONFLICT (record_id) DO UPDATE SET outlet = EXCLUDED.outlet, url = EXCLUDED.url, title = EXCLUDED.title,
			date = EXCLUDED.date, date_source = EXCLUDED.date_source, text = EXCLUDED.text, text_sha256 = EXCLUDED.text_sha256
		RETURNING record_id, id, xmax <> 0`, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7])
	if err != nil {
		return err
	}
	ids := make(map[string]int64, n)
	var recordID string
	var id int64
	var replaced bool
	_, err = pgx.ForEachRow(rows, []any{&recordID, &id, &replaced}, func() error {
		ids[recordID] = id
		if replaced {
			w.replaced = append(w.replaced, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.articleIDs = make([]int64, n)
	for i, a := range w.batch.articles {
		w.articleIDs[i] = ids[a.ID]
	}
	return nil
}

// purge deletes what the stored versions of replaced articles held,
// releasing their aliases.
func (w *indexTx) purge() error {
	if len(w.replaced) == 0 {
		return nil
	}
	for _, stmt := range []string{
		`DELETE FROM quote_sources s USING quotes q WHERE s.quote = q.id AND q.article = ANY($1) RETURNING s.entity, s.alias`,
		`DELETE FROM mentions WHERE article = ANY($1) RETURNING entity, alias`,
	} {
		rows, err := w.tx.Query(w.ctx, stmt, w.replaced)
		if err != nil {
			return err
		}
		var k aliasKey
		if _, err := pgx.ForEachRow(rows, []any{&k.entity, &k.text}, func() error { w.aliasUses[k]--; return nil }); err != nil {
			return err
		}
	}
	rows, err := w.tx.Query(w.ctx, `DELETE FROM quotes WHERE article = ANY($1) RETURNING speaker, speaker_alias`, w.replaced)
	if err != nil {
		return err
	}
	var speaker *int64
	var alias *string
	_, err = pgx.ForEachRow(rows, []any{&speaker, &alias}, func() error {
		if speaker != nil && alias != nil {
			w.aliasUses[aliasKey{*speaker, *alias}]--
		}
		return nil
	})
	return err
}

// resolveEntities learns the id of every entity the batch names, creating
// those the store lacks, and marks the ones to rename or label.
func (w *indexTx) resolveEntities() error {
	var gazetteerIDs, names []string
	for k := range w.batch.entities {
		if k.gazetteerID != "" {
			gazetteerIDs = append(gazetteerIDs, k.gazetteerID)
		} else {
			names = append(names, k.name)
		}
	}
	const columns = `id, gazetteer_id, name, label`
	read := func(rows pgx.Rows, created bool) error {
		var id int64
		var gazetteerID, name, label string
		_, err := pgx.ForEachRow(rows, []any{&id, &gazetteerID, &name, &label}, func() error {
			k, _ := key(gazetteerID, name)
			e := w.batch.entities[k]
			e.id = id
			if created || e.mentionName != "" && e.mentionName != name || e.label != "" && label == "" {
				w.dirty[id] = true
			}
			return nil
		})
		return err
	}
	find := func() error {
		rows, err := w.tx.Query(w.ctx, `SELECT `+columns+` FROM entities WHERE gazetteer_id = ANY($1)
			UNION ALL SELECT `+columns+` FROM entities WHERE gazetteer_id = '' AND name = ANY($2)`, gazetteerIDs, names)
		if err != nil {
			return err
		}
		return read(rows, false)
	}
	if err := find(); err != nil {
		return err
	}
	gazetteerIDs, names = gazetteerIDs[:0], names[:0]
	var labels []string
	for k, e := range w.batch.entities {
		if e.id == 0 {
			gazetteerIDs = append(gazetteerIDs, k.gazetteerID)
			names = append(names, cmp.Or(e.mentionName, e.firstName))
			labels = append(labels, e.label)
		}
	}
	if len(names) == 0 {
		return nil
	}
	// Another indexer may be creating some of them: DO NOTHING waits for it
	// to commit, and those are read again after.
	rows, err := w.tx.Query(w.ctx, `INSERT INTO entities(gazetteer_id, name, label)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS v(g, n, l) ORDER BY g, n
		ON CONFLICT DO NOTHING RETURNING `+columns, gazetteerIDs, names, labels)
	if err != nil {
		return err
	}
	if err := read(rows, true); err != nil {
		return err
	}
	gazetteerIDs, names = gazetteerIDs[:0], names[:0]
	for k, e := range w.batch.entities {
		if e.id == 0 {
			if k.gazetteerID != "" {
				gazetteerIDs = append(gazetteerIDs, k.gazetteerID)
			} else {
				names = append(names, k.name)
			}
		}
	}
	if len(gazetteerIDs)+len(names) == 0 {
		return nil
	}
	return find()
}

// entityID returns the id of the entity a reference names, 0 for none.
func (w *indexTx) entityID(gazetteerID, name string) int64 {
	if k, ok := key(gazetteerID, name); ok {
		return w.batch.entities[k].id
	}
	return 0
}

// copyRows loads the mentions, quotes and sources of the batch with COPY
// and counts the aliases they use.
func (w *indexTx) copyRows() error {
	quotes := 0
	for _, a := range w.batch.articles {
		quotes += len(a.Quotes)
	}
	ids := make([]int64, 0, quotes)
	if quotes > 0 {
		rows, err := w.tx.Query(w.ctx, `SELECT nextval('quotes_id') FROM generate_series(1, $1)`, quotes)
		if err != nil {
			return err
		}
		if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return err
		}
		slices.Sort(ids)
	}
	var mentionRows, quoteRows, sourceRows [][]any
	type mentionKey struct {
		start, end int
		entity     int64
	}
	for i, a := range w.batch.articles {
		article := w.articleIDs[i]
		seen := map[mentionKey]bool{}
		for _, m := range a.Entities {
			entity := w.entityID(m.ID, cmp.Or(m.Name, m.Text))
			k := mentionKey{m.Start, m.End, entity}
			if entity == 0 || seen[k] {
				continue
			}
			seen[k] = true
			mentionRows = append(mentionRows, []any{article, m.Start, m.End, entity, m.Text})
			w.aliasUses[aliasKey{entity, m.Text}]++
		}
		var date any
		if a.Date != "" {
			date = a.Date
		}
		// Ids run backwards through the article, so that listings ordered
		// by date and id, newest first (straight from an index), read each
		// article's quotes in text order, as in the SQLite store.
		for j := len(a.Quotes) - 1; j >= 0; j-- {
			q := &a.Quotes[j]
			id := ids[0]
			ids = ids[1:]
			var speaker, speakerAlias, speakerStart, speakerEnd any
			if sp := q.Speaker; sp != nil {
				if e := w.entityID(sp.ID, sp.Name); e != 0 {
					speaker = e
					// The name as written is an alias: it finds the speaker too.
					if sp.Text != "" {
						speakerAlias = sp.Text
						w.aliasUses[aliasKey{e, sp.Text}]++
					}
				}
				speakerStart, speakerEnd = span(sp.Start, sp.End)
			}
			cueStart, cueEnd := span(q.CueStart, q.CueEnd)
			quoteRows = append(quoteRows, []any{id, article, date, q.Start, q.End, q.Kind, speaker, speakerAlias, speakerStart, speakerEnd,
				q.Cue, cueStart, cueEnd, q.Confidence, q.Text, w.batch.search[i][j]})
			seenSource := map[int64]bool{}
			for _, src := range q.Sources {
				entity := w.entityID(src.ID, src.Name)
				if entity == 0 || seenSource[entity] {
					continue
				}
				seenSource[entity] = true
				start, end := span(src.Start, src.End)
				sourceRows = append(sourceRows, []any{id, entity, src.Text, start, end})
				w.aliasUses[aliasKey{entity, src.Text}]++
			}
		}
	}
	for _, c := range []struct {
		table   string
		columns []string
		rows    [][]any
	}{
		{"mentions", []string{"article", "char_start", "char_end", "entity", "alias"}, mentionRows},
		{"quotes", []string{"id", "article", "date", "char_start", "char_end", "kind", "speaker", "speaker_alias", "speaker_start", "speaker_end",
			"cue", "cue_start", "cue_end", "confidence", "text", "search"}, quoteRows},
		{"quote_sources", []string{"quote", "entity", "alias", "char_start", "char_end"}, sourceRows},
	} {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := w.tx.CopyFrom(w.ctx, pgx.Identifier{c.table}, c.columns, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("copy into %s: %w", c.table, err)
		}
	}
	return nil
}

// span is a span of characters as stored: NULL, NULL when not known (0, 0).
func span(start, end int) (any, any) {
	if start == end {
		return nil, nil
	}
	return start, end
}

// countAliases applies the change in alias uses, creating new aliases and
// dropping those nobody uses any more; either changes its entity's search
// names.
func (w *indexTx) countAliases() error {
	var entities []int64
	var texts []string
	var changes []int32
	for k, n := range w.aliasUses {
		if n != 0 {
			entities, texts, changes = append(entities, k.entity), append(texts, k.text), append(changes, int32(n))
		}
	}
	if len(entities) == 0 {
		return nil
	}
	rows, err := w.tx.Query(w.ctx, `INSERT INTO aliases(entity, text, uses)
		SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[]) AS v(e, t, n) ORDER BY e, t
		ON CONFLICT (entity, text) DO UPDATE SET uses = aliases.uses + EXCLUDED.uses
		RETURNING entity, text, uses, xmax = 0`, entities, texts, changes)
	if err != nil {
		return err
	}
	entities, texts = entities[:0], texts[:0]
	var entity int64
	var text string
	var uses int
	var created bool
	_, err = pgx.ForEachRow(rows, []any{&entity, &text, &uses, &created}, func() error {
		if created {
			w.dirty[entity] = true
		}
		if uses <= 0 {
			entities, texts = append(entities, entity), append(texts, text)
		}
		return nil
	})
	if err != nil || len(entities) == 0 {
		return err
	}
	for _, e := range entities {
		w.dirty[e] = true
	}
	_, err = w.tx.Exec(w.ctx, `DELETE FROM aliases a USING unnest($1::bigint[], $2::text[]) AS v(e, t)
		WHERE a.entity = v.e AND a.text = v.t AND a.uses <= 0`, entities, texts)
	return err
}

// refreshNames rewrites the rows of the entities marked dirty: a name a
// mention gave, a label not known before, and the search names (the words
// of the name and of every alias).
func (w *indexTx) refreshNames() error {
	if len(w.dirty) == 0 {
		return nil
	}
	ids := slices.Sorted(maps.Keys(w.dirty))
	byID := make(map[int64]*entityInfo, len(w.batch.entities))
	for _, e := range w.batch.entities {
		byID[e.id] = e
	}
	type row struct {
		name, label string
		aliases     []string
	}
	current := make(map[int64]*row, len(ids))
	rows, err := w.tx.Query(w.ctx, `SELECT id, name, label FROM entities WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, ids)
	if err != nil {
		return err
	}
	var id int64
	var r row
	if _, err := pgx.ForEachRow(rows, []any{&id, &r.name, &r.label}, func() error { current[id] = &row{name: r.name, label: r.label}; return nil }); err != nil {
		return err
	}
	rows, err = w.tx.Query(w.ctx, `SELECT entity, text FROM aliases WHERE entity = ANY($1) ORDER BY entity, text`, ids)
	if err != nil {
		return err
	}
	var text string
	if _, err := pgx.ForEachRow(rows, []any{&id, &text}, func() error { current[id].aliases = append(current[id].aliases, text); return nil }); err != nil {
		return err
	}
	names, labels := make([]string, len(ids)), make([]string, len(ids))
	vectors := make([]pgtype.TSVector, len(ids))
	var v vectorBuilder
	for i, id := range ids {
		c := current[id]
		if e := byID[id]; e != nil {
			c.name = cmp.Or(e.mentionName, c.name)
			c.label = cmp.Or(c.label, e.label)
		}
		v.reset()
		v.addName(c.name)
		for _, a := range c.aliases {
			v.addName(a)
		}
		names[i], labels[i], vectors[i] = c.name, c.label, v.vector()
	}
	_, err = w.tx.Exec(w.ctx, `UPDATE entities e SET name = v.n, label = v.l, names = v.s
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::tsvector[]) AS v(id, n, l, s) WHERE e.id = v.id`,
		ids, names, labels, vectors)
	return err
}
