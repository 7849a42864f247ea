//! An Atom feed of the coming events, for feed readers and websites that show news. Written by
//! the `atom_syndication` crate; one entry per coming occurrence.

use super::ics::Site;
use crate::events::model::{Calendar, HORIZON};
use crate::i18n::Lang;
use crate::platform::feeds::{Head, atom, fixed, link};
use crate::shared::time::format_span;
use atom_syndication::{Entry, Text};
use jiff::Timestamp;

/// Entries in the feed: the next coming occurrences.
pub const ENTRIES: usize = 50;

pub fn feed(calendar: &Calendar, lang: Lang, site: &Site, now: Timestamp) -> String {
    let texts = lang.texts();
    let host = crate::platform::feeds::host(site.origin);
    let coming: Vec<_> = calendar.between(now, now + HORIZON).take(ENTRIES).collect();
    let entries: Vec<Entry> = coming
        .iter()
        .map(|(event, occurrence)| {
            let page = format!("{}/{lang}/events/{}", site.origin, event.slug);
            let title = event
                .title
                .show(lang)
                .map(|shown| shown.text.to_owned())
                .unwrap_or_default();
            let mut summary = format_span(
                occurrence.starts_at,
                occurrence.ends_at,
                event.all_day,
                lang,
            );
            if event.is_cancelled() || occurrence.cancelled {
                summary = format!("{}: {summary}", texts.events.cancelled);
            }
            if let Some(description) = event.description.show(lang) {
                summary = format!("{summary}\n\n{}", description.text);
            }
            let mut entry = Entry::default();
            // One entry per occurrence: its event and its own start, stable across edits.
            entry.set_id(format!(
                "tag:{host},2026:event-{}-{}",
                event.id,
                occurrence.original_start.as_second()
            ));
            entry.set_title(Text::plain(title));
            entry.set_updated(fixed(event.updated_at));
            entry.set_published(Some(fixed(event.created_at)));
            entry.set_summary(Some(Text::plain(summary)));
            entry.set_links(vec![link(page, "alternate", "text/html")]);
            entry
        })
        .collect();
    let updated = coming
        .iter()
        .map(|(event, _)| event.updated_at)
        .max()
        .unwrap_or(now);
    atom(
        Head {
            origin: site.origin,
            lang,
            name: "events",
            page: "events",
            title: texts.events.title,
            updated,
        },
        entries,
    )
}
