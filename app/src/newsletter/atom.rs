//! `/{lang}/newsletter.atom`: the archive for feed readers, each edition with its content.

use crate::i18n::Lang;
use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Text};

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
    let texts = lang.texts();
    let host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    let link = |href: String, rel: &str, mime: &str| {
        let mut link = Link::default();
        link.set_href(href);
        link.set_rel(rel);
        link.set_mime_type(Some(mime.to_owned()));
        link
    };
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
    let mut feed = Feed::default();
    feed.set_id(format!("tag:{host},2026:newsletter-{lang}"));
    feed.set_title(Text::plain(format!(
        "{} · {}",
        texts.newsletter.archive_title, texts.site_name
    )));
    feed.set_updated(
        entries
            .first()
            .map_or_else(|| instant("2026-01-01T00:00:00Z"), |e| instant(&e.went)),
    );
    feed.set_lang(Some(lang.code().to_owned()));
    feed.set_links(vec![
        link(
            format!("{origin}/{lang}/newsletter.atom"),
            "self",
            "application/atom+xml",
        ),
        link(
            format!("{origin}/{lang}/newsletter/archive"),
            "alternate",
            "text/html",
        ),
    ]);
    feed.set_entries(items);
    feed.to_string()
}

fn instant(stored: &str) -> FixedDateTime {
    let second = stored
        .parse::<jiff::Timestamp>()
        .map_or(0, |instant| instant.as_second());
    chrono::DateTime::from_timestamp(second, 0)
        .unwrap_or_default()
        .fixed_offset()
}
