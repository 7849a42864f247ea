//! `/{lang}/admin/applications`: applications to join, waiting, approved or rejected;
//! `/{lang}/admin/applications/{id}`: one of them, its applicant and consent, and the entry it
//! proposes in the entry form, to correct and approve, or to reject with a reason.

use crate::components::admin::{ErrorNotice, confirm, field_problem, form_problem};
use crate::components::form::{FieldMaker, InForm, Touched, field_message, live_check};
use crate::components::page::use_id_param;
use crate::entries::api::check_entry;
use crate::entries::fields::{entry_fields, look_alikes};
use crate::i18n::{Lang, use_lang};
use crate::joining::api::{
    ApproveApplication, EraseApplication, RejectApplication, get_application, list_applications,
};
use crate::joining::{ApplicationReview, ApplicationRow, ApplicationStatus};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

fn status_label(lang: Lang, status: ApplicationStatus) -> &'static str {
    let texts = &lang.texts().applications;
    match status {
        ApplicationStatus::Pending => texts.pending,
        ApplicationStatus::Approved => texts.approved,
        ApplicationStatus::Rejected => texts.rejected,
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let status =
        Memo::new(move |_| ApplicationStatus::from_query(query.read().get("status").as_deref()));
    let rows = Resource::new(
        move || (lang.get(), status.get()),
        |(lang, status)| list_applications(lang, Some(status)),
    );
    view! {
        {move || {
            let lang = lang.get();
            let texts = &lang.texts().applications;
            let shown = status.get();
            view! {
                <Title text=texts.title />
                <h1>{texts.title}</h1>
                <nav class="toolbar" aria-label=texts.title>
                    {ApplicationStatus::ALL
                        .into_iter()
                        .map(|status| view! {
                            <a
                                href=format!("/{lang}/admin/applications?status={}", status.code())
                                aria-current=(status == shown).then_some("page")
                            >
                                {status_label(lang, status)}
                            </a>
                        })
                        .collect_view()}
                    <a href=format!("/{lang}/admin/outbox")>{lang.texts().outbox.title}</a>
                </nav>
            }
        }}
        <p class="notice" role="status" hidden=move || query.read().get("erased").is_none()>
            {move || lang.get().texts().applications.erased}
        </p>
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match rows.await {
                        Ok(rows) => view! { <ApplicationTable lang rows /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn ApplicationTable(lang: Lang, rows: Vec<ApplicationRow>) -> impl IntoView {
    let texts = &lang.texts().applications;
    if rows.is_empty() {
        return view! { <p class="notice">{texts.none}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{texts.title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{texts.column_name}</th>
                        <th scope="col">{lang.texts().directory.municipality}</th>
                        <th scope="col">{texts.column_contact}</th>
                        <th scope="col">{texts.column_submitted}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/{lang}/admin/applications/{}", row.id)>{row.name}</a>
                                </th>
                                <td>{row.municipality}</td>
                                <td>{row.contact}</td>
                                <td>{row.submitted}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_id_param();
    let query = use_query_map();
    // `decided` changes after a decision, which loads the application again.
    let opened = Memo::new(move |_| (id.get(), query.read().get("decided")));
    let review = Resource::new(
        move || (lang.get(), opened.get()),
        |(lang, (id, _))| async move {
            match id {
                Some(id) => get_application(lang, id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match review.await {
                        Ok(review) => view! { <Review lang review /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Review(lang: Lang, review: ApplicationReview) -> impl IntoView {
    let texts = &lang.texts().applications;
    let heading = format!("{}: {}", texts.application_of, review.name);
    let facts = |term: &'static str, value: String| {
        view! {
            <dt>{term}</dt>
            <dd>{value}</dd>
        }
    };
    let decision = (review.status != ApplicationStatus::Pending).then(|| {
        let when = review.decided_at.clone().unwrap_or_default();
        let by = review.decided_by.clone().unwrap_or_default();
        view! {
            <div class="notice" role="status">
                <p>
                    <strong>{texts.decided} ": " {status_label(lang, review.status)}</strong>
                    " (" {when} ", " {by} ")"
                </p>
                {review.reason.clone().map(|reason| view! { <p>{texts.reason} ": " {reason}</p> })}
                {review.entry.clone().map(|(id, slug)| view! {
                    <p>
                        <a href=format!("/{lang}/admin/directory/{id}/edit")>{texts.entry_link}</a>
                        " · "
                        <a href=format!("/{lang}/directory/{slug}")>{lang.texts().admin.public_page}</a>
                    </p>
                })}
            </div>
        }
    });
    let pending = review.status == ApplicationStatus::Pending;
    view! {
        <Title text=heading.clone() />
        <section class="admin-page">
            <p class="back-link"><a href=format!("/{lang}/admin/applications")>{texts.title}</a></p>
            <h1>{heading}</h1>
            {decision}
            <section aria-labelledby="applicant-heading">
                <h2 id="applicant-heading">{texts.applicant_heading}</h2>
                <dl class="facts">
                    {facts(texts.column_contact, review.contact_name.clone())}
                    {facts(lang.texts().join.contact_email, review.contact_email.clone())}
                    {review.contact_phone.clone().map(|phone| facts(lang.texts().profile.phone, phone))}
                    {facts(texts.language, review.language.clone())}
                    {facts(texts.column_submitted, review.submitted.clone())}
                    {facts(texts.consent_given, format!("{} ({})", review.consent, review.consented_at))}
                </dl>
            </section>
            {pending.then(|| view! { <Decide lang review=review.clone() /> })}
            <Erase lang id=review.id />
        </section>
    }
}

/// Erasing the application, on its applicant's request or as spam (asked first).
#[component]
fn Erase(lang: Lang, id: i64) -> impl IntoView {
    let texts = &lang.texts().applications;
    let erase = ServerAction::<EraseApplication>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = erase.value().get() {
            navigate(
                &format!("/{lang}/admin/applications?erased=1"),
                Default::default(),
            );
        }
    });
    let problem = move || form_problem(lang, erase.value().get());
    view! {
        <section class="danger-zone" aria-label=texts.erase>
            <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
            <ActionForm action=erase>
                <input type="hidden" name="id" value=id />
                <button type="submit" class="button button--secondary" on:click=confirm(texts.erase_question)>
                    {texts.erase}
                </button>
            </ActionForm>
        </section>
    }
}

/// The proposed entry in the entry form, to approve as corrected, and the rejection's reason.
#[component]
fn Decide(lang: Lang, review: ApplicationReview) -> impl IntoView {
    let texts = &lang.texts().applications;
    let approve = ServerAction::<ApproveApplication>::new();
    let reject = ServerAction::<RejectApplication>::new();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let (check, typed) = live_check(form_ref, move |fields: InForm<_>| {
        check_entry(fields.form, None)
    });
    let dirty = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    crate::components::form::guard_unsaved_changes(dirty, lang.texts().event_editor.unsaved);
    let id = review.id;
    let navigate = use_navigate();
    Effect::new(move |_| {
        let approved = matches!(approve.value().get(), Some(Ok(_)));
        let rejected = matches!(reject.value().get(), Some(Ok(())));
        if approved || rejected {
            dirty.set(false);
            let stamp = approve.version().get_untracked() + reject.version().get_untracked();
            navigate(
                &format!("/{lang}/admin/applications/{id}?decided={stamp}"),
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
            field_message(lang, approve.value().get(), checked, field)
        }
    };
    let field = FieldMaker {
        prefix: "entry",
        scope: "form",
        problem,
    };
    let general = move || match approve.value().get()? {
        Err(crate::error::AppError::Invalid { field, problem }) if field == "application" => {
            Some(lang.texts().problem(problem))
        }
        Err(crate::error::AppError::Invalid { .. }) => Some(lang.texts().event_editor.not_saved),
        other => form_problem(lang, Some(other)),
    };
    let reason_problem = move || {
        field_problem(lang, reject.value().get(), "reason")
            .or_else(|| field_problem(lang, reject.value().get(), "application"))
    };
    let form = review.form.clone();
    view! {
        <section aria-labelledby="review-heading">
            <h2 id="review-heading">{texts.review_heading}</h2>
            <p class="hint">{texts.review_hint}</p>
            <p class="form-error" role="alert" hidden=move || general().is_none()>{general}</p>
            {move || look_alikes(lang, check.read().as_ref())}
            <ActionForm
                action=approve
                node_ref=form_ref
                attr:class="event-form"
                on:focusout=move |ev| touched.leave(&ev)
                on:submit=move |_| touched.send()
                on:input=move |_| {
                    dirty.set(true);
                    typed();
                }
                on:change=move |_| {
                    dirty.set(true);
                    typed();
                }
            >
                <input type="hidden" name="id" value=id />
                {entry_fields(lang, field, &review.choices, &form)}
                <fieldset>
                    <legend>{lang.texts().admin.status}</legend>
                    {field.check("member", lang.texts().directory_admin.member, form.member)}
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button" disabled=move || approve.pending().get()>{texts.approve}</button>
                </div>
            </ActionForm>
        </section>
        <section class="danger-zone" aria-labelledby="reject-heading">
            <h2 id="reject-heading">{texts.reject_heading}</h2>
            <ActionForm action=reject attr:class="form">
                <input type="hidden" name="id" value=id />
                <div class="field">
                    <label for="reject-reason">{texts.reason}</label>
                    <textarea
                        id="reject-reason"
                        name="reason"
                        rows="3"
                        required
                        aria-invalid=move || reason_problem().is_some().to_string()
                        aria-describedby="reject-reason-hint reject-reason-problem"
                    ></textarea>
                    <p class="hint" id="reject-reason-hint">{texts.reject_hint}</p>
                    <p class="field-problem" id="reject-reason-problem">{reason_problem}</p>
                </div>
                <button type="submit" class="button button--secondary" on:click=confirm(texts.reject_question) disabled=move || reject.pending().get()>
                    {texts.reject}
                </button>
            </ActionForm>
        </section>
    }
}
