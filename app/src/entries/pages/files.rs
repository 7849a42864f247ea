//! `/{lang}/admin/directory`: every entry, hidden ones too, searched and filtered by URL; and
//! `/{lang}/admin/directory/files`: download every entry as CSV, or upload a CSV, see what it
//! would change and every problem by line and column, and only then import it.

use crate::components::ImportProblems;
use crate::components::form::check_then_confirm;
use crate::entries::ImportPreview;
use crate::entries::api::import_directory;
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos::web_sys::FormData;
use leptos_meta::Title;

#[component]
pub fn AdminDirectoryFilesPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        {move || {
            let lang = lang.get();
            let texts = &lang.texts().directory_admin;
            view! {
                <Title text=texts.files_link />
                <section class="admin-page">
                    <p class="back-link"><a href=format!("/{lang}/admin/directory")>{texts.title}</a></p>
                    <h1>{texts.files_link}</h1>
                    <section aria-labelledby="export-heading">
                        <h2 id="export-heading">{texts.export_heading}</h2>
                        <p class="hint">{texts.export_hint}</p>
                        <p class="form-actions">
                            <a class="button" href="/api/coordinator/directory.csv" rel="external" download>
                                {texts.export_semicolon}
                            </a>
                            <a class="button button--secondary" href="/api/coordinator/directory.csv?separator=comma" rel="external" download>
                                {texts.export_comma}
                            </a>
                        </p>
                    </section>
                    <Import lang />
                </section>
            }
        }}
    }
}

/// Fills `{name}` placeholders of a text.
fn fill(text: &str, values: &[(&str, usize)]) -> String {
    values.iter().fold(text.to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), &value.to_string())
    })
}

#[component]
fn Import(lang: Lang) -> impl IntoView {
    let texts = &lang.texts().directory_admin;
    let send = Action::new_local(|data: &FormData| import_directory(data.clone().into()));
    let (on_submit, confirm) = check_then_confirm(send);
    let confirm = move |preview: &ImportPreview| confirm(&preview.confirmation());
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{texts.import_heading}</h2>
            <p class="hint">{texts.import_hint}</p>
            <form class="form" on:submit=on_submit>
                <div class="field">
                    <label for="import-file">{texts.file_label}</label>
                    <input id="import-file" type="file" name="file" accept=".csv,text/csv" required />
                </div>
                <button type="submit" class="button" disabled=move || send.pending().get()>{texts.check_file}</button>
            </form>
            {move || match send.value().get() {
                None => ().into_any(),
                Some(Err(error)) => view! {
                    <p class="form-error" role="alert">{lang.texts().error_message(&error)}</p>
                }
                    .into_any(),
                Some(Ok(preview)) => view! { <Preview lang preview confirm pending=send.pending() /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Preview(
    lang: Lang,
    preview: ImportPreview,
    confirm: impl Fn(&ImportPreview) + Copy + 'static,
    pending: Memo<bool>,
) -> impl IntoView {
    let texts = &lang.texts().directory_admin;
    let counts = [
        ("new", preview.new),
        ("updated", preview.updated),
        ("unchanged", preview.unchanged),
    ];
    let summary = fill(texts.summary, &counts);
    if preview.imported {
        return view! {
            <p class="notice" role="status">{fill(texts.imported, &counts)}</p>
        }
        .into_any();
    }
    let names = |label: &'static str, names: Vec<String>, total: usize| {
        (!names.is_empty()).then(|| {
            let more = (total > names.len())
                .then(|| format!(" {}", fill(texts.more, &[("count", total - names.len())])));
            view! { <p><strong>{label}</strong> ": " {names.join(", ")} {more}</p> }
        })
    };
    let problems = (!preview.problems.is_empty()).then(|| {
        view! { <ImportProblems lang problems=preview.problems.clone() id="import-problems" /> }
    });
    let action = if !preview.problems.is_empty() {
        ().into_any()
    } else if preview.new + preview.updated == 0 {
        view! { <p class="notice">{texts.nothing_to_import}</p> }.into_any()
    } else {
        let label = fill(texts.confirm, &counts);
        let shown = preview.clone();
        view! {
            <button type="button" class="button" disabled=move || pending.get() on:click=move |_| confirm(&shown)>
                {label}
            </button>
        }
            .into_any()
    };
    view! {
        <div class="import-preview" role="status">
            {preview.changed.then(|| view! { <p class="form-error">{texts.changed}</p> })}
            <p><strong>{summary}</strong></p>
            {names(texts.new_entries, preview.new_names.clone(), preview.new)}
            {names(texts.updated_entries, preview.updated_names.clone(), preview.updated)}
        </div>
        {problems}
        {action}
    }
    .into_any()
}
