//! The demo data: fictional creative organisations of Ida-Viru County and a year of events
//! around today, so that a newcomer sees a living site. No real person's contact details.

use super::{tallinn, text, today_in_tallinn};
use anyhow::{Context, anyhow};
use app::events::EventStatus;
use app::events::model::EventForCreate;
use app::events::series::Exception;
use app::platform::vocabulary::Vocabulary;
use app::shared::Localized;
use jiff::{ToSpan, civil::Date};
use sqlx::SqlitePool;

/// The demo directory as the coordinator would export it: entries with reserved example
/// addresses (`.example`) and phone numbers from an unassigned range, nobody real. Read through
/// the directory's import, so that every fresh start exercises it.
const DIRECTORY: &[u8] = include_bytes!("demo-directory.csv");

/// Adds the demo data when the database has neither entries nor events, all or nothing.
/// Returns whether it did.
pub async fn seed_if_empty(pool: &SqlitePool) -> anyhow::Result<bool> {
    if !app::platform::db::is_empty(pool).await? {
        return Ok(false);
    }
    let vocabulary = Vocabulary::load(pool).await?;
    let plan = app::entries::plan_import(pool, &vocabulary, DIRECTORY)
        .await
        .map_err(|e| anyhow!("reading the demo directory: {e}"))?;
    if let Some(problem) = plan.problems.first() {
        return Err(anyhow!("the demo directory has a problem: {problem:?}"));
    }
    let mut tx = app::platform::db::write(pool).await?;
    app::entries::commit_in(&mut tx, &plan, None)
        .await
        .map_err(|e| anyhow!("importing the demo directory: {e}"))?;
    for event in events(today_in_tallinn()) {
        app::events::store::insert(&mut tx, &event)
            .await
            .context("adding the demo events")?;
    }
    let mut endowment = None;
    for (call, status) in funding_calls(today_in_tallinn()) {
        let (_, slug) = app::funding::store::insert(&mut tx, &call, status)
            .await
            .map_err(|e| anyhow!("adding the demo funding calls: {e}"))?;
        endowment.get_or_insert(slug);
    }
    let slots = app::counselling::store::NewSlots {
        starts: consultation_day(today_in_tallinn())?,
        minutes: 45,
        place: Some("Jõhvi Kontserdimaja, Mere pst 1, Jõhvi"),
        online_url: None,
        call_slug: endowment.as_deref(),
    };
    app::counselling::store::insert_slots(&mut tx, &slots)
        .await
        .map_err(|e| anyhow!("adding the demo consultation times: {e}"))?;
    tx.commit().await?;
    tracing::info!(
        entries = plan.new.len(),
        "added the demo data to the empty database"
    );
    Ok(true)
}

