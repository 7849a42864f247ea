//! `/{lang}/join`: an organisation or entrepreneur proposes its own directory entry, with a
//! contact person and consent to being listed. Checked on the server as it is typed (a field's
//! problem shows once the field was left, or after a try to send); the coordinator
//! reviews what is sent.

use crate::components::errors::ErrorPage;
use crate::components::form::{FieldMaker, Touched, field_message, live_check};
use crate::entries::fields::entry_fields;
use crate::entries::{EntryChoices, EntryForm};
use crate::error::{AppError, Problem};
use crate::i18n::{Lang, use_lang};
use crate::joining::Contact;
use crate::joining::api::{SubmitApplication, check_application, get_join_form};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn JoinPage() -> impl IntoView {
    let lang = use_lang();
    let choices = Resource::new(move || lang.get(), get_join_form);
    view! {
        {move || view! { <Title text=lang.get().texts().join.title /> }}
        <Suspense>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match choices.await {
                        Ok(choices) => view! { <JoinForm lang choices /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The fields of the form as the live check reads them.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct JoinFields {
    form: EntryForm,
    contact: Contact,
}

#[component]
fn JoinForm(lang: Lang, choices: EntryChoices) -> impl IntoView {
    let texts = &lang.texts().join;
    let send = ServerAction::<SubmitApplication>::new();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let (check, typed) = live_check(form_ref, move |fields: JoinFields| {
        check_application(fields.form, fields.contact)
    });
    let touched = Touched::new();
    let changed = move |_| typed();
    let message = move |field: &str| {
        let check = check.read();
        let checked = check.as_deref().filter(|_| touched.shows(field));
        field_message(lang, send.value().get(), checked, field)
    };
    let entry_field = FieldMaker {
        prefix: "join",
        scope: "form",
        problem: move |field: &'static str| move || message(field),
    };
    let contact_field = FieldMaker {
        prefix: "join-contact",
        scope: "contact",
        problem: move |field: &'static str| move || message(&format!("contact.{field}")),
    };
    let consent_problem = move || message("contact.consent");
    // A plain form post (no JavaScript) comes back with `sent` or the reason in the URL.
    let query = use_query_map();
    let sent =
        move || matches!(send.value().get(), Some(Ok(()))) || query.read().get("sent").is_some();
    let general = move || match send.value().get() {
        Some(Err(AppError::Invalid { problem, .. })) if problem == Problem::TooManyApplications => {
            Some(lang.texts().problem(problem))
        }
        Some(Err(AppError::Invalid { .. })) => Some(texts.not_sent),
        Some(Err(error)) => Some(lang.texts().error_message(&error)),
        Some(Ok(())) => None,
        None => {
            let code = query.read().get("problem")?;
            Problem::from_code(&code).map(|problem| lang.texts().problem(problem))
        }
    };
    let form = EntryForm::default();
    view! {
        <section class="join-page" aria-labelledby="join-heading">
            <h1 id="join-heading">{texts.title}</h1>
            <div role="status">
                {move || sent().then(|| view! {
                    <div class="notice">
                        <h2>{texts.sent_heading}</h2>
                        <p>{texts.sent}</p>
                    </div>
                })}
            </div>
            <div hidden=sent>
                <p class="lead">{texts.intro}</p>
                <p class="form-error" role="alert" hidden=move || general().is_none()>{general}</p>
                <ActionForm
                    action=send
                    node_ref=form_ref
                    attr:id="join-form"
                    attr:class="event-form"
                    on:input=changed
                    on:change=changed
                    on:focusout=move |ev| touched.leave(&ev)
                    on:submit=move |_| touched.send()
                >
                    <input type="hidden" name="lang" value=lang.code() />
                    <h2>{texts.entry_heading}</h2>
                    {entry_fields(lang, entry_field, &choices, &form)}
                    <fieldset>
                        <legend>{texts.contact_heading}</legend>
                        <p class="hint">{texts.contact_hint}</p>
                        {contact_field.text("name", texts.contact_name.to_owned(), "text", String::new())}
                        {contact_field.text("email", texts.contact_email.to_owned(), "email", String::new())}
                        {contact_field.text("phone", texts.contact_phone.to_owned(), "tel", String::new())}
                        <div class="field field--check">
                            <input
                                id="join-contact-consent"
                                type="checkbox"
                                name="contact[consent]"
                                value="true"
                                aria-invalid=move || consent_problem().is_some().to_string()
                                aria-describedby="join-contact-consent-problem"
                            />
                            <label for="join-contact-consent">{texts.consent}</label>
                        </div>
                        <p class="field-problem" id="join-contact-consent-problem">{consent_problem}</p>
                    </fieldset>
                    // A field people do not see: only robots fill it in, and are refused.
                    <div class="trap" aria-hidden="true">
                        <label for="join-homepage">{lang.texts().profile.website}</label>
                        <input id="join-homepage" name="homepage" type="text" tabindex="-1" autocomplete="off" />
                    </div>
                    <div class="form-actions">
                        <button type="submit" class="button" disabled=move || send.pending().get()>{texts.send}</button>
                    </div>
                </ActionForm>
            </div>
        </section>
    }
}
