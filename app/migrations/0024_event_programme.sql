-- The programme or funder an event is reported to ("Just Transition Fund", "ESF+ Loov Ida-Viru"),
-- set on the event's page and chosen as a report's filter. NULL: none.
ALTER TABLE events ADD COLUMN programme TEXT CHECK (length(programme) BETWEEN 1 AND 100);
CREATE INDEX events_by_programme ON events (programme) WHERE programme IS NOT NULL;
