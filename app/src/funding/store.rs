//! The board's SQL: calls in and out of the database, each change audited field by field in its
//! own transaction, and the public calls kept in memory.

use crate::error::{AppError, Problem};
use crate::funding::deadlines::Rule;
use crate::funding::model::{Applicant, Call};
use crate::funding::{CallStatus, SavedCall};
use crate::i18n::Lang;
use crate::platform::audit::{Actor, created, diff, record};
use crate::platform::cache::Versioned;
use crate::platform::db::Result;
use crate::shared::Localized;
use jiff::Timestamp;
use jiff::civil::DateTime;
use serde_json::{Map, Value};
use sqlx::{AssertSqlSafe, FromRow, SqliteConnection, SqlitePool};
use std::sync::Arc;

#[derive(FromRow)]
struct CallRow {
    id: i64,
    slug: String,
    status: CallStatus,
    funder: String,
    funder_id: Option<i64>,
    funder_slug: Option<String>,
    programme: Option<String>,
    title_et: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    summary_et: Option<String>,
    summary_ru: Option<String>,
    summary_en: Option<String>,
    kinds: String,
    sectors: String,
    municipalities: String,
    amount_min: Option<i64>,
    amount_max: Option<i64>,
    self_financing: Option<i64>,
    url: Option<String>,
    contact: Option<String>,
    opens_on: Option<String>,
    deadline_rule: Option<String>,
    deadlines: Option<String>,
    sequence: i64,
    created_at: String,
    updated_at: String,
}

const CALL_COLUMNS: &str = "
    SELECT c.id, c.slug, c.status, c.funder, c.funder_id,
           (SELECT o.slug FROM organisations o WHERE o.id = c.funder_id AND o.is_published)
               AS funder_slug,
           c.programme, c.title_et, c.title_ru, c.title_en, c.summary_et, c.summary_ru,
           c.summary_en, c.kinds, c.sectors, c.municipalities, c.amount_min, c.amount_max,
           c.self_financing, c.url, c.contact, c.opens_on, c.deadline_rule,
           (SELECT group_concat(d.at, ' ') FROM
               (SELECT at FROM funding_deadlines WHERE call_id = c.id ORDER BY at) d) AS deadlines,
           c.sequence, c.created_at, c.updated_at
    FROM funding_calls c";

fn decode<T>(text: &str) -> Result<T>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    Ok(text
        .parse()
        .map_err(|error| sqlx::Error::Decode(Box::new(error)))?)
}

fn codes(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

impl CallRow {
    fn into_call(self) -> Result<Call> {
        let rule = match self.deadline_rule.as_deref() {
            None => None,
            Some(code) => Some(Rule::parse(code).map_err(|problem| {
                sqlx::Error::Decode(format!("a stored deadline rule: {problem:?}").into())
            })?),
        };
        Ok(Call {
            id: self.id,
            slug: self.slug,
            status: self.status,
            funder: self.funder,
            funder_id: self.funder_id,
            funder_slug: self.funder_slug,
            programme: self.programme,
            title: Localized::new(self.title_et, self.title_ru, self.title_en),
            summary: Localized::new(self.summary_et, self.summary_ru, self.summary_en),
            kinds: codes(&self.kinds),
            sectors: codes(&self.sectors),
            municipalities: codes(&self.municipalities),
            amount_min: self.amount_min,
            amount_max: self.amount_max,
            self_financing: self.self_financing,
            url: self.url,
            contact: self.contact,
            opens_on: self.opens_on.as_deref().map(decode).transpose()?,
            deadlines: self
                .deadlines
                .unwrap_or_default()
                .split_whitespace()
                .map(decode::<DateTime>)
                .collect::<Result<_>>()?,
            rule,
            sequence: self.sequence,
            created_at: decode(&self.created_at)?,
            updated_at: decode(&self.updated_at)?,
            expanded: Vec::new(),
        })
    }
}

fn today() -> jiff::civil::Date {
    crate::shared::time::local(Timestamp::now()).date()
}

async fn calls_where(
    connection: &mut SqliteConnection,
    condition: &str,
    bind: Option<i64>,
) -> Result<Vec<Call>> {
    let sql = format!("{CALL_COLUMNS} {condition} ORDER BY c.id");
    let mut query = sqlx::query_as::<_, CallRow>(AssertSqlSafe(sql));
    if let Some(value) = bind {
        query = query.bind(value);
    }
    let today = today();
    query
        .fetch_all(connection)
        .await?
        .into_iter()
        .map(|row| {
            let mut call = row.into_call()?;
            call.expand(today);
            Ok(call)
        })
        .collect()
}

/// Every call but drafts.
pub async fn public_calls(pool: &SqlitePool) -> Result<Vec<Call>> {
    calls_where(
        &mut *pool.acquire().await?,
        "WHERE c.status <> 'draft'",
        None,
    )
    .await
}

/// Every call, drafts too, for the coordinator.
pub async fn all_calls(pool: &SqlitePool) -> Result<Vec<Call>> {
    calls_where(&mut *pool.acquire().await?, "", None).await
}

pub async fn call_by_id(connection: &mut SqliteConnection, id: i64) -> Result<Option<Call>> {
    Ok(calls_where(connection, "WHERE c.id = ?", Some(id))
        .await?
        .pop())
}

/// A published directory entry as the board matches calls to it.
pub async fn applicant(pool: &SqlitePool, slug: &str) -> Result<Option<Applicant>> {
    let row: Option<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT o.slug, o.name, o.kind, o.municipality_code,
                (SELECT group_concat(sector_code, ' ') FROM organisation_sectors
                 WHERE organisation_id = o.id)
         FROM organisations o WHERE o.slug = ? AND o.is_published",
    )
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    Ok(
        row.map(|(slug, name, kind, municipality, sectors)| Applicant {
            slug,
            name,
            kind,
            municipality,
            sectors: codes(&sectors.unwrap_or_default()),
        }),
    )
}

