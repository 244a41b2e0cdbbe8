-- Schema 1 of the quote store. char_start/char_end count characters (code
-- points) into the article text, end exclusive, as kutip extract's offsets do;
-- dates are 'YYYY-MM-DD' text.

-- articles holds one row per input record, upserted by its id.
CREATE TABLE articles (
	id          INTEGER PRIMARY KEY,
	record_id   TEXT NOT NULL UNIQUE, -- the record's id field
	outlet      TEXT NOT NULL DEFAULT '',
	url         TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	date        TEXT,                 -- the day as written in the record; NULL when it has none
	text_sha256 TEXT NOT NULL         -- hex SHA-256 of the article text
);
CREATE INDEX articles_outlet ON articles(outlet);

-- entities are the people, places and organisations mentioned, speaking or
-- relaying: one row per gazetteer id, or per name for names outside it.
CREATE TABLE entities (
	id           INTEGER PRIMARY KEY,
	gazetteer_id TEXT NOT NULL DEFAULT '', -- '' for names outside the gazetteer
	name         TEXT NOT NULL,            -- canonical name (latest seen)
	label        TEXT NOT NULL DEFAULT ''  -- PERSON, PLACE, ORGANISATION; '' when only seen as a speaker or source
);
CREATE UNIQUE INDEX entities_gazetteer ON entities(gazetteer_id) WHERE gazetteer_id != '';
CREATE UNIQUE INDEX entities_name ON entities(name) WHERE gazetteer_id = '';

-- aliases are the surface forms seen for an entity in mentions and source
-- phrases; uses counts them so that a form nobody uses any more is dropped.
CREATE TABLE aliases (
	id     INTEGER PRIMARY KEY,
	entity INTEGER NOT NULL REFERENCES entities(id),
	text   TEXT NOT NULL,
	uses   INTEGER NOT NULL,
	UNIQUE (entity, text)
);

CREATE TABLE mentions (
	article INTEGER NOT NULL REFERENCES articles(id),
	char_start INTEGER NOT NULL,
	char_end   INTEGER NOT NULL,
	entity  INTEGER NOT NULL REFERENCES entities(id),
	alias   INTEGER NOT NULL REFERENCES aliases(id),
	PRIMARY KEY (article, char_start, char_end, entity)
) WITHOUT ROWID;

CREATE TABLE quotes (
	id         INTEGER PRIMARY KEY,
	article    INTEGER NOT NULL REFERENCES articles(id),
	date       TEXT,                    -- copy of articles.date: per-speaker listings read newest first from an index
	char_start INTEGER NOT NULL,
	char_end   INTEGER NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
	speaker    INTEGER REFERENCES entities(id), -- NULL when unknown
	cue        TEXT NOT NULL DEFAULT '',
	confidence REAL NOT NULL,
	text       TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker ON quotes(speaker, date);
CREATE INDEX quotes_date ON quotes(date);

-- quote_sources are the media a quote was relayed through.
CREATE TABLE quote_sources (
	quote  INTEGER NOT NULL REFERENCES quotes(id),
	entity INTEGER NOT NULL REFERENCES entities(id),
	alias  INTEGER NOT NULL REFERENCES aliases(id),
	PRIMARY KEY (quote, entity)
) WITHOUT ROWID;
CREATE INDEX quote_sources_entity ON quote_sources(entity);

-- quote_search indexes each quote's text (rowid = quotes.id) with clitics
-- cut from words (nuklirnya → nuklir), folding case and accents. It keeps no
-- copy of the text.
CREATE VIRTUAL TABLE quote_search USING fts5(
	text, content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- entity_search indexes each entity's canonical name and aliases
-- (rowid = entities.id) for --speaker and --source.
CREATE VIRTUAL TABLE entity_search USING fts5(
	names, content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- quote_view is every quote with its article, speaker and sources, for kutip sql.
CREATE VIEW quote_view AS
SELECT q.id, a.record_id AS article, a.outlet, q.date, a.url, a.title,
	sp.name AS speaker, sp.gazetteer_id AS speaker_id,
	(SELECT group_concat(e.name, '; ') FROM quote_sources s JOIN entities e ON e.id = s.entity
	 WHERE s.quote = q.id) AS sources,
	q.kind, q.cue, q.confidence, q.char_start, q.char_end, q.text
FROM quotes q
JOIN articles a ON a.id = q.article
LEFT JOIN entities sp ON sp.id = q.speaker;
