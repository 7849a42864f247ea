use crate::components::LocalizedText;
use crate::components::errors::{NotFound, ServerError};
use crate::components::facts::facts;
use crate::components::frame::SiteOrigin;
use crate::error::AppError;
use crate::events::EventPage;
use crate::events::api::get_event;
use crate::i18n::{Lang, use_lang};
use crate::registrations::api::Register;
use crate::registrations::{REGISTER_PROBLEM, REGISTERED};
use crate::shared::text::shorten;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

/// `/{lang}/events/{slug}`: everything about one event (or series), with its calendar file.
#[component]
pub fn EventDetailPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let event = Resource::new(
        move || (lang.get(), slug.get()),
        |(lang, slug)| get_event(lang, slug),
    );
    view! {
        <Suspense>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match event.await {
                        Ok(event) => view! { <Event lang event /> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(_) => view! { <ServerError /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Event(lang: Lang, event: EventPage) -> impl IntoView {
    let origin = use_context::<SiteOrigin>().map(|o| o.0).unwrap_or_default();
    let canonical = format!("{origin}/{lang}/events/{}", event.slug);
    let title = event
        .title
        .show(lang)
        .map(|shown| shown.text.to_owned())
        .unwrap_or_default();
    let summary = event
        .description
        .show(lang)
        .map(|shown| shorten(shown.text, 200))
        .unwrap_or_else(|| format!("{} · {}", event.type_label, event.when));
    let locale = match lang {
        Lang::Et => "et_EE",
        Lang::Ru => "ru_RU",
        Lang::En => "en_GB",
    };
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=summary.clone() />
        <Link rel="canonical" href=canonical.clone() />
        <Meta property="og:type" content="website" />
        <Meta property="og:site_name" content=lang.texts().site_name />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=summary />
        <Meta property="og:url" content=canonical />
        <Meta property="og:locale" content=locale />
        <EventArticle lang event preview=false />
    }
}

/// The event as the public sees it; as a `preview` (in the coordinator's form) without the
/// registration form, the calendar file and the structured data, which need a stored event.
#[component]
pub fn EventArticle(lang: Lang, event: EventPage, preview: bool) -> impl IntoView {
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
            {(event.takes_registrations && !preview).then(|| view! { <RegistrationForm lang slug=event.slug.clone() /> })}
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

/// Name, email, organisation and consent. A registration received is told where its
/// confirmation went (the place and the private link go by mail); a refusal keeps what was
/// typed.
#[component]
fn RegistrationForm(lang: Lang, slug: String) -> impl IntoView {
    let texts = &lang.texts().events;
    let action = ServerAction::<Register>::new();
    let problem = move |field: &'static str| {
        move || {
            let error = action.value().get()?.err()?;
            let problem = error.problem_with(field)?;
            Some(lang.texts().problem(problem))
        }
    };
    // A plain form post that was refused comes back with the reason in the URL.
    let query = leptos_router::hooks::use_query_map();
    let returned = move || {
        let code = query.read().get(REGISTER_PROBLEM)?;
        let problem = crate::error::Problem::from_code(&code)?;
        Some(lang.texts().problem(problem))
    };
    let general = move || match action.value().get()? {
        Err(error)
            if !["name", "email", "organisation", "consent"]
                .iter()
                .any(|field| error.problem_with(field).is_some()) =>
        {
            Some(lang.texts().error_message(&error))
        }
        _ => None,
    };
    // Received: told by the action's answer, or by the URL after a plain form post.
    let done = move || match action.value().get() {
        Some(Ok(registered)) => Some(texts.sent_to.replace("{email}", &registered.email)),
        Some(Err(_)) => None,
        None => query
            .read()
            .get(REGISTERED)
            .map(|_| texts.sent_to_your_address.to_owned()),
    };
    let field = move |id: &'static str,
                      name: &'static str,
                      label: String,
                      kind: &'static str,
                      required: bool,
                      autocomplete: &'static str| {
        let problem = problem(name);
        let problem_id = format!("{id}-problem");
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type=kind
                    name=name
                    required=required
                    maxlength="200"
                    autocomplete=autocomplete
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=problem_id.clone()
                />
                <p class="field-problem" id=problem_id>{problem}</p>
            </div>
        }
    };
    let consent_problem = problem("consent");
    view! {
        <section class="registration" aria-labelledby="register-heading">
            <h2 id="register-heading">{texts.register_heading}</h2>
            {move || {
                done().map(|sent| view! {
                    <div class="notice" role="status">
                        <p><strong>{texts.registered}</strong></p>
                        <p>{sent}</p>
                    </div>
                })
            }}
            <p class="form-error" role="alert" hidden=move || general().or_else(returned).is_none()>
                {move || general().or_else(returned)}
            </p>
            <ActionForm action>
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="slug" value=slug />
                <div class="form">
                    {field("register-name", "name", texts.name.to_owned(), "text", true, "name")}
                    {field("register-email", "email", texts.email.to_owned(), "email", true, "email")}
                    {field("register-organisation", "organisation", format!("{} {}", texts.organisation, texts.optional), "text", false, "organization")}
                    <div class="field field--check">
                        <input
                            id="register-consent"
                            type="checkbox"
                            name="consent"
                            value="yes"
                            required
                            aria-invalid=move || consent_problem().is_some().to_string()
                            aria-describedby="register-consent-problem"
                        />
                        <label for="register-consent">{texts.consent}</label>
                    </div>
                    <p class="field-problem" id="register-consent-problem">{problem("consent")}</p>
                    // A field people do not see: only robots fill it in, and are refused.
                    <div class="trap" aria-hidden="true">
                        <label for="register-website">{lang.texts().profile.website}</label>
                        <input id="register-website" name="website" type="text" tabindex="-1" autocomplete="off" />
                    </div>
                    <button type="submit" class="button" disabled=move || action.pending().get()>{texts.register}</button>
                </div>
            </ActionForm>
        </section>
    }
}
