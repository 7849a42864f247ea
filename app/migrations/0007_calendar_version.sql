-- A version every change to the calendar bumps, so that each server process knows when to
-- reload the events it keeps in memory (as directory_version does for the directory).

CREATE TABLE calendar_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;

INSERT INTO calendar_version (id, version) VALUES (1, 0);

CREATE TRIGGER events_insert_version AFTER INSERT ON events
BEGIN UPDATE calendar_version SET version = version + 1; END;
CREATE TRIGGER events_update_version AFTER UPDATE ON events
BEGIN UPDATE calendar_version SET version = version + 1; END;
CREATE TRIGGER events_delete_version AFTER DELETE ON events
BEGIN UPDATE calendar_version SET version = version + 1; END;
CREATE TRIGGER event_exceptions_insert_version AFTER INSERT ON event_exceptions
BEGIN UPDATE calendar_version SET version = version + 1; END;
CREATE TRIGGER event_exceptions_update_version AFTER UPDATE ON event_exceptions
BEGIN UPDATE calendar_version SET version = version + 1; END;
CREATE TRIGGER event_exceptions_delete_version AFTER DELETE ON event_exceptions
BEGIN UPDATE calendar_version SET version = version + 1; END;
CREATE TRIGGER event_languages_insert_version AFTER INSERT ON event_languages
BEGIN UPDATE calendar_version SET version = version + 1; END;
CREATE TRIGGER event_languages_delete_version AFTER DELETE ON event_languages
BEGIN UPDATE calendar_version SET version = version + 1; END;
-- An organiser's entry being published or hidden changes the link on the event's page.
CREATE TRIGGER organisations_calendar_version AFTER UPDATE OF is_published, slug ON organisations
BEGIN UPDATE calendar_version SET version = version + 1; END;
