//! An Atom feed of the calls, newest change first: a feed reader shows each new call and shows
//! it again when it changes (its `updated` moves). Written by the `atom_syndication` crate.

use crate::funding::CallStatus;
use crate::funding::model::Call;
use crate::i18n::Lang;
use crate::platform::feeds::{Head, atom, fixed, host, link};
use atom_syndication::{Entry, Text};
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
    let host = host(origin);
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
            let mut entry = Entry::default();
            entry.set_id(format!("tag:{host},2026:funding-{}", call.id));
            entry.set_title(Text::plain(title));
            entry.set_updated(fixed(call.updated_at));
            entry.set_published(Some(fixed(call.created_at)));
            entry.set_summary(Some(Text::plain(lines.join("\n"))));
            entry.set_links(vec![link(page, "alternate", "text/html")]);
            entry
        })
        .collect();
    let updated = calls.first().map(|call| call.updated_at).unwrap_or(now);
    atom(
        Head {
            origin,
            lang,
            name: "funding",
            page: "funding",
            title: texts.funding.title,
            updated,
        },
        entries,
    )
}
