-- Every copy of the database written and checked, by the server's schedule or its command
-- line: the coordinator's dashboard says when the last one was taken and warns when they stop.
CREATE TABLE backups (
    id INTEGER PRIMARY KEY,
    taken_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    file TEXT NOT NULL CHECK (length(file) <= 4096),
    bytes INTEGER NOT NULL CHECK (bytes >= 0),
    milliseconds INTEGER NOT NULL CHECK (milliseconds >= 0)
);
