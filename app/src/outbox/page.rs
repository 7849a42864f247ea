use crate::components::admin::ErrorNotice;
use crate::i18n::{Lang, use_lang};
use crate::outbox::OutboxLine;
use crate::outbox::api::get_outbox;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let messages = Resource::new(|| (), |_| get_outbox());
    view! {
        {move || {
            let texts = &lang.get().texts().applications;
            view! {
                <Title text=texts.outbox_title />
                <h1>{texts.outbox_title}</h1>
                <p class="hint">{texts.outbox_intro}</p>
            }
        }}
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match messages.await {
                        Ok(messages) => view! { <Outbox lang messages /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Outbox(lang: Lang, messages: Vec<OutboxLine>) -> impl IntoView {
    let texts = &lang.texts().applications;
    if messages.is_empty() {
        return view! { <p class="notice">{texts.no_messages}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{texts.outbox_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{texts.recipient}</th>
                        <th scope="col">{texts.subject}</th>
                        <th scope="col">{texts.created}</th>
                        <th scope="col">{texts.state}</th>
                    </tr>
                </thead>
                <tbody>
                    {messages
                        .into_iter()
                        .map(|message| {
                            let state = match message.sent {
                                Some(at) => format!("{} {at}", texts.sent_at),
                                None => texts.waiting.to_owned(),
                            };
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
                                    <td>{state}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
