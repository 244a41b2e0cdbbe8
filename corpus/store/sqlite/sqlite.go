// Package sqlite is the embedded quote store: one SQLite file in WAL mode,
// which stock sqlite3 and Python's sqlite3 module open too.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kutip/kutip/corpus"
	"github.com/kutip/kutip/corpus/store"
)

var _ store.Store = (*Store)(nil)

//go:embed schema/*.sql
var schemaFiles embed.FS

// migrations[i] takes a store from schema version i to i+1. Append new
// ones; never edit one that has been released.
var migrations = []migration{
	{script: "schema/001_init.sql"},
	{script: "schema/002_id_sequences.sql"},
	{script: "schema/003_texts_dates_portable_search.sql", then: refillQuoteSearch},
}

// deferredIndexes are the secondary indexes that a load into an empty store
// builds at the end, when the store is closed, rather than row by row:
// inserting every quote into them at a random place took 10–16 % of the
// store's processor time in a load of 3,600 articles, building them at the
// end takes 5 %. Until then queries through them scan. The others stay: the
// unique ones keep entities and aliases one each, and quotes_article, in the
// order rows are added, serves replacing an article. Their definitions are
// the schema's (indexDefinitions).
var deferredIndexes = []string{"articles_outlet", "quotes_speaker", "quotes_date", "quote_sources_entity"}

// indexDefinitions returns CREATE INDEX IF NOT EXISTS of each deferred
// index, as the schema scripts define it.
var indexDefinitions = sync.OnceValues(func() ([]string, error) {
	defined := map[string]string{}
	for _, m := range migrations {
		script, err := schemaFiles.ReadFile(m.script)
		if err != nil {
			return nil, err
		}
		for _, def := range createIndex.FindAllStringSubmatch(string(script), -1) {
			defined[def[1]] = "CREATE INDEX IF NOT EXISTS " + def[1] + def[2]
		}
	}
	defs := make([]string, len(deferredIndexes))
	for i, name := range deferredIndexes {
		if defs[i] = defined[name]; defs[i] == "" {
			return nil, fmt.Errorf("the schema defines no index %s", name)
		}
	}
	return defs, nil
})

var createIndex = regexp.MustCompile(`(?m)^CREATE INDEX (\w+)( ON [^;]+);`)

// createDeferredIndexes creates the deferred indexes that a load left out.
func createDeferredIndexes(ctx context.Context, tx *sql.Tx) error {
	defs, err := indexDefinitions()
	if err != nil {
		return err
	}
	for _, def := range defs {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return err
		}
	}
	return nil
}

// A migration is a script, and what Go must do after it that SQL cannot.
type migration struct {
	script string
	then   func(ctx context.Context, tx *sql.Tx) error
}

// refillQuoteSearch indexes every quote's folded text (see store.Folder).
func refillQuoteSearch(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, text FROM quotes ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var fold store.Folder
	var batch insertRows
	var buf []byte
	flush := func() error {
		err := batch.insert(ctx, tx, sqlInsertSearch, maxParams)
		batch = insertRows{}
		return err
	}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return err
		}
		buf = fold.Fold(buf[:0], text)
		batch.row().int(id).str(string(buf))
		if batch.rows == 10000 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// busyTimeoutMS is how long a statement waits for another process's write
// transaction to finish before failing.
const busyTimeoutMS = 10000

// Store is the embedded store.Store: one SQLite file in WAL mode, so that
// queries can run while kutip index writes.
type Store struct {
	path     string
	db       *sql.DB
	conn     *sql.Conn // every statement runs on this one connection
	readOnly bool      // opened with mode=ro and query_only
	cache    indexCache
	// loadChecked says whether the first Index looked for an empty store;
	// deferred whether it found one and dropped its deferred indexes, for
	// Close to build.
	loadChecked, deferred bool

	colsMu sync.Mutex
	warm   bool     // see Warm
	cols   *columns // nil until loaded

	readerOnce sync.Once
	reader     *Store // Select's read-only handle on a store opened for writing
	readerErr  error
}

