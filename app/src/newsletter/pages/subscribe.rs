//! `/{lang}/newsletter` (subscribe), `/{lang}/newsletter/confirm?token=` (the opt-in link's
//! page: a button, since link scanners follow links) and `/{lang}/newsletter/subscription?token=`
//! (the subscriber's own page: language, topics, unsubscribe). All work before the wasm has
//! loaded: plain form posts come back here.

use crate::components::errors::ErrorPage;
use crate::components::form::answer_problem;
use crate::components::page::private_page;
use crate::error::Problem;
use crate::i18n::{Lang, use_lang};
use crate::newsletter::api::{
    ChangeSubscription, ConfirmSubscription, EndSubscription, Subscribe, get_subscription,
};
use crate::newsletter::pages::choices::choices;
use crate::newsletter::{SubscriberStatus, Subscription, Topics};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn SubscribePage() -> impl IntoView {
    let lang = use_lang();
    view! { {move || view! { <Subscribe lang=lang.get() /> }} }
}

#[component]
fn Subscribe(lang: Lang) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    let query = use_query_map();
    let subscribe = ServerAction::<Subscribe>::new();
    let sent = move || {
        matches!(subscribe.value().get(), Some(Ok(())))
            || query.read().get("sent").is_some() && subscribe.value().get().is_none()
    };
    let problem =
        move || answer_problem(lang, subscribe.value().get(), query.read().get("problem"));
    view! {
        <Title text=texts.title />
        <Meta name="description" content=texts.lead />
        <section class="join-page" aria-labelledby="newsletter-heading">
            <h1 id="newsletter-heading">{texts.title}</h1>
            <p class="lead">{texts.lead}</p>
            <p><a href=format!("/{lang}/newsletter/archive")>{texts.archive_link}</a></p>
            <p class="notice" role="status" hidden=move || !sent()>{texts.check_your_mail}</p>
            <p class="form-error" role="alert" id="subscribe-error" hidden=move || problem().is_none()>{problem}</p>
            <ActionForm action=subscribe>
                <input type="hidden" name="lang" value=lang.code() />
                <div class="form" role="group" aria-labelledby="newsletter-heading">
                    <div class="field">
                        <label for="subscribe-email">{lang.texts().auth.email}</label>
                        <input id="subscribe-email" type="email" name="form[email]" required maxlength="254" autocomplete="email" aria-describedby="subscribe-error" />
                    </div>
                    {choices(lang, "subscribe", lang, Topics::EVERY)}
                    <p class="hint" id="subscribe-consent">{texts.consent}</p>
                    // A field people do not see: only robots fill it in, and are refused.
                    <div class="trap" aria-hidden="true">
                        <label for="subscribe-homepage">{lang.texts().profile.website}</label>
                        <input id="subscribe-homepage" name="homepage" type="text" tabindex="-1" autocomplete="off" />
                    </div>
                    <button type="submit" class="button" aria-describedby="subscribe-consent" disabled=move || subscribe.pending().get()>
                        {texts.subscribe_button}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    private_page();
    let lang = use_lang();
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    let confirm = ServerAction::<ConfirmSubscription>::new();
    view! {
        {move || {
            let lang = lang.get();
            let texts = &lang.texts().newsletter;
            view! {
                <Title text=texts.confirm_title />
                <Meta name="robots" content="noindex" />
                <section class="join-page" aria-labelledby="confirm-heading">
                    <h1 id="confirm-heading">{texts.confirm_title}</h1>
                    {move || match confirm.value().get() {
                        None => view! {
                            <p>{texts.confirm_intro}</p>
                            <ActionForm action=confirm>
                                <input type="hidden" name="lang" value=lang.code() />
                                <input type="hidden" name="token" value=token.get() />
                                <button type="submit" class="button" disabled=move || confirm.pending().get()>
                                    {texts.confirm_button}
                                </button>
                            </ActionForm>
                        }
                        .into_any(),
                        Some(Ok(Some((_, manage)))) => view! {
                            <p class="notice" role="status">{texts.confirmed}</p>
                            <p>
                                <a href=format!("/{lang}/newsletter/subscription?token={manage}")>{texts.manage_link}</a>
                            </p>
                        }
                        .into_any(),
                        Some(Ok(None)) => view! { <LinkGone lang /> }.into_any(),
                        Some(Err(error)) => view! { <ErrorPage error /> }.into_any(),
                    }}
                </section>
            }
        }}
    }
}

