use crate::components::ShareMeta;
use crate::components::errors::{ErrorPage, NotFound};
use crate::error::AppError;
use crate::events::EventPage;
use crate::events::api::get_event;
use crate::events::article::EventArticle;
use crate::i18n::{Lang, use_lang};
use crate::registrations::api::Register;
use crate::registrations::{REGISTER_PROBLEM, REGISTERED};
use crate::shared::text::shorten;
use leptos::prelude::*;
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
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Event(lang: Lang, event: EventPage) -> impl IntoView {
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
    view! {
        <ShareMeta lang title summary path=format!("/events/{}", event.slug) />
        <EventArticle lang event=event.clone() preview=false>
            {event.takes_registrations.then(|| view! {
                <RegistrationForm lang slug=event.slug.clone() asks_facts=event.asks_participant_facts />
            })}
        </EventArticle>
    }
}

/// The registration form's fields, whose problems are told beside them.
const FIELDS: [&str; 8] = [
    "name",
    "email",
    "organisation",
    "consent",
    "gender",
    "age_band",
    "employment",
    "facts_consent",
];

/// Name, email, organisation and consent (and the funder's questions where the event asks). A
/// registration received is told where its confirmation went (the place and the private link
/// go by mail); a refusal keeps what was typed.
#[component]
fn RegistrationForm(lang: Lang, slug: String, asks_facts: bool) -> impl IntoView {
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
            if !FIELDS
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
                    {asks_facts.then(|| view! { <FactsFields lang problem /> })}
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

/// The funder's questions, each optional, and the consent that keeps the answers.
#[component]
fn FactsFields<P, F>(lang: Lang, problem: P) -> impl IntoView
where
    P: Fn(&'static str) -> F + Copy + 'static,
    F: Fn() -> Option<&'static str> + Send + Sync + 'static,
{
    let texts = &lang.texts().facts;
    let consent_problem = problem("facts_consent");
    view! {
        <fieldset class="form facts-fields" aria-describedby="facts-intro">
            <legend>{texts.heading}</legend>
            <p class="hint" id="facts-intro">{texts.intro}</p>
            {crate::registrations::facts::questions(lang)
                .into_iter()
                .map(|(name, question, codes, labels)| {
                    let id = format!("register-{name}");
                    let problem_id = format!("{id}-problem");
                    view! {
                        <div class="field">
                            <label for=id.clone()>{question}</label>
                            <select id=id name=format!("facts[{name}]") aria-describedby=problem_id.clone()>
                                <option value="">{texts.not_said}</option>
                                {codes
                                    .iter()
                                    .zip(labels)
                                    .map(|(code, label)| view! { <option value=*code>{*label}</option> })
                                    .collect_view()}
                            </select>
                            <p class="field-problem" id=problem_id>{problem(name)}</p>
                        </div>
                    }
                })
                .collect_view()}
            <div class="field field--check">
                <input
                    id="register-facts-consent"
                    type="checkbox"
                    name="facts[consent]"
                    value="yes"
                    aria-invalid=move || consent_problem().is_some().to_string()
                    aria-describedby="register-facts-consent-problem"
                />
                <label for="register-facts-consent">{texts.consent}</label>
            </div>
            <p class="field-problem" id="register-facts-consent-problem">{problem("facts_consent")}</p>
        </fieldset>
    }
}
