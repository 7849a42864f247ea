use crate::accounts::Dashboard;
use crate::events::store::{self as events, CalendarEvent};
use crate::i18n::PerLang;
use crate::shared::Localized;
use jiff::Timestamp;
use sqlx::{FromRow, SqlitePool};

use crate::platform::db::db_time;

#[derive(Clone, Debug, PartialEq, Eq, FromRow)]
pub struct Figures {
    pub organisations: i64,
    pub members: i64,
    pub places: i64,
    pub upcoming_events: i64,
}

/// The public figures of the home page: published entries and events not yet over.
pub async fn figures(
    pool: &SqlitePool,
    events: &[CalendarEvent],
    now: Timestamp,
) -> Result<Figures, sqlx::Error> {
    let mut figures: Figures = sqlx::query_as(
        "SELECT
             (SELECT count(*) FROM organisations WHERE is_published) AS organisations,
             (SELECT count(*) FROM organisations WHERE is_published AND is_member) AS members,
             (SELECT count(DISTINCT municipality_code) FROM organisations WHERE is_published) AS places,
             0 AS upcoming_events",
    )
    .fetch_one(pool)
    .await?;
    figures.upcoming_events = events::count_upcoming(events, now);
    Ok(figures)
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

/// The next public occurrences (cancelled ones too, so nobody travels to them), soonest first.
pub fn next_events(events: &[CalendarEvent], now: Timestamp, limit: usize) -> Vec<UpcomingEvent> {
    events::occurrences_between(events, now, now + events::HORIZON)
        .into_iter()
        .take(limit)
        .map(|(event, occurrence)| UpcomingEvent {
            slug: event.slug.clone(),
            title: event.title.clone(),
            type_label: event.type_label.clone(),
            starts_at: occurrence.starts_at,
            all_day: event.all_day,
            venue: event.venue.clone(),
            municipality: event.municipality.clone(),
            is_online: event.online_url.is_some(),
            is_cancelled: event.is_cancelled() || occurrence.cancelled,
        })
        .collect()
}

/// The coordinator's figures at `now`: entries, events, accounts, the week's changes, and
/// applications and messages waiting.
pub async fn dashboard(
    pool: &SqlitePool,
    events: &[CalendarEvent],
    now: Timestamp,
) -> Result<Dashboard, sqlx::Error> {
    let hours_ago = |hours: i64| db_time(now - jiff::SignedDuration::from_hours(hours));
    let mut dashboard: Dashboard = sqlx::query_as(
        "SELECT
             (SELECT count(*) FROM organisations WHERE is_published) AS published_entries,
             (SELECT count(*) FROM organisations WHERE NOT is_published) AS hidden_entries,
             0 AS upcoming_events,
             (SELECT count(*) FROM events WHERE status = 'draft') AS draft_events,
             (SELECT count(*) FROM users WHERE disabled_at IS NULL) AS active_accounts,
             (SELECT count(*) FROM audit_log
              WHERE at >= ?1 AND action NOT LIKE 'login.%' AND action <> 'logout')
                 AS changes_this_week,
             (SELECT count(*) FROM audit_log WHERE at >= ?2 AND action = 'login.failed')
                 AS failed_logins_today,
             (SELECT count(*) FROM applications WHERE status = 'pending') AS pending_applications,
             (SELECT count(*) FROM outbox WHERE sent_at IS NULL) AS messages_waiting",
    )
    .bind(hours_ago(7 * 24))
    .bind(hours_ago(24))
    .fetch_one(pool)
    .await?;
    dashboard.upcoming_events = events::count_upcoming(events, now);
    Ok(dashboard)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::store as organisations;
    use crate::platform::db::test_pool;
    use jiff::ToSpan;

    fn event(slug: &str, starts_at: Timestamp, status: &'static str) -> events::EventForCreate {
        events::EventForCreate {
            slug: slug.to_owned(),
            type_code: "training".into(),
            title: Localized::new(Some(format!("Pealkiri {slug}")), None, None),
            description: Localized::default(),
            starts_at,
            ends_at: starts_at + 2.hours(),
            all_day: false,
            venue: None,
            address: None,
            municipality_code: Some("narva".into()),
            online_url: None,
            status: status.to_owned(),
            ..events::EventForCreate::default()
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
        let events = events::public_events(&pool).await.unwrap();
        let figures = figures(&pool, &events, now).await.unwrap();

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
        let events = events::public_events(&pool).await.unwrap();
        let next = next_events(&events, now, 5);

        let slugs: Vec<_> = next.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["cancelled", "later"]);
        assert!(next[0].is_cancelled);
        assert_eq!(next[1].starts_at, now + 48.hours());
        assert_eq!(next[1].municipality.as_ref().unwrap().ru, "Нарва");
        assert_eq!(next[1].type_label.en, "Training");
    }
}
