//! A call as its page shows it and the coordinator's form previews it.

use crate::components::LocalizedText;
use crate::components::facts::facts;
use crate::funding::{CallPage, CallStatus, Deadline};
use crate::i18n::Lang;
use leptos::prelude::*;

/// "8 päeva jäänud", "täna", in the page's language.
pub fn days_left(lang: Lang, deadline: &Deadline) -> String {
    let texts = &lang.texts().funding;
    match deadline.days_left {
        ..=0 => texts.today.to_owned(),
        1 => texts.one_day_left.to_owned(),
        days => texts.days_left.replace("{days}", &days.to_string()),
    }
}

/// The status as a badge: open calls are the board's usual case and have none.
pub fn status_badge(lang: Lang, status: CallStatus) -> Option<impl IntoView> {
    (status != CallStatus::Open).then(|| {
        let class = match status {
            CallStatus::Paused | CallStatus::Closed => "badge",
            _ => "badge badge--info",
        };
        view! { <strong class=class>{status.label(lang)}</strong> " " }
    })
}

#[component]
pub fn CallArticle(lang: Lang, call: CallPage, preview: bool) -> impl IntoView {
    let texts = &lang.texts().funding;
    let all = |list: &[String], none: &'static str| {
        if list.is_empty() {
            none.to_owned()
        } else {
            list.join(", ")
        }
    };
    let funder = match call.funder_slug.clone() {
        Some(slug) if !preview => {
            view! { <a href=format!("/{lang}/directory/{slug}")>{call.funder.clone()}</a> }
                .into_any()
        }
        _ => call.funder.clone().into_any(),
    };
    let details: Vec<(&str, AnyView)> = [
        Some((texts.funder, funder)),
        call.programme
            .clone()
            .map(|p| (texts.programme, p.into_any())),
        Some((texts.status, call.status.label(lang).into_any())),
        call.opens
            .clone()
            .map(|opens| (texts.opens, opens.into_any())),
        call.amount
            .clone()
            .map(|amount| (texts.amount, amount.into_any())),
        call.self_financing
            .map(|share| (texts.self_financing, format!("{share} %").into_any())),
        Some((texts.who_kinds, all(&call.kinds, texts.any_kind).into_any())),
        Some((
            texts.who_sectors,
            all(&call.sectors, texts.any_sector).into_any(),
        )),
        Some((
            texts.who_where,
            all(&call.municipalities, texts.all_estonia).into_any(),
        )),
        call.url.clone().map(|url| {
            let href = url.clone();
            (
                texts.official_call,
                view! { <a href=href rel="noopener external">{url}</a> }.into_any(),
            )
        }),
        call.contact
            .clone()
            .map(|contact| (texts.contact, contact.into_any())),
    ]
    .into_iter()
    .flatten()
    .collect();
    let paused = call.status == CallStatus::Paused;
    let closed = call.status == CallStatus::Closed;
    view! {
        <article class="profile call-page">
            {(!preview).then(|| view! { <p class="back-link"><a href=format!("/{lang}/funding")>{texts.back_to_board}</a></p> })}
            <p class="profile__meta">{call.funder.clone()}</p>
            <h1><LocalizedText text=call.title.clone() lang /></h1>
            {paused.then(|| view! { <p class="notice notice--danger" role="status">{texts.paused_notice}</p> })}
            {closed.then(|| view! { <p class="notice" role="status">{texts.closed_notice}</p> })}
            <section aria-labelledby="call-deadlines" class="call-deadlines">
                <h2 id="call-deadlines">{texts.deadlines}</h2>
                {if call.deadlines.is_empty() {
                    view! { <p>{texts.no_deadline}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {call.deadlines.iter().map(|deadline| view! {
                                <li>
                                    <time datetime=deadline.at.clone()>{deadline.until.clone()}</time>
                                    " · "
                                    <span class="days-left">{days_left(lang, deadline)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {call.rule.clone().map(|rule| view! { <p class="hint">{rule}</p> })}
            </section>
            {facts(details)}
            {(!call.summary.is_empty()).then(|| view! {
                <p class="call-page__summary"><LocalizedText text=call.summary.clone() lang /></p>
            })}
            {(!preview).then(|| view! {
                <p class="profile__meta">{texts.updated} " " {call.updated.clone()}</p>
                <script type="application/ld+json" inner_html=call.json_ld.clone()></script>
            })}
        </article>
    }
}
