//! What every feed and calendar file the site writes shares: the host that names its ids,
//! times as the `icalendar` and `atom_syndication` crates take them, and an Atom feed's head
//! (id, title, links to itself and its page) around its entries.

use crate::i18n::Lang;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Text};
use jiff::Timestamp;

/// The host part of the site's origin (`loomeklaster.ee` of `https://loomeklaster.ee/`), for
/// UIDs and tag ids.
pub fn host(origin: &str) -> &str {
    origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .trim_end_matches('/')
}

/// An instant as `icalendar` writes it (UTC, whole seconds).
pub fn utc(instant: Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(instant.as_second(), 0).unwrap_or_default()
}

/// An instant as Atom writes it.
pub fn fixed(instant: Timestamp) -> FixedDateTime {
    utc(instant).fixed_offset()
}

/// A link of an Atom feed or entry.
pub fn link(href: String, rel: &str, mime: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link.set_mime_type(Some(mime.to_owned()));
    link
}

/// An Atom feed in `lang` at `{origin}/{lang}/{name}.atom`, about the page
/// `{origin}/{lang}/{page}`, titled `title` with the site's name, with `entries`.
pub struct Head<'a> {
    pub origin: &'a str,
    pub lang: Lang,
    /// The feed's own name (`events`), in its id and address.
    pub name: &'a str,
    /// The page the feed follows, after the language (`events`).
    pub page: &'a str,
    pub title: &'a str,
    pub updated: Timestamp,
}

pub fn atom(head: Head<'_>, entries: Vec<Entry>) -> String {
    let Head {
        origin,
        lang,
        name,
        page,
        title,
        updated,
    } = head;
    let mut feed = Feed::default();
    feed.set_id(format!("tag:{},2026:{name}-{lang}", host(origin)));
    feed.set_title(Text::plain(format!("{title} · {}", lang.texts().site_name)));
    feed.set_updated(fixed(updated));
    feed.set_lang(Some(lang.code().to_owned()));
    feed.set_links(vec![
        link(
            format!("{origin}/{lang}/{name}.atom"),
            "self",
            "application/atom+xml",
        ),
        link(format!("{origin}/{lang}/{page}"), "alternate", "text/html"),
    ]);
    feed.set_entries(entries);
    feed.to_string()
}
