//! Applications to join the directory: proposed by the public at `/{lang}/join`, approved by the
//! coordinator (the entry is created and published) or rejected with a reason. Each decision
//! leaves a message for the applicant in the outbox, in their language, in the same transaction.

use crate::entries::{Entry, EntryForm, save_in};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::joining::ApplicationStatus;
use crate::outbox::{NewMessage, letter, queue};
use crate::owners::adopt_contact;
use crate::platform::audit::{Actor, erase_values, record};
use crate::platform::db::{Result, write};
use crate::platform::limits::PerAddress;
use serde_json::json;
use sqlx::{FromRow, SqliteConnection, SqlitePool};

/// Applications one address may send in a day: enough for a consultant applying for a few
/// clients, too few for a script to flood the coordinator's list.
pub const PER_ADDRESS: PerAddress = PerAddress {
    table: "applications",
    most: 5,
    period: "-1 day",
};

/// An application as the public form sends it, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewApplication<'a> {
    pub lang: Lang,
    pub form: &'a EntryForm,
    pub contact_name: &'a str,
    pub contact_email: &'a str,
    pub contact_phone: Option<&'a str>,
    /// The consent text the applicant agreed to, word for word.
    pub consent: &'a str,
    pub address: &'a str,
    /// The site's origin, for the link in the coordinators' notice.
    pub origin: &'a str,
}

/// One stored application.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct Application {
    pub id: i64,
    pub lang: String,
    pub name: String,
    /// The entry's form, JSON.
    pub form: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub consent: String,
    pub consented_at: String,
    pub status: ApplicationStatus,
    pub reason: Option<String>,
    pub decided_at: Option<String>,
    /// The email of the account that decided.
    pub decided_by: Option<String>,
    pub organisation_id: Option<i64>,
    pub organisation_slug: Option<String>,
    pub created_at: String,
}

impl Application {
    pub fn entry_form(&self) -> EntryForm {
        serde_json::from_str(&self.form).unwrap_or_default()
    }
}

/// A line of the coordinator's list.
#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct ApplicationLine {
    pub id: i64,
    pub name: String,
    pub municipality_et: Option<String>,
    pub municipality_ru: Option<String>,
    pub municipality_en: Option<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub created_at: String,
}

/// Stores a new application (pending), with an audit line from the applicant's address, unless
/// the address has sent its applications for the day: checked in the same transaction, so that
/// applications sent at once cannot pass the limit together. The applicant is told that it
/// arrived, and each coordinator who asked for it is sent a notice with the link to review it.
pub async fn submit(pool: &SqlitePool, new: &NewApplication<'_>) -> Result<i64, AppError> {
    let form = EntryForm {
        // Only the coordinator decides these.
        member: false,
        published: false,
        ..new.form.clone()
    };
    let mut tx = write(pool).await?;
    if PER_ADDRESS.reached(&mut tx, new.address).await? {
        return Err(AppError::invalid(
            "application",
            Problem::TooManyApplications,
        ));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO applications (lang, name, form, contact_name, contact_email, contact_phone,
                                   consent, consented_at, address)
         VALUES (?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)
         RETURNING id",
    )
    .bind(new.lang.code())
    .bind(form.name.trim())
    .bind(serde_json::to_string(&form).unwrap_or_default())
    .bind(new.contact_name)
    .bind(new.contact_email)
    .bind(new.contact_phone)
    .bind(new.consent)
    .bind(new.address)
    .fetch_one(&mut *tx)
    .await?;
    record(
        &mut tx,
        Actor::visitor(None, new.address),
        "application.submitted",
        "application",
        Some(id),
        json!({ "name": [null, form.name.trim()] }),
    )
    .await?;
    let name = form.name.trim();
    let texts = &new.lang.texts().applications;
    queue(
        &mut tx,
        &NewMessage {
            recipient: new.contact_email,
            lang: Some(new.lang),
            subject: &texts.received_subject.replace("{name}", name),
            body: &letter(
                new.lang,
                new.contact_name,
                &texts.received_body.replace("{name}", name),
            ),
            application_id: Some(id),
            ..NewMessage::default()
        },
    )
    .await?;
    let coordinators: Vec<(String, Lang)> = sqlx::query_as(
        "SELECT email, notify_applications FROM users
         WHERE notify_applications IS NOT NULL AND disabled_at IS NULL",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (email, lang) in coordinators {
        let texts = &lang.texts().applications;
        let text = format!(
            "{}\n{}/{lang}/admin/applications/{id}",
            texts.new_body.replace("{name}", name),
            new.origin
        );
        queue(
            &mut tx,
            &NewMessage {
                recipient: &email,
                lang: Some(lang),
                subject: &texts.new_subject.replace("{name}", name),
                body: &letter(lang, "", &text),
                application_id: Some(id),
                ..NewMessage::default()
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

const APPLICATIONS: &str = "
    SELECT a.id, a.lang, a.name, a.form, a.contact_name, a.contact_email, a.contact_phone,
           a.consent, a.consented_at, a.status, a.reason, a.decided_at, u.email AS decided_by,
           a.organisation_id, o.slug AS organisation_slug, a.created_at
    FROM applications a
    LEFT JOIN users u ON u.id = a.decided_by
    LEFT JOIN organisations o ON o.id = a.organisation_id";

pub async fn application(pool: &SqlitePool, id: i64) -> Result<Option<Application>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{APPLICATIONS} WHERE a.id = ?"
    )))
    .bind(id)
    .fetch_optional(pool)
    .await?)
}

