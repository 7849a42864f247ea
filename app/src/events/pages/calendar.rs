use crate::components::errors::ErrorPage;
use crate::components::page::use_query_as;
use crate::components::{LocalizedText, SelectField, SelectOption};
use crate::events::api::get_events;
use crate::events::month::Month;
use crate::events::{EventsQuery, EventsView, OccurrenceCard};
use crate::i18n::{Lang, use_lang};
use crate::shared::Labelled;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// `/{lang}/events`: upcoming events by month; `?when=past` the past ones; `?view=month&month=…`
/// a month grid. Filters are a plain GET form, so every view is a URL that works without
/// JavaScript and has its own iCalendar feed.
#[component]
pub fn EventsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_as::<EventsQuery>();
    let view = Resource::new(
        move || (lang.get(), query.get()),
        |(lang, query)| get_events(lang, query),
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match view.await {
                        Ok(view) => view! { <Calendar lang view /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Calendar(lang: Lang, view: EventsView) -> impl IntoView {
    let texts = &lang.texts().events;
    let query = view.query.clone();
    let title = if query.is_past() {
        texts.past_title
    } else {
        texts.title
    };
    let list_href = query.href(lang, |q| {
        q.view = None;
        q.month = None;
    });
    let month_href = query.href(lang, |q| {
        q.view = Some("month".into());
        q.when = None;
    });
    let other_time = if query.is_past() {
        (query.href(lang, |q| q.when = None), texts.upcoming_link)
    } else {
        (
            query.href(lang, |q| {
                q.when = Some("past".into());
                q.view = None;
                q.month = None;
            }),
            texts.past_link,
        )
    };
    let feed = query.feed_href(lang);
    let is_month = query.is_month();
    let paged = view.grid.is_none() && (view.has_more || query.page_number() > 1);
    view! {
        <Title text=title />
        <Meta name="description" content=texts.description />
        <Link rel="alternate" type_="text/calendar" href=feed.clone() title=texts.subscribe />
        <Link rel="alternate" type_="application/atom+xml" href=format!("/{lang}/events.atom") title=texts.title />
        <section class="events">
            <h1>{title}</h1>
            <form class="filter-bar" method="get" action=format!("/{lang}/events")>
                {query.view.clone().map(|v| view! { <input type="hidden" name="view" value=v /> })}
                {query.month.clone().map(|m| view! { <input type="hidden" name="month" value=m /> })}
                {query.when.clone().map(|w| view! { <input type="hidden" name="when" value=w /> })}
                <SelectField
                    id="events-type".into()
                    name="type"
                    label=texts.event_type
                    any=texts.all_types
                    options=options(view.types)
                    selected=query.event_type.clone()
                />
                <SelectField
                    id="events-municipality".into()
                    name="municipality"
                    label=texts.municipality
                    any=texts.all_municipalities
                    options=options(view.municipalities)
                    selected=query.municipality.clone()
                />
                <SelectField
                    id="events-language".into()
                    name="language"
                    label=texts.language
                    any=texts.all_languages
                    options=language_options(lang)
                    selected=query.language.clone()
                />
                <div class="field field--check">
                    <input id="events-deadlines" type="checkbox" name="deadlines" value="show" checked=query.shows_deadlines() />
                    <label for="events-deadlines">{texts.show_deadlines}</label>
                </div>
                <button type="submit" class="button">{texts.show}</button>
            </form>
            <nav class="view-switch" aria-label=texts.views>
                <ul>
                    <li><a href=list_href aria-current=(!is_month && !query.is_past()).then_some("page")>{texts.view_list}</a></li>
                    <li><a href=month_href aria-current=is_month.then_some("page")>{texts.view_month}</a></li>
                    <li><a href=other_time.0>{other_time.1}</a></li>
                </ul>
            </nav>
            {(!view.deadlines.is_empty() && view.grid.is_none()).then(|| {
                let funding = &lang.texts().funding;
                view! {
                    <section class="calendar-deadlines" aria-labelledby="calendar-deadlines">
                        <h2 id="calendar-deadlines">{texts.deadlines_heading}</h2>
                        <ul class="plain-list">
                            {view.deadlines.iter().map(|mark| view! {
                                <li>
                                    <a href=format!("/{lang}/funding/{}", mark.slug)><LocalizedText text=mark.title.clone() lang /></a>
                                    " · " {funding.deadline} " " {mark.until.clone()}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })}
            {match view.grid {
                Some(grid) => {
                    let previous = grid.previous.clone().map(|month| query.href(lang, |q| q.month = Some(month)));
                    let next = grid.next.clone().map(|month| query.href(lang, |q| q.month = Some(month)));
                    view! { <Month lang grid previous next manage=false /> }.into_any()
                }
                None => view! { <List lang groups=view.groups /> }.into_any(),
            }}
            {paged.then(|| {
                let page = query.page_number();
                let directory = &lang.texts().directory;
                let previous = (page > 1).then(|| query.href(lang, |q| q.page = (page > 2).then(|| (page - 1).to_string())));
                let next = view.has_more.then(|| query.href(lang, |q| q.page = Some((page + 1).to_string())));
                view! {
                    <nav class="pager" aria-label=directory.pages>
                        {previous.map(|href| view! { <a href=href rel="prev">{directory.previous_page}</a> })}
                        <span>{format!("{} {page}", directory.page)}</span>
                        {next.map(|href| view! { <a href=href rel="next">{directory.next_page}</a> })}
                    </nav>
                }
            })}
            <p class="subscribe">
                <a href=feed>{texts.subscribe}</a>
                <br />
                <span class="hint">{texts.subscribe_hint}</span>
            </p>
        </section>
    }
}

fn language_options(lang: Lang) -> Vec<SelectOption> {
    let names = lang.texts().directory.languages;
    ["et", "ru", "en"]
        .into_iter()
        .zip(names)
        .map(|(code, label)| SelectOption::new(code, label))
        .collect()
}

fn options(labelled: Vec<Labelled>) -> Vec<SelectOption> {
    labelled
        .into_iter()
        .map(|item| SelectOption::new(item.code, item.label))
        .collect()
}

#[component]
fn List(lang: Lang, groups: Vec<crate::events::MonthGroup>) -> impl IntoView {
    if groups.is_empty() {
        return view! { <p class="notice">{lang.texts().events.no_events}</p> }.into_any();
    }
    groups
        .into_iter()
        .map(|group| {
            view! {
                <section class="month-group">
                    <h2>{group.label}</h2>
                    <ul class="event-cards">
                        {group
                            .occurrences
                            .into_iter()
                            .map(|card| view! { <li><Card lang card /></li> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
fn Card(lang: Lang, card: OccurrenceCard) -> impl IntoView {
    let texts = &lang.texts().events;
    let place = match (card.place, card.is_online) {
        (Some(place), true) => Some(format!("{place} · {}", texts.online)),
        (Some(place), false) => Some(place),
        (None, true) => Some(texts.online.to_owned()),
        (None, false) => None,
    };
    view! {
        <article class="event-card" class:event-card--cancelled=card.is_cancelled>
            <p class="event-card__meta">
                <time datetime=card.starts_at>{card.when}</time>
                " · "
                {card.type_label}
            </p>
            <h3 class="event-card__title">
                {card.is_cancelled.then(|| view! { <strong class="badge">{texts.cancelled}</strong> " " })}
                {card.is_moved.then(|| view! { <strong class="badge badge--info">{texts.moved}</strong> " " })}
                <a href=format!("/{lang}/events/{}", card.slug)><LocalizedText text=card.title lang /></a>
            </h3>
            {place.map(|place| view! { <p class="event-card__place">{place}</p> })}
        </article>
    }
}
