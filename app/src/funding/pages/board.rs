//! `/{lang}/funding`: the calls not over yet, nearest deadline first, those closing within 14
//! days marked; `?when=past` the calls over. Filters are a plain GET form, so every board is a
//! URL that works without JavaScript; `?for={entry}` keeps the calls that entry may apply to.

use crate::components::errors::ErrorPage;
use crate::components::page::use_query_as;
use crate::components::{LocalizedText, SelectField, SelectOption};
use crate::funding::api::get_funding;
use crate::funding::pages::article::{days_left, status_badge};
use crate::funding::{CallCard, CallStatus, FundingQuery, FundingView};
use crate::i18n::{Lang, use_lang};
use crate::shared::Labelled;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

#[component]
pub fn FundingPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_as::<FundingQuery>();
    let view = Resource::new(
        move || (lang.get(), query.get()),
        |(lang, query)| get_funding(lang, query),
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match view.await {
                        Ok(view) => view! { <Board lang view /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

fn options(labelled: Vec<Labelled>) -> Vec<SelectOption> {
    labelled
        .into_iter()
        .map(|item| SelectOption::new(item.code, item.label))
        .collect()
}

#[component]
fn Board(lang: Lang, view: FundingView) -> impl IntoView {
    let texts = &lang.texts().funding;
    let query = view.query.clone();
    let past = query.is_past();
    let title = if past { texts.past_title } else { texts.title };
    let other_time = if past {
        (query.href(lang, |q| q.when = None), texts.current_link)
    } else {
        (
            query.href(lang, |q| {
                q.when = Some("past".into());
                q.page = None;
            }),
            texts.past_link,
        )
    };
    let statuses: Vec<SelectOption> = CallStatus::PUBLIC
        .into_iter()
        .map(|status| SelectOption::new(status.code(), status.label(lang)))
        .collect();
    let entry = view.entry.clone().map(|entry| {
        let all = query.href(lang, |q| {
            q.entry = None;
            q.page = None;
        });
        view! {
            <p class="notice" role="status">
                {texts.for_entry.replace("{name}", &entry.label)}
                " · "
                <a href=all>{texts.for_everyone}</a>
            </p>
        }
    });
    let choices = (!view.entry_choices.is_empty() || query.org.is_some()).then(|| {
        let links = view
            .entry_choices
            .iter()
            .map(|choice| {
                let href = query.href(lang, |q| {
                    q.entry = Some(choice.code.clone());
                    q.org = None;
                    q.page = None;
                });
                view! { <li><a href=href>{choice.label.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <section class="notice" aria-labelledby="entry-choices">
                <h2 id="entry-choices">{texts.choose_entry}</h2>
                {if view.entry_choices.is_empty() {
                    view! { <p>{texts.no_entry_found}</p> }.into_any()
                } else {
                    view! { <ul class="plain-list">{links}</ul> }.into_any()
                }}
            </section>
        }
    });
    let page = query.page_number();
    let directory = &lang.texts().directory;
    let previous = (page > 1).then(|| {
        query.href(lang, |q| {
            q.page = (page > 2).then(|| (page - 1).to_string())
        })
    });
    let next = view
        .has_more
        .then(|| query.href(lang, |q| q.page = Some((page + 1).to_string())));
    let feed = query.feed_href(lang);
    view! {
        <Title text=title />
        <Meta name="description" content=texts.description />
        <Link rel="alternate" type_="text/calendar" href=feed.clone() title=texts.subscribe />
        <Link rel="alternate" type_="application/atom+xml" href=format!("/{lang}/funding.atom") title=texts.title />
        <section class="funding">
            <h1>{title}</h1>
            <p class="lead">{texts.description}</p>
            <p><a class="button button--secondary" href=format!("/{lang}/counselling")>{lang.texts().counselling.board_link}</a></p>
            {entry}
            {choices}
            <form class="filter-bar" method="get" action=format!("/{lang}/funding")>
                {query.when.clone().map(|w| view! { <input type="hidden" name="when" value=w /> })}
                {query.entry.clone().map(|e| view! { <input type="hidden" name="for" value=e /> })}
                <SelectField id="funding-sector".into() name="sector" label=texts.sector any=texts.any_sector
                    options=options(view.sectors) selected=query.sector.clone() />
                <SelectField id="funding-kind".into() name="kind" label=texts.kind any=texts.any_kind
                    options=options(view.kinds) selected=query.kind.clone() />
                <SelectField id="funding-municipality".into() name="municipality" label=texts.municipality
                    any=texts.all_estonia options=options(view.municipalities) selected=query.municipality.clone() />
                <SelectField id="funding-status".into() name="status" label=texts.status any=texts.any_status
                    options=statuses selected=query.status.clone() />
                {view.entry.is_none().then(|| view! {
                    <div class="field">
                        <label for="funding-org">{texts.your_organisation}</label>
                        <input id="funding-org" name="org" type="search" maxlength="100" autocomplete="organization"
                            value=query.org.clone().unwrap_or_default() />
                    </div>
                })}
                <div class="field">
                    <label for="funding-amount">{texts.amount_needed}</label>
                    <input id="funding-amount" name="amount" type="number" min="0" step="100" inputmode="numeric"
                        value=query.amount.clone().unwrap_or_default() />
                </div>
                <button type="submit" class="button">{texts.show}</button>
            </form>
            <p>{texts.found.replace("{count}", &view.total.to_string())} " · " <a href=other_time.0>{other_time.1}</a></p>
            {if view.cards.is_empty() {
                view! { <p class="notice">{texts.none_found}</p> }.into_any()
            } else {
                view! {
                    <ul class="call-cards">
                        {view.cards.into_iter().map(|card| view! { <li><Card lang card /></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(previous.is_some() || next.is_some()).then(|| view! {
                <nav class="pager" aria-label=directory.pages>
                    {previous.map(|href| view! { <a href=href rel="prev">{directory.previous_page}</a> })}
                    <span>{format!("{} {page}", directory.page)}</span>
                    {next.map(|href| view! { <a href=href rel="next">{directory.next_page}</a> })}
                </nav>
            })}
            <p class="subscribe">
                <a href=feed>{texts.subscribe}</a>
                <br />
                <span class="hint">{texts.subscribe_hint}</span>
                <br />
                <a href=format!("/{lang}/funding.atom")>{texts.news_feed}</a>
            </p>
        </section>
    }
}

#[component]
fn Card(lang: Lang, card: CallCard) -> impl IntoView {
    let texts = &lang.texts().funding;
    let deadline = card.next_deadline.clone().map(|deadline| {
        let left = days_left(lang, &deadline);
        view! {
            <p class="call-card__deadline">
                {texts.deadline} " "
                <time datetime=deadline.at>{deadline.until}</time>
                " · " {left}
            </p>
        }
    });
    let by = match card.programme.clone() {
        Some(programme) => format!("{} · {programme}", card.funder),
        None => card.funder.clone(),
    };
    view! {
        <article class="call-card" class:call-card--soon=card.closing_soon>
            <p class="call-card__meta">{by}</p>
            <h2 class="call-card__title">
                {card.closing_soon.then(|| view! { <strong class="badge">{texts.closing_soon}</strong> " " })}
                {status_badge(lang, card.status)}
                <a href=format!("/{lang}/funding/{}", card.slug)><LocalizedText text=card.title lang /></a>
            </h2>
            {deadline}
            {card.amount.map(|amount| view! { <p class="call-card__amount">{amount}</p> })}
        </article>
    }
}
