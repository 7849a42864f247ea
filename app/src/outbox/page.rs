//! `/{lang}/admin/outbox`: whether mail is sent, the messages by state with the mail server's
//! last answer, and a message sent again or not at all.

use crate::components::admin::ErrorNotice;
use crate::i18n::{Lang, use_lang};
use crate::outbox::api::{ActOnMessage, get_outbox};
use crate::outbox::{MessageStatus, Outbox, OutboxLine, SHOWN};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A state as the page names it.
pub fn status_label(lang: Lang, status: MessageStatus) -> &'static str {
    let texts = &lang.texts().outbox;
    match status {
        MessageStatus::Waiting => texts.status_waiting,
        MessageStatus::Sending => texts.status_sending,
        MessageStatus::Sent => texts.status_sent,
        MessageStatus::Retrying => texts.status_retrying,
        MessageStatus::Failed => texts.status_failed,
        MessageStatus::Cancelled => texts.status_cancelled,
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let state = Memo::new(move |_| {
        query
            .read()
            .get("state")
            .as_deref()
            .and_then(MessageStatus::from_code)
    });
    let act = ServerAction::<ActOnMessage>::new();
    let outbox = Resource::new(
        move || (state.get(), act.version().get()),
        |(state, _)| get_outbox(state.map(|s| s.code().to_owned())),
    );
    view! {
        {move || {
            let texts = &lang.get().texts().outbox;
            view! {
                <Title text=texts.title />
                <h1>{texts.title}</h1>
                <p class="hint">{texts.intro}</p>
            }
        }}
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match outbox.await {
                        Ok(outbox) => view! { <Messages lang outbox shown=state.get() act /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Messages(
    lang: Lang,
    outbox: Outbox,
    shown: Option<MessageStatus>,
    act: ServerAction<ActOnMessage>,
) -> impl IntoView {
    let texts = &lang.texts().outbox;
    let total: i64 = outbox.counts.iter().map(|(_, n)| n).sum();
    let count = move |status| {
        outbox
            .counts
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    };
    let problem = move || match act.value().get() {
        Some(Err(error)) => Some(lang.texts().error_message(&error)),
        _ => None,
    };
    let filters = std::iter::once((None, texts.all, total))
        .chain(
            MessageStatus::ALL
                .into_iter()
                .map(|status| (Some(status), status_label(lang, status), count(status))),
        )
        .map(|(status, label, n)| {
            let href = match status {
                Some(status) => format!("/{lang}/admin/outbox?state={}", status.code()),
                None => format!("/{lang}/admin/outbox"),
            };
            view! {
                <a href=href aria-current=(status == shown).then_some("page")>
                    {format!("{label} ({n})")}
                </a>
            }
        })
        .collect_view();
    let listed = outbox.messages.len();
    view! {
        {(!outbox.sending.configured)
            .then(|| view! { <p class="notice" role="status">{texts.not_configured}</p> })}
        <nav class="toolbar" aria-label=texts.state>{filters}</nav>
        <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
        {if outbox.messages.is_empty() {
            view! { <p class="notice">{texts.no_messages}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="data-table">
                        <caption class="visually-hidden">{texts.title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{texts.recipient}</th>
                                <th scope="col">{texts.subject}</th>
                                <th scope="col">{texts.created}</th>
                                <th scope="col">{texts.state}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {outbox
                                .messages
                                .into_iter()
                                .map(|message| view! { <Message lang message act /> })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        {(listed as u32 == SHOWN)
            .then(|| view! { <p class="hint">{texts.shown_latest.replace("{n}", &SHOWN.to_string())}</p> })}
    }
}

#[component]
fn Message(lang: Lang, message: OutboxLine, act: ServerAction<ActOnMessage>) -> impl IntoView {
    use MessageStatus::*;
    let texts = &lang.texts().outbox;
    let state = match (&message.sent, message.status) {
        (Some(at), Sent) => format!("{} {at}", texts.status_sent),
        (_, status) => status_label(lang, status).to_owned(),
    };
    let tries = (message.attempts > 0 && message.status != Sent)
        .then(|| texts.attempts.replace("{n}", &message.attempts.to_string()));
    let button = |action: &'static str, label: &'static str| {
        view! {
            <ActionForm action=act attr:class="inline-form">
                <input type="hidden" name="id" value=message.id />
                <input type="hidden" name="action" value=action />
                <button type="submit" class="button button--secondary">{label}</button>
            </ActionForm>
        }
    };
    let retry = matches!(message.status, Failed | Cancelled | Retrying)
        .then(|| button("retry", texts.retry));
    let cancel = matches!(message.status, Waiting | Retrying | Failed)
        .then(|| button("cancel", texts.cancel));
    view! {
        <tr>
            <td>{message.recipient}</td>
            <td>
                <details>
                    <summary>{message.subject}</summary>
                    <pre class="message-body">{message.body}</pre>
                </details>
            </td>
            <td>{message.created}</td>
            <td>
                <p>{state}</p>
                {tries.map(|tries| view! { <p class="hint">{tries}</p> })}
                {message.error.map(|error| view! { <p class="message-error">{error}</p> })}
                {retry}
                {cancel}
            </td>
        </tr>
    }
}
