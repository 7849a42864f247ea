use crate::certificates::pdf_path;
use crate::components::LocalizedText;
use crate::components::errors::{ErrorPage, NotFound};
use crate::components::page::private_page;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::registrations::api::{CancelRegistration, WithdrawFacts, get_registration};
use crate::registrations::facts::Facts;
use crate::registrations::{RegistrationStatus, RegistrationView};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// `/{lang}/registration/{token}`: a registrant's private page, with the button that cancels.
/// Cancelling is a POST: a link preview or prefetch can never cancel by visiting.
#[component]
pub fn RegistrationPage() -> impl IntoView {
    private_page();
    let lang = use_lang();
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let cancel = ServerAction::<CancelRegistration>::new();
    let withdraw = ServerAction::<WithdrawFacts>::new();
    let registration = Resource::new(
        move || {
            let changed = (cancel.version().get(), withdraw.version().get());
            (lang.get(), token.get(), changed)
        },
        |(lang, token, _)| get_registration(lang, token),
    );
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || {
                let lang = lang.get();
                let token = token.get();
                Suspend::new(async move {
                    match registration.await {
                        Ok(view) => view! { <Registration lang view token cancel withdraw /> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Registration(
    lang: Lang,
    view: RegistrationView,
    token: String,
    cancel: ServerAction<CancelRegistration>,
    withdraw: ServerAction<WithdrawFacts>,
) -> impl IntoView {
    let texts = &lang.texts().events;
    let status = match view.status {
        RegistrationStatus::Confirmed => texts.status_confirmed,
        RegistrationStatus::Waiting => texts.status_waiting,
        RegistrationStatus::Cancelled => texts.status_cancelled,
    };
    let live = view.status != RegistrationStatus::Cancelled;
    view! {
        <Title text=texts.cancel_title />
        <section class="page narrow">
            <h1>{texts.cancel_title}</h1>
            <dl class="facts">
                <dt>{texts.your_registration}</dt>
                <dd>
                    <a href=format!("/{lang}/events/{}", view.event_slug)><LocalizedText text=view.event_title lang /></a>
                    <br />
                    {view.when}
                </dd>
                <dt>{texts.name}</dt>
                <dd>{view.name}</dd>
                <dt>{lang.texts().admin.status}</dt>
                <dd>{status}</dd>
            </dl>
            {view.check_in_qr.map(|qr| {
                let attendance = &lang.texts().attendance;
                view! {
                    <figure class="check-in-code">
                        <div inner_html=qr></div>
                        <figcaption>{attendance.qr_hint}</figcaption>
                    </figure>
                }
            })}
            {view.certificate.map(|code| view! {
                <h2>{lang.texts().certificates.your_certificate}</h2>
                <Downloads lang code />
            })}
            <FactsGiven lang facts=view.facts token=token.clone() withdraw />
            {(!live).then(|| view! { <p class="notice" role="status">{texts.cancelled_registration}</p> })}
            {live.then(|| view! {
                <ActionForm action=cancel>
                    <input type="hidden" name="token" value=token />
                    <button type="submit" class="button">{texts.cancel_button}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// Links to a certificate's PDF in each language, the page's first.
#[component]
fn Downloads(lang: Lang, code: String) -> impl IntoView {
    let texts = &lang.texts().certificates;
    let mut langs = Lang::ALL.to_vec();
    langs.sort_by_key(|choice| *choice != lang);
    view! {
        <ul class="downloads">
            {langs
                .into_iter()
                .map(|choice| view! {
                    <li>
                        <a href=pdf_path(&code, choice) rel="external" download hreflang=choice.code()>
                            {format!("{} · {}", texts.download, choice.native_name())}
                        </a>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}

/// The answers to the funder's questions kept with the registration, and the button that
/// deletes them; once deleted, a line that says so.
#[component]
fn FactsGiven(
    lang: Lang,
    facts: Option<Facts>,
    token: String,
    withdraw: ServerAction<WithdrawFacts>,
) -> impl IntoView {
    let texts = &lang.texts().facts;
    let withdrawn = move || matches!(withdraw.value().get(), Some(Ok(())));
    match facts {
        Some(facts) => view! {
            <h2>{texts.your_answers}</h2>
            <dl class="facts">
                {facts
                    .labelled(lang)
                    .into_iter()
                    .map(|(question, answer)| view! { <dt>{question}</dt><dd>{answer}</dd> })
                    .collect_view()}
            </dl>
            <ActionForm action=withdraw>
                <input type="hidden" name="token" value=token />
                <button type="submit" class="button button--secondary">{texts.withdraw}</button>
            </ActionForm>
        }
        .into_any(),
        // Said once withdrawn, as the page says a cancellation.
        None => (move || {
            withdrawn().then(|| view! { <p class="notice" role="status">{texts.withdrawn}</p> })
        })
        .into_any(),
    }
}
