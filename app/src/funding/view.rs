//! The board and a call's page made from the calls in memory: filters understood (unknown
//! values dropped), the next deadlines with their zone and the days left, amounts and rules in
//! words, and which calls an entry may apply to.

use crate::funding::deadlines::Rule;
use crate::funding::model::{Applicant, Call};
use crate::funding::{
    CallCard, CallLink, CallPage, CallStatus, Deadline, DeadlineMark, FundingQuery, FundingView,
};
use crate::i18n::Lang;
use crate::platform::vocabulary::{KINDS, Lists, find, kind_label, label, labelled};
use crate::shared::Labelled;
use crate::shared::time::{local, tallinn};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};

/// A board's page of calls.
pub const PAGE_SIZE: usize = 20;
/// A deadline this near is marked "closing soon".
const SOON_DAYS: i64 = 14;
/// The most calls an entry's profile lists.
const MOST_FOR_ENTRY: usize = 10;
/// The longest organisation name looked up.
const MOST_NAME_CHARS: usize = 100;
/// The euros a filter may ask for at most.
const MOST_EUROS: u64 = 1_000_000_000;

/// `deadline` as the pages show it, seen at `now`.
pub fn deadline(deadline: DateTime, at: Timestamp, now: Timestamp, lang: Lang) -> Deadline {
    let today = local(now).date();
    let days_left = (deadline.date() - today).get_days().into();
    Deadline {
        at: crate::platform::db::db_time(at),
        until: until(deadline, at, lang),
        days_left,
    }
}

/// "22.02.2027 kuni kell 23:59 (EET)": the date, the time and the zone's name then.
pub fn until(deadline: DateTime, at: Timestamp, lang: Lang) -> String {
    let zone = at.to_zoned(tallinn()).strftime("%Z").to_string();
    lang.texts()
        .funding
        .until
        .replace("{date}", &day(deadline.date(), lang))
        .replace("{time}", &deadline.strftime("%H:%M").to_string())
        .replace("{zone}", &zone)
}

fn day(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Et | Lang::Ru => date.strftime("%d.%m.%Y").to_string(),
        Lang::En => date.strftime("%-d %b %Y").to_string(),
    }
}

/// "5 000 €" / "€5,000".
fn euros(amount: i64, lang: Lang) -> String {
    let digits = amount.to_string();
    let separator = if lang == Lang::En { ',' } else { '\u{a0}' };
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    match lang {
        Lang::En => format!("€{grouped}"),
        _ => format!("{grouped}\u{a0}€"),
    }
}

/// "5 000 – 20 000 €", "kuni 20 000 €", "alates 5 000 €".
pub fn amount(min: Option<i64>, max: Option<i64>, lang: Lang) -> Option<String> {
    let texts = &lang.texts().funding;
    match (min, max) {
        (Some(min), Some(max)) if min == max => Some(euros(max, lang)),
        (Some(min), Some(max)) => Some(format!("{} – {}", euros(min, lang), euros(max, lang))),
        (None, Some(max)) => Some(texts.up_to.replace("{amount}", &euros(max, lang))),
        (Some(min), None) => Some(texts.from.replace("{amount}", &euros(min, lang))),
        (None, None) => None,
    }
}

/// "Every year on 20.02, 20.05 … at 23:59, moved to the next working day …".
fn rule_in_words(rule: &Rule, lang: Lang) -> String {
    let texts = &lang.texts().funding;
    let days: Vec<String> = rule
        .days
        .iter()
        .map(|(month, day)| match lang {
            Lang::En => Date::new(2028, *month, *day)
                .map(|d| d.strftime("%-d %b").to_string())
                .unwrap_or_default(),
            _ => format!("{day:02}.{month:02}"),
        })
        .collect();
    let mut words = texts
        .rule_every
        .replace("{days}", &days.join(", "))
        .replace("{time}", &rule.time.strftime("%H:%M").to_string());
    if rule.next_working_day {
        words.push_str(texts.rule_moved);
    }
    words
}

fn next_deadline(call: &Call, now: Timestamp, lang: Lang) -> Option<Deadline> {
    call.coming(now)
        .first()
        .map(|(wall, at)| deadline(*wall, *at, now, lang))
}

fn card(call: &Call, now: Timestamp, lang: Lang) -> CallCard {
    let next_deadline = next_deadline(call, now, lang);
    CallCard {
        slug: call.slug.clone(),
        title: call.title.only_shown(lang),
        funder: call.funder.clone(),
        programme: call.programme.clone(),
        status: call.status,
        closing_soon: call.status == CallStatus::Open
            && next_deadline
                .as_ref()
                .is_some_and(|d| d.days_left <= SOON_DAYS),
        next_deadline,
        amount: amount(call.amount_min, call.amount_max, lang),
    }
}