/// The public calls, kept in memory and made again when `funding_version` moves.
#[derive(Clone)]
pub struct FundingCache(Versioned<Vec<Call>>);

impl Default for FundingCache {
    fn default() -> Self {
        Self(Versioned::new("funding_version"))
    }
}

impl FundingCache {
    pub async fn calls(&self, pool: &SqlitePool) -> Result<Arc<Vec<Call>>> {
        self.0
            .current(pool, || async {
                let version: i64 = sqlx::query_scalar("SELECT version FROM funding_version")
                    .fetch_one(pool)
                    .await?;
                Ok((version, public_calls(pool).await?))
            })
            .await
    }
}

/// The stored fields of call `id` by name, as the audit log keeps them.
async fn snapshot(connection: &mut SqliteConnection, id: i64) -> Result<Map<String, Value>> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT json_object('status', status, 'funder', funder, 'funder_id', funder_id,
             'programme', programme, 'title_et', title_et, 'title_ru', title_ru,
             'title_en', title_en, 'summary_et', summary_et, 'summary_ru', summary_ru,
             'summary_en', summary_en, 'kinds', kinds, 'sectors', sectors,
             'municipalities', municipalities, 'amount_min', amount_min,
             'amount_max', amount_max, 'self_financing', self_financing, 'url', url,
             'contact', contact, 'opens_on', opens_on, 'deadline_rule', deadline_rule,
             'deadlines', (SELECT group_concat(at, ' ') FROM
                 (SELECT at FROM funding_deadlines WHERE call_id = funding_calls.id ORDER BY at)))
         FROM funding_calls WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(json
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The id of the published entry the form names as funder.
async fn funder_id(
    connection: &mut SqliteConnection,
    slug: Option<&str>,
) -> std::result::Result<Option<i64>, AppError> {
    let Some(slug) = slug else {
        return Ok(None);
    };
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM organisations WHERE slug = ?")
        .bind(slug)
        .fetch_optional(&mut *connection)
        .await?;
    id.map(Some)
        .ok_or_else(|| AppError::invalid("funder_entry", Problem::UnknownChoice))
}

/// Writes `call`'s fields (not its status) to row `id`, its deadlines included.
async fn write_fields(
    connection: &mut SqliteConnection,
    id: i64,
    call: &Call,
    funder_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "UPDATE funding_calls SET funder = ?, funder_id = ?, programme = ?, title_et = ?,
             title_ru = ?, title_en = ?, summary_et = ?, summary_ru = ?, summary_en = ?,
             kinds = ?, sectors = ?, municipalities = ?, amount_min = ?, amount_max = ?,
             self_financing = ?, url = ?, contact = ?, opens_on = ?, deadline_rule = ?
         WHERE id = ?",
    )
    .bind(&call.funder)
    .bind(funder_id)
    .bind(&call.programme)
    .bind(call.title.get(Lang::Et))
    .bind(call.title.get(Lang::Ru))
    .bind(call.title.get(Lang::En))
    .bind(call.summary.get(Lang::Et))
    .bind(call.summary.get(Lang::Ru))
    .bind(call.summary.get(Lang::En))
    .bind(call.kinds.join(" "))
    .bind(call.sectors.join(" "))
    .bind(call.municipalities.join(" "))
    .bind(call.amount_min)
    .bind(call.amount_max)
    .bind(call.self_financing)
    .bind(&call.url)
    .bind(&call.contact)
    .bind(call.opens_on.map(|date| date.to_string()))
    .bind(call.rule.as_ref().map(Rule::code))
    .bind(id)
    .execute(&mut *connection)
    .await?;
    sqlx::query("DELETE FROM funding_deadlines WHERE call_id = ?")
        .bind(id)
        .execute(&mut *connection)
        .await?;
    for deadline in &call.deadlines {
        sqlx::query("INSERT INTO funding_deadlines (call_id, at) VALUES (?, ?)")
            .bind(id)
            .bind(deadline.strftime("%Y-%m-%dT%H:%M").to_string())
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

/// Adds `call` with `status` in the caller's transaction, its slug made from its title; its id
/// and slug.
pub async fn insert(
    connection: &mut SqliteConnection,
    call: &Call,
    status: CallStatus,
) -> std::result::Result<(i64, String), AppError> {
    let funder = funder_id(connection, call.funder_slug.as_deref()).await?;
    let slug =
        crate::platform::db::free_slug(connection, "funding_calls", &call.title, "call").await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO funding_calls (slug, status, funder, title_et, title_ru, title_en)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&slug)
    .bind(status)
    .bind(&call.funder)
    .bind(call.title.get(Lang::Et))
    .bind(call.title.get(Lang::Ru))
    .bind(call.title.get(Lang::En))
    .fetch_one(&mut *connection)
    .await?;
    write_fields(connection, id, call, funder).await?;
    Ok((id, slug))
}

/// Saves a new call (as a draft, or with `status`) when `id` is absent, else the changes to
/// call `id` made from the form read at `seen_sequence`; audited field by field.
pub async fn save(
    pool: &SqlitePool,
    id: Option<i64>,
    seen_sequence: Option<i64>,
    status: Option<CallStatus>,
    call: Call,
    actor: Actor<'_>,
) -> std::result::Result<SavedCall, AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let Some(id) = id else {
        let status = status.unwrap_or(CallStatus::Draft);
        let (id, slug) = insert(&mut tx, &call, status).await?;
        let after = snapshot(&mut tx, id).await?;
        record(
            &mut tx,
            actor,
            "funding.created",
            "funding_call",
            Some(id),
            created(&after),
        )
        .await?;
        tx.commit().await?;
        return Ok(SavedCall {
            id,
            slug,
            status,
            sequence: 0,
        });
    };
    let stored: Option<(String, CallStatus, i64)> =
        sqlx::query_as("SELECT slug, status, sequence FROM funding_calls WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((slug, stored_status, sequence)) = stored else {
        return Err(AppError::NotFound);
    };
    if seen_sequence.is_some_and(|seen| seen != sequence) {
        return Err(AppError::invalid("form", Problem::EditedMeanwhile));
    }
    let status = status.unwrap_or(stored_status);
    let funder = funder_id(&mut tx, call.funder_slug.as_deref()).await?;
    let before = snapshot(&mut tx, id).await?;
    write_fields(&mut tx, id, &call, funder).await?;
    sqlx::query("UPDATE funding_calls SET status = ? WHERE id = ?")
        .bind(status)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let after = snapshot(&mut tx, id).await?;
    let Some(changes) = diff(&before, &after) else {
        tx.rollback().await?;
        return Ok(SavedCall {
            id,
            slug,
            status,
            sequence,
        });
    };
    let sequence: i64 = sqlx::query_scalar(
        "UPDATE funding_calls
         SET sequence = sequence + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? RETURNING sequence",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    record(
        &mut tx,
        actor,
        "funding.changed",
        "funding_call",
        Some(id),
        changes,
    )
    .await?;
    tx.commit().await?;
    Ok(SavedCall {
        id,
        slug,
        status,
        sequence,
    })
}

