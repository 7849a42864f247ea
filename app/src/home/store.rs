//! The home page's figures: published entries, members, places, and events not yet over.

use crate::events::model::{CalendarEvent, count_upcoming};
use jiff::Timestamp;
use sqlx::{FromRow, SqlitePool};

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
    figures.upcoming_events = count_upcoming(events, now);
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::store as organisations;
    use crate::events::model::EventForCreate;
    use crate::events::store as events;
    use crate::platform::db::test_pool;
    use crate::shared::Localized;
    use jiff::ToSpan;

    fn event(slug: &str, starts_at: Timestamp, status: &'static str) -> EventForCreate {
        EventForCreate {
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
            ..EventForCreate::default()
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
}