/// The filters of `query` that mean something, the others dropped.
fn understood(mut query: FundingQuery, vocabulary: &Lists) -> FundingQuery {
    let keep = |value: &mut Option<String>, known: &dyn Fn(&str) -> bool| {
        if value.as_deref().is_some_and(|v| !known(v)) {
            *value = None;
        }
    };
    keep(&mut query.sector, &|code| {
        find(&vocabulary.sectors, code).is_some()
    });
    keep(&mut query.municipality, &|code| {
        find(&vocabulary.municipalities, code).is_some()
    });
    keep(&mut query.kind, &|code| KINDS.contains(&code));
    keep(&mut query.status, &|code| {
        CallStatus::PUBLIC.iter().any(|s| s.code() == code)
    });
    keep(&mut query.amount, &|text| {
        text.parse::<u64>().is_ok_and(|n| n <= MOST_EUROS)
    });
    keep(&mut query.when, &|when| when == "past");
    keep(&mut query.entry, &|slug| {
        crate::shared::identifiers::is_slug(slug)
    });
    keep(&mut query.org, &|name| {
        !name.trim().is_empty() && name.chars().count() <= MOST_NAME_CHARS
    });
    query
}

/// The board for `query` at `now`; `applicant` is the entry `query.entry` names, if published.
pub fn board(
    calls: &[Call],
    vocabulary: &Lists,
    lang: Lang,
    query: FundingQuery,
    applicant: Option<&Applicant>,
    now: Timestamp,
) -> FundingView {
    let mut query = understood(query, vocabulary);
    if applicant.is_none() {
        query.entry = None;
    }
    let wanted = |codes: &[String], value: &Option<String>| {
        value
            .as_ref()
            .is_none_or(|value| codes.is_empty() || codes.contains(value))
    };
    let amount: Option<i64> = query.amount.as_deref().and_then(|a| a.parse().ok());
    let past = query.is_past();
    let mut chosen: Vec<&Call> = calls
        .iter()
        .filter(|call| call.status != CallStatus::Draft && call.is_past(now) == past)
        .filter(|call| wanted(&call.sectors, &query.sector))
        .filter(|call| wanted(&call.kinds, &query.kind))
        .filter(|call| wanted(&call.municipalities, &query.municipality))
        .filter(|call| {
            query
                .status
                .as_deref()
                .is_none_or(|s| call.status.code() == s)
        })
        .filter(|call| amount.is_none_or(|wanted| call.amount_max.is_none_or(|max| max >= wanted)))
        .filter(|call| {
            applicant.is_none_or(|a| call.may_apply(&a.kind, &a.sectors, &a.municipality))
        })
        .collect();
    if past {
        // The last over first.
        chosen.sort_by_key(|call| std::cmp::Reverse(call.expanded.last().map(|(_, at)| *at)));
    } else {
        // Nearest deadline first; calls without one (forecast, rolling) after.
        chosen.sort_by_key(|call| {
            let next = call.coming(now).first().map(|(_, at)| *at);
            (next.is_none(), next)
        });
    }
    let total = chosen.len();
    let page = query.page_number();
    let cards: Vec<CallCard> = chosen
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|call| card(call, now, lang))
        .collect();
    FundingView {
        has_more: total > page * PAGE_SIZE,
        total,
        cards,
        sectors: labelled(&vocabulary.sectors, lang),
        municipalities: labelled(&vocabulary.municipalities, lang),
        kinds: KINDS
            .iter()
            .map(|code| Labelled {
                code: (*code).to_owned(),
                label: kind_label(lang, code).to_owned(),
            })
            .collect(),
        entry: applicant.map(|a| Labelled {
            code: a.slug.clone(),
            label: a.name.clone(),
        }),
        entry_choices: Vec::new(),
        query,
    }
}

/// The open calls an entry of `kind` in `sectors` and `municipality` may apply to, nearest
/// deadline first.
pub fn calls_for(
    calls: &[Call],
    kind: &str,
    sectors: &[String],
    municipality: &str,
    lang: Lang,
    now: Timestamp,
) -> Vec<CallLink> {
    let mut open: Vec<&Call> = calls
        .iter()
        .filter(|call| call.status == CallStatus::Open && !call.is_past(now))
        .filter(|call| call.may_apply(kind, sectors, municipality))
        .collect();
    open.sort_by_key(|call| {
        let next = call.coming(now).first().map(|(_, at)| *at);
        (next.is_none(), next)
    });
    open.into_iter()
        .take(MOST_FOR_ENTRY)
        .map(|call| CallLink {
            slug: call.slug.clone(),
            title: call.title.only_shown(lang),
            next_deadline: next_deadline(call, now, lang),
        })
        .collect()
}