// Open opens the SQLite store at path for indexing and querying, creating it
// if needed and bringing its schema up to date.
func Open(path string) (*Store, error) {
	// synchronous=NORMAL in WAL mode keeps the store consistent through a
	// crash; a power cut may lose the last batches, never part of one. A
	// large cache and fewer checkpoints spare rewriting the same index pages
	// batch after batch. _txlock=immediate takes the write lock when a
	// transaction begins, so two writers wait for each other instead of
	// failing with "database is locked" halfway.
	dsn := fileURI(path) + fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-65536)"+
		"&_pragma=wal_autocheckpoint(4096)&_txlock=immediate", busyTimeoutMS)
	s, err := openSQLite(path, dsn)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(); err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// OpenReadOnly opens an existing store for queries only: it never creates
// or changes a file, and Select cannot write either (nor attach other
// databases). A store that no indexer has open is in rollback-journal mode
// (see Close), which readers read without -wal or -shm files. In a
// directory the reader cannot write to, a store without a -wal file (no
// indexer has it open) is read as immutable, which SQLite needs there;
// with one, the indexer's -wal and -shm files are read as they are.
func OpenReadOnly(path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w (create it with kutip index)", path, store.ErrNoStore)
		}
		return nil, err
	}
	dsn := fileURI(path) + fmt.Sprintf("?mode=ro&_pragma=busy_timeout(%d)&_pragma=query_only(1)", busyTimeoutMS)
	if _, err := os.Stat(path + "-wal"); errors.Is(err, os.ErrNotExist) && !writable(filepath.Dir(path)) {
		dsn += "&immutable=1"
	}
	s, err := openSQLite(path, dsn)
	if err != nil {
		return nil, err
	}
	s.readOnly = true
	v, err := version(context.Background(), s.conn)
	if err != nil && s.empty() {
		// An index run stopped before its first batch: the file is a
		// database without tables.
		err = fmt.Errorf("%w: nothing is indexed in it yet (run kutip index)", store.ErrNoStore)
	} else if err == nil && v < len(migrations) {
		err = fmt.Errorf("schema version %d is older than this kutip's %d: run kutip index on it to upgrade", v, len(migrations))
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// empty reports whether the database holds no table at all.
func (s *Store) empty() bool {
	var n int
	err := s.conn.QueryRowContext(context.Background(), `SELECT count(*) FROM sqlite_schema`).Scan(&n)
	return err == nil && n == 0
}

func openSQLite(path, dsn string) (*Store, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(context.Background())
	if err == nil {
		// The store never attaches databases; Select must not either, as
		// ATTACH can create and write files.
		_, err = sqlite.Limit(conn, sqlite3.SQLITE_LIMIT_ATTACHED, 0)
	}
	if err != nil {
		if conn != nil {
			conn.Close()
		}
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Store{path: path, db: db, conn: conn}, nil
}

// fileURI makes path a SQLite URI filename, escaping what a URI would read
// as a query or fragment.
func fileURI(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// Close closes the store. The last indexer to close a store leaves it in
// rollback-journal mode, so that queries (OpenReadOnly) need no -wal or
// -shm files, which they would otherwise create as the querying user; while
// others have it open, it stays in WAL mode.
func (s *Store) Close() error {
	if s.reader != nil {
		s.reader.Close()
	}
	var err error
	if !s.readOnly {
		ctx := context.Background()
		if s.deferred {
			err = s.finishLoad(ctx)
		}
		if _, err := s.conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err == nil {
			s.conn.ExecContext(ctx, `PRAGMA journal_mode = DELETE`) // fails while others have the store open
		}
	}
	if cerr := s.conn.Close(); err == nil {
		err = cerr
	}
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	return err
}

// finishLoad builds the deferred indexes that a load into the empty store
// dropped (see Index), unless another process opening the store built them
// already.
func (s *Store) finishLoad(ctx context.Context) error {
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	if err := createDeferredIndexes(ctx, tx); err != nil {
		tx.Rollback()
		return fmt.Errorf("%s: building the indexes: %w", s.path, err)
	}
	return tx.Commit()
}

// version returns the schema version, failing for a file that is not a
// store or one made by a newer kutip.
func version(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}) (int, error) {
	var version sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&version)
	if err != nil {
		return 0, fmt.Errorf("not a kutip store: %w", err)
	}
	if int(version.Int64) > len(migrations) {
		return 0, fmt.Errorf("schema version %d is newer than this kutip's %d: upgrade kutip", version.Int64, len(migrations))
	}
	return int(version.Int64), nil
}

// migrate applies the migrations the store lacks, with their version rows,
// in one transaction that takes the write lock as it begins: of several
// processes opening a new store at once, one creates it and the others
// wait for it (busyTimeoutMS), then find it made.
func (s *Store) migrate() (err error) {
	ctx := context.Background()
	// The page size only takes on a new file, before its first table; large
	// pages mean fewer writes per batch.
	if _, err := s.conn.ExecContext(ctx, `PRAGMA page_size = 16384`); err != nil {
		return err
	}
	tx, err := s.conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see Open
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	var versioned, others int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE name = 'schema_version'), count(*) FILTER (WHERE name != 'schema_version')
		FROM sqlite_schema`).Scan(&versioned, &others)
	if err != nil {
		return err
	}
	if versioned == 0 && others > 0 { // someone else's database: leave it alone
		return errors.New("not a kutip store: the database holds other tables")
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY,
		applied TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
	)`); err != nil {
		return err
	}
	v, err := version(ctx, tx)
	if err != nil {
		return err
	}
	for ; v < len(migrations); v++ {
		m := migrations[v]
		script, err := schemaFiles.ReadFile(m.script)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(script)); err != nil {
			return fmt.Errorf("%s: %w", m.script, err)
		}
		if m.then != nil {
			if err := m.then(ctx, tx); err != nil {
				return fmt.Errorf("%s: %w", m.script, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version(version) VALUES (?)`, v+1); err != nil {
			return err
		}
	}
	// A load that never reached Close (killed) left its deferred indexes
	// out; a load still running gets them back and keeps them up to date.
	if err := createDeferredIndexes(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// WAL mode lets queries run while kutip index writes. Changing the
	// journal mode takes a lock SQLite does not wait for (the busy timeout
	// does not apply), so an indexer opening the store while another opens
	// or closes it retries for as long as that timeout.
	deadline := time.Now().Add(busyTimeoutMS * time.Millisecond)
	for {
		_, err = s.conn.ExecContext(ctx, `PRAGMA journal_mode = WAL`)
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Index implements Store. Articles, mentions, quotes and sources are written
// with multi-row inserts of bound values (insertRows), the quote search rows
// with one statement per batch: through database/sql a statement per row
// costs more than SQLite's own work, and FTS5 flushes its pending index at
// every statement savepoint.
func (s *Store) Index(ctx context.Context, articles []store.Article) (err error) {
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			s.cache.reset() // ids learnt in the transaction are gone
			err = fmt.Errorf("%s: %w", s.path, err)
		}
	}()
	if err := s.cache.check(ctx, tx); err != nil {
		return err
	}
	if !s.loadChecked {
		s.loadChecked = true
		if s.deferred, err = dropDeferredIndexes(ctx, tx); err != nil {
			return err
		}
	}
	w, err := newIndexTx(ctx, tx, &s.cache)
	if err != nil {
		return err
	}
	defer w.close()
	if err := w.index(articles); err != nil {
		return err
	}
	s.forgetColumns()
	return tx.Commit()
}

// dropDeferredIndexes drops the deferred indexes of a store that holds no
// article yet, and says whether it did: the load that begins builds them
// when it closes the store.
func dropDeferredIndexes(ctx context.Context, tx *sql.Tx) (bool, error) {
	var empty bool
	if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM articles)`).Scan(&empty); err != nil || !empty {
		return false, err
	}
	for _, name := range deferredIndexes {
		if _, err := tx.ExecContext(ctx, `DROP INDEX IF EXISTS `+name); err != nil {
			return false, err
		}
	}
	return true, nil
}

// indexCache remembers entity and alias ids between transactions. Another
// process writing to the store (SQLite's data_version changes) or a failed
// transaction empties it.
type indexCache struct {
	dataVersion int64
	entities    map[entityKey]*entityRow
	aliases     map[aliasKey]int64
}

// maxCached bounds the memory the cache may take on a very large store.
const maxCached = 1 << 20

func (c *indexCache) reset() {
	c.entities = map[entityKey]*entityRow{}
	c.aliases = map[aliasKey]int64{}
}

// check empties the cache if someone else wrote since it was filled.
func (c *indexCache) check(ctx context.Context, tx *sql.Tx) error {
	var version int64
	if err := tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&version); err != nil {
		return err
	}
	if version != c.dataVersion || c.entities == nil || len(c.entities)+len(c.aliases) > maxCached {
		c.reset()
	}
	c.dataVersion = version
	return nil
}

