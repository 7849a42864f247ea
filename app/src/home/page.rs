use crate::components::LocalizedText;
use crate::components::errors::ErrorPage;
use crate::home::api::{EventCard, HomeOverview, get_home_overview};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let overview = Resource::new(move || lang.get(), get_home_overview);
    view! {
        <Suspense>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match overview.await {
                        Ok(overview) => view! { <Home lang overview /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Home(lang: Lang, overview: HomeOverview) -> impl IntoView {
    let texts = &lang.texts().home;
    let newsletter = &lang.texts().newsletter;
    let figures = [
        (texts.organisations_count, overview.organisations),
        (texts.members_count, overview.members),
        (texts.municipalities_count, overview.places),
        (texts.upcoming_count, overview.upcoming_events),
    ];
    view! {
        <Title text=texts.title />
        <Meta name="description" content=lang.texts().site_description />
        <section class="hero">
            <h1>{texts.title}</h1>
            <p class="lead">{texts.lead}</p>
            <p>{texts.intro}</p>
            <p class="actions">
                <a class="button" href=format!("/{lang}/directory")>{texts.directory_link}</a>
                <a class="button button--secondary" href=format!("/{lang}/events")>{texts.events_link}</a>
                <a class="button button--secondary" href=format!("/{lang}/about")>{texts.about_link}</a>
            </p>
        </section>
        <section class="figures" aria-labelledby="figures-heading">
            <h2 id="figures-heading">{texts.figures_heading}</h2>
            <dl>
                {figures
                    .into_iter()
                    .map(|(label, value)| view! {
                        <div class="figure">
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
        </section>
        <section class="upcoming" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">{texts.upcoming_heading}</h2>
            {if overview.next_events.is_empty() {
                view! { <p>{texts.no_upcoming}</p> }.into_any()
            } else {
                view! {
                    <ul class="event-cards">
                        {overview.next_events.into_iter().map(|event| view! { <EventCardItem lang event /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section class="newsletter-teaser" aria-labelledby="newsletter-heading">
            <h2 id="newsletter-heading">{newsletter.title}</h2>
            <p>{newsletter.lead}</p>
            <p class="actions">
                <a class="button" href=format!("/{lang}/newsletter")>{newsletter.home_link}</a>
                <a href=format!("/{lang}/newsletter/archive")>{newsletter.archive_link}</a>
            </p>
        </section>
    }
}

#[component]
fn EventCardItem(lang: Lang, event: EventCard) -> impl IntoView {
    let texts = &lang.texts().home;
    let place = match (event.place, event.is_online) {
        (Some(place), true) => Some(format!("{place} · {}", texts.online)),
        (Some(place), false) => Some(place),
        (None, true) => Some(texts.online.to_owned()),
        (None, false) => None,
    };
    view! {
        <li class="event-card" class:event-card--cancelled=event.is_cancelled>
            <p class="event-card__meta">
                <time datetime=event.starts_at>{event.when}</time>
                " · "
                {event.type_label}
            </p>
            <h3 class="event-card__title">
                {event.is_cancelled.then(|| view! { <strong class="badge">{texts.cancelled}</strong> " " })}
                <a href=format!("/{lang}/events/{}", event.slug)><LocalizedText text=event.title lang /></a>
            </h3>
            {place.map(|place| view! { <p class="event-card__place">{place}</p> })}
        </li>
    }
}