/// A link that does not (or no longer) work, and the way to subscribe again.
#[component]
fn LinkGone(lang: Lang) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    view! {
        <p class="form-error" role="alert">{lang.texts().problem(Problem::LinkExpired)}</p>
        <p><a href=format!("/{lang}/newsletter")>{texts.subscribe_again}</a></p>
    }
}

#[component]
pub fn SubscriptionPage() -> impl IntoView {
    private_page();
    let lang = use_lang();
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    let end = ServerAction::<EndSubscription>::new();
    let subscription = Resource::new(
        move || (token.get(), end.version().get()),
        move |(token, _)| async move {
            if token.is_empty() {
                Ok(None)
            } else {
                get_subscription(token, Some(lang.get_untracked())).await
            }
        },
    );
    view! {
        {move || {
            let texts = &lang.get().texts().newsletter;
            view! {
                <Title text=texts.subscription_title />
                <Meta name="robots" content="noindex" />
                <h1 id="subscription-heading">{texts.subscription_title}</h1>
            }
        }}
        <Suspense>
            {move || Suspend::new(async move {
                let lang = lang.get();
                match subscription.await {
                    Ok(Some(subscription)) => view! { <Manage lang token=token.get_untracked() subscription end /> }.into_any(),
                    Ok(None) => view! { <LinkGone lang /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The subscription's language and topics to change, and the button that ends it.
#[component]
fn Manage(
    lang: Lang,
    token: String,
    subscription: Subscription,
    end: ServerAction<EndSubscription>,
) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    let change = ServerAction::<ChangeSubscription>::new();
    let query = use_query_map();
    let saved = move || {
        matches!(change.value().get(), Some(Ok(())))
            || query.read().get("done").as_deref() == Some("saved")
    };
    let confirmed = query.read_untracked().get("done").as_deref() == Some("confirmed");
    let problem = move || {
        answer_problem(lang, change.value().get(), None)
            .or_else(|| answer_problem(lang, end.value().get(), None))
    };
    if subscription.status == SubscriberStatus::Unsubscribed {
        return view! {
            <p class="notice" role="status">{texts.unsubscribed}</p>
            <p><a href=format!("/{lang}/newsletter")>{texts.subscribe_again}</a></p>
        }
        .into_any();
    }
    let state = match subscription.status {
        SubscriberStatus::Pending => Some(texts.not_confirmed_yet),
        SubscriberStatus::Bouncing => Some(texts.bouncing_note),
        _ => None,
    };
    let token_end = token.clone();
    view! {
        {confirmed.then(|| view! { <p class="notice" role="status">{texts.confirmed}</p> })}
        <p>{texts.subscription_of} " " <strong>{subscription.email}</strong></p>
        {state.map(|state| view! { <p class="notice">{state}</p> })}
        <p class="notice" role="status" hidden=move || !saved()>{texts.saved}</p>
        <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
        <ActionForm action=change>
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="token" value=token />
            <div class="form" role="group" aria-labelledby="subscription-heading">
                {choices(lang, "subscription", subscription.lang, subscription.topics)}
                <fieldset aria-describedby="subscription-sectors-hint">
                    <legend>{texts.funding_sectors}</legend>
                    <p class="hint" id="subscription-sectors-hint">{texts.funding_sectors_hint}</p>
                    {subscription.sector_choices.iter().enumerate().map(|(index, sector)| {
                        let id = format!("subscription-sector-{}", sector.code);
                        let checked = subscription.sectors.contains(&sector.code);
                        view! {
                            <div class="field field--check">
                                <input id=id.clone() type="checkbox" name=format!("form[sectors][{index}]") value=sector.code.clone() checked=checked />
                                <label for=id>{sector.label.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button" disabled=move || change.pending().get()>{texts.save_button}</button>
            </div>
        </ActionForm>
        <h2>{texts.unsubscribe_heading}</h2>
        <ActionForm action=end>
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="token" value=token_end />
            <button type="submit" class="button button--secondary" disabled=move || end.pending().get()>
                {texts.unsubscribe_button}
            </button>
        </ActionForm>
    }
    .into_any()
}