// entityKey identifies an entity: by gazetteer id, or by name outside the
// gazetteer.
type entityKey struct{ gazetteerID, name string }

type entityRow struct {
	id          int64
	name, label string
}

type aliasKey struct {
	entity int64
	text   string
}

type mentionKey struct {
	start, end int
	entity     int64
}

// indexTx is one Index transaction: its statements, and the rows it
// gathers for the bulk inserts.
type indexTx struct {
	ctx   context.Context
	tx    *sql.Tx
	cache *indexCache
	stmts []*sql.Stmt
	uses  map[int64]int  // change of aliases.uses
	dirty map[int64]bool // entities whose entity_search row is out of date
	fold  store.Folder
	buf   []byte

	// seenMentions and seenSources are article's and quote's, kept for
	// the next one.
	seenMentions map[mentionKey]bool
	seenSources  map[int64]bool

	articles, mentions, quotes, sources, search insertRows

	entityByGazetteer, entityByName, insertEntity, updateEntity *sql.Stmt
	findAlias, insertAlias                                      *sql.Stmt
}

func newIndexTx(ctx context.Context, tx *sql.Tx, cache *indexCache) (*indexTx, error) {
	w := &indexTx{ctx: ctx, tx: tx, cache: cache, uses: map[int64]int{}, dirty: map[int64]bool{},
		seenMentions: map[mentionKey]bool{}, seenSources: map[int64]bool{}}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&w.entityByGazetteer, `SELECT id, name, label FROM entities WHERE gazetteer_id = ?`},
		{&w.entityByName, `SELECT id, name, label FROM entities WHERE gazetteer_id = '' AND name = ?`},
		{&w.insertEntity, `INSERT INTO entities(gazetteer_id, name, label) VALUES (?, ?, ?) RETURNING id`},
		{&w.updateEntity, `UPDATE entities SET name = ?, label = ? WHERE id = ?`},
		{&w.findAlias, `SELECT id FROM aliases WHERE entity = ? AND text = ?`},
		{&w.insertAlias, `INSERT INTO aliases(entity, text, uses) VALUES (?, ?, 0) RETURNING id`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.stmt = stmt
		w.stmts = append(w.stmts, stmt)
	}
	return w, nil
}

