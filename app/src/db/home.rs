use crate::api::admin::Dashboard;
use crate::domain::Localized;
use crate::i18n::PerLang;
use jiff::Timestamp;
use sqlx::{FromRow, SqlitePool};

use super::db_time;

#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct Figures {
    pub organisations: i64,
    pub members: i64,
    pub places: i64,
    pub upcoming_events: i64,
}

/// The public figures of the home page: published entries and events not yet over.
pub async fn figures(pool: &SqlitePool, now: Timestamp) -> Result<Figures, sqlx::Error> {
    sqlx::query_as(
        "SELECT
             (SELECT count(*) FROM organisations WHERE is_published) AS organisations,
             (SELECT count(*) FROM organisations WHERE is_published AND is_member) AS members,
             (SELECT count(DISTINCT municipality_code) FROM organisations WHERE is_published) AS places,
             (SELECT count(*) FROM events WHERE status = 'published' AND ends_at >= ?1) AS upcoming_events",
    )
    .bind(db_time(now))
    .fetch_one(pool)
    .await
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpcomingEvent {
    pub slug: String,
    pub title: Localized,
    pub type_label: PerLang<String>,
    pub starts_at: Timestamp,
    pub all_day: bool,
    pub venue: Option<String>,
    pub municipality: Option<PerLang<String>>,
    pub is_online: bool,
    pub is_cancelled: bool,
}

#[derive(FromRow)]
struct UpcomingEventRow {
    slug: String,
    title_et: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    type_et: String,
    type_ru: String,
    type_en: String,
    starts_at: String,
    all_day: bool,
    venue: Option<String>,
    municipality_et: Option<String>,
    municipality_ru: Option<String>,
    municipality_en: Option<String>,
    is_online: bool,
    is_cancelled: bool,
}

/// The next public events (cancelled ones too, so nobody travels to them), soonest first.
pub async fn next_events(
    pool: &SqlitePool,
    now: Timestamp,
    limit: i64,
) -> Result<Vec<UpcomingEvent>, sqlx::Error> {
    let rows: Vec<UpcomingEventRow> = sqlx::query_as(
        "SELECT e.slug, e.title_et, e.title_ru, e.title_en,
                t.label_et AS type_et, t.label_ru AS type_ru, t.label_en AS type_en,
                e.starts_at, e.all_day, e.venue,
                m.name_et AS municipality_et, m.name_ru AS municipality_ru, m.name_en AS municipality_en,
                e.online_url IS NOT NULL AS is_online,
                e.status = 'cancelled' AS is_cancelled
         FROM events e
         JOIN event_types t ON t.code = e.type_code
         LEFT JOIN municipalities m ON m.code = e.municipality_code
         WHERE e.status IN ('published', 'cancelled') AND e.ends_at >= ?1
         ORDER BY e.starts_at, e.id
         LIMIT ?2",
    )
    .bind(db_time(now))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let starts_at = row
                .starts_at
                .parse()
                .map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
            let municipality = match (
                row.municipality_et,
                row.municipality_ru,
                row.municipality_en,
            ) {
                (Some(et), Some(ru), Some(en)) => Some(PerLang { et, ru, en }),
                _ => None,
            };
            Ok(UpcomingEvent {
                slug: row.slug,
                title: Localized::new(row.title_et, row.title_ru, row.title_en),
                type_label: PerLang {
                    et: row.type_et,
                    ru: row.type_ru,
                    en: row.type_en,
                },
                starts_at,
                all_day: row.all_day,
                venue: row.venue,
                municipality,
                is_online: row.is_online,
                is_cancelled: row.is_cancelled,
            })
        })
        .collect()
}

