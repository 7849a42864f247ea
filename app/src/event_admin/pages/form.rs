//! `/{lang}/admin/events/new` and `/{lang}/admin/events/{id}/edit`: one form for a new event
//! and for changes, checked on the server as the coordinator types (each problem beside its
//! field, with a preview of the public page once there are none), saved as a draft or
//! published. A failed save leaves the form as typed; leaving with unsaved changes asks first.
//! A stored series lists its dates, each of which can be cancelled or moved on its own.

use crate::components::admin::ErrorNotice;
use crate::components::form::{
    FieldMaker, InForm, Touched, choice_options, field_message, live_check, options,
};
use crate::error::AppError;
use crate::event_admin::api::{ChangeSeriesDate, SaveEvent, get_event_editor};
use crate::event_admin::form::REPEATS;
use crate::event_admin::{EventEditor, SeriesDate};
use crate::events::EventStatus;
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

/// What the form opens on: event `id`, a copy of event `from`, or a new event on `date`; and
/// the sequence just saved, which reloads the form from the database.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Opened {
    id: Option<i64>,
    from: Option<i64>,
    date: Option<String>,
    saved: Option<String>,
}

#[component]
pub fn AdminEventFormPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let opened = Memo::new(move |_| {
        let query = query.read();
        Opened {
            id: params.read().get("id").and_then(|id| id.parse().ok()),
            from: query.get("from").and_then(|id| id.parse().ok()),
            date: query.get("date"),
            saved: query.get("saved"),
        }
    });
    let editor = Resource::new(
        move || (lang.get(), opened.get()),
        |(lang, opened)| get_event_editor(lang, opened.id, opened.from, opened.date),
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                let saved = opened.read_untracked().saved.is_some();
                Suspend::new(async move {
                    match editor.await {
                        Ok(editor) => view! { <Editor lang editor saved /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Editor(lang: Lang, editor: EventEditor, saved: bool) -> impl IntoView {
    let texts = &lang.texts().event_editor;
    let admin = &lang.texts().admin;
    let save = ServerAction::<SaveEvent>::new();
    let dirty = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let id = editor.id;
    let form = editor.form.clone();
    let all_day = RwSignal::new(form.all_day);
    let repeat = RwSignal::new(form.repeat.clone());
    let until = RwSignal::new(form.until.clone());

    // A save that worked reloads the form from the database (a new event at its own address).
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            dirty.set(false);
            navigate(
                &format!(
                    "/{lang}/admin/events/{}/edit?saved={}",
                    saved.id, saved.sequence
                ),
                Default::default(),
            );
        }
    });

    let (check, typed) = live_check(form_ref, move |fields: InForm<_>| {
        crate::event_admin::api::check_event(lang, fields.form, id)
    });
    let changed = move || {
        dirty.set(true);
        save.clear();
        typed();
    };
    #[cfg(feature = "hydrate")]
    crate::components::form::guard_unsaved_changes(dirty, texts.unsaved);

    let touched = Touched::new();
    let problem = move |field: &'static str| {
        move || {
            let check = check.read();
            let checked = check
                .as_ref()
                .map(|check| check.problems.as_slice())
                .filter(|_| touched.shows(field));
            field_message(lang, save.value().get(), checked, field)
        }
    };
    let field = FieldMaker {
        prefix: "event",
        scope: "form",
        problem,
    };
    let general = move || match save.value().get()? {
        Err(AppError::Invalid { field, problem }) if field == "form" => {
            Some(lang.texts().problem(problem))
        }
        Err(AppError::Invalid { .. }) => Some(lang.texts().event_editor.not_saved),
        Err(error) => Some(lang.texts().error_message(&error)),
        Ok(_) => None,
    };
    let heading = if id.is_some() {
        texts.edit_title
    } else {
        texts.new_title
    };
    let is_draft = editor.status == EventStatus::Draft;
    let type_options = choice_options(&editor.types);
    let municipality_options = choice_options(&editor.municipalities);
    let events_texts = &lang.texts().events;
    let registration_options = vec![
        ("none".to_owned(), events_texts.registration_none.to_owned()),
        ("open".to_owned(), events_texts.registration_open.to_owned()),
        (
            "closed".to_owned(),
            events_texts.registration_closed.to_owned(),
        ),
    ];
    let repeat_options: Vec<(String, String)> = std::iter::once("")
        .chain(REPEATS)
        .zip(texts.repeats)
        .map(|(code, label)| (code.to_owned(), label.to_owned()))
        .collect();
    let status_line = editor.slug.clone().map(|slug| {
        let status = crate::event_admin::pages::events::status_label(admin, editor.status);
        view! {
            <p class="profile__meta">
                {status}
                " · "
                <a href=format!("/{lang}/events/{slug}")>{admin.public_page}</a>
                " · "
                <a href=format!("/{lang}/admin/events/{}", id.unwrap_or_default())>{texts.registrations}</a>
                " · "
                <a href=format!("/{lang}/admin/events/new?from={}", id.unwrap_or_default())>{texts.duplicate}</a>
            </p>
        }
    });
    let titles = lang.texts().directory.languages;
    view! {
        <Title text=heading />
        <section class="admin-page event-editor">
            <p class="back-link"><a href=format!("/{lang}/admin/events")>{admin.events_title}</a></p>
            <h1>{heading}</h1>
            {status_line}
            <p class="notice" role="status" hidden=move || !saved || dirty.get()>{texts.saved}</p>
            <p class="form-error" role="alert" hidden=move || general().is_none()>{general}</p>
            <ActionForm action=save node_ref=form_ref attr:class="event-form" on:input=move |_| changed() on:change=move |_| changed()
                on:focusout=move |ev| touched.leave(&ev) on:submit=move |_| touched.send()>
                {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
                {editor.sequence.map(|sequence| view! { <input type="hidden" name="sequence" value=sequence /> })}
                <fieldset>
                    <legend>{texts.what}</legend>
                    {field.select("type_code", events_texts.event_type, Some(texts.choose), type_options, form.type_code.clone())}
                    <p class="hint" id="event-title-hint">{texts.title_hint}</p>
                    {field.text("title_et", format!("{} ({})", texts.title, titles[0]), "text", form.title_et.clone())}
                    {field.text("title_ru", format!("{} ({})", texts.title, titles[1]), "text", form.title_ru.clone())}
                    {field.text("title_en", format!("{} ({})", texts.title, titles[2]), "text", form.title_en.clone())}
                    {field.area("description_et", format!("{} ({})", lang.texts().profile.description, titles[0]), form.description_et.clone())}
                    {field.area("description_ru", format!("{} ({})", lang.texts().profile.description, titles[1]), form.description_ru.clone())}
                    {field.area("description_en", format!("{} ({})", lang.texts().profile.description, titles[2]), form.description_en.clone())}
                </fieldset>
                <fieldset>
                    <legend>{texts.when}</legend>
                    <p class="hint">{texts.time_hint}</p>
                    <div class="field field--check">
                        <input id="event-all_day" type="checkbox" name="form[all_day]" value="true" checked=form.all_day
                            on:change=move |ev| all_day.set(event_target_checked(&ev)) />
                        <label for="event-all_day">{texts.all_day}</label>
                    </div>
                    <div class="field-row">
                        {field.text("start_date", texts.start_date.to_owned(), "date", form.start_date.clone())}
                        <div hidden=move || all_day.get()>{field.text("start_time", texts.start_time.to_owned(), "time", form.start_time.clone())}</div>
                    </div>
                    <div class="field-row">
                        {field.text("end_date", texts.end_date.to_owned(), "date", form.end_date.clone())}
                        <div hidden=move || all_day.get()>{field.text("end_time", texts.end_time.to_owned(), "time", form.end_time.clone())}</div>
                    </div>
                    <div class="field">
                        <label for="event-repeat">{texts.repeat}</label>
                        <select id="event-repeat" name="form[repeat]" on:change=move |ev| repeat.set(event_target_value(&ev))
                            aria-describedby="event-repeat-problem" aria-invalid=move || problem("repeat")().is_some().to_string()>
                            {options(repeat_options, &form.repeat)}
                        </select>
                        <p class="field-problem" id="event-repeat-problem">{problem("repeat")}</p>
                    </div>
                    <fieldset class="series-end" hidden=move || repeat.read().is_empty()>
                        <legend>{texts.ends}</legend>
                        <div class="field field--check">
                            <input id="event-until-count" type="radio" name="form[until]" value="count" checked=form.until != "date"
                                on:change=move |_| until.set("count".to_owned()) />
                            <label for="event-until-count">{texts.after_count}</label>
                        </div>
                        <div class="field field--check">
                            <input id="event-until-date" type="radio" name="form[until]" value="date" checked=form.until == "date"
                                on:change=move |_| until.set("date".to_owned()) />
                            <label for="event-until-date">{texts.on_date}</label>
                        </div>
                        <div hidden=move || until.read().as_str() == "date">{field.text("count", texts.count.to_owned(), "number", form.count.clone())}</div>
                        <div hidden=move || until.read().as_str() != "date">{field.text("until_date", texts.until_date.to_owned(), "date", form.until_date.clone())}</div>
                    </fieldset>
                </fieldset>
                <fieldset>
                    <legend>{texts.where_}</legend>
                    <p class="hint">{texts.place_hint}</p>
                    {field.text("venue", texts.venue.to_owned(), "text", form.venue.clone())}
                    {field.text("address", texts.address.to_owned(), "text", form.address.clone())}
                    {field.select("municipality", events_texts.municipality, Some(""), municipality_options, form.municipality.clone())}
                    {field.text("online_url", texts.online_url.to_owned(), "url", form.online_url.clone())}
                    {field.text("organiser", texts.organiser.to_owned(), "text", form.organiser.clone())}
                </fieldset>
                <fieldset>
                    <legend>{texts.languages}</legend>
                    {[("speaks_et", form.speaks_et, titles[0]), ("speaks_ru", form.speaks_ru, titles[1]), ("speaks_en", form.speaks_en, titles[2])]
                        .into_iter()
                        .map(|(name, checked, label)| {
                            let input_id = format!("event-{name}");
                            view! {
                                <div class="field field--check">
                                    <input id=input_id.clone() type="checkbox" name=format!("form[{name}]") value="true" checked=checked />
                                    <label for=input_id>{label}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{texts.registration}</legend>
                    {field.select("registration", texts.registration, None, registration_options, form.registration.clone())}
                    <p class="hint">{texts.capacity_hint}</p>
                    {field.text("capacity", texts.capacity.to_owned(), "number", form.capacity.clone())}
                    <p class="hint">{texts.deadline_hint}</p>
                    <div class="field-row">
                        {field.text("deadline_date", texts.deadline_date.to_owned(), "date", form.deadline_date.clone())}
                        {field.text("deadline_time", texts.deadline_time.to_owned(), "time", form.deadline_time.clone())}
                    </div>
                </fieldset>
                <div class="form-actions">
                    {if id.is_none() || is_draft {
                        view! {
                            <button type="submit" name="intent" value="draft" class="button button--secondary" disabled=move || save.pending().get()>
                                {texts.save_draft}
                            </button>
                            <button type="submit" name="intent" value="publish" class="button" disabled=move || save.pending().get()>
                                {texts.save_publish}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button type="submit" name="intent" value="save" class="button" disabled=move || save.pending().get()>
                                {texts.save}
                            </button>
                        }
                            .into_any()
                    }}
                </div>
            </ActionForm>
            <section class="event-preview" aria-labelledby="event-preview-heading">
                <h2 id="event-preview-heading">{texts.preview}</h2>
                {move || match check.get().and_then(|check| check.preview) {
                    Some(page) => view! {
                        <div class="event-preview__page">
                            <crate::events::article::EventArticle lang event=page preview=true />
                        </div>
                    }
                        .into_any(),
                    None => view! { <p class="hint">{texts.preview_waiting}</p> }.into_any(),
                }}
            </section>
            {(!editor.dates.is_empty()).then(|| view! { <SeriesDates lang id=id.unwrap_or_default() dates=editor.dates.clone() /> })}
        </section>
    }
}

/// The dates of a stored series: each can be cancelled, restored or moved on its own.
#[component]
fn SeriesDates(lang: Lang, id: i64, dates: Vec<SeriesDate>) -> impl IntoView {
    let texts = &lang.texts().event_editor;
    let events = &lang.texts().events;
    let change = ServerAction::<ChangeSeriesDate>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(sequence)) = change.value().get() {
            navigate(
                &format!("/{lang}/admin/events/{id}/edit?saved={sequence}"),
                Default::default(),
            );
        }
    });
    let problem = move || {
        let error = change.value().get()?.err()?;
        Some(lang.texts().error_message(&error))
    };
    view! {
        <section aria-labelledby="series-dates-heading">
            <h2 id="series-dates-heading">{texts.dates_title}</h2>
            <p class="hint">{texts.dates_hint}</p>
            <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
            <ul class="plain-list series-editor">
                {dates
                    .into_iter()
                    .enumerate()
                    .map(|(index, date)| {
                        let (toggle, toggle_label) = if date.cancelled {
                            ("restore", texts.restore_date)
                        } else {
                            ("cancel", texts.cancel_date)
                        };
                        let move_id = format!("move-{index}");
                        let toggle_name = format!("{toggle_label}: {}", date.when);
                        let move_name = format!("{}: {}", texts.move_date, date.when);
                        let (original, moved_original) = (date.original.clone(), date.original.clone());
                        view! {
                            <li class:cancelled=date.cancelled>
                                <span class="series-editor__when">{date.when.clone()}</span>
                                {date.cancelled.then(|| view! { " " <strong class="badge">{events.cancelled}</strong> })}
                                {date.moved.then(|| view! { " " <strong class="badge badge--info">{events.moved}</strong> })}
                                <ActionForm action=change attr:class="inline-form">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="original" value=original />
                                    <input type="hidden" name="change" value=toggle />
                                    <button type="submit" class="button button--small button--secondary" aria-label=toggle_name>
                                        {toggle_label}
                                    </button>
                                </ActionForm>
                                <details>
                                    <summary>{texts.move_date}</summary>
                                    <ActionForm action=change attr:class="inline-form">
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="original" value=moved_original />
                                        <input type="hidden" name="change" value="move" />
                                        <label for=format!("{move_id}-date")>{texts.new_date}</label>
                                        <input id=format!("{move_id}-date") type="date" name="date" value=date.date.clone() required />
                                        <label for=format!("{move_id}-start")>{texts.start_time}</label>
                                        <input id=format!("{move_id}-start") type="time" name="start_time" value=date.start_time.clone() required />
                                        <label for=format!("{move_id}-end")>{texts.end_time}</label>
                                        <input id=format!("{move_id}-end") type="time" name="end_time" value=date.end_time.clone() required />
                                        <button type="submit" class="button button--small" aria-label=move_name>
                                            {texts.move_date}
                                        </button>
                                    </ActionForm>
                                </details>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
