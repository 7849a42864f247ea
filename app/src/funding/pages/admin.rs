//! `/{lang}/admin/funding`: every call, drafts first, then by the nearest deadline; publish,
//! open, pause, reopen and close in place, delete drafts, start the next round of a call.

use crate::components::admin::{ErrorNotice, confirm, form_problem};
use crate::components::form::check_then_confirm;
use crate::components::{ImportProblems, LocalizedText};
use crate::funding::api::{DeleteCall, SetCallStatus, admin_calls, import_calls};
use crate::funding::pages::article::days_left;
use crate::funding::{AdminCallRow, CallStatus, CallsImport};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos::web_sys::FormData;
use leptos_meta::Title;

#[component]
pub fn FundingAdminPage() -> impl IntoView {
    let lang = use_lang();
    let status = ServerAction::<SetCallStatus>::new();
    let delete = ServerAction::<DeleteCall>::new();
    let import = Action::new_local(|data: &FormData| import_calls(data.clone().into()));
    let rows = Resource::new(
        move || {
            (
                lang.get(),
                status.version().get(),
                delete.version().get(),
                import.version().get(),
            )
        },
        |(lang, _, _, _)| admin_calls(lang),
    );
    let problem = move || {
        form_problem(lang.get(), status.value().get())
            .or_else(|| form_problem(lang.get(), delete.value().get()))
            .or_else(|| {
                let error = status
                    .value()
                    .get()?
                    .err()
                    .or(delete.value().get()?.err())?;
                Some(lang.get().texts().error_message(&error))
            })
    };
    view! {
        {move || view! { <Title text=lang.get().texts().funding.admin_title /> }}
        <section class="admin-page">
            <h1>{move || lang.get().texts().funding.admin_title}</h1>
            <nav class="toolbar">
                <a class="button" href=move || format!("/{}/admin/funding/new", lang.get())>
                    {move || lang.get().texts().funding.new_call}
                </a>
                <a href=move || format!("/{}/funding", lang.get())>{move || lang.get().texts().funding.title}</a>
            </nav>
            <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
            <Transition>
                {move || {
                    let lang = lang.get();
                    Suspend::new(async move {
                        match rows.await {
                            Ok(rows) => view! { <CallTable lang rows status delete /> }.into_any(),
                            Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                        }
                    })
                }}
            </Transition>
            {move || view! { <Import lang=lang.get() import /> }}
        </section>
    }
}

/// A file of calls: checked first (what it adds, every problem by line and column), added
/// only when the coordinator confirms the count shown.
#[component]
fn Import(
    lang: Lang,
    import: Action<FormData, Result<CallsImport, crate::error::AppError>>,
) -> impl IntoView {
    let texts = &lang.texts().funding;
    let files = &lang.texts().directory_admin;
    let (on_submit, confirm) = check_then_confirm(import);
    let confirm = move |count: usize| confirm(&count.to_string());
    let outcome = move || {
        match import.value().get() {
        None => ().into_any(),
        Some(Err(error)) => view! { <p class="form-error" role="alert">{lang.texts().error_message(&error)}</p> }.into_any(),
        Some(Ok(preview)) if preview.imported => view! {
            <p class="notice" role="status">{texts.imported.replace("{count}", &preview.count.to_string())}</p>
        }
            .into_any(),
        Some(Ok(preview)) => {
            let count = preview.count;
            let problems = (!preview.problems.is_empty()).then(|| {
                view! { <ImportProblems lang problems=preview.problems.clone() id="calls-import-problems" /> }
            });
            let action = (preview.problems.is_empty() && count > 0).then(|| view! {
                <button type="button" class="button" disabled=move || import.pending().get() on:click=move |_| confirm(count)>
                    {texts.import_confirm.replace("{count}", &count.to_string())}
                </button>
            });
            view! {
                <div class="import-preview" role="status">
                    {preview.changed.then(|| view! { <p class="form-error">{files.changed}</p> })}
                    <p><strong>{texts.import_summary.replace("{count}", &count.to_string())}</strong></p>
                    {(!preview.titles.is_empty()).then(|| view! { <p>{preview.titles.join(", ")}</p> })}
                </div>
                {problems}
                {action}
            }
                .into_any()
        }
    }
    };
    view! {
        <section aria-labelledby="calls-import-heading">
            <h2 id="calls-import-heading">{texts.import_heading}</h2>
            <p class="hint">{texts.import_hint}</p>
            <form class="form" on:submit=on_submit>
                <div class="field">
                    <label for="calls-import-file">{files.file_label}</label>
                    <input id="calls-import-file" type="file" name="file" accept=".csv,text/csv" required />
                </div>
                <button type="submit" class="button" disabled=move || import.pending().get()>{files.check_file}</button>
            </form>
            {outcome}
        </section>
    }
}