/// The coordinator's figures at `now`: entries, events, accounts, and the week's changes.
pub async fn dashboard(pool: &SqlitePool, now: Timestamp) -> Result<Dashboard, sqlx::Error> {
    let hours_ago = |hours: i64| db_time(now - jiff::SignedDuration::from_hours(hours));
    sqlx::query_as(
        "SELECT
             (SELECT count(*) FROM organisations WHERE is_published) AS published_entries,
             (SELECT count(*) FROM organisations WHERE NOT is_published) AS hidden_entries,
             (SELECT count(*) FROM events WHERE status = 'published' AND ends_at >= ?1)
                 AS upcoming_events,
             (SELECT count(*) FROM events WHERE status = 'draft') AS draft_events,
             (SELECT count(*) FROM users WHERE disabled_at IS NULL) AS active_accounts,
             (SELECT count(*) FROM audit_log
              WHERE at >= ?2 AND action NOT LIKE 'login.%' AND action <> 'logout')
                 AS changes_this_week,
             (SELECT count(*) FROM audit_log WHERE at >= ?3 AND action = 'login.failed')
                 AS failed_logins_today",
    )
    .bind(db_time(now))
    .bind(hours_ago(7 * 24))
    .bind(hours_ago(24))
    .fetch_one(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{events, organisations, test_pool};
    use jiff::ToSpan;

    fn event(slug: &str, starts_at: Timestamp, status: &'static str) -> events::EventForCreate {
        events::EventForCreate {
            slug: slug.to_owned(),
            type_code: "training",
            title: Localized::new(Some(format!("Pealkiri {slug}")), None, None),
            description: Localized::default(),
            starts_at,
            ends_at: starts_at + 2.hours(),
            all_day: false,
            venue: None,
            address: None,
            municipality_code: Some("narva".into()),
            online_url: None,
            status,
        }
    }

    fn organisation(
        slug: &str,
        is_member: bool,
        municipality: &str,
    ) -> organisations::OrganisationForCreate {
        organisations::OrganisationForCreate {
            is_member,
            ..organisations::OrganisationForCreate::sample(slug, municipality)
        }
    }

    #[tokio::test]
    async fn figures_count_only_published_entries_and_events_not_yet_over() {
        let pool = test_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        organisations::insert(&mut conn, &organisation("a", true, "narva"))
            .await
            .unwrap();
        organisations::insert(&mut conn, &organisation("b", false, "narva"))
            .await
            .unwrap();
        organisations::insert(&mut conn, &organisation("c", true, "johvi"))
            .await
            .unwrap();
        sqlx::query("UPDATE organisations SET is_published = 0 WHERE slug = 'c'")
            .execute(&mut *conn)
            .await
            .unwrap();
        events::insert(&mut conn, &event("past", now - 30.hours(), "published"))
            .await
            .unwrap();
        events::insert(&mut conn, &event("running", now - 1.hour(), "published"))
            .await
            .unwrap();
        events::insert(&mut conn, &event("soon", now + 3.hours(), "published"))
            .await
            .unwrap();
        events::insert(&mut conn, &event("draft", now + 3.hours(), "draft"))
            .await
            .unwrap();

        drop(conn);
        let figures = figures(&pool, now).await.unwrap();

        assert_eq!(
            figures,
            Figures {
                organisations: 2,
                members: 1,
                places: 1,
                upcoming_events: 2
            }
        );
    }

    #[tokio::test]
    async fn next_events_are_soonest_first_and_include_cancellations_but_not_drafts() {
        let pool = test_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        let now: Timestamp = "2026-11-26T12:00:00Z".parse().unwrap();
        events::insert(&mut conn, &event("later", now + 48.hours(), "published"))
            .await
            .unwrap();
        events::insert(
            &mut conn,
            &event("cancelled", now + 24.hours(), "cancelled"),
        )
        .await
        .unwrap();
        events::insert(&mut conn, &event("draft", now + 1.hour(), "draft"))
            .await
            .unwrap();
        events::insert(&mut conn, &event("gone", now - 48.hours(), "published"))
            .await
            .unwrap();

        drop(conn);
        let next = next_events(&pool, now, 5).await.unwrap();

        let slugs: Vec<_> = next.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["cancelled", "later"]);
        assert!(next[0].is_cancelled);
        assert_eq!(next[1].starts_at, now + 48.hours());
        assert_eq!(next[1].municipality.as_ref().unwrap().ru, "Нарва");
        assert_eq!(next[1].type_label.en, "Training");
    }
}