/// Adds imported calls in one transaction, each audited as imported; how many.
pub async fn import(
    pool: &SqlitePool,
    calls: &[(u64, Call, CallStatus)],
    actor: Actor<'_>,
) -> std::result::Result<usize, AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    for (_, call, status) in calls {
        let (id, _) = insert(&mut tx, call, *status).await?;
        let after = snapshot(&mut tx, id).await?;
        record(
            &mut tx,
            actor,
            "funding.imported",
            "funding_call",
            Some(id),
            created(&after),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(calls.len())
}

/// Which of `slugs` are directory entries.
pub async fn entries_named(pool: &SqlitePool, slugs: &[&str]) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT slug FROM organisations WHERE slug IN (SELECT value FROM json_each(?))",
    )
    .bind(serde_json::to_string(slugs).unwrap_or_default())
    .fetch_all(pool)
    .await?)
}

/// Opens, pauses, closes or reopens call `id` (a draft too: publishing it as any of these).
pub async fn set_status(
    pool: &SqlitePool,
    id: i64,
    status: CallStatus,
    actor: Actor<'_>,
) -> std::result::Result<(), AppError> {
    if status == CallStatus::Draft {
        return Err(AppError::invalid("status", Problem::StatusChange));
    }
    let mut tx = crate::platform::db::write(pool).await?;
    let old: Option<CallStatus> =
        sqlx::query_scalar("SELECT status FROM funding_calls WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let old = old.ok_or(AppError::NotFound)?;
    if old == status {
        return Ok(());
    }
    sqlx::query(
        "UPDATE funding_calls SET status = ?, sequence = sequence + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(status)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    record(
        &mut tx,
        actor,
        "funding.status",
        "funding_call",
        Some(id),
        serde_json::json!({ "status": [old.code(), status.code()] }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a draft; a call once public is closed instead (its calendar entries stay right).
pub async fn delete_draft(
    pool: &SqlitePool,
    id: i64,
    actor: Actor<'_>,
) -> std::result::Result<(), AppError> {
    let mut tx = crate::platform::db::write(pool).await?;
    let before = snapshot(&mut tx, id).await?;
    let deleted = sqlx::query("DELETE FROM funding_calls WHERE id = ? AND status = 'draft'")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if deleted == 0 {
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM funding_calls WHERE id = ?)")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        return Err(if exists {
            AppError::invalid("status", Problem::NotADraft)
        } else {
            AppError::NotFound
        });
    }
    let changes: Map<String, Value> = before
        .into_iter()
        .map(|(field, old)| (field, Value::Array(vec![old, Value::Null])))
        .collect();
    record(
        &mut tx,
        actor,
        "funding.deleted",
        "funding_call",
        Some(id),
        Value::Object(changes),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;

    fn call(title: &str) -> Call {
        Call {
            funder: "Kultuurkapital".into(),
            title: Localized::new(Some(title.into()), None, None),
            rule: Some(Rule::parse("02-20 05-20 08-20 11-20 @ 23:59 next-working-day").unwrap()),
            deadlines: vec![jiff::civil::date(2027, 3, 1).at(12, 0, 0, 0)],
            sectors: vec!["design".into()],
            ..Call::default()
        }
    }

    #[tokio::test]
    async fn a_saved_call_reads_back_and_every_change_is_audited_by_field() {
        let pool = test_pool().await;
        let saved = save(
            &pool,
            None,
            None,
            None,
            call("Ida-Viru ekspertgrupp"),
            Actor::COMMAND_LINE,
        )
        .await
        .unwrap();
        assert_eq!(saved.slug, "ida-viru-ekspertgrupp");
        assert!(
            public_calls(&pool).await.unwrap().is_empty(),
            "a draft is not public"
        );
        set_status(&pool, saved.id, CallStatus::Open, Actor::COMMAND_LINE)
            .await
            .unwrap();
        let calls = public_calls(&pool).await.unwrap();
        assert_eq!(calls[0].deadlines, call("x").deadlines);
        assert_eq!(calls[0].rule, call("x").rule);
        assert!(calls[0].expanded.len() > 10);

        let mut changed = call("Ida-Viru ekspertgrupp");
        changed.amount_max = Some(5000);
        let stale = save(
            &pool,
            Some(saved.id),
            Some(0),
            None,
            changed.clone(),
            Actor::COMMAND_LINE,
        )
        .await;
        assert_eq!(
            stale.unwrap_err(),
            AppError::invalid("form", Problem::EditedMeanwhile)
        );
        let again = save(
            &pool,
            Some(saved.id),
            Some(1),
            None,
            changed,
            Actor::COMMAND_LINE,
        )
        .await
        .unwrap();
        assert_eq!((again.sequence, again.status), (2, CallStatus::Open));
        let changes: String =
            sqlx::query_scalar("SELECT changes FROM audit_log WHERE action = 'funding.changed'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(changes, r#"{"amount_max":[null,5000]}"#);
        assert_eq!(
            delete_draft(&pool, saved.id, Actor::COMMAND_LINE).await,
            Err(AppError::invalid("status", Problem::NotADraft))
        );
    }
}
