//! The board's server functions: the public board and a call's page, and the coordinator's
//! table, form (checked as typed), saves, status changes and CSV import, each audited.

use crate::error::AppError;
use crate::funding::form::CallForm;
use crate::funding::{
    AdminCallRow, CallCheck, CallEditor, CallPage, CallStatus, CallsImport, FundingQuery,
    FundingView, SavedCall,
};
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
fn board() -> Result<crate::funding::FundingCache, AppError> {
    crate::platform::context("the funding board")
}

#[server(prefix = "/api", endpoint = "funding", input = GetUrl)]
pub async fn get_funding(
    lang: Lang,
    #[server(default)] query: FundingQuery,
) -> Result<FundingView, AppError> {
    let pool = crate::platform::pool()?;
    let calls = board()?.calls(&pool).await?;
    let vocabulary = crate::platform::vocabulary()?;
    let applicant = match query.entry.as_deref() {
        Some(slug) if crate::shared::identifiers::is_slug(slug) => {
            crate::funding::store::applicant(&pool, slug).await?
        }
        _ => None,
    };
    let mut view = crate::funding::view::board(
        &calls,
        &vocabulary,
        lang,
        query,
        applicant.as_ref(),
        jiff::Timestamp::now(),
    );
    // A name typed instead of an entry chosen: the directory's own search offers the entries.
    if view.entry.is_none()
        && let Some(name) = view.query.org.clone()
    {
        let found = crate::platform::context::<crate::directory::DirectoryCache>("the directory")?
            .answer(
                &pool,
                &vocabulary,
                lang,
                crate::directory::DirectoryQuery {
                    q: Some(name),
                    ..Default::default()
                },
            )
            .await?;
        view.entry_choices = found
            .cards
            .into_iter()
            .chain(found.closest)
            .take(ENTRY_CHOICES)
            .map(|card| crate::shared::Labelled {
                code: card.slug,
                label: format!("{} ({})", card.name, card.municipality),
            })
            .collect();
    }
    Ok(view)
}

/// The most entries offered for a typed organisation name.
#[cfg(feature = "ssr")]
const ENTRY_CHOICES: usize = 8;

#[server(prefix = "/api", endpoint = "funding/call", input = GetUrl)]
pub async fn get_call(lang: Lang, slug: String) -> Result<CallPage, AppError> {
    if !crate::shared::identifiers::is_slug(&slug) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let calls = board()?.calls(&pool).await?;
    let call = calls
        .iter()
        .find(|call| call.slug == slug)
        .ok_or(AppError::NotFound)?;
    Ok(crate::funding::view::page_of(
        call,
        &*crate::platform::vocabulary()?,
        lang,
        &crate::platform::request::origin(),
        jiff::Timestamp::now(),
    ))
}

#[server(prefix = "/api/coordinator", endpoint = "funding")]
pub async fn admin_calls(lang: Lang) -> Result<Vec<AdminCallRow>, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let now = jiff::Timestamp::now();
    let mut rows: Vec<AdminCallRow> = crate::funding::store::all_calls(&pool)
        .await?
        .iter()
        .map(|call| AdminCallRow {
            id: call.id,
            slug: call.slug.clone(),
            title: call.title.only_shown(lang),
            funder: call.funder.clone(),
            status: call.status,
            next_deadline: call
                .coming(now)
                .first()
                .map(|(wall, at)| crate::funding::view::deadline(*wall, *at, now, lang)),
        })
        .collect();
    // Drafts first, then by the nearest deadline.
    rows.sort_by_key(|row| {
        (
            row.status != CallStatus::Draft,
            row.next_deadline.is_none(),
            row.next_deadline.as_ref().map(|d| d.at.clone()),
        )
    });
    Ok(rows)
}