/// The applications with `status`, oldest first (the order they wait in).
pub async fn list(pool: &SqlitePool, status: ApplicationStatus) -> Result<Vec<ApplicationLine>> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.name, m.name_et AS municipality_et, m.name_ru AS municipality_ru,
                m.name_en AS municipality_en, a.contact_name, a.contact_email, a.created_at
         FROM applications a
         LEFT JOIN municipalities m ON m.code = json_extract(a.form, '$.municipality')
         WHERE a.status = ?
         ORDER BY a.created_at, a.id",
    )
    .bind(status)
    .fetch_all(pool)
    .await?)
}

/// Approves pending application `id` with the entry as the coordinator corrected it: the
/// entry is created and published, the application keeps its form and points to it, and the
/// applicant's message waits in the outbox. `origin` makes the link to the entry's page. All in
/// one transaction; returns the entry's id.
pub async fn approve(
    pool: &SqlitePool,
    id: i64,
    entry: &Entry,
    origin: &str,
    actor: Actor<'_>,
) -> Result<i64, AppError> {
    let mut tx = write(pool).await?;
    let application = pending(&mut tx, id).await?;
    let entry = Entry {
        is_published: true,
        ..entry.clone()
    };
    let organisation = save_in(&mut tx, None, &entry, actor).await?;
    // The applicant's address is where the entry's owner hears from the platform later.
    adopt_contact(&mut tx, organisation, &application.contact_email).await?;
    let form: EntryForm = entry.form();
    let slug: String = sqlx::query_scalar(
        "UPDATE applications SET form = ?1, name = ?2, organisation_id = ?3 WHERE id = ?4
         RETURNING (SELECT slug FROM organisations WHERE id = ?3)",
    )
    .bind(serde_json::to_string(&form).unwrap_or_default())
    .bind(entry.name.trim())
    .bind(organisation)
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let lang = application.lang;
    let texts = &lang.texts().applications;
    let link = format!("{}\n{origin}/{lang}/directory/{slug}", texts.approved_body);
    let decision = Decision {
        status: ApplicationStatus::Approved,
        subject: texts.approved_subject,
        text: &link,
        changes: json!({ "organisation": [null, organisation] }),
    };
    decide(&mut tx, id, &application, decision, actor).await?;
    tx.commit().await?;
    Ok(organisation)
}

/// Rejects pending application `id` for `reason` (told to the applicant through the outbox).
pub async fn reject(
    pool: &SqlitePool,
    id: i64,
    reason: &str,
    actor: Actor<'_>,
) -> Result<(), AppError> {
    let mut tx = write(pool).await?;
    let application = pending(&mut tx, id).await?;
    sqlx::query("UPDATE applications SET reason = ? WHERE id = ?")
        .bind(reason)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let texts = &application.lang.texts().applications;
    let text = format!("{}\n\n{reason}", texts.rejected_body);
    let decision = Decision {
        status: ApplicationStatus::Rejected,
        subject: texts.rejected_subject,
        text: &text,
        changes: json!({ "reason": [null, reason] }),
    };
    decide(&mut tx, id, &application, decision, actor).await?;
    tx.commit().await?;
    Ok(())
}

