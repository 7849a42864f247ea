//! `/{lang}/admin/directory`: every entry, hidden ones too, searched and filtered by URL; and
//! `/{lang}/admin/directory/new`, `/{lang}/admin/directory/{id}/edit`: one form for every field
//! of an entry, checked on the server as it is typed (by the same rules as a CSV row), with a
//! warning when it looks like an entry the directory already has. Deleting asks first.

use crate::components::admin::{ErrorNotice, confirm, form_problem};
use crate::components::form::{FieldMaker, InForm, Touched, field_message, live_check};
use crate::components::page::{use_id_param, use_query_as};
use crate::entries::api::{
    DeleteEntry, EraseEntry, SaveEntry, admin_entries, check_entry, get_entry_editor,
};
use crate::entries::fields::{entry_fields, look_alikes};
use crate::entries::{AdminEntriesQuery, AdminEntryRow, EntryEditor};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn AdminDirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_as::<AdminEntriesQuery>();
    let rows = Resource::new(
        move || (lang.get(), query.get()),
        |(lang, query)| admin_entries(lang, query),
    );
    let url_query = use_query_map();
    let deleted = Memo::new(move |_| url_query.read().get("deleted").is_some());
    view! {
        {move || {
            let lang = lang.get();
            let texts = &lang.texts().directory_admin;
            view! {
                <Title text=texts.title />
                <h1>{texts.title}</h1>
                <nav class="toolbar" aria-label=texts.title>
                    <a class="button" href=format!("/{lang}/admin/directory/new")>{texts.new_entry}</a>
                    <a href=format!("/{lang}/admin/directory/files")>{texts.files_link}</a>
                </nav>
                <Filters lang query />
            }
        }}
        <p class="notice" role="status" hidden=move || !deleted.get()>
            {move || lang.get().texts().directory_admin.deleted}
        </p>
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match rows.await {
                        Ok(rows) => view! { <EntryTable lang rows /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// The list's search and filters: a GET form whose URL follows typing and changes. Rendered
/// once; its fields follow the URL (back and forward).
#[component]
fn Filters(lang: Lang, query: Memo<AdminEntriesQuery>) -> impl IntoView {
    use crate::components::form::search_as_typed;
    let texts = &lang.texts().directory_admin;
    let admin = &lang.texts().admin;
    let (on_input, on_submit) = search_as_typed(move |pairs: &[(String, String)]| {
        let query: AdminEntriesQuery = crate::shared::query::from_query_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        query.href(lang)
    });
    let text = move |read: fn(&AdminEntriesQuery) -> &Option<String>| {
        move || read(&query.read()).clone().unwrap_or_default()
    };
    let checkbox = move |name: &'static str,
                         label: &'static str,
                         read: fn(&AdminEntriesQuery) -> &Option<String>| {
        let id = format!("entries-{name}");
        let checked = move || read(&query.read()).is_some();
        view! {
            <div class="field field--check">
                <input id=id.clone() type="checkbox" name=name value="yes" checked=checked prop:checked=checked />
                <label for=id>{label}</label>
            </div>
        }
    };
    let status = text(|q| &q.status);
    let option = move |value: &'static str, label: &'static str| {
        view! { <option value=value selected=move || status() == value>{label}</option> }
    };
    view! {
        <form
            class="filter-bar"
            method="get"
            action=format!("/{lang}/admin/directory")
            role="search"
            on:input=on_input
            on:submit=on_submit
        >
            <div class="field">
                <label for="entries-q">{texts.search_entries}</label>
                <input
                    id="entries-q"
                    type="search"
                    name="q"
                    autocomplete="off"
                    value=text(|q| &q.q)
                    prop:value=text(|q| &q.q)
                />
            </div>
            <div class="field">
                <label for="entries-status">{admin.status}</label>
                <select id="entries-status" name="status" prop:value=status>
                    {option("", admin.all_statuses)}
                    {option("published", admin.status_published)}
                    {option("hidden", texts.hidden)}
                </select>
            </div>
            {checkbox("member", lang.texts().directory.members_only, |q| &q.member)}
            {checkbox("recent", texts.recent, |q| &q.recent)}
            <button type="submit" class="button">{admin.filter}</button>
        </form>
    }
}

#[component]
fn EntryTable(lang: Lang, rows: Vec<AdminEntryRow>) -> impl IntoView {
    let texts = &lang.texts().directory_admin;
    let admin = &lang.texts().admin;
    if rows.is_empty() {
        return view! { <p class="notice">{texts.no_entries}</p> }.into_any();
    }
    view! {
        <p class="result-count" role="status">{format!("{}: {}", admin.lines_found, rows.len())}</p>
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{texts.entries_heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{texts.name}</th>
                        <th scope="col">{lang.texts().directory.municipality}</th>
                        <th scope="col">{admin.status}</th>
                        <th scope="col">{texts.column_updated}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let status = if row.is_published { admin.status_published } else { texts.hidden };
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/{lang}/admin/directory/{}/edit", row.id)>{row.name}</a>
                                        {row.is_member.then(|| view! { " " <span class="badge badge--info">{texts.member}</span> })}
                                    </th>
                                    <td>{row.municipality}</td>
                                    <td>{status}</td>
                                    <td>{row.updated}</td>
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

#[component]
pub fn AdminEntryFormPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_id_param();
    let query = use_query_map();
    let opened = Memo::new(move |_| (id.get(), query.read().get("saved")));
    let editor = Resource::new(
        move || (lang.get(), opened.get()),
        |(lang, (id, _))| get_entry_editor(lang, id),
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                let saved = opened.read_untracked().1.is_some();
                Suspend::new(async move {
                    match editor.await {
                        Ok(editor) => view! { <EntryEditorForm lang editor saved /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn EntryEditorForm(lang: Lang, editor: EntryEditor, saved: bool) -> impl IntoView {
    let texts = &lang.texts().directory_admin;
    let save = ServerAction::<SaveEntry>::new();
    let delete = ServerAction::<DeleteEntry>::new();
    let erase = ServerAction::<EraseEntry>::new();
    let dirty = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let id = editor.id;
    let form = editor.form.clone();
    let (check, typed) = live_check(form_ref, move |fields: InForm<_>| {
        check_entry(fields.form, id)
    });
    let changed = move || {
        dirty.set(true);
        save.clear();
        typed();
    };
    #[cfg(feature = "hydrate")]
    crate::components::form::guard_unsaved_changes(dirty, lang.texts().event_editor.unsaved);
    let navigate = use_navigate();
    Effect::new({
        let navigate = navigate.clone();
        move |_| {
            if let Some(Ok(saved)) = save.value().get() {
                dirty.set(false);
                let stamp = save.version().get_untracked();
                navigate(
                    &format!("/{lang}/admin/directory/{saved}/edit?saved={stamp}"),
                    Default::default(),
                );
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get().or(erase.value().get()) {
            dirty.set(false);
            navigate(
                &format!("/{lang}/admin/directory?deleted=1"),
                Default::default(),
            );
        }
    });
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
        prefix: "entry",
        scope: "form",
        problem,
    };
    let general = move || match save.value().get()? {
        Err(crate::error::AppError::Invalid { .. }) => Some(lang.texts().event_editor.not_saved),
        other => form_problem(lang, Some(other)),
    };
    let look_alikes = move || look_alikes(lang, check.read().as_ref());
    let heading = if id.is_some() {
        texts.edit_entry
    } else {
        texts.new_entry
    };
    view! {
        <Title text=heading />
        <section class="admin-page">
            <p class="back-link"><a href=format!("/{lang}/admin/directory")>{texts.title}</a></p>
            <h1>{heading}</h1>
            {editor.slug.clone().zip(id).map(|(slug, id)| view! {
                <p class="profile__meta">
                    <a href=format!("/{lang}/directory/{slug}")>{lang.texts().admin.public_page}</a>
                    " · "
                    <a href=format!("/{lang}/admin/owners/{id}")>{lang.texts().owners.owner_link}</a>
                </p>
            })}
            <p class="notice" role="status" hidden=move || !saved || dirty.get()>{lang.texts().event_editor.saved}</p>
            <p class="form-error" role="alert" hidden=move || general().is_none()>{general}</p>
            {look_alikes}
            <ActionForm action=save node_ref=form_ref attr:class="event-form" on:input=move |_| changed() on:change=move |_| changed()
                on:focusout=move |ev| touched.leave(&ev) on:submit=move |_| touched.send()>
                {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
                {entry_fields(lang, field, &editor.choices, &form)}
                <fieldset>
                    <legend>{lang.texts().admin.status}</legend>
                    {field.check("published", texts.published, form.published)}
                    {field.check("member", texts.member, form.member)}
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>{lang.texts().event_editor.save}</button>
                </div>
            </ActionForm>
            {id.map(|id| view! { <LogoUpload lang id current=editor.logo.clone() /> })}
            {id.map(|id| view! {
                <section class="danger-zone" aria-label=texts.delete>
                    <p>
                        <a href=format!("/api/coordinator/directory/{id}-personal-data.json") rel="external" download>
                            {texts.personal_data}
                        </a>
                    </p>
                    <div class="form-actions">
                        <ActionForm action=delete>
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="button button--secondary" on:click=confirm(texts.delete_question)>
                                {texts.delete}
                            </button>
                        </ActionForm>
                        <ActionForm action=erase>
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="button button--secondary" on:click=confirm(texts.erase_question)>
                                {texts.erase}
                            </button>
                        </ActionForm>
                    </div>
                </section>
            })}
        </section>
    }
}

/// The entry's logo, and a new one uploaded (the server checks and re-encodes it).
#[component]
fn LogoUpload(lang: Lang, id: i64, current: Option<String>) -> impl IntoView {
    use crate::entries::api::upload_logo;
    use leptos::web_sys::FormData;
    let texts = &lang.texts().directory_admin;
    let send = Action::new_local(|data: &FormData| upload_logo(data.clone().into()));
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = send.value().get() {
            let stamp = send.version().get_untracked();
            navigate(
                &format!("/{lang}/admin/directory/{id}/edit?saved=logo-{stamp}"),
                Default::default(),
            );
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            if let Some(data) = event
                .target()
                .and_then(|target| target.dyn_into::<leptos::web_sys::HtmlFormElement>().ok())
                .and_then(|form| FormData::new_with_form(&form).ok())
            {
                send.dispatch_local(data);
            }
        }
    };
    let problem = move || match send.value().get()? {
        Err(error) => Some(lang.texts().error_message(&error)),
        Ok(()) => None,
    };
    view! {
        <section aria-labelledby="logo-heading">
            <h2 id="logo-heading">{texts.logo}</h2>
            {current.map(|src| view! { <img class="logo-preview" src=src alt=texts.current_logo /> })}
            <form class="form" on:submit=on_submit>
                <input type="hidden" name="id" value=id />
                <div class="field">
                    <label for="logo-file">{texts.logo}</label>
                    <input id="logo-file" type="file" name="file" accept="image/png,image/jpeg,image/webp" required aria-describedby="logo-hint logo-problem" />
                    <p class="hint" id="logo-hint">{texts.logo_hint}</p>
                    <p class="field-problem" id="logo-problem" role="alert">{problem}</p>
                </div>
                <button type="submit" class="button button--secondary" disabled=move || send.pending().get()>{texts.upload_logo}</button>
            </form>
        </section>
    }
}