func (w *indexTx) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

// Bulk statements: the inserts take their rows as bound values (see
// insertRows), the others read the rows of a JSON array with json_each.
const (
	sqlFindArticles = `SELECT record_id, id FROM articles WHERE record_id IN (SELECT value FROM json_each(?))`
	sqlOldAliases   = `SELECT alias, count(*) FROM (
		SELECT alias FROM mentions WHERE article IN (SELECT value FROM json_each(?1))
		UNION ALL
		SELECT speaker_alias FROM quotes WHERE article IN (SELECT value FROM json_each(?1)) AND speaker_alias IS NOT NULL
		UNION ALL
		SELECT s.alias FROM quotes q JOIN quote_sources s ON s.quote = q.id WHERE q.article IN (SELECT value FROM json_each(?1))
	) GROUP BY alias`
	sqlInsertArticles = `INSERT INTO articles(id, record_id, outlet, url, title, date, text_sha256, date_source, text)`
	sqlInsertMentions = `INSERT INTO mentions(article, char_start, char_end, entity, alias)`
	sqlInsertQuotes   = `INSERT INTO quotes(id, article, date, char_start, char_end, kind, speaker, cue, confidence, text,
		speaker_alias, speaker_start, speaker_end, cue_start, cue_end)`
	sqlInsertSources = `INSERT INTO quote_sources(quote, entity, alias, char_start, char_end)`
	sqlInsertSearch  = `INSERT INTO quote_search(rowid, text)`
	sqlSetLastIDs    = `UPDATE id_sequences SET last = j.value->>1 FROM jsonb_each(?) AS j WHERE name = j.value->>0`
	sqlChangeUses    = `UPDATE aliases SET uses = uses + j.value->>1 FROM jsonb_each(?) AS j WHERE aliases.id = j.value->>0`
	sqlDropUnused    = `DELETE FROM aliases WHERE uses <= 0 AND id IN (SELECT value->>0 FROM jsonb_each(?)) RETURNING entity`
	sqlDeleteNames   = `DELETE FROM entity_search WHERE rowid IN (SELECT value FROM json_each(?))`
	sqlInsertNames   = `INSERT INTO entity_search(rowid, names)
		SELECT e.id, e.name || char(10) || coalesce((SELECT group_concat(a.text, char(10)) FROM aliases a WHERE a.entity = e.id), '')
		FROM entities e WHERE e.id IN (SELECT value FROM json_each(?))`
)

