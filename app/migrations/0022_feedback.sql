-- Feedback after an event: asked of those marked present, once each, by mail in their
-- language; answered once through the mail's private link; kept apart from who answered.

-- The questions the coordinator set for an event (JSON: [{"et": …, "ru": …, "en": …}, …]);
-- no row: the default questions.
CREATE TABLE feedback_questions (
    event_id INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    questions TEXT NOT NULL CHECK (json_valid(questions) AND length(questions) <= 10000)
) STRICT;

-- The private link of an attendee's feedback form, when it was sent and when they answered.
ALTER TABLE registrations ADD COLUMN feedback_token TEXT;
ALTER TABLE registrations ADD COLUMN feedback_asked_at TEXT;
ALTER TABLE registrations ADD COLUMN feedback_given_at TEXT;
CREATE UNIQUE INDEX registrations_feedback ON registrations (feedback_token)
    WHERE feedback_token IS NOT NULL;

-- The answers, with nothing that says whose they are.
CREATE TABLE feedback_answers (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    -- JSON: the answer to each text question, in order ("" when left empty).
    answers TEXT NOT NULL CHECK (json_valid(answers) AND length(answers) <= 20000),
    lang TEXT NOT NULL CHECK (lang IN ('et', 'ru', 'en')),
    -- The day only: an exact time could tell who answered.
    answered_on TEXT NOT NULL DEFAULT (date('now'))
) STRICT;
CREATE INDEX feedback_answers_by_event ON feedback_answers (event_id);
