-- Schema 3: articles keep their text (NULL when indexed with --no-text) and
-- say where their date was read; quotes keep where their speaker and cue
-- are named, sources where they are; the full-text tables are plain FTS5
-- tables, without contentless_delete (SQLite 3.43), so that the sqlite3 of
-- Debian 12 (3.40), Python's sqlite3 module and Datasette can read them.
-- quote_search now keeps a copy of the folded quote text, which is what
-- lets any SQLite delete from it. kutip refills quote_search after this
-- script, folding each quote's text as the index does.

ALTER TABLE articles ADD COLUMN date_source TEXT NOT NULL DEFAULT ''; -- field, url, text; '' when undated
ALTER TABLE articles ADD COLUMN text TEXT;                            -- NULL when not kept
ALTER TABLE quotes ADD COLUMN speaker_alias INTEGER REFERENCES aliases(id); -- the fullest name the article writes
ALTER TABLE quotes ADD COLUMN speaker_start INTEGER;                  -- the name at the attribution
ALTER TABLE quotes ADD COLUMN speaker_end INTEGER;
ALTER TABLE quotes ADD COLUMN cue_start INTEGER;
ALTER TABLE quotes ADD COLUMN cue_end INTEGER;
ALTER TABLE quote_sources ADD COLUMN char_start INTEGER;
ALTER TABLE quote_sources ADD COLUMN char_end INTEGER;

DROP TABLE quote_search;
CREATE VIRTUAL TABLE quote_search USING fts5(
	text, tokenize = 'unicode61 remove_diacritics 2'
);

DROP TABLE entity_search;
CREATE VIRTUAL TABLE entity_search USING fts5(
	names, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO entity_search(rowid, names)
SELECT e.id, e.name || char(10) || coalesce((SELECT group_concat(a.text, char(10)) FROM aliases a WHERE a.entity = e.id), '')
FROM entities e;
