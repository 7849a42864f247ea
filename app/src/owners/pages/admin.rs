//! The coordinator's side of owners' checks: `/{lang}/admin/owners` (stale entries, links to
//! all of them, proposals waiting), `/{lang}/admin/owners/{id}` (one entry: its private contact
//! address, a link to its owner, its proposals) and `/{lang}/admin/owners/proposals/{id}` (a
//! proposal field by field, approved or rejected).

use crate::components::admin::{ErrorNotice, field_problem, form_problem};
use crate::components::page::use_id_param;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::owners::api::{
    DecideProposal, SendOwnerLink, SendStaleLinks, SetContactEmail, get_owner_panel,
    get_owners_overview, get_proposal,
};
use crate::owners::{OwnerPanel, OwnersOverview, ProposalLine, ProposalReview, ProposalStatus};
use leptos::prelude::*;
use leptos_meta::Title;

fn status_label(lang: Lang, status: ProposalStatus) -> &'static str {
    let texts = &lang.texts().owners;
    match status {
        ProposalStatus::Pending => texts.status_pending,
        ProposalStatus::Approved => texts.status_approved,
        ProposalStatus::Rejected => texts.status_rejected,
    }
}

#[component]
pub fn OwnersPage() -> impl IntoView {
    let lang = use_lang();
    let send = ServerAction::<SendStaleLinks>::new();
    let overview = Resource::new(move || send.version().get(), |_| get_owners_overview());
    view! {
        {move || view! { <Title text=lang.get().texts().owners.admin_title /> }}
        <section class="admin-page">
            <h1>{move || lang.get().texts().owners.admin_title}</h1>
            <Transition>
                {move || {
                    let lang = lang.get();
                    Suspend::new(async move {
                        match overview.await {
                            Ok(overview) => view! { <Overview lang overview send /> }.into_any(),
                            Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Overview(
    lang: Lang,
    overview: OwnersOverview,
    send: ServerAction<SendStaleLinks>,
) -> impl IntoView {
    let texts = &lang.texts().owners;
    let sent = move || match send.value().get() {
        Some(Ok(count)) => Some(texts.sent_count.replace("{count}", &count.to_string())),
        _ => None,
    };
    view! {
        <p>{texts.admin_intro.replace("{count}", &overview.stale.to_string())}</p>
        <p class="notice" role="status" hidden=move || sent().is_none()>{sent}</p>
        <p class="form-error" role="alert" hidden=move || form_problem(lang, send.value().get()).is_none()>
            {move || form_problem(lang, send.value().get())}
        </p>
        {(overview.stale > 0).then(|| view! {
            <ActionForm action=send>
                <button type="submit" class="button" disabled=move || send.pending().get()>{texts.send_stale}</button>
            </ActionForm>
        })}
        <h2>{texts.proposals_heading}</h2>
        <Proposals lang lines=overview.waiting />
    }
}

#[component]
fn Proposals(lang: Lang, lines: Vec<ProposalLine>) -> impl IntoView {
    let texts = &lang.texts().owners;
    if lines.is_empty() {
        return view! { <p class="notice">{texts.no_proposals}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{texts.column_entry}</th>
                        <th scope="col">{texts.column_received}</th>
                        <th scope="col">{lang.texts().admin.status}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines
                        .into_iter()
                        .map(|line| view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/{lang}/admin/owners/proposals/{}", line.id)>{line.entry}</a>
                                </th>
                                <td>{line.received}</td>
                                <td>{status_label(lang, line.status)}</td>
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
pub fn OwnerEntryPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_id_param();
    let save = ServerAction::<SetContactEmail>::new();
    let panel = Resource::new(
        move || (id.get(), save.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_owner_panel(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match panel.await {
                        Ok(panel) => view! { <Panel lang panel save /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Panel(lang: Lang, panel: OwnerPanel, save: ServerAction<SetContactEmail>) -> impl IntoView {
    let texts = &lang.texts().owners;
    let send = ServerAction::<SendOwnerLink>::new();
    let heading = texts.panel_title.replace("{name}", &panel.name);
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let contact_problem = move || field_problem(lang, save.value().get(), "contact_email");
    let sent_to = move || match send.value().get() {
        Some(Ok(email)) => Some(texts.link_sent_to.replace("{email}", &email)),
        _ => None,
    };
    let send_problem = move || {
        field_problem(lang, send.value().get(), "contact_email")
            .or_else(|| form_problem(lang, send.value().get()))
    };
    let confirmed = panel
        .confirmed
        .clone()
        .unwrap_or_else(|| texts.never_confirmed.to_owned());
    view! {
        <Title text=heading.clone() />
        <section class="admin-page narrow">
            <p class="back-link"><a href=format!("/{lang}/admin/owners")>{texts.admin_title}</a></p>
            <h1>{heading}</h1>
            <p>
                {texts.last_confirmed} ": " {confirmed} " · "
                <a href=format!("/{lang}/admin/directory/{}/edit", panel.id)>{lang.texts().directory_admin.edit_entry}</a>
                " · "
                <a href=format!("/{lang}/directory/{}", panel.slug)>{lang.texts().admin.public_page}</a>
            </p>
            <p class="notice" role="status" hidden=move || !saved()>{texts.contact_saved}</p>
            <ActionForm action=save>
                <input type="hidden" name="id" value=panel.id />
                <div class="form">
                    <div class="field">
                        <label for="contact-email">{texts.contact_email}</label>
                        <input
                            id="contact-email"
                            type="email"
                            name="contact_email"
                            maxlength="254"
                            value=panel.contact_email.clone()
                            aria-invalid=move || contact_problem().is_some().to_string()
                            aria-describedby="contact-email-hint contact-email-problem"
                        />
                        <p class="hint" id="contact-email-hint">
                            {texts.contact_hint} " (" {panel.public_email.clone()} ")"
                        </p>
                        <p class="field-problem" id="contact-email-problem">{contact_problem}</p>
                    </div>
                    <button type="submit" class="button button--secondary" disabled=move || save.pending().get()>
                        {texts.save_contact}
                    </button>
                </div>
            </ActionForm>
            <p class="notice" role="status" hidden=move || sent_to().is_none()>{sent_to}</p>
            <p class="form-error" role="alert" hidden=move || send_problem().is_none()>{send_problem}</p>
            <ActionForm action=send>
                <input type="hidden" name="id" value=panel.id />
                <button type="submit" class="button" disabled=move || send.pending().get()>{texts.send_link}</button>
            </ActionForm>
            <h2>{texts.entry_proposals}</h2>
            <Proposals lang lines=panel.proposals />
        </section>
    }
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_id_param();
    let decide = ServerAction::<DecideProposal>::new();
    let review = Resource::new(
        move || (lang.get(), id.get(), decide.version().get()),
        |(lang, id, _)| async move {
            match id {
                Some(id) => get_proposal(lang, id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match review.await {
                        Ok(review) => view! { <Review lang review decide /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Review(
    lang: Lang,
    review: ProposalReview,
    decide: ServerAction<DecideProposal>,
) -> impl IntoView {
    let texts = &lang.texts().owners;
    let heading = texts.review_title.replace("{name}", &review.entry);
    let problem = move || match decide.value().get()? {
        Err(AppError::Invalid { problem, .. }) => Some(lang.texts().problem(problem)),
        other => form_problem(lang, Some(other)),
    };
    let changes = if review.changes.is_empty() {
        view! { <p class="notice">{texts.nothing_changed}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll">
                <table class="data-table">
                    <caption class="visually-hidden">{heading.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{texts.column_field}</th>
                            <th scope="col">{texts.column_now}</th>
                            <th scope="col">{texts.column_proposed}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {review
                            .changes
                            .iter()
                            .map(|change| view! {
                                <tr>
                                    <th scope="row">{change.label.clone()}</th>
                                    <td class="pre-line"><del>{change.now.clone()}</del></td>
                                    <td class="pre-line"><ins>{change.proposed.clone()}</ins></td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let pending = review.status == ProposalStatus::Pending;
    let id = review.id;
    view! {
        <Title text=heading.clone() />
        <section class="admin-page">
            <p class="back-link">
                <a href=format!("/{lang}/admin/owners/{}", review.entry_id)>{texts.panel_title.replace("{name}", &review.entry)}</a>
            </p>
            <h1>{heading.clone()}</h1>
            <p>
                {texts.column_received} ": " {review.received.clone()} " · "
                {lang.texts().admin.status} ": " <strong>{status_label(lang, review.status)}</strong>
            </p>
            {changes}
            <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
            {pending.then(|| view! {
                <div class="form-actions">
                    <ActionForm action=decide>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="approve" value="true" />
                        <button type="submit" class="button" disabled=move || decide.pending().get()>{texts.approve}</button>
                    </ActionForm>
                    <ActionForm action=decide>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="approve" value="false" />
                        <button type="submit" class="button button--secondary" disabled=move || decide.pending().get()>{texts.reject}</button>
                    </ActionForm>
                </div>
            })}
        </section>
    }
}
