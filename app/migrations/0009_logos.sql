-- A logo per directory entry, kept in the database: the image as the server re-encoded it (PNG,
-- at most 512 pixels a side), never the uploaded file or its name.
CREATE TABLE organisation_logos (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    png BLOB NOT NULL,
    width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 512),
    height INTEGER NOT NULL CHECK (height BETWEEN 1 AND 512),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- A new logo changes what the directory shows.
CREATE TRIGGER organisation_logos_insert_version AFTER INSERT ON organisation_logos
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organisation_logos_update_version AFTER UPDATE ON organisation_logos
BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER organisation_logos_delete_version AFTER DELETE ON organisation_logos
BEGIN UPDATE directory_version SET version = version + 1; END;
