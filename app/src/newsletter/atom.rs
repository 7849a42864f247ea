//! `/{lang}/newsletter.atom`: the archive for feed readers, each edition with its content.

use crate::i18n::Lang;
use crate::platform::feeds::{Head, atom, fixed, host, link};
use atom_syndication::{Content, Entry, FixedDateTime, Text};

/// An edition as the feed carries it.
pub struct FeedEntry {
    pub number: i64,
    pub subject: String,
    /// When it went, as stored (`2026-12-01T10:00:00Z`).
    pub went: String,
    /// Its HTML, written by the server (raw HTML escaped).
    pub html: String,
}

/// The feed of `entries` (newest first) in `lang`, on the site at `origin`.
pub fn feed(entries: &[FeedEntry], lang: Lang, origin: &str) -> String {
    let host = host(origin);
    let items: Vec<Entry> = entries
        .iter()
        .map(|edition| {
            let mut entry = Entry::default();
            entry.set_id(format!(
                "tag:{host},2026:newsletter-{}-{lang}",
                edition.number
            ));
            entry.set_title(Text::plain(edition.subject.clone()));
            entry.set_updated(instant(&edition.went));
            entry.set_published(Some(instant(&edition.went)));
            let mut content = Content::default();
            content.set_content_type(Some("html".to_owned()));
            content.set_value(Some(edition.html.clone()));
            entry.set_content(Some(content));
            entry.set_links(vec![link(
                format!("{origin}/{lang}/newsletter/archive/{}", edition.number),
                "alternate",
                "text/html",
            )]);
            entry
        })
        .collect();
    atom(
        Head {
            origin,
            lang,
            name: "newsletter",
            page: "newsletter/archive",
            title: lang.texts().newsletter.archive_title,
            updated: entries
                .first()
                .and_then(|e| e.went.parse().ok())
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        },
        items,
    )
}

fn instant(stored: &str) -> FixedDateTime {
    fixed(stored.parse().unwrap_or(jiff::Timestamp::UNIX_EPOCH))
}