// purgeStatements delete everything an earlier version of the articles
// left, in an order that keeps the subqueries working.
var purgeStatements = []string{
	`DELETE FROM quote_search WHERE rowid IN (SELECT id FROM quotes WHERE article IN (SELECT value FROM json_each(?)))`,
	`DELETE FROM quote_sources WHERE quote IN (SELECT id FROM quotes WHERE article IN (SELECT value FROM json_each(?)))`,
	`DELETE FROM quotes WHERE article IN (SELECT value FROM json_each(?))`,
	`DELETE FROM mentions WHERE article IN (SELECT value FROM json_each(?))`,
	`DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?))`,
}

func (w *indexTx) index(articles []store.Article) error {
	// The last version of an article in the batch is the one that counts.
	last := make(map[string]int, len(articles))
	var ids jsonRows
	var mentions, quotes, sources int
	for i := range articles {
		a := &articles[i]
		if _, dup := last[a.ID]; !dup {
			ids.str(a.ID)
		}
		last[a.ID] = i
		mentions += len(a.Entities)
		quotes += len(a.Quotes)
		for j := range a.Quotes {
			sources += len(a.Quotes[j].Sources)
		}
	}
	w.articles.grow(len(articles), 9)
	w.mentions.grow(mentions, 5)
	w.quotes.grow(quotes, 15)
	w.sources.grow(sources, 5)
	w.search.grow(quotes, 2)
	articleIDs, err := w.existing(ids.array())
	if err != nil {
		return err
	}
	nextArticle, err := w.lastID("articles")
	if err != nil {
		return err
	}
	nextQuote, err := w.lastID("quotes")
	if err != nil {
		return err
	}
	if err := w.purge(articleIDs); err != nil {
		return err
	}
	for i := range articles {
		a := &articles[i]
		if last[a.ID] != i {
			continue
		}
		id, ok := articleIDs[a.ID]
		if !ok {
			nextArticle++
			id = nextArticle
		}
		if err := w.article(id, a, &nextQuote); err != nil {
			return fmt.Errorf("article %q: %w", a.ID, err)
		}
	}
	for _, bulk := range []struct {
		sql   string
		rows  *insertRows
		chunk int
	}{
		{sqlInsertArticles, &w.articles, insertChunk},
		{sqlInsertMentions, &w.mentions, insertChunk},
		{sqlInsertQuotes, &w.quotes, insertChunk},
		{sqlInsertSources, &w.sources, insertChunk},
		{sqlInsertSearch, &w.search, maxParams},
	} {
		if err := bulk.rows.insert(w.ctx, w.tx, bulk.sql, bulk.chunk); err != nil {
			return err
		}
	}
	var lastIDs jsonRows
	lastIDs.row().str("articles").int(nextArticle).row().str("quotes").int(nextQuote)
	if _, err := w.tx.ExecContext(w.ctx, sqlSetLastIDs, lastIDs.array()); err != nil {
		return err
	}
	return w.finish()
}