/// The deadlines of the public calls not closed, from `from` to `to`, in order; at most `most`.
pub fn deadlines_between(
    calls: &[Call],
    from: Timestamp,
    to: Timestamp,
    lang: Lang,
    most: usize,
) -> Vec<DeadlineMark> {
    let mut found: Vec<(Timestamp, DeadlineMark)> = calls
        .iter()
        .filter(|call| !matches!(call.status, CallStatus::Draft | CallStatus::Closed))
        .flat_map(|call| {
            call.coming(from)
                .iter()
                .take_while(move |(_, at)| *at < to)
                .map(move |(wall, at)| {
                    (
                        *at,
                        DeadlineMark {
                            date: wall.date().to_string(),
                            slug: call.slug.clone(),
                            title: call.title.only_shown(lang),
                            until: until(*wall, *at, lang),
                        },
                    )
                })
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.slug.cmp(&b.1.slug)));
    found.into_iter().take(most).map(|(_, mark)| mark).collect()
}

/// Everything about one call, for its page.
pub fn page_of(
    call: &Call,
    vocabulary: &Lists,
    lang: Lang,
    origin: &str,
    now: Timestamp,
) -> CallPage {
    let page = format!("{origin}/{lang}/funding/{}", call.slug);
    let labels = |terms: &[crate::platform::vocabulary::Term], codes: &[String]| -> Vec<String> {
        codes
            .iter()
            .filter_map(|code| label(terms, code, lang).map(str::to_owned))
            .collect()
    };
    let today = local(now).date();
    let mut shown = CallPage {
        slug: call.slug.clone(),
        title: call.title.clone(),
        summary: call.summary.clone(),
        funder: call.funder.clone(),
        funder_slug: call.funder_slug.clone(),
        programme: call.programme.clone(),
        status: call.status,
        deadlines: call
            .coming(now)
            .iter()
            .take(4)
            .map(|(wall, at)| deadline(*wall, *at, now, lang))
            .collect(),
        rule: call.rule.as_ref().map(|rule| rule_in_words(rule, lang)),
        opens: call
            .opens_on
            .filter(|opens| *opens > today)
            .map(|opens| day(opens, lang)),
        kinds: call
            .kinds
            .iter()
            .map(|kind| kind_label(lang, kind).to_owned())
            .collect(),
        sectors: labels(&vocabulary.sectors, &call.sectors),
        municipalities: labels(&vocabulary.municipalities, &call.municipalities),
        amount: amount(call.amount_min, call.amount_max, lang),
        self_financing: call.self_financing,
        url: call.url.clone(),
        contact: call.contact.clone(),
        updated: day(local(call.updated_at).date(), lang),
        json_ld: String::new(),
    };
    shown.json_ld = json_ld(call, &shown, lang, &page, origin);
    shown
}