/// Funding calls as the region has them: the Cultural Endowment's Ida-Viru expert group with
/// its quarterly rule, a paused Just Transition Fund call, an Enterprise Estonia call with two
/// cut-offs, and a city call that has closed.
fn funding_calls(today: Date) -> Vec<(app::funding::model::Call, app::funding::CallStatus)> {
    use app::funding::CallStatus;
    use app::funding::deadlines::Rule;
    use app::funding::model::Call;
    const IDA_VIRU: [&str; 8] = [
        "alutaguse",
        "johvi",
        "kohtla-jarve",
        "luganuse",
        "narva",
        "narva-joesuu",
        "sillamae",
        "toila",
    ];
    let codes = |list: &[&str]| list.iter().map(|code| (*code).to_owned()).collect();
    let at = |days: i64, hour: i8, minute: i8| {
        today
            .checked_add(days.days())
            .expect("a date within range")
            .at(hour, minute, 0, 0)
    };
    let localized = |et: &str, ru: &str, en: &str| Localized::new(text(et), text(ru), text(en));
    vec![
        (
            Call {
                funder: "Eesti Kultuurkapital".into(),
                programme: text("Ida-Virumaa ekspertgrupp"),
                title: localized(
                    "Kultuurkapitali Ida-Virumaa ekspertgrupi toetused",
                    "Гранты экспертной группы Ида-Вирумаа Фонда культуры",
                    "Cultural Endowment: Ida-Viru expert group grants",
                ),
                summary: localized(
                    "Toetused Ida-Virumaa kultuurielu edendamiseks: sündmused, loometöö, täiendõpe ja kultuuripärand. Taotleda saavad eraisikud ja organisatsioonid.",
                    "Гранты на развитие культурной жизни Ида-Вирумаа: мероприятия, творческая работа, обучение и культурное наследие. Подать заявку могут частные лица и организации.",
                    "Grants for the cultural life of Ida-Viru County: events, creative work, further training and heritage. Individuals and organisations may apply.",
                ),
                municipalities: codes(&IDA_VIRU),
                amount_max: Some(6000),
                url: text("https://www.kulka.ee/taotlemine/ida-virumaa"),
                contact: text("ida-virumaa@kulka.example"),
                rule: Rule::parse("02-20 05-20 08-20 11-20 @ 23:59 next-working-day").ok(),
                ..Call::default()
            },
            CallStatus::Open,
        ),
        (
            Call {
                funder: "Riigi Tugiteenuste Keskus".into(),
                programme: text("Õiglase ülemineku fond"),
                title: localized(
                    "Ettevõtete investeeringud Ida-Virumaal",
                    "Инвестиции предприятий в Ида-Вирумаа",
                    "Business investments in Ida-Viru County",
                ),
                summary: localized(
                    "Toetus uute töökohtade ja tootmise loomiseks Ida-Virumaal. Vastuvõtt on peatatud, sest taotlusi on rohkem kui raha; voor avaneb uuesti järgmisel aastal.",
                    "Поддержка создания новых рабочих мест и производства в Ида-Вирумаа. Приём приостановлен из-за большого числа заявок; конкурс откроется снова в следующем году.",
                    "Support for new jobs and production in Ida-Viru County. Applications are paused because the call is oversubscribed; it reopens next year.",
                ),
                kinds: codes(&["company", "sole-trader"]),
                municipalities: codes(&IDA_VIRU),
                amount_min: Some(50_000),
                amount_max: Some(2_000_000),
                self_financing: Some(30),
                url: text("https://www.rtk.ee/oiglase-ulemineku-fond"),
                deadlines: vec![at(75, 16, 0)],
                ..Call::default()
            },
            CallStatus::Paused,
        ),
        (
            Call {
                funder: "Ettevõtluse ja Innovatsiooni Sihtasutus".into(),
                programme: text("Loomemajanduse arendamine"),
                title: localized(
                    "Loomeettevõtete ekspordi arendamine",
                    "Развитие экспорта креативных предприятий",
                    "Export development for creative companies",
                ),
                summary: localized(
                    "Toetus disaini-, mängu- ja filmiettevõtetele uute välisturgude jaoks: messid, turundus, tootearendus.",
                    "Поддержка дизайн-, игровых и кинокомпаний для выхода на новые рынки: ярмарки, маркетинг, разработка продуктов.",
                    "Support for design, games and film companies entering new markets abroad: fairs, marketing, product development.",
                ),
                kinds: codes(&["company"]),
                sectors: codes(&["design", "games", "film"]),
                amount_min: Some(5_000),
                amount_max: Some(40_000),
                self_financing: Some(50),
                url: text("https://eis.ee/toetused/loomemajandus"),
                deadlines: vec![at(10, 16, 0), at(100, 16, 0)],
                ..Call::default()
            },
            CallStatus::Open,
        ),
        (
            Call {
                funder: "Narva Linnavalitsus".into(),
                programme: text("Kultuuriprojektid"),
                title: localized(
                    "Narva linna kultuuriprojektide toetus",
                    "Поддержка культурных проектов города Нарвы",
                    "Narva city culture project grants",
                ),
                kinds: codes(&["non-profit"]),
                sectors: codes(&["events-festivals", "performing-arts", "music"]),
                municipalities: codes(&["narva"]),
                amount_max: Some(3_000),
                deadlines: vec![at(-30, 23, 59)],
                ..Call::default()
            },
            CallStatus::Closed,
        ),
    ]
}

/// A consultation day a week from `today` (the next weekday): four times, for the Cultural
/// Endowment's call (the first demo call).
fn consultation_day(today: Date) -> anyhow::Result<Vec<jiff::Timestamp>> {
    let mut day = today.checked_add(7.days())?;
    while matches!(
        day.weekday(),
        jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
    ) {
        day = day.tomorrow()?;
    }
    ["10:00", "11:00", "13:00", "14:00"]
        .iter()
        .map(|time| app::shared::time::tallinn_instant(&day.to_string(), time))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|problem| anyhow!("a demo consultation time: {problem:?}"))
}

