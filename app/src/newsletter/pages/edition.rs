//! `/{lang}/admin/newsletter/{id}`: an edition. A draft is edited one language at a time
//! (subject, introduction, and every item's title and text, in Markdown), its items reordered
//! or dropped, saved, previewed per language as the mail will look, tested on the
//! coordinator's own address, and sent now or at a Tallinn time. Once sent, the page shows the
//! progress (refreshed every two seconds while it sends) and pauses or resumes it.

use crate::components::admin::{ErrorNotice, confirm, form_problem};
use crate::components::page::use_id_param;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::newsletter::api::{
    PauseEdition, SaveEdition, SendEdition, SendTestEdition, get_edition,
};
use crate::newsletter::{
    EditionForm, EditionPanel, EditionStatus, Item, MOST_ITEMS, ThreeLangs, Topic,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn EditionPage() -> impl IntoView {
    let lang = use_lang();
    // No such id: 0, which the server answers as not found.
    let id = use_id_param();
    let send = ServerAction::<SendEdition>::new();
    let pause = ServerAction::<PauseEdition>::new();
    // Ticks every two seconds while the edition is on its way, to refresh its progress.
    let tick = RwSignal::new(0u32);
    let panel = Resource::new(
        move || {
            (
                id.get().unwrap_or(0),
                send.version().get(),
                pause.version().get(),
                tick.get(),
            )
        },
        |(id, ..)| get_edition(id),
    );
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || {
                let moving = panel.with_untracked(|panel| {
                    matches!(
                        panel,
                        Some(Ok(panel)) if matches!(panel.status, EditionStatus::Sending | EditionStatus::Scheduled)
                    )
                });
                if moving {
                    tick.update(|tick| *tick += 1);
                }
            },
            std::time::Duration::from_secs(2),
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    }
    view! {
        {move || view! { <Title text=lang.get().texts().newsletter.edition_title /> }}
        <Transition>
            {move || Suspend::new(async move {
                let lang = lang.get();
                match panel.await {
                    Ok(panel) if panel.status == EditionStatus::Draft => {
                        view! { <Draft lang panel send /> }.into_any()
                    }
                    Ok(panel) => view! { <Sending lang panel pause /> }.into_any(),
                    Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The heading and the links to the preview of each language.
fn heading_and_previews(lang: Lang, panel: &EditionPanel) -> impl IntoView + use<> {
    let texts = &lang.texts().newsletter;
    let title = match panel.number {
        Some(number) => texts
            .edition_number
            .replace("{number}", &number.to_string()),
        None => texts.edition_title.to_owned(),
    };
    let id = panel.id;
    let previews = Lang::ALL
        .into_iter()
        .map(|shown| {
            view! {
                <li>
                    {shown.native_name()} ": "
                    <a href=format!("/api/coordinator/newsletter/{id}/preview?lang={shown}&format=html") target="_blank">
                        {texts.preview_html}
                    </a>
                    " · "
                    <a href=format!("/api/coordinator/newsletter/{id}/preview?lang={shown}&format=text") target="_blank">
                        {texts.preview_text}
                    </a>
                </li>
            }
        })
        .collect_view();
    let audience = panel
        .audience
        .iter()
        .map(|(l, n)| format!("{} {n}", l.native_name()))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <p><a href=format!("/{lang}/admin/newsletter")>{texts.admin_title}</a></p>
        <h1>{title}</h1>
        <p>{panel.status.label(lang)} " · " {texts.audience} ": " {audience}</p>
        <h2 id="preview-heading">{texts.preview_heading}</h2>
        <p class="hint">{texts.preview_hint}</p>
        <ul aria-labelledby="preview-heading">{previews}</ul>
    }
}

/// An item being edited, with a key that stays with it as it moves.
#[derive(Clone, Copy)]
struct Editing {
    key: usize,
    item: RwSignal<Item>,
}

#[component]
fn Draft(lang: Lang, panel: EditionPanel, send: ServerAction<SendEdition>) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    let id = panel.id;
    let save = ServerAction::<SaveEdition>::new();
    let test = ServerAction::<SendTestEdition>::new();
    let subject = RwSignal::new(panel.form.subject.clone());
    let intro = RwSignal::new(panel.form.intro.clone());
    let items = RwSignal::new(
        panel
            .form
            .items
            .iter()
            .cloned()
            .enumerate()
            .map(|(key, item)| Editing {
                key,
                item: RwSignal::new(item),
            })
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(panel.form.items.len());
    let editing = RwSignal::new(lang);
    let changed = RwSignal::new(false);
    let form = move || EditionForm {
        subject: subject.get(),
        intro: intro.get(),
        items: items
            .get()
            .iter()
            .map(|editing| editing.item.get())
            .collect(),
    };
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            changed.set(false);
        }
    });
    let on_save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save.dispatch(SaveEdition { id, form: form() });
    };
    let saved = move || matches!(save.value().get(), Some(Ok(()))) && !changed.get();
    // A refused item is named by its place in the list.
    let save_problem = move || match save.value().get()? {
        Err(AppError::Invalid { field, problem }) => {
            let text = lang.texts().problem(problem);
            let item = field
                .strip_prefix("items.")
                .and_then(|rest| rest.split('.').next()?.parse::<usize>().ok());
            Some(match item {
                Some(at) => format!("{} {}: {text}", texts.item, at + 1),
                None => text.to_owned(),
            })
        }
        Err(error) => Some(lang.texts().error_message(&error).to_owned()),
        Ok(()) => None,
    };
    let language_tabs = Lang::ALL
        .into_iter()
        .map(|option| {
            let input_id = format!("edit-lang-{option}");
            view! {
                <div class="field field--check">
                    <input
                        id=input_id.clone()
                        type="radio"
                        name="edit-lang"
                        value=option.code()
                        prop:checked=move || editing.get() == option
                        on:change=move |_| editing.set(option)
                        // Choosing the language to edit changes nothing in the edition.
                        on:input=move |event| event.stop_propagation()
                    />
                    <label for=input_id>{option.native_name()}</label>
                </div>
            }
        })
        .collect_view();
    let add_item = move |_| {
        if items.with(Vec::len) < MOST_ITEMS {
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            items.update(|items| {
                items.push(Editing {
                    key,
                    item: RwSignal::new(Item {
                        topic: Topic::Events,
                        link: String::new(),
                        title: ThreeLangs::default(),
                        text: ThreeLangs::default(),
                    }),
                })
            });
            changed.set(true);
        }
    };
    view! {
        {heading_and_previews(lang, &panel)}
        <h2 id="content-heading">{texts.content_heading}</h2>
        <form class="event-form" aria-labelledby="content-heading" on:submit=on_save on:input=move |_| changed.set(true)>
            <fieldset>
                <legend>{texts.editing_language}</legend>
                {language_tabs}
            </fieldset>
            <p class="hint">{texts.markdown_hint}</p>
            {text_field(lang, "edition-subject", texts.subject, false, subject, editing)}
            {text_field(lang, "edition-intro", texts.intro, true, intro, editing)}
            <h3>{texts.items_heading}</h3>
            <For each=move || items.get() key=|editing| editing.key let:entry>
                <ItemEditor lang entry items editing changed />
            </For>
            <p>
                <button type="button" class="button button--secondary" on:click=add_item>{texts.add_item}</button>
            </p>
            <p class="form-error" role="alert" hidden=move || save_problem().is_none()>{save_problem}</p>
            <p class="notice" role="status" hidden=move || !saved()>{texts.saved}</p>
            <div class="form-actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>{texts.save_button}</button>
            </div>
        </form>
        <Test lang id test changed />
        <Send lang id send changed />
    }
}

/// A text of the edition in the language being edited: one line or a textarea.
fn text_field(
    lang: Lang,
    id: &'static str,
    label: &'static str,
    long: bool,
    value: RwSignal<ThreeLangs>,
    editing: RwSignal<Lang>,
) -> impl IntoView + use<> {
    let label = move || format!("{label} ({})", editing.get().native_name());
    let _ = lang;
    let current = move || value.with(|three| three.get(editing.get()).to_owned());
    let on_input = move |event: leptos::ev::Event| {
        value.update(|three| three.set(editing.get_untracked(), event_target_value(&event)))
    };
    let input = if long {
        view! { <textarea id=id rows="5" maxlength="10000" prop:value=current on:input=on_input></textarea> }.into_any()
    } else {
        view! { <input id=id type="text" maxlength="200" prop:value=current on:input=on_input /> }
            .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
        </div>
    }
}

#[component]
fn ItemEditor(
    lang: Lang,
    entry: Editing,
    items: RwSignal<Vec<Editing>>,
    editing: RwSignal<Lang>,
    changed: RwSignal<bool>,
) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    let Editing { key, item } = entry;
    let position = move || items.with(|items| items.iter().position(|e| e.key == key).unwrap_or(0));
    let count = move || items.with(Vec::len);
    let shift = move |by: isize| {
        items.update(|items| {
            if let Some(at) = items.iter().position(|e| e.key == key) {
                let to = at as isize + by;
                if (0..items.len() as isize).contains(&to) {
                    items.swap(at, to as usize);
                }
            }
        });
        changed.set(true);
    };
    let remove = move |_| {
        items.update(|items| items.retain(|e| e.key != key));
        changed.set(true);
    };
    let legend = move || {
        let title = item.with(|item| {
            item.title
                .show(editing.get())
                .map(|(text, _)| text.to_owned())
                .unwrap_or_default()
        });
        format!("{} {}: {title}", texts.item, position() + 1)
    };
    let topics = Topic::ALL
        .into_iter()
        .map(|topic| {
            view! {
                <option value=topic.code() selected=move || item.with(|item| item.topic == topic)>{topic.label(lang)}</option>
            }
        })
        .collect_view();
    let title = move || item.with(|item| item.title.get(editing.get()).to_owned());
    let text = move || item.with(|item| item.text.get(editing.get()).to_owned());
    let language = move || editing.get().native_name();
    view! {
        <fieldset class="newsletter-item">
            <legend>{legend}</legend>
            <div class="field">
                <label for=format!("item-{key}-topic")>{texts.topic}</label>
                <select
                    id=format!("item-{key}-topic")
                    on:change=move |event| {
                        if let Some(topic) = Topic::from_code(&event_target_value(&event)) {
                            item.update(|item| item.topic = topic);
                        }
                    }
                >
                    {topics}
                </select>
            </div>
            <div class="field">
                <label for=format!("item-{key}-link")>{texts.link}</label>
                <input
                    id=format!("item-{key}-link")
                    type="text"
                    maxlength="2000"
                    prop:value=move || item.with(|item| item.link.clone())
                    on:input=move |event| item.update(|item| item.link = event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for=format!("item-{key}-title")>{move || format!("{} ({})", texts.item_title, language())}</label>
                <input
                    id=format!("item-{key}-title")
                    type="text"
                    maxlength="300"
                    prop:value=title
                    on:input=move |event| item.update(|item| item.title.set(editing.get_untracked(), event_target_value(&event)))
                />
            </div>
            <div class="field">
                <label for=format!("item-{key}-text")>{move || format!("{} ({})", texts.item_text, language())}</label>
                <textarea
                    id=format!("item-{key}-text")
                    rows="3"
                    maxlength="5000"
                    prop:value=text
                    on:input=move |event| item.update(|item| item.text.set(editing.get_untracked(), event_target_value(&event)))
                ></textarea>
            </div>
            <div class="toolbar">
                <button type="button" class="button button--secondary" disabled=move || position() == 0 on:click=move |_| shift(-1)>
                    {texts.move_up} <span class="visually-hidden">{legend}</span>
                </button>
                <button type="button" class="button button--secondary" disabled=move || { position() + 1 >= count() } on:click=move |_| shift(1)>
                    {texts.move_down} <span class="visually-hidden">{legend}</span>
                </button>
                <button type="button" class="button button--secondary" on:click=remove>
                    {texts.remove} <span class="visually-hidden">{legend}</span>
                </button>
            </div>
        </fieldset>
    }
}

/// A test of the saved draft to the coordinator's own address, in a language.
#[component]
fn Test(
    lang: Lang,
    id: i64,
    test: ServerAction<SendTestEdition>,
    changed: RwSignal<bool>,
) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    let chosen = RwSignal::new(lang);
    let options = Lang::ALL
        .into_iter()
        .map(|option| view! { <option value=option.code() selected=option == lang>{option.native_name()}</option> })
        .collect_view();
    let sent = move || match test.value().get() {
        Some(Ok(address)) => Some(texts.test_sent.replace("{address}", &address)),
        _ => None,
    };
    let problem = move || form_problem(lang, test.value().get());
    view! {
        <h2 id="test-heading">{texts.test_heading}</h2>
        <div class="form" role="group" aria-labelledby="test-heading">
            <div class="field">
                <label for="test-lang">{texts.mail_language}</label>
                <select id="test-lang" on:change=move |event| {
                    if let Ok(picked) = event_target_value(&event).parse() {
                        chosen.set(picked);
                    }
                }>{options}</select>
            </div>
            // The test is the saved draft, as the subscribers would get it.
            <button type="button" class="button button--secondary" disabled=move || test.pending().get() || changed.get()
                on:click=move |_| { test.dispatch(SendTestEdition { id, lang: chosen.get_untracked() }); }>
                {texts.test_button}
            </button>
            <p class="notice" role="status" hidden=move || sent().is_none()>{sent}</p>
            <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
        </div>
    }
}

