//! An Atom feed of the calls, newest change first: a feed reader shows each new call and shows
//! it again when it changes (its `updated` moves). Written by the `atom_syndication` crate.

use crate::funding::CallStatus;
use crate::funding::model::Call;
use crate::i18n::Lang;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Text};
use jiff::Timestamp;

/// Entries in the feed: the calls changed last.
pub const ENTRIES: usize = 50;

pub fn feed<'a>(
    calls: impl IntoIterator<Item = &'a Call>,
    lang: Lang,
    origin: &str,
    now: Timestamp,
) -> String {
    let texts = lang.texts();
    let host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    let mut calls: Vec<&Call> = calls
        .into_iter()
        .filter(|call| call.status != CallStatus::Draft)
        .collect();
    calls.sort_by_key(|call| std::cmp::Reverse((call.updated_at, call.id)));
    calls.truncate(ENTRIES);
    let entries: Vec<Entry> = calls
        .iter()
        .map(|call| {
            let page = format!("{origin}/{lang}/funding/{}", call.slug);
            let title = call
                .title
                .show(lang)
                .map(|shown| shown.text.to_owned())
                .unwrap_or_default();
            let mut lines = vec![format!("{} · {}", call.funder, call.status.label(lang))];
            if let Some((wall, at)) = call.coming(now).first() {
                lines.push(format!(
                    "{} {}",
                    texts.funding.deadline,
                    crate::funding::view::until(*wall, *at, lang)
                ));
            }
            if let Some(amount) =
                crate::funding::view::amount(call.amount_min, call.amount_max, lang)
            {
                lines.push(amount);
            }
            if let Some(summary) = call.summary.show(lang) {
                lines.push(String::new());
                lines.push(summary.text.to_owned());
            }
            let mut link = Link::default();
            link.set_href(page);
            link.set_rel("alternate");
            link.set_mime_type(Some("text/html".to_owned()));
            let mut entry = Entry::default();
            entry.set_id(format!("tag:{host},2026:funding-{}", call.id));
            entry.set_title(Text::plain(title));
            entry.set_updated(fixed(call.updated_at));
            entry.set_published(Some(fixed(call.created_at)));
            entry.set_summary(Some(Text::plain(lines.join("\n"))));
            entry.set_links(vec![link]);
            entry
        })
        .collect();
    let updated = calls.first().map(|call| call.updated_at).unwrap_or(now);
    let mut own = Link::default();
    own.set_href(format!("{origin}/{lang}/funding.atom"));
    own.set_rel("self");
    own.set_mime_type(Some("application/atom+xml".to_owned()));
    let mut page = Link::default();
    page.set_href(format!("{origin}/{lang}/funding"));
    page.set_rel("alternate");
    page.set_mime_type(Some("text/html".to_owned()));
    let mut feed = Feed::default();
    feed.set_id(format!("tag:{host},2026:funding-{lang}"));
    feed.set_title(Text::plain(format!(
        "{} · {}",
        texts.funding.title, texts.site_name
    )));
    feed.set_updated(fixed(updated));
    feed.set_lang(Some(lang.code().to_owned()));
    feed.set_links(vec![own, page]);
    feed.set_entries(entries);
    feed.to_string()
}

fn fixed(instant: Timestamp) -> FixedDateTime {
    chrono::DateTime::from_timestamp(instant.as_second(), 0)
        .unwrap_or_default()
        .fixed_offset()
}