// existing returns the row ids of the articles already stored, by record id.
func (w *indexTx) existing(recordIDs string) (map[string]int64, error) {
	rows, err := w.tx.QueryContext(w.ctx, sqlFindArticles, recordIDs)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[string]int64{}
	for rows.Next() {
		var recordID string
		var id int64
		if err := rows.Scan(&recordID, &id); err != nil {
			return nil, err
		}
		ids[recordID] = id
	}
	return ids, rows.Err()
}

// purge deletes the stored versions of articles, releasing their aliases;
// the new versions keep the row ids.
func (w *indexTx) purge(articleIDs map[string]int64) error {
	if len(articleIDs) == 0 {
		return nil
	}
	var ids jsonRows
	for _, id := range articleIDs {
		ids.int(id)
	}
	rows, err := w.tx.QueryContext(w.ctx, sqlOldAliases, ids.array())
	if err != nil {
		return err
	}
	for rows.Next() {
		var alias int64
		var n int
		if err := rows.Scan(&alias, &n); err != nil {
			rows.Close()
			return err
		}
		w.uses[alias] -= n
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, stmt := range purgeStatements {
		if _, err := w.tx.ExecContext(w.ctx, stmt, ids.array()); err != nil {
			return err
		}
	}
	return nil
}

// lastID returns the last row id given out in table.
func (w *indexTx) lastID(table string) (int64, error) {
	var id int64
	err := w.tx.QueryRowContext(w.ctx, `SELECT last FROM id_sequences WHERE name = ?`, table).Scan(&id)
	return id, err
}

// article gathers the rows of a, resolving its entities and aliases.
func (w *indexTx) article(id int64, a *store.Article, nextQuote *int64) error {
	w.articles.row().int(id).str(a.ID).str(a.Outlet).str(a.URL).str(a.Title).strOrNull(a.Date).str(a.TextSHA256).
		str(a.DateSource).strOrNull(a.Text)
	seen := w.seenMentions
	clear(seen)
	for i, m := range a.Entities {
		name := m.Name
		if name == "" {
			name = m.Text
		}
		entity, err := w.entity(m.ID, name, m.Label, true)
		if err != nil {
			return fmt.Errorf("entities[%d]: %w", i, err)
		}
		k := mentionKey{m.Start, m.End, entity}
		if entity == 0 || seen[k] {
			continue
		}
		seen[k] = true
		alias, err := w.alias(entity, m.Text)
		if err != nil {
			return fmt.Errorf("entities[%d]: %w", i, err)
		}
		w.mentions.row().int(id).int(int64(m.Start)).int(int64(m.End)).int(entity).int(alias)
	}
	// Ids run backwards through the article, so that listings ordered by
	// date and id, newest first (straight from an index), read each
	// article's quotes in text order. They are still written in increasing
	// order: FTS5 flushes its pending index whenever a rowid goes down.
	for i := len(a.Quotes) - 1; i >= 0; i-- {
		*nextQuote++
		if err := w.quote(*nextQuote, id, a.Date, &a.Quotes[i]); err != nil {
			return fmt.Errorf("quotes[%d]: %w", i, err)
		}
	}
	return nil
}

func (w *indexTx) quote(id, article int64, date string, q *store.Quote) error {
	if q.Kind != "direct" && q.Kind != "indirect" {
		return fmt.Errorf("kind %q is neither direct nor indirect", q.Kind)
	}
	var speaker, speakerAlias int64
	if sp := q.Speaker; sp != nil {
		var err error
		if speaker, err = w.entity(sp.ID, sp.Name, "", false); err != nil {
			return fmt.Errorf("speaker: %w", err)
		}
		// The name as written is an alias: it finds the speaker too.
		if speaker != 0 && sp.Text != "" {
			if speakerAlias, err = w.alias(speaker, sp.Text); err != nil {
				return fmt.Errorf("speaker: %w", err)
			}
		}
	}
	w.quotes.row().int(id).int(article).strOrNull(date).int(int64(q.Start)).int(int64(q.End)).str(q.Kind)
	if speaker == 0 {
		w.quotes.null()
	} else {
		w.quotes.int(speaker)
	}
	w.quotes.str(q.Cue).float(q.Confidence).str(q.Text)
	if speakerAlias == 0 {
		w.quotes.null()
	} else {
		w.quotes.int(speakerAlias)
	}
	if sp := q.Speaker; sp != nil {
		w.quotes.span(sp.Start, sp.End)
	} else {
		w.quotes.null().null()
	}
	w.quotes.span(q.CueStart, q.CueEnd)
	w.buf = w.fold.Fold(w.buf[:0], q.Text)
	w.search.row().int(id).str(string(w.buf))
	seen := w.seenSources
	clear(seen)
	for i, src := range q.Sources {
		entity, err := w.entity(src.ID, src.Name, "", false)
		if err != nil {
			return fmt.Errorf("sources[%d]: %w", i, err)
		}
		if entity == 0 || seen[entity] {
			continue
		}
		seen[entity] = true
		alias, err := w.alias(entity, src.Text)
		if err != nil {
			return fmt.Errorf("sources[%d]: %w", i, err)
		}
		w.sources.row().int(id).int(entity).int(alias).span(src.Start, src.End)
	}
	return nil
}

// entity returns the id of the entity with the gazetteer id or, outside the
// gazetteer, the name; 0 when both are empty. A mention (authoritative) may
// rename a gazetteer entity, as a newer gazetteer does; any reference fills
// in a label not known before.
func (w *indexTx) entity(gazetteerID, name, label string, authoritative bool) (int64, error) {
	key := entityKey{gazetteerID: gazetteerID}
	if gazetteerID == "" {
		if name == "" {
			return 0, nil
		}
		key.name = name
	}
	e := w.cache.entities[key]
	if e == nil {
		e = &entityRow{}
		var err error
		if gazetteerID != "" {
			err = w.entityByGazetteer.QueryRowContext(w.ctx, gazetteerID).Scan(&e.id, &e.name, &e.label)
		} else {
			err = w.entityByName.QueryRowContext(w.ctx, name).Scan(&e.id, &e.name, &e.label)
		}
		if errors.Is(err, sql.ErrNoRows) {
			if name == "" {
				name = gazetteerID
			}
			*e = entityRow{name: name, label: label}
			err = w.insertEntity.QueryRowContext(w.ctx, gazetteerID, name, label).Scan(&e.id)
			w.dirty[e.id] = true
		}
		if err != nil {
			return 0, err
		}
		w.cache.entities[key] = e
	}
	rename := authoritative && name != "" && name != e.name
	if rename || label != "" && e.label == "" {
		if rename {
			e.name = name
			w.dirty[e.id] = true
		}
		if e.label == "" {
			e.label = label
		}
		if _, err := w.updateEntity.ExecContext(w.ctx, e.name, e.label, e.id); err != nil {
			return 0, err
		}
	}
	return e.id, nil
}

// alias returns the id of entity's alias text and counts one more use of it.
func (w *indexTx) alias(entity int64, text string) (int64, error) {
	key := aliasKey{entity, text}
	id, ok := w.cache.aliases[key]
	if !ok {
		err := w.findAlias.QueryRowContext(w.ctx, entity, text).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			err = w.insertAlias.QueryRowContext(w.ctx, entity, text).Scan(&id)
			w.dirty[entity] = true
		}
		if err != nil {
			return 0, err
		}
		w.cache.aliases[key] = id
	}
	w.uses[id]++
	return id, nil
}

