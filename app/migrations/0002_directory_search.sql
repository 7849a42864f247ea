-- Directory search: an FTS5 index over normalised text (see app/src/search), written by the
-- application with every change to an entry, and a version that every change bumps, so that each
-- server process knows when to reload its in-memory filter table.

CREATE VIRTUAL TABLE organisation_search USING fts5 (
    name,
    body,
    tokenize = 'unicode61',
    prefix = '2 3 4'
);

-- The index's vocabulary, for typo-tolerant matching.
CREATE VIRTUAL TABLE organisation_search_terms USING fts5vocab (organisation_search, 'row');

CREATE TABLE directory_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;

INSERT INTO directory_version (id, version) VALUES (1, 0);

CREATE TRIGGER organisations_insert_version AFTER INSERT ON organisations
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organisations_update_version AFTER UPDATE ON organisations
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organisations_delete_version AFTER DELETE ON organisations
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organisation_sectors_insert_version AFTER INSERT ON organisation_sectors
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organisation_sectors_delete_version AFTER DELETE ON organisation_sectors
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organisation_languages_insert_version AFTER INSERT ON organisation_languages
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organisation_languages_delete_version AFTER DELETE ON organisation_languages
BEGIN UPDATE directory_version SET version = version + 1; END;

-- Social media and other links of an entry, in the order given.
CREATE TABLE organisation_links (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    url TEXT NOT NULL CHECK (url LIKE 'https://%' OR url LIKE 'http://%'),
    PRIMARY KEY (organisation_id, position)
) STRICT, WITHOUT ROWID;