/// A year of events around `today`: a monthly network meeting, trainings, a fair, counselling.
fn events(today: Date) -> Vec<EventForCreate> {
    let mut events = Vec::new();
    // The network meeting: a series on the first Thursday of each month, from six months back
    // to six ahead. Next month's moves a week later (the hall is taken) and the one after is
    // cancelled, as happens in a real year.
    let first_month = today
        .first_of_month()
        .checked_sub(6.months())
        .expect("a date within range");
    let first_thursday = |month: Date| {
        month
            .nth_weekday_of_month(1, jiff::civil::Weekday::Thursday)
            .expect("a first Thursday")
    };
    let first = tallinn(first_thursday(first_month), 16, 0);
    let next_month = today
        .first_of_month()
        .checked_add(1.month())
        .expect("a date within range");
    let moved_day = first_thursday(next_month);
    let cancelled_day = first_thursday(
        next_month
            .checked_add(1.month())
            .expect("a date within range"),
    );
    events.push(EventForCreate {
        slug: "vorgustiku-kohtumine".into(),
        type_code: "network-meeting".into(),
        title: Localized::new(
            text("Loomeklastri võrgustiku kohtumine"),
            text("Встреча сети креативного кластера"),
            text("Creative Cluster network meeting"),
        ),
        description: Localized::new(
            text("Igakuine kohtumine: uudised, rahastusvõimalused ja liikmete tutvustused."),
            text("Ежемесячная встреча: новости, возможности финансирования и презентации участников."),
            None,
        ),
        starts_at: first,
        ends_at: first + 2.hours(),
        venue: text("Jõhvi Kontserdimaja"),
        address: text("Pargi 40, Jõhvi"),
        municipality_code: text("johvi"),
        status: EventStatus::Published,
        organiser: text("SA Ida-Viru Ettevõtluskeskus"),
        capacity: Some(60),
        registration: "open".into(),
        languages: vec!["et".into(), "ru".into()],
        recurrence: Some("FREQ=MONTHLY;BYDAY=1TH;COUNT=13".into()),
        exceptions: vec![
            Exception {
                original_start: tallinn(moved_day, 16, 0),
                moved: Some((
                    tallinn(moved_day.checked_add(7.days()).expect("a date within range"), 16, 0),
                    tallinn(moved_day.checked_add(7.days()).expect("a date within range"), 18, 0),
                )),
                cancelled: false,
            },
            Exception {
                original_start: tallinn(cancelled_day, 16, 0),
                moved: None,
                cancelled: true,
            },
        ],
        ..EventForCreate::default()
    });
    let training = |days: i64, slug: &str, title: [Option<String>; 3], online: bool| {
        let day = today.checked_add(days.days()).expect("a date within range");
        let starts_at = tallinn(day, 10, 0);
        let [et, ru, en] = title;
        EventForCreate {
            slug: slug.to_owned(),
            type_code: "training".into(),
            title: Localized::new(et, ru, en),
            description: Localized::default(),
            starts_at,
            ends_at: starts_at + 6.hours(),
            all_day: false,
            venue: (!online).then(|| "Narva Kolledž".to_owned()),
            address: (!online).then(|| "Raekoja plats 2, Narva".to_owned()),
            municipality_code: (!online).then(|| "narva".to_owned()),
            online_url: online.then(|| "https://meet.example/loomeklaster".to_owned()),
            status: EventStatus::Published,
            capacity: Some(20),
            registration: "open".into(),
            languages: if online {
                vec!["et".into()]
            } else {
                vec!["et".into(), "ru".into()]
            },
            ..EventForCreate::default()
        }
    };
    events.push(training(
        9,
        "koolitus-rahastus",
        [
            text("Kust leida raha loomeprojektile?"),
            text("Где найти деньги на креативный проект?"),
            text("Funding your creative project"),
        ],
        false,
    ));
    events.push(training(
        23,
        "koolitus-turundus-veebis",
        [
            text("Turundus sotsiaalmeedias loomeettevõttele"),
            None,
            None,
        ],
        true,
    ));
    events.push(training(
        -40,
        "koolitus-hinnastamine",
        [
            text("Kuidas hinnastada loometööd"),
            text("Как оценивать творческую работу"),
            None,
        ],
        false,
    ));
    let fair_day = today.checked_add(60.days()).expect("a date within range");
    events.push(EventForCreate {
        slug: "ida-viru-kultuurilaat".into(),
        type_code: "fair".into(),
        title: Localized::new(text("Ida-Viru Kultuurilaat"), text("Культурная ярмарка Ида-Вирумаа"), text("Ida-Viru Culture Fair")),
        description: Localized::new(
            text("Maakonna loomeettevõtjate aastalaat: müük, esinemised ja töötoad."),
            text("Ежегодная ярмарка креативных предпринимателей уезда: продажа, выступления и мастер-классы."),
            text("The county's yearly fair of creative businesses: sales, performances and workshops."),
        ),
        starts_at: tallinn(fair_day, 0, 0),
        ends_at: tallinn(fair_day.checked_add(1.day()).expect("a date within range"), 23, 59),
        all_day: true,
        venue: text("Kreenholmi manufaktuur"),
        address: text("Joala 21, Narva"),
        municipality_code: text("narva"),
        online_url: None,
        status: EventStatus::Published,
        languages: vec!["et".into(), "ru".into(), "en".into()],
        ..EventForCreate::default()
    });
    let consultation_day = today.checked_add(30.days()).expect("a date within range");
    events.push(EventForCreate {
        slug: "noustamine-johvi".into(),
        type_code: "counselling".into(),
        title: Localized::new(
            text("Loomeettevõtja nõustamine Jõhvis"),
            text("Консультации для креативных предпринимателей в Йыхви"),
            text("Counselling for creative entrepreneurs in Jõhvi"),
        ),
        description: Localized::new(
            text("Pooletunnised vestlused ärinõustajaga: äriplaan, toetused, hinnastamine. Kohti on vähe."),
            text("Получасовые беседы с бизнес-консультантом: бизнес-план, гранты, ценообразование. Мест мало."),
            None,
        ),
        starts_at: tallinn(consultation_day, 10, 0),
        ends_at: tallinn(consultation_day, 13, 0),
        venue: text("Ida-Viru Ettevõtluskeskus"),
        address: text("Keskväljak 4, Jõhvi"),
        municipality_code: text("johvi"),
        status: EventStatus::Published,
        organiser: text("SA Ida-Viru Ettevõtluskeskus"),
        capacity: Some(2),
        registration: "open".into(),
        languages: vec!["et".into(), "ru".into()],
        ..EventForCreate::default()
    });
    let counselling_day = today.checked_add(16.days()).expect("a date within range");
    events.push(EventForCreate {
        slug: "noustamispaev-sillamae".into(),
        type_code: "counselling".into(),
        title: Localized::new(
            text("Nõustamispäev Sillamäel"),
            text("День консультаций в Силламяэ"),
            None,
        ),
        description: Localized::default(),
        starts_at: tallinn(counselling_day, 12, 0),
        ends_at: tallinn(counselling_day, 16, 0),
        all_day: false,
        venue: text("Sillamäe Kultuurikeskus"),
        address: None,
        municipality_code: text("sillamae"),
        online_url: None,
        status: EventStatus::Cancelled,
        languages: vec!["ru".into(), "et".into()],
        ..EventForCreate::default()
    });
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_events_spread_around_today_and_have_unique_slugs() {
        let today = jiff::civil::date(2026, 11, 26);
        let events = events(today);
        let now = super::tallinn(today, 12, 0);
        assert!(events.iter().any(|e| e.ends_at < now));
        assert!(events.iter().filter(|e| e.starts_at > now).count() >= 4);
        let series = events.iter().find(|e| e.recurrence.is_some()).unwrap();
        let meetings = app::events::series::occurrences(
            series.starts_at,
            series.ends_at,
            series.recurrence.as_deref().unwrap(),
            &series.exceptions,
            jiff::Timestamp::MIN,
            jiff::Timestamp::MAX,
        )
        .unwrap();
        assert_eq!(meetings.len(), 13);
        assert!(meetings.iter().filter(|m| m.starts_at > now).count() >= 6);
        assert_eq!(meetings.iter().filter(|m| m.moved).count(), 1);
        assert_eq!(meetings.iter().filter(|m| m.cancelled).count(), 1);
        let mut slugs: Vec<_> = events.iter().map(|e| &e.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), events.len());
    }

    #[tokio::test]
    async fn the_demo_directory_imports_whole_with_only_reserved_example_contacts() {
        let pool = app::platform::db::connect("sqlite::memory:", 1)
            .await
            .unwrap();
        app::platform::db::MIGRATOR.run(&pool).await.unwrap();
        assert!(seed_if_empty(&pool).await.unwrap());
        let entries: Vec<(String, String, String, String)> =
            sqlx::query_as("SELECT slug, email, website, phone FROM organisations")
                .fetch_all(&pool)
                .await
                .unwrap();
        assert!(entries.len() >= 40, "{}", entries.len());
        for (slug, email, website, phone) in &entries {
            assert!(
                email.ends_with(".example") && website.ends_with(".example"),
                "{slug}"
            );
            assert!(phone.starts_with("+372 5550 "), "{slug}: {phone}");
        }
        let links: Vec<String> = sqlx::query_scalar("SELECT url FROM organisation_links")
            .fetch_all(&pool)
            .await
            .unwrap();
        assert!(links.iter().all(|l| l.contains(".example/")), "{links:?}");
        assert!(
            !seed_if_empty(&pool).await.unwrap(),
            "only into an empty database"
        );
    }
}