// finish applies the alias use counts, drops aliases nobody uses any more
// and rewrites the search names of the entities whose names changed.
func (w *indexTx) finish() error {
	var uses jsonRows
	released := false // some alias lost a use: it may have none left
	for id, change := range w.uses {
		if change != 0 {
			uses.row().int(id).int(int64(change))
			released = released || change < 0
		}
	}
	if uses.n > 0 {
		if _, err := w.tx.ExecContext(w.ctx, sqlChangeUses, uses.array()); err != nil {
			return err
		}
	}
	if released {
		rows, err := w.tx.QueryContext(w.ctx, sqlDropUnused, uses.array())
		if err != nil {
			return err
		}
		for rows.Next() {
			var entity int64
			if err := rows.Scan(&entity); err != nil {
				rows.Close()
				return err
			}
			w.dirty[entity] = true
			clear(w.cache.aliases) // rare (re-indexing): forget them all rather than track ids
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	if len(w.dirty) == 0 {
		return nil
	}
	var dirty jsonRows
	for entity := range w.dirty {
		dirty.int(entity)
	}
	for _, stmt := range []string{sqlDeleteNames, sqlInsertNames} {
		if _, err := w.tx.ExecContext(w.ctx, stmt, dirty.array()); err != nil {
			return err
		}
	}
	return nil
}

// jsonRows builds a JSON array for json_each: of values, or of rows (arrays
// of values, for jsonb_each) started with row.
type jsonRows struct {
	buf    []byte
	n      int  // elements of the outer array
	inRow  bool // a row is open
	values int  // in the open row
}

func (r *jsonRows) row() *jsonRows {
	r.closeRow()
	r.next()
	r.buf = append(r.buf, '[')
	r.inRow, r.values = true, 0
	return r
}

func (r *jsonRows) closeRow() {
	if r.inRow {
		r.buf = append(r.buf, ']')
		r.inRow = false
	}
}

// next writes the separator before a value or row.
func (r *jsonRows) next() {
	if r.inRow {
		if r.values > 0 {
			r.buf = append(r.buf, ',')
		}
		r.values++
		return
	}
	if r.n > 0 {
		r.buf = append(r.buf, ',')
	}
	r.n++
}

func (r *jsonRows) int(v int64) *jsonRows {
	r.next()
	r.buf = strconv.AppendInt(r.buf, v, 10)
	return r
}

func (r *jsonRows) str(s string) *jsonRows {
	r.next()
	r.buf = corpus.AppendJSONString(r.buf, s)
	return r
}

// array returns the JSON text.
func (r *jsonRows) array() string {
	r.closeRow()
	return "[" + string(r.buf) + "]"
}

// Select implements Store. It runs on a read-only connection whatever the
// handle: on a store opened for writing, one of its own, opened at first
// use. query must be one statement: of several, SQLite would run all and
// return the last one's rows.
func (s *Store) Select(ctx context.Context, query string, header func(columns []string) error, each func(values []any) error) error {
	if !s.readOnly {
		s.readerOnce.Do(func() { s.reader, s.readerErr = OpenReadOnly(s.path) })
		if s.readerErr != nil {
			return s.readerErr
		}
		return s.reader.Select(ctx, query, header, each)
	}
	badQuery := func(err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w: %w", store.ErrBadQuery, err)
	}
	if n := len(store.SplitStatements(query)); n != 1 {
		return badQuery(fmt.Errorf("want one SQL statement, got %d", n))
	}
	// A statement before may have turned query_only off; mode=ro keeps the
	// file safe regardless, and this keeps temporary tables out too.
	if _, err := s.conn.ExecContext(ctx, `PRAGMA query_only = 1`); err != nil {
		return err
	}
	rows, err := s.conn.QueryContext(ctx, query)
	if err != nil {
		return badQuery(err)
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return badQuery(err)
	}
	if header != nil {
		if err := header(columns); err != nil {
			return err
		}
	}
	values := make([]any, len(columns))
	dest := make([]any, len(columns))
	for i := range values {
		dest[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return badQuery(err)
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

// matchExpr turns Filter.Match into an FTS5 query (see store.MatchSyntax).
// Every term is quoted, so no input can be an FTS5 syntax error.
func matchExpr(q string) (string, error) {
	m, err := store.ParseMatch(q)
	if err != nil {
		return "", err
	}
	term := func(t store.Term) string {
		expr := ftsString(t.Text)
		if t.Prefix {
			expr += "*"
		}
		return expr
	}
	var pos []string
	for _, t := range m.Include {
		pos = append(pos, term(t))
	}
	expr := "(" + strings.Join(pos, " ") + ")"
	for _, t := range m.Exclude {
		expr += " NOT " + term(t)
	}
	return expr, nil
}

// ftsString quotes s as an FTS5 string, which the tokenizer splits into a
// phrase.
func ftsString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
