//! `/{lang}/admin/newsletter`: the editions (a new one drafted with one button) and the
//! subscribers: counts by state, language and topic, the latest, the list as CSV, and someone
//! added who gave consent elsewhere.

use crate::components::admin::{ErrorNotice, field_problem, form_problem};
use crate::i18n::{Lang, use_lang};
use crate::newsletter::api::{AddSubscriber, StartEdition, get_subscribers, list_editions};
use crate::newsletter::pages::choices::choices;
use crate::newsletter::{EditionLine, Subscribers, Topics};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewsletterAdminPage() -> impl IntoView {
    let lang = use_lang();
    let start = ServerAction::<StartEdition>::new();
    let add = ServerAction::<AddSubscriber>::new();
    let editions = Resource::new(|| (), |()| list_editions());
    let subscribers = Resource::new(move || add.version().get(), |_| get_subscribers());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = start.value().get() {
            navigate(
                &format!("/{}/admin/newsletter/{id}", lang.get_untracked()),
                Default::default(),
            );
        }
    });
    view! {
        {move || {
            let lang = lang.get();
            let texts = &lang.texts().newsletter;
            let problem = move || form_problem(lang, start.value().get());
            view! {
                <Title text=texts.admin_title />
                <h1>{texts.admin_title}</h1>
                <p class="hint">{texts.admin_intro}</p>
                <h2>{texts.editions_heading}</h2>
                <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
                <ActionForm action=start>
                    <button type="submit" class="button" disabled=move || start.pending().get()>{texts.start_button}</button>
                </ActionForm>
            }
        }}
        <Transition>
            {move || Suspend::new(async move {
                let lang = lang.get();
                match editions.await {
                    Ok(editions) => view! { <Editions lang editions /> }.into_any(),
                    Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                }
            })}
        </Transition>
        <Transition>
            {move || Suspend::new(async move {
                let lang = lang.get();
                match subscribers.await {
                    Ok(subscribers) => view! { <SubscriberList lang subscribers add /> }.into_any(),
                    Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Editions(lang: Lang, editions: Vec<EditionLine>) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    if editions.is_empty() {
        return view! { <p class="notice">{texts.no_editions}</p> }.into_any();
    }
    let rows = editions
        .into_iter()
        .map(|edition| {
            let subject = if edition.subject.is_empty() {
                texts.default_subject.to_owned()
            } else {
                edition.subject
            };
            view! {
                <tr>
                    <td>{edition.number.map(|n| n.to_string()).unwrap_or_default()}</td>
                    <td><a href=format!("/{lang}/admin/newsletter/{}", edition.id)>{subject}</a></td>
                    <td>{edition.status.label(lang)}</td>
                    <td>{edition.when}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{texts.editions_heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{texts.number}</th>
                        <th scope="col">{texts.subject}</th>
                        <th scope="col">{texts.state}</th>
                        <th scope="col">{texts.when}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn SubscriberList(
    lang: Lang,
    subscribers: Subscribers,
    add: ServerAction<AddSubscriber>,
) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    let counts = |pairs: Vec<(String, i64)>| {
        pairs
            .into_iter()
            .map(|(label, count)| view! { <dt>{label}</dt><dd>{count}</dd> })
            .collect_view()
    };
    let by_status = counts(
        subscribers
            .by_status
            .iter()
            .map(|(status, n)| (status.label(lang).to_owned(), *n))
            .collect(),
    );
    let by_lang = counts(
        subscribers
            .by_lang
            .iter()
            .map(|(l, n)| (l.native_name().to_owned(), *n))
            .collect(),
    );
    let by_topic = counts(
        subscribers
            .by_topic
            .iter()
            .map(|(topic, n)| (topic.label(lang).to_owned(), *n))
            .collect(),
    );
    let added = move || matches!(add.value().get(), Some(Ok(())));
    let problem = move |field: &'static str| move || field_problem(lang, add.value().get(), field);
    let general = move || form_problem(lang, add.value().get());
    let rows = subscribers
        .latest
        .into_iter()
        .map(|line| {
            let topics = line
                .topics
                .list()
                .into_iter()
                .map(|topic| topic.label(lang))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr>
                    <td>{line.email}</td>
                    <td>{line.lang.native_name()}</td>
                    <td>{topics}</td>
                    <td>{line.status.label(lang)}</td>
                    <td>{line.since}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 id="subscribers-heading">{texts.subscribers_heading}</h2>
        <div class="facts-grid">
            <section aria-labelledby="by-status"><h3 id="by-status">{texts.by_status}</h3><dl class="counts">{by_status}</dl></section>
            <section aria-labelledby="by-lang"><h3 id="by-lang">{texts.by_language}</h3><dl class="counts">{by_lang}</dl></section>
            <section aria-labelledby="by-topic"><h3 id="by-topic">{texts.by_topic}</h3><dl class="counts">{by_topic}</dl></section>
        </div>
        <p><a href="/api/coordinator/newsletter/subscribers.csv" download>{texts.download_csv}</a></p>
        <h3 id="add-heading">{texts.add_heading}</h3>
        <p class="hint">{texts.add_hint}</p>
        <p class="notice" role="status" hidden=move || !added()>{texts.added}</p>
        <p class="form-error" role="alert" hidden=move || general().is_none()>{general}</p>
        <ActionForm action=add>
            <input type="hidden" name="lang" value=lang.code() />
            <div class="form" role="group" aria-labelledby="add-heading">
                <div class="field">
                    <label for="add-email">{lang.texts().auth.email}</label>
                    <input id="add-email" type="email" name="form[email]" required maxlength="254" aria-describedby="add-email-problem" />
                    <p class="field-problem" id="add-email-problem">{problem("email")}</p>
                </div>
                {choices(lang, "add", lang, Topics::EVERY)}
                <p class="field-problem">{problem("topics")}</p>
                <div class="field">
                    <label for="add-source">{texts.source}</label>
                    <input id="add-source" type="text" name="source" required maxlength="500" aria-describedby="add-source-problem" />
                    <p class="field-problem" id="add-source-problem">{problem("source")}</p>
                </div>
                <button type="submit" class="button" disabled=move || add.pending().get()>{texts.add_button}</button>
            </div>
        </ActionForm>
        <div class="table-scroll">
            <table class="data-table">
                <caption>{texts.latest_subscribers}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.texts().auth.email}</th>
                        <th scope="col">{texts.mail_language}</th>
                        <th scope="col">{texts.topics}</th>
                        <th scope="col">{texts.state}</th>
                        <th scope="col">{texts.since}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
