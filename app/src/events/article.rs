//! An event's article, as the public page shows it and the coordinator's form previews it.

use crate::components::LocalizedText;
use crate::components::facts::facts;
use crate::events::EventPage;
use crate::i18n::Lang;
use leptos::prelude::*;

/// The event as the public sees it; as a `preview` (in the coordinator's form) without the
/// registration form, the calendar file and the structured data, which need a stored event.
#[component]
pub fn EventArticle(
    lang: Lang,
    event: EventPage,
    preview: bool,
    /// Shown after the description: the registration form, on the public page.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let texts = &lang.texts().events;
    let place = {
        let lines: Vec<String> = [
            event.venue.clone(),
            event.address.clone(),
            event.municipality.as_ref().map(|m| m.label.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!lines.is_empty()).then(|| {
            let map = event.map_url.clone().map(|url| {
                view! { <br /> <a href=url rel="noopener external">{texts.map}</a> }
            });
            view! { {lines.join(", ")} {map} }.into_any()
        })
    };
    let languages = lang.texts().directory.languages;
    let language_names: Vec<&str> = event
        .languages
        .iter()
        .map(|code| match code.as_str() {
            "et" => languages[0],
            "ru" => languages[1],
            "en" => languages[2],
            _ => languages[3],
        })
        .collect();
    let registration = match event.registration.as_str() {
        "open" => texts.registration_open,
        "closed" => texts.registration_closed,
        _ => texts.registration_none,
    };
    let places = match (event.capacity, event.places_left) {
        (Some(capacity), Some(left)) => Some(
            texts
                .places_left
                .replace("{left}", &left.to_string())
                .replace("{capacity}", &capacity.to_string()),
        ),
        _ => None,
    };
    let details: Vec<(&str, AnyView)> = [
        Some((texts.when, view! { <time datetime=event.starts_at.clone()>{event.when.clone()}</time> }.into_any())),
        place.map(|place| (texts.place, place)),
        event.online_url.clone().map(|url| {
            let href = url.clone();
            (texts.online_link, view! { <a href=href rel="noopener external">{url}</a> }.into_any())
        }),
        event.organiser.clone().map(|name| {
            let view = match event.organiser_slug.clone() {
                Some(slug) => view! { <a href=format!("/{lang}/directory/{slug}")>{name}</a> }.into_any(),
                None => name.into_any(),
            };
            (texts.organiser, view)
        }),
        (!language_names.is_empty()).then(|| (texts.languages, language_names.join(", ").into_any())),
        places.map(|places| (texts.capacity, places.into_any())),
        Some((
            texts.registration,
            view! {
                {registration}
                {event.registration_deadline.clone().map(|deadline| view! { " " {texts.registration_until} " " {deadline} })}
            }
                .into_any(),
        )),
    ]
    .into_iter()
    .flatten()
    .collect();

    view! {
        <article class="profile event-page">
            {(!preview).then(|| view! { <p class="back-link"><a href=format!("/{lang}/events")>{texts.back_to_events}</a></p> })}
            <p class="profile__meta">{event.type_label.clone()}</p>
            <h1><LocalizedText text=event.title.clone() lang /></h1>
            {event.is_cancelled.then(|| view! { <p class="notice notice--danger" role="status">{texts.cancelled_notice}</p> })}
            {(event.is_past && !event.is_cancelled).then(|| view! { <p class="notice">{texts.past_notice}</p> })}
            {facts(details)}
            {(!event.description.is_empty()).then(|| view! {
                <p class="event-page__description"><LocalizedText text=event.description.clone() lang /></p>
            })}
            {(!preview).then(|| view! {
                <p>
                    <a class="button button--secondary" href=format!("/{lang}/events/{}.ics", event.slug) rel="external" download>
                        {texts.add_to_calendar}
                    </a>
                </p>
            })}
            {children.map(|children| children())}
            {(!event.upcoming_dates.is_empty()).then(|| view! {
                <section aria-labelledby="series-dates">
                    <h2 id="series-dates">{texts.series_dates}</h2>
                    <ul class="plain-list series-dates">
                        {event
                            .upcoming_dates
                            .iter()
                            .map(|date| view! {
                                <li class:cancelled=date.is_cancelled>
                                    <time datetime=date.starts_at.clone()>{date.when.clone()}</time>
                                    {date.is_cancelled.then(|| view! { " " <strong class="badge">{texts.cancelled}</strong> })}
                                    {date.is_moved.then(|| view! { " " <strong class="badge badge--info">{texts.moved}</strong> })}
                                </li>
                            })
                            .collect_view()}
                    </ul>
                </section>
            })}
            {(!preview).then(|| view! { <script type="application/ld+json" inner_html=event.json_ld.clone()></script> })}
        </article>
    }
}