/// Sends the saved draft now or at a time.
#[component]
fn Send(
    lang: Lang,
    id: i64,
    send: ServerAction<SendEdition>,
    changed: RwSignal<bool>,
) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    let problem = move || match send.value().get() {
        Some(Err(error)) => Some(lang.texts().error_message(&error)),
        _ => None,
    };
    view! {
        <h2 id="send-heading">{texts.send_heading}</h2>
        <p class="notice" role="status" hidden=move || !changed.get()>{texts.unsaved}</p>
        <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
        <ActionForm action=send>
            <input type="hidden" name="id" value=id />
            <div class="form" role="group" aria-labelledby="send-heading">
                <div class="field">
                    <label for="send-at">{texts.send_at}</label>
                    <input id="send-at" type="datetime-local" name="at" aria-describedby="send-at-hint" />
                    <p class="hint" id="send-at-hint">{texts.send_at_hint}</p>
                </div>
                <button type="submit" class="button" disabled=move || send.pending().get() || changed.get()
                    on:click=confirm(texts.send_question)>
                    {texts.send_button}
                </button>
            </div>
        </ActionForm>
    }
}

/// An edition on its way or sent: its progress, and the pause.
#[component]
fn Sending(lang: Lang, panel: EditionPanel, pause: ServerAction<PauseEdition>) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    let id = panel.id;
    let progress = panel.progress;
    let done = progress.sent + progress.failed + progress.cancelled;
    let counts = texts
        .progress
        .replace("{sent}", &progress.sent.to_string())
        .replace("{total}", &progress.total.to_string())
        .replace("{failed}", &progress.failed.to_string());
    let when = panel
        .send_at
        .clone()
        .map(|at| format!("{}: {at}", texts.send_at_label));
    let problem = move || form_problem(lang, pause.value().get());
    let (button, paused) = match panel.status {
        EditionStatus::Sending | EditionStatus::Scheduled => (Some(texts.pause_button), true),
        EditionStatus::Paused => (Some(texts.resume_button), false),
        _ => (None, false),
    };
    view! {
        {heading_and_previews(lang, &panel)}
        <h2 id="progress-heading">{texts.progress_heading}</h2>
        {when.map(|when| view! { <p>{when}</p> })}
        <p role="status" id="edition-progress">{counts}</p>
        <progress aria-labelledby="progress-heading" max=progress.total.max(1) value=done></progress>
        <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
        {button.map(|label| view! {
            <ActionForm action=pause>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="paused" value=paused.to_string() />
                <button type="submit" class="button button--secondary" disabled=move || pause.pending().get()>{label}</button>
            </ActionForm>
        })}
    }
}
