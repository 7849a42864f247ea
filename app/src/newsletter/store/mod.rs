//! The newsletter's SQL: subscribers and their requests, editions and their items, and the
//! queueing of an edition's messages into the outbox, and the funding deadlines' reminders.

mod editions;
mod reminders;
mod subscribers;

pub use editions::{
    Writer, archive, archived, check, draft, edition_content, editions, feed, last_sent,
    new_entries, panel, pause, save, send, send_test, start, tick,
};
pub use reminders::remind_funding;
pub use subscribers::{
    Exported, PENDING_DAYS, PER_ADDRESS, SOURCE_CHARS, add, all, audience, change, confirm, export,
    forget_unconfirmed, key, lang_of, overview, reader, subscribe, subscription, unsubscribe,
};
