-- Schema 2: row ids of articles and quotes are never given out twice. Before,
-- the next id was the highest one stored, so replacing the article holding it
-- handed its ids to the next new article (and, within one batch, failed with
-- "UNIQUE constraint failed: articles.id").

-- id_sequences holds the last row id given out per table.
CREATE TABLE id_sequences (
	name TEXT PRIMARY KEY,
	last INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO id_sequences(name, last) SELECT 'articles', coalesce(max(id), 0) FROM articles;
INSERT INTO id_sequences(name, last) SELECT 'quotes', coalesce(max(id), 0) FROM quotes;
