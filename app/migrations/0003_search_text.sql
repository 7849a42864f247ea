-- The directory search moved into memory (app/src/search/index.rs): ranking with FTS5's bm25
-- cost microseconds per matching row, too slow when a short prefix matches most entries.
-- What stays in the database is each entry's normalised text, so that loading the index is a
-- plain read.

DROP TABLE organisation_search_terms;
DROP TABLE organisation_search;

CREATE TABLE organisation_search_text (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    body TEXT NOT NULL
) STRICT;