#[component]
fn CallTable(
    lang: Lang,
    rows: Vec<AdminCallRow>,
    status: ServerAction<SetCallStatus>,
    delete: ServerAction<DeleteCall>,
) -> impl IntoView {
    let texts = &lang.texts().funding;
    if rows.is_empty() {
        return view! { <p class="notice">{texts.none_found}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{texts.admin_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{texts.call}</th>
                        <th scope="col">{texts.deadline}</th>
                        <th scope="col">{texts.status}</th>
                        <th scope="col"><span class="visually-hidden">{lang.texts().admin.action}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <CallRow lang row status delete /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn CallRow(
    lang: Lang,
    row: AdminCallRow,
    status: ServerAction<SetCallStatus>,
    delete: ServerAction<DeleteCall>,
) -> impl IntoView {
    let texts = &lang.texts().funding;
    let title = row
        .title
        .show(lang)
        .map(|shown| shown.text.to_owned())
        .unwrap_or_default();
    // The visible word first, the call's title for screen readers after it (WCAG 2.5.3).
    let button = |label: &'static str, title: &str| {
        view! { {label} <span class="visually-hidden">{format!(": {title}")}</span> }
    };
    let change = |to: CallStatus, label: &'static str| {
        let inner = button(label, &title);
        view! {
            <ActionForm action=status>
                <input type="hidden" name="id" value=row.id />
                <input type="hidden" name="status" value=to.code() />
                <button type="submit" class="button button--small button--secondary">{inner}</button>
            </ActionForm>
        }
    };
    use CallStatus::*;
    let changes: Vec<(CallStatus, &'static str)> = match row.status {
        Draft => vec![
            (Open, texts.publish_open),
            (Forecast, texts.publish_forecast),
        ],
        Forecast => vec![(Open, texts.open_now), (Closed, texts.close)],
        Open => vec![(Paused, texts.pause), (Closed, texts.close)],
        Paused => vec![(Open, texts.reopen), (Closed, texts.close)],
        Closed => vec![(Open, texts.reopen)],
    };
    let actions = changes
        .into_iter()
        .map(|(to, label)| change(to, label))
        .collect_view();
    let remove = (row.status == Draft).then(|| {
        let inner = button(texts.delete, &title);
        view! {
            <ActionForm action=delete>
                <input type="hidden" name="id" value=row.id />
                <button type="submit" class="button button--small button--secondary" on:click=confirm(texts.delete_question)>
                    {inner}
                </button>
            </ActionForm>
        }
    });
    let duplicate = button(texts.next_round, &title);
    let deadline = row.next_deadline.clone().map(|deadline| {
        let left = days_left(lang, &deadline);
        view! { <time datetime=deadline.at>{deadline.until}</time> <br /> <span class="code-note">{left}</span> }
    });
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/{lang}/admin/funding/{}/edit", row.id)><LocalizedText text=row.title.clone() lang /></a>
                <br />
                <span class="code-note">{row.funder.clone()}</span>
            </th>
            <td>{deadline}</td>
            <td>{row.status.label(lang)}</td>
            <td class="row-actions">
                {actions}
                {remove}
                <a class="button button--small button--secondary" href=format!("/{lang}/admin/funding/new?from={}", row.id)>{duplicate}</a>
            </td>
        </tr>
    }
}
