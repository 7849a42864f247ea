//! `/{lang}/check-entry?token=…`: the page an entry's owner opens from the mailed link, with no
//! account. They confirm the entry as it is, or correct its form and send the changes to the
//! coordinator. A link that is unknown, used or expired says so, and a new one can be asked
//! for by email. Works before the wasm has loaded (plain form posts come back here).

use crate::components::errors::ErrorPage;
use crate::components::form::{FieldMaker, answer_problem, field_message};
use crate::components::page::private_page;
use crate::entries::fields::entry_fields;
use crate::error::Problem;
use crate::i18n::{Lang, use_lang};
use crate::owners::OwnerCheck;
use crate::owners::api::{AskEntryLink, ConfirmEntry, DONE, ProposeEntryChange, get_owner_check};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn OwnerCheckPage() -> impl IntoView {
    private_page();
    let lang = use_lang();
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    let check = Resource::new(
        move || (lang.get(), token.get()),
        |(lang, token)| async move {
            if token.is_empty() {
                Ok(None)
            } else {
                get_owner_check(lang, token).await
            }
        },
    );
    let texts = move || &lang.get().texts().owners;
    let done = move || query.read().get(DONE);
    view! {
        {move || view! { <Title text=texts().check_title /> }}
        <Meta name="robots" content="noindex" />
        <section class="join-page" aria-labelledby="check-heading">
            <h1 id="check-heading">{move || texts().check_title}</h1>
            {move || match done().as_deref() {
                Some("confirmed") => view! { <p class="notice" role="status">{texts().confirmed_done}</p> }.into_any(),
                Some("proposed") => view! { <p class="notice" role="status">{texts().proposed_done}</p> }.into_any(),
                Some(_) => view! { <p class="notice" role="status">{texts().ask_sent}</p> }.into_any(),
                None => view! {
                    <Suspense>
                        {move || Suspend::new(async move {
                            let lang = lang.get();
                            match check.await {
                                Ok(Some(check)) => view! { <Check lang token=token.get_untracked() check /> }.into_any(),
                                Ok(None) => view! { <AskAgain lang expired=!token.get_untracked().is_empty() /> }.into_any(),
                                Err(error) => view! { <ErrorPage error /> }.into_any(),
                            }
                        })}
                    </Suspense>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The entry as it is: confirmed with one button, or corrected in its form and proposed.
#[component]
fn Check(lang: Lang, token: String, check: OwnerCheck) -> impl IntoView {
    let texts = &lang.texts().owners;
    let query = use_query_map();
    let confirm = ServerAction::<ConfirmEntry>::new();
    let propose = ServerAction::<ProposeEntryChange>::new();
    let confirmed = move || matches!(confirm.value().get(), Some(Ok(())));
    let proposed = move || matches!(propose.value().get(), Some(Ok(())));
    let problem = move || {
        answer_problem(lang, confirm.value().get(), None)
            .or_else(|| answer_problem(lang, propose.value().get(), query.read().get("problem")))
    };
    let field = FieldMaker {
        prefix: "owner",
        scope: "form",
        problem: move |field: &'static str| {
            move || field_message(lang, propose.value().get(), None, field)
        },
    };
    let last = check
        .confirmed
        .clone()
        .unwrap_or_else(|| texts.never_confirmed.to_owned());
    let (token_a, token_b) = (token.clone(), token);
    view! {
        <div role="status">
            {move || confirmed().then(|| view! { <p class="notice">{texts.confirmed_done}</p> })}
            {move || proposed().then(|| view! { <p class="notice">{texts.proposed_done}</p> })}
        </div>
        <div hidden=move || confirmed() || proposed()>
            <p class="lead">{texts.check_intro.replace("{name}", &check.name)}</p>
            <p>
                {texts.last_confirmed} ": " {last} " · "
                <a href=format!("/{lang}/directory/{}", check.slug)>{lang.texts().admin.public_page}</a>
            </p>
            <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
            <ActionForm action=confirm>
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="token" value=token_a />
                <button type="submit" class="button" disabled=move || confirm.pending().get()>
                    {texts.confirm_button}
                </button>
            </ActionForm>
            <h2 id="propose-heading">{texts.propose_heading}</h2>
            <ActionForm action=propose attr:class="event-form" attr:aria-labelledby="propose-heading">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="token" value=token_b />
                {entry_fields(lang, field, &check.choices, &check.form)}
                <div class="form-actions">
                    <button type="submit" class="button" disabled=move || propose.pending().get()>
                        {texts.propose_button}
                    </button>
                </div>
            </ActionForm>
        </div>
    }
}

/// A link that no longer works (or none), and the form that sends a new one.
#[component]
fn AskAgain(lang: Lang, expired: bool) -> impl IntoView {
    let texts = &lang.texts().owners;
    let query = use_query_map();
    let ask = ServerAction::<AskEntryLink>::new();
    let sent = move || matches!(ask.value().get(), Some(Ok(())));
    let problem = move || answer_problem(lang, ask.value().get(), query.read().get("problem"));
    view! {
        {expired.then(|| view! {
            <p class="form-error" role="alert">{lang.texts().problem(Problem::LinkExpired)}</p>
        })}
        <h2 id="ask-heading">{texts.ask_heading}</h2>
        <p>{texts.ask_intro}</p>
        <p class="notice" role="status" hidden=move || !sent()>{texts.ask_sent}</p>
        <p class="form-error" role="alert" id="ask-error" hidden=move || problem().is_none()>{problem}</p>
        <ActionForm action=ask>
            <input type="hidden" name="lang" value=lang.code() />
            <div class="form" role="group" aria-labelledby="ask-heading">
                <div class="field">
                    <label for="ask-email">{lang.texts().auth.email}</label>
                    <input id="ask-email" type="email" name="email" required maxlength="254" autocomplete="email" aria-describedby="ask-error" />
                </div>
                <button type="submit" class="button" disabled=move || ask.pending().get()>{texts.ask_button}</button>
            </div>
        </ActionForm>
    }
}