/// schema.org MonetaryGrant.
fn json_ld(call: &Call, shown: &CallPage, lang: Lang, page: &str, origin: &str) -> String {
    let mut funder = serde_json::json!({ "@type": "Organization", "name": call.funder });
    if let Some(slug) = &call.funder_slug {
        funder["url"] = format!("{origin}/{lang}/directory/{slug}").into();
    }
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "MonetaryGrant",
        "@id": format!("{origin}/et/funding/{}", call.slug),
        "name": call.title.show(lang).map(|s| s.text).unwrap_or_default(),
        "url": page,
        "funder": funder,
    });
    if let Some(summary) = call.summary.show(lang) {
        value["description"] = summary.text.into();
    }
    if call.amount_min.is_some() || call.amount_max.is_some() {
        let mut amount = serde_json::json!({ "@type": "MonetaryAmount", "currency": "EUR" });
        if let Some(min) = call.amount_min {
            amount["minValue"] = min.into();
        }
        if let Some(max) = call.amount_max {
            amount["maxValue"] = max.into();
        }
        value["amount"] = amount;
    }
    if let Some(url) = &shown.url {
        value["sameAs"] = url.clone().into();
    }
    crate::shared::text::script_json(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::PerLang;
    use crate::platform::vocabulary::Term;
    use crate::shared::Localized;
    use jiff::civil::date;

    fn lists() -> Lists {
        let term = |code: &str| Term {
            code: code.to_owned(),
            label: PerLang {
                et: code.to_owned(),
                ru: code.to_owned(),
                en: code.to_owned(),
            },
        };
        Lists {
            sectors: vec![term("design"), term("music")],
            municipalities: vec![term("narva"), term("johvi")],
            event_types: Vec::new(),
        }
    }

    fn call(slug: &str, deadline: DateTime, status: CallStatus) -> Call {
        let mut call = Call {
            slug: slug.into(),
            title: Localized::new(Some(slug.into()), None, None),
            status,
            deadlines: vec![deadline],
            ..Call::default()
        };
        call.expand(date(2026, 12, 2));
        call
    }

    fn now() -> Timestamp {
        "2026-12-02T10:00:00Z".parse().unwrap()
    }

    fn slugs(view: &FundingView) -> Vec<&str> {
        view.cards.iter().map(|c| c.slug.as_str()).collect()
    }

    #[test]
    fn the_board_lists_the_nearest_deadline_first_and_marks_the_closing_ones() {
        let calls = [
            call("later", date(2027, 3, 1).at(23, 59, 0, 0), CallStatus::Open),
            call("soon", date(2026, 12, 10).at(16, 0, 0, 0), CallStatus::Open),
            call("over", date(2026, 11, 1).at(23, 59, 0, 0), CallStatus::Open),
            call(
                "draft",
                date(2026, 12, 5).at(23, 59, 0, 0),
                CallStatus::Draft,
            ),
            call(
                "closed",
                date(2027, 1, 5).at(23, 59, 0, 0),
                CallStatus::Closed,
            ),
        ];
        let view = board(
            &calls,
            &lists(),
            Lang::Et,
            FundingQuery::default(),
            None,
            now(),
        );
        assert_eq!(slugs(&view), ["soon", "later"]);
        assert!(view.cards[0].closing_soon && !view.cards[1].closing_soon);
        let soon = view.cards[0].next_deadline.as_ref().unwrap();
        assert_eq!(soon.until, "10.12.2026 kuni kell 16:00 (EET)");
        assert_eq!(soon.days_left, 8);
        let past = FundingQuery {
            when: Some("past".into()),
            ..FundingQuery::default()
        };
        let view = board(&calls, &lists(), Lang::En, past, None, now());
        assert_eq!(slugs(&view), ["closed", "over"]);
    }

    #[test]
    fn filters_keep_calls_open_to_all_and_drop_values_they_do_not_know() {
        let mut design = call(
            "design",
            date(2027, 3, 1).at(23, 59, 0, 0),
            CallStatus::Open,
        );
        design.sectors = vec!["design".into()];
        design.amount_max = Some(3000);
        let everyone = call(
            "everyone",
            date(2027, 4, 1).at(23, 59, 0, 0),
            CallStatus::Open,
        );
        let mut music = call("music", date(2027, 5, 1).at(23, 59, 0, 0), CallStatus::Open);
        music.sectors = vec!["music".into()];
        let calls = [design, everyone, music];
        let query = FundingQuery {
            sector: Some("design".into()),
            kind: Some("guild".into()),
            ..FundingQuery::default()
        };
        let view = board(&calls, &lists(), Lang::Et, query, None, now());
        assert_eq!(slugs(&view), ["design", "everyone"]);
        assert_eq!(view.query.kind, None, "an unknown kind is dropped");
        let query = FundingQuery {
            amount: Some("5000".into()),
            ..FundingQuery::default()
        };
        let view = board(&calls, &lists(), Lang::Et, query, None, now());
        assert_eq!(slugs(&view), ["everyone", "music"]);
    }

    #[test]
    fn amounts_and_deadlines_read_naturally_in_each_language() {
        assert_eq!(
            amount(Some(5000), Some(20000), Lang::Et).unwrap(),
            "5\u{a0}000\u{a0}€ – 20\u{a0}000\u{a0}€"
        );
        assert_eq!(
            amount(None, Some(1_500_000), Lang::En).unwrap(),
            "up to €1,500,000"
        );
        let summer = date(2027, 5, 20).at(23, 59, 0, 0);
        let at = crate::funding::deadlines::instant(summer);
        assert_eq!(
            until(summer, at, Lang::En),
            "20 May 2027, until 23:59 (EEST)"
        );
        assert_eq!(until(summer, at, Lang::Ru), "20.05.2027 до 23:59 (EEST)");
    }
}