/// The form of call `id`, of a new round of call `from`, or blank.
#[server(prefix = "/api/coordinator", endpoint = "funding/form")]
pub async fn get_call_editor(
    lang: Lang,
    id: Option<i64>,
    from: Option<i64>,
) -> Result<CallEditor, AppError> {
    use crate::funding::rules::{form_of, next_round};
    use crate::platform::vocabulary::{KINDS, kind_label, labelled};
    use crate::shared::Labelled;
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let vocabulary = crate::platform::vocabulary()?;
    let stored = match id.or(from) {
        Some(wanted) => Some(
            crate::funding::store::call_by_id(&mut *pool.acquire().await?, wanted)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let today = crate::shared::time::local(jiff::Timestamp::now()).date();
    let (id, slug, status, sequence, form) = match (id, stored) {
        (Some(_), Some(call)) => (
            Some(call.id),
            Some(call.slug.clone()),
            call.status,
            Some(call.sequence),
            form_of(&call),
        ),
        (_, Some(call)) => (
            None,
            None,
            CallStatus::Draft,
            None,
            next_round(&call, today),
        ),
        (_, None) => (None, None, CallStatus::Draft, None, CallForm::blank()),
    };
    Ok(CallEditor {
        id,
        slug,
        status,
        sequence,
        form,
        kinds: KINDS
            .iter()
            .map(|code| Labelled {
                code: (*code).to_owned(),
                label: kind_label(lang, code).to_owned(),
            })
            .collect(),
        sectors: labelled(&vocabulary.sectors, lang),
        municipalities: labelled(&vocabulary.municipalities, lang),
    })
}

#[server(prefix = "/api/coordinator", endpoint = "funding/check")]
pub async fn check_call(lang: Lang, form: CallForm) -> Result<CallCheck, AppError> {
    crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let vocabulary = crate::platform::vocabulary()?;
    Ok(match crate::funding::rules::validate(&form, &vocabulary) {
        Err(problems) => CallCheck {
            problems,
            preview: None,
        },
        Ok(mut call) => {
            call.slug = "preview".to_owned();
            call.status = CallStatus::Open;
            let now = jiff::Timestamp::now();
            call.updated_at = now;
            call.expand(crate::shared::time::local(now).date());
            CallCheck {
                problems: Vec::new(),
                preview: Some(crate::funding::view::page_of(
                    &call,
                    &vocabulary,
                    lang,
                    "",
                    now,
                )),
            }
        }
    })
}

/// Saves the form: a new call (a draft, or with the status `intent` names) when `id` is
/// absent, else the changes to call `id` made from the form read at `sequence`.
#[server(prefix = "/api/coordinator", endpoint = "funding/save")]
pub async fn save_call(
    form: CallForm,
    id: Option<i64>,
    sequence: Option<i64>,
    intent: Option<String>,
) -> Result<SavedCall, AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let vocabulary = crate::platform::vocabulary()?;
    let call = crate::funding::rules::validate(&form, &vocabulary).map_err(|problems| {
        problems
            .into_iter()
            .next()
            .map(|first| AppError::invalid(&first.field, first.problem))
            .unwrap_or_else(AppError::failed)
    })?;
    let status = match intent.as_deref() {
        None | Some("") => None,
        Some(code) => Some(
            CallStatus::from_code(code)
                .filter(|status| *status != CallStatus::Draft)
                .ok_or_else(|| AppError::invalid("intent", crate::error::Problem::StatusChange))?,
        ),
    };
    let actor = crate::platform::audit::Actor::account(account.id, &address);
    crate::funding::store::save(&pool, id, sequence, status, call, actor).await
}

/// Opens, pauses, closes or reopens a call.
#[server(prefix = "/api/coordinator", endpoint = "funding/status")]
pub async fn set_call_status(id: i64, status: CallStatus) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let actor = crate::platform::audit::Actor::account(account.id, &address);
    crate::funding::store::set_status(&pool, id, status, actor).await
}

/// Deletes a draft (a call once public is closed instead).
#[server(prefix = "/api/coordinator", endpoint = "funding/delete")]
pub async fn delete_call(id: i64) -> Result<(), AppError> {
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let pool = crate::platform::pool()?;
    let address = crate::platform::request::client_address()
        .await?
        .to_string();
    let actor = crate::platform::audit::Actor::account(account.id, &address);
    crate::funding::store::delete_draft(&pool, id, actor).await
}

/// Reads the CSV file in the form's `file` field. Without `confirm`, only tells what importing
/// it would add; with `confirm` (the count the preview showed), adds every call in one
/// transaction, unless the file has problems or gives another count now.
#[server(prefix = "/api/coordinator", endpoint = "funding/import", input = MultipartFormData)]
pub async fn import_calls(data: MultipartData) -> Result<CallsImport, AppError> {
    use crate::error::Problem;
    use crate::shared::ImportProblem;
    let account = crate::accounts::require(crate::accounts::Role::Coordinator).await?;
    let fields = crate::platform::request::multipart_fields(data, &["file", "confirm"]).await?;
    let file = fields
        .get("file")
        .ok_or_else(|| AppError::invalid("file", Problem::Required))?;
    let pool = crate::platform::pool()?;
    let vocabulary = crate::platform::vocabulary()?;
    let mut plan = crate::funding::csv::plan(file, &vocabulary);
    // A funder named by its directory entry must have one.
    let named: Vec<&str> = plan
        .calls
        .iter()
        .filter_map(|(_, call, _)| call.funder_slug.as_deref())
        .collect();
    let known = crate::funding::store::entries_named(&pool, &named).await?;
    for (line, call, _) in &plan.calls {
        if let Some(slug) = &call.funder_slug
            && !known.contains(slug)
        {
            plan.problems.push(ImportProblem {
                line: *line,
                column: "funder_entry".into(),
                problem: Problem::UnknownChoice,
                value: slug.clone(),
            });
        }
    }
    plan.problems.sort_by_key(|problem| problem.line);
    let mut preview = CallsImport {
        count: plan.calls.len(),
        titles: plan
            .calls
            .iter()
            .take(20)
            .filter_map(|(_, call, _)| call.title.show(Lang::DEFAULT).map(|s| s.text.to_owned()))
            .collect(),
        problems: plan.problems.clone(),
        imported: false,
        changed: false,
    };
    if let Some(confirmed) = fields.get("confirm") {
        if String::from_utf8_lossy(confirmed) == preview.count.to_string()
            && preview.problems.is_empty()
        {
            let address = crate::platform::request::client_address()
                .await?
                .to_string();
            let actor = crate::platform::audit::Actor::account(account.id, &address);
            crate::funding::store::import(&pool, &plan.calls, actor).await?;
            preview.imported = true;
        } else {
            preview.changed = true;
        }
    }
    Ok(preview)
}