/// Erases application `id` whatever its state, on its applicant's request or as spam: it goes
/// with its messages, and its audit trail keeps only that changes happened. (An entry made of
/// it stays: erase the entry for that.)
pub async fn erase(pool: &SqlitePool, id: i64, actor: Actor<'_>) -> Result<(), AppError> {
    let mut tx = write(pool).await?;
    let deleted = sqlx::query("DELETE FROM applications WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if deleted.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    erase_values(&mut tx, "application", id).await?;
    record(
        &mut tx,
        actor,
        "application.erased",
        "application",
        Some(id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The facts of a pending application a decision needs; `AlreadyDecided` for a decided one.
struct Pending {
    lang: Lang,
    contact_name: String,
    contact_email: String,
}

async fn pending(tx: &mut SqliteConnection, id: i64) -> Result<Pending, AppError> {
    let found: Option<(ApplicationStatus, String, String, String)> = sqlx::query_as(
        "SELECT status, lang, contact_name, contact_email FROM applications WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let (status, lang, contact_name, contact_email) = found.ok_or(AppError::NotFound)?;
    if status != ApplicationStatus::Pending {
        return Err(AppError::invalid("application", Problem::AlreadyDecided));
    }
    Ok(Pending {
        lang: lang.parse().unwrap_or(Lang::Et),
        contact_name,
        contact_email,
    })
}

/// A decision on an application: its new status, the message it owes the applicant (the
/// `text` goes between a greeting and the signature) and what the audit line records.
struct Decision<'a> {
    status: ApplicationStatus,
    subject: &'a str,
    text: &'a str,
    changes: serde_json::Value,
}

/// Records `decision` on pending application `id`: its status with who decided and when, the
/// applicant's message in the outbox, in their language, and the audit line.
async fn decide(
    tx: &mut SqliteConnection,
    id: i64,
    application: &Pending,
    decision: Decision<'_>,
    actor: Actor<'_>,
) -> Result<()> {
    sqlx::query(
        "UPDATE applications
         SET status = ?, decided_by = ?, decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(decision.status)
    .bind(actor.user_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let body = letter(application.lang, &application.contact_name, decision.text);
    queue(
        tx,
        &NewMessage {
            recipient: &application.contact_email,
            lang: Some(application.lang),
            subject: decision.subject,
            body: &body,
            application_id: Some(id),
            ..NewMessage::default()
        },
    )
    .await?;
    let action = format!("application.{}", decision.status.code());
    record(
        tx,
        actor,
        &action,
        "application",
        Some(id),
        decision.changes,
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entries::Rules;
    use crate::platform::db::test_pool;
    use crate::platform::vocabulary::Vocabulary;

    fn proposed() -> EntryForm {
        EntryForm {
            name: "Narva Savikoda".into(),
            kind: "sole-trader".into(),
            municipality: "narva".into(),
            sectors: vec!["design".into()],
            speaks_ru: true,
            description_ru: "Керамика ручной работы".into(),
            email: "info@savikoda.example".into(),
            ..EntryForm::default()
        }
    }

    async fn entry_of(pool: &SqlitePool, form: &EntryForm) -> Entry {
        let vocabulary = Vocabulary::load(pool).await.unwrap();
        let (entry, refused) = Rules::now(&vocabulary).read(form);
        assert_eq!(refused, vec![]);
        entry
    }

    async fn coordinator(pool: &SqlitePool) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, role) VALUES ('k@ivek.ee', 'x', 'coordinator')
             RETURNING id",
        )
        .fetch_one(pool)
        .await
        .unwrap()
    }

    async fn send(pool: &SqlitePool, form: &EntryForm, address: &str) -> i64 {
        let application = NewApplication {
            lang: Lang::Ru,
            form,
            contact_name: "Мария Иванова",
            contact_email: "maria@savikoda.example",
            contact_phone: None,
            consent: Lang::Ru.texts().join.consent,
            address,
            origin: "https://loomeklaster.ee",
        };
        submit(pool, &application).await.unwrap()
    }

    #[tokio::test]
    async fn an_application_is_stored_pending_with_its_consent_and_counts_for_its_address() {
        let pool = test_pool().await;
        let asked = coordinator(&pool).await;
        sqlx::query("UPDATE users SET notify_applications = 'en' WHERE id = ?")
            .bind(asked)
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO users (email, password_hash, role) VALUES ('other@ivek.ee', 'x', 'coordinator')",
        )
        .execute(&pool)
        .await
        .unwrap();
        let form = EntryForm {
            member: true,
            published: true,
            ..proposed()
        };
        let id = send(&pool, &form, "192.0.2.7").await;
        // The applicant is told in their language; only the coordinator who asked, in theirs.
        let told: Vec<(String, String, String)> =
            sqlx::query_as("SELECT recipient, lang, subject FROM outbox ORDER BY id")
                .fetch_all(&pool)
                .await
                .unwrap();
        assert_eq!(
            told,
            [
                (
                    "maria@savikoda.example".into(),
                    "ru".into(),
                    "Мы получили вашу заявку: Narva Savikoda".into()
                ),
                (
                    "k@ivek.ee".into(),
                    "en".into(),
                    "New application: Narva Savikoda".into()
                ),
            ]
        );
        let notice: String =
            sqlx::query_scalar("SELECT body FROM outbox WHERE recipient = 'k@ivek.ee'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert!(
            notice.contains(&format!(
                "https://loomeklaster.ee/en/admin/applications/{id}"
            )),
            "{notice}"
        );
        let stored = application(&pool, id).await.unwrap().unwrap();
        assert_eq!(stored.status, ApplicationStatus::Pending);
        assert_eq!(stored.lang, "ru");
        assert_eq!(stored.consent, Lang::Ru.texts().join.consent);
        assert!(!stored.consented_at.is_empty());
        let kept = stored.entry_form();
        assert_eq!(
            (kept.member, kept.published),
            (false, false),
            "the coordinator decides those"
        );
        assert_eq!(kept.description_ru, "Керамика ручной работы");
        let lines = list(&pool, ApplicationStatus::Pending).await.unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].municipality_et.as_deref(), Some("Narva linn"));

        for _ in 1..PER_ADDRESS.most {
            send(&pool, &proposed(), "192.0.2.7").await;
        }
        let one_too_many = NewApplication {
            lang: Lang::Ru,
            form: &proposed(),
            contact_name: "Мария Иванова",
            contact_email: "maria@savikoda.example",
            contact_phone: None,
            consent: Lang::Ru.texts().join.consent,
            address: "192.0.2.7",
            origin: "https://loomeklaster.ee",
        };
        assert_eq!(
            submit(&pool, &one_too_many).await,
            Err(AppError::invalid(
                "application",
                Problem::TooManyApplications
            ))
        );
        send(&pool, &proposed(), "192.0.2.8").await;
    }

    #[tokio::test]
    async fn approving_publishes_the_corrected_entry_and_leaves_a_message_in_russian() {
        let pool = test_pool().await;
        let user = coordinator(&pool).await;
        let id = send(&pool, &proposed(), "192.0.2.7").await;
        let corrected = EntryForm {
            name: "Narva Savikoda OÜ".into(),
            member: true,
            ..proposed()
        };
        let entry = entry_of(&pool, &corrected).await;
        let by = Actor::account(user, "127.0.0.1");
        let organisation = approve(&pool, id, &entry, "https://loomeklaster.ee", by)
            .await
            .unwrap();
        let (name, published, member): (String, bool, bool) =
            sqlx::query_as("SELECT name, is_published, is_member FROM organisations WHERE id = ?")
                .bind(organisation)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(
            (name.as_str(), published, member),
            ("Narva Savikoda OÜ", true, true)
        );
        let stored = application(&pool, id).await.unwrap().unwrap();
        assert_eq!(stored.status, ApplicationStatus::Approved);
        assert_eq!(stored.organisation_id, Some(organisation));
        assert_eq!(stored.decided_by.as_deref(), Some("k@ivek.ee"));
        let messages = crate::outbox::store::latest(&pool, None, 100)
            .await
            .unwrap();
        // That the application arrived, then the decision.
        assert_eq!(messages.len(), 2);
        let message = &messages[0];
        assert_eq!(message.recipient, "maria@savikoda.example");
        assert_eq!(message.lang, "ru");
        assert!(
            message.body.starts_with("Здравствуйте, Мария Иванова,"),
            "{}",
            message.body
        );
        assert!(
            message
                .body
                .contains("https://loomeklaster.ee/ru/directory/narva-savikoda-ou"),
            "{}",
            message.body
        );
        assert_eq!(message.sent_at, None);
        let again = approve(&pool, id, &entry, "", by).await;
        assert_eq!(
            again,
            Err(AppError::invalid("application", Problem::AlreadyDecided))
        );
        let actions: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE entity IN ('application', 'organisation') ORDER BY id",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(
            actions,
            [
                "application.submitted",
                "organisation.created",
                "application.approved"
            ]
        );
    }

    #[tokio::test]
    async fn a_refused_approval_leaves_nothing_half_written() {
        let pool = test_pool().await;
        let user = coordinator(&pool).await;
        let first = send(&pool, &proposed(), "192.0.2.7").await;
        let second = send(&pool, &proposed(), "192.0.2.7").await;
        let form = EntryForm {
            registry_code: "10421629".into(),
            ..proposed()
        };
        let entry = entry_of(&pool, &form).await;
        let by = Actor::account(user, "127.0.0.1");
        approve(&pool, first, &entry, "", by).await.unwrap();
        // The same registry code again: the database refuses the entry, so nothing else stays.
        assert!(matches!(
            approve(&pool, second, &entry, "", by).await,
            Err(AppError::Internal { .. })
        ));
        assert_eq!(
            application(&pool, second).await.unwrap().unwrap().status,
            ApplicationStatus::Pending
        );
        assert_eq!(
            crate::outbox::store::latest(&pool, None, 100)
                .await
                .unwrap()
                .len(),
            3,
            "the two confirmations of arrival and the first approval"
        );
    }

    #[tokio::test]
    async fn rejecting_tells_the_reason_and_erasing_the_entry_takes_its_applications() {
        let pool = test_pool().await;
        let user = coordinator(&pool).await;
        let by = Actor::account(user, "127.0.0.1");
        let rejected = send(&pool, &proposed(), "192.0.2.7").await;
        reject(&pool, rejected, "Not in the creative sector.", by)
            .await
            .unwrap();
        let stored = application(&pool, rejected).await.unwrap().unwrap();
        assert_eq!(stored.status, ApplicationStatus::Rejected);
        assert_eq!(
            stored.reason.as_deref(),
            Some("Not in the creative sector.")
        );
        assert!(
            crate::outbox::store::latest(&pool, None, 100)
                .await
                .unwrap()[0]
                .body
                .contains("Not in the creative sector.")
        );

        let approved = send(&pool, &proposed(), "192.0.2.7").await;
        let entry = entry_of(&pool, &proposed()).await;
        let organisation = approve(&pool, approved, &entry, "", by).await.unwrap();
        let made = application(&pool, approved).await.unwrap().unwrap();
        assert_eq!(made.organisation_id, Some(organisation));
        crate::entries::store::delete(&pool, organisation, true, by)
            .await
            .unwrap();
        assert_eq!(application(&pool, approved).await.unwrap(), None);
        assert_eq!(
            crate::outbox::store::latest(&pool, None, 100)
                .await
                .unwrap()
                .len(),
            2,
            "the rejected application's messages stay"
        );
        let trail: Vec<String> = sqlx::query_scalar(
            "SELECT changes FROM audit_log WHERE entity = 'application' AND entity_id = ?",
        )
        .bind(approved)
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(trail.len(), 2);
        assert!(
            trail.iter().all(|changes| !changes.contains("Savikoda")),
            "{trail:?}"
        );
    }

    #[tokio::test]
    async fn an_erased_application_leaves_no_personal_value_behind() {
        let pool = test_pool().await;
        let user = coordinator(&pool).await;
        let by = Actor::account(user, "127.0.0.1");
        let id = send(&pool, &proposed(), "192.0.2.7").await;
        reject(&pool, id, "Мария, это реклама.", by).await.unwrap();
        erase(&pool, id, by).await.unwrap();
        assert_eq!(application(&pool, id).await.unwrap(), None);
        assert_eq!(
            crate::outbox::store::latest(&pool, None, 100)
                .await
                .unwrap(),
            vec![]
        );
        let trail: Vec<(String, String)> = sqlx::query_as(
            "SELECT action, changes FROM audit_log WHERE entity = 'application' ORDER BY id",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let actions: Vec<&str> = trail.iter().map(|(action, _)| action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "application.submitted",
                "application.rejected",
                "application.erased"
            ]
        );
        assert!(
            trail
                .iter()
                .all(|(_, changes)| !changes.contains("Savikoda") && !changes.contains("Мария")),
            "{trail:?}"
        );
        assert_eq!(erase(&pool, id, by).await, Err(AppError::NotFound));
    }
}
