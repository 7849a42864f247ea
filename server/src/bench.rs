//! `server bench-search`: the directory search under a fixed, seeded mix of queries, timed
//! call by call, with the percentiles per kind of query. `server bench-newsletter`: drafting an
//! edition, timed, and one edition sent to every confirmed subscriber. `server
//! bench-certificate`: a certificate of attendance written as a PDF, timed, and its size.
//! `server bench-report`: the report for funders over a year of events and registrations.

use crate::config::BenchSearchArgs;
use crate::seed;
use anyhow::{Context, bail};
use app::directory::{DirectoryCache, DirectoryQuery};
use app::i18n::Lang;
use app::platform::vocabulary::{KINDS, LANGUAGES, Vocabulary};
use rand::{Rng, SeedableRng, seq::IndexedRandom};
use rand_chacha::ChaCha8Rng;
use sqlx::SqlitePool;
use std::time::{Duration, Instant};

/// What a query of the mix exercises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Empty,
    Prefix,
    Word,
    MultiWord,
    Filtered,
    Typo,
    Cyrillic,
    Syntax,
}

/// The share of each kind in the mix, in percent.
const MIX: [(Kind, u32); 8] = [
    (Kind::Empty, 10),
    (Kind::Prefix, 20),
    (Kind::Word, 10),
    (Kind::MultiWord, 15),
    (Kind::Filtered, 20),
    (Kind::Typo, 10),
    (Kind::Cyrillic, 10),
    (Kind::Syntax, 5),
];

const PREFIXES: &[&str] = &[
    "di", "dis", "mu", "muu", "vid", "tea", "fes", "gra", "kir", "mä", "sal", "lab", "stu", "kas",
];
const WORDS: &[&str] = &[
    "disain",
    "muusika",
    "teater",
    "video",
    "galerii",
    "kirjastus",
    "festivalid",
    "graafika",
    "narva",
    "jõhvi",
    "sillamäe",
    "stuudio",
    "design",
    "music",
    "theatre",
    "johvi",
];
const MULTI_WORDS: &[&str] = &[
    "video narva",
    "disain jõhvi",
    "muusika kontserdid",
    "graafiline disain",
    "teater tants",
    "stuudio sillamäe",
    "mobile games",
    "käsitöö restaureerimine",
    "kivi koda toila",
];
const TYPOS: &[&str] = &[
    "dizain",
    "muusica",
    "teaater",
    "galeri",
    "kirjastys",
    "festivaal",
    "grafiline",
    "stuudjo",
];
const CYRILLIC: &[&str] = &[
    "театр",
    "дизайн",
    "Нарва",
    "музыка",
    "видео",
    "издание книг",
    "Силламяэ",
    "фестиваль",
];
const SYNTAX: &[&str] = &[
    "\"disain",
    "video*",
    "-muusika",
    "name:teater",
    "(film OR video)",
    "NEAR(a b)",
    "AND",
    "disain NOT video",
];
const SECTORS: &[&str] = &[
    "architecture",
    "film",
    "design",
    "performing-arts",
    "publishing",
    "heritage-crafts",
    "visual-art",
    "music",
    "advertising",
    "games",
    "creative-education",
    "events-festivals",
];
const MUNICIPALITIES: &[&str] = &[
    "narva",
    "johvi",
    "kohtla-jarve",
    "sillamae",
    "toila",
    "harju",
];

/// The fixed mix: the same seed gives the same queries in the same order.
fn query_mix(count: u32, seed: u64) -> Vec<(Kind, Lang, DirectoryQuery)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let total: u32 = MIX.iter().map(|(_, share)| share).sum();
    (0..count)
        .map(|i| {
            let mut roll = rng.random_range(0..total);
            let kind = MIX
                .iter()
                .find(|(_, share)| {
                    let hit = roll < *share;
                    roll = roll.saturating_sub(*share);
                    hit
                })
                .map(|(kind, _)| *kind)
                .expect("a kind for every roll");
            let lang = Lang::ALL[i as usize % 3];
            let text = |rng: &mut ChaCha8Rng, list: &[&str]| maybe(rng, 1.0, list);
            let mut query = DirectoryQuery::default();
            match kind {
                Kind::Empty => {
                    query.page =
                        (rng.random_bool(0.5)).then(|| rng.random_range(2..50).to_string());
                }
                Kind::Prefix => query.q = text(&mut rng, PREFIXES),
                Kind::Word => query.q = text(&mut rng, WORDS),
                Kind::MultiWord => query.q = text(&mut rng, MULTI_WORDS),
                Kind::Typo => query.q = text(&mut rng, TYPOS),
                Kind::Cyrillic => query.q = text(&mut rng, CYRILLIC),
                Kind::Syntax => query.q = text(&mut rng, SYNTAX),
                Kind::Filtered => {
                    let words = if rng.random_bool(0.5) {
                        WORDS
                    } else {
                        PREFIXES
                    };
                    query.q = maybe(&mut rng, 0.6, words);
                    query.sector = maybe(&mut rng, 0.6, SECTORS);
                    query.municipality = maybe(&mut rng, 0.5, MUNICIPALITIES);
                    query.language = maybe(&mut rng, 0.3, &LANGUAGES);
                    query.kind = maybe(&mut rng, 0.2, &KINDS);
                    query.member = rng.random_bool(0.3).then(|| "1".to_owned());
                    if query == DirectoryQuery::default() {
                        query.member = Some("1".to_owned());
                    }
                }
            }
            (kind, lang, query)
        })
        .collect()
}

/// One of `list` with the given probability.
fn maybe(rng: &mut ChaCha8Rng, probability: f64, list: &[&str]) -> Option<String> {
    rng.random_bool(probability)
        .then(|| (*list.choose(rng).expect("a non-empty list")).to_owned())
}

/// Seeds the database when it is empty, then times every query of the mix.
pub async fn run(pool: &SqlitePool, args: &BenchSearchArgs) -> anyhow::Result<()> {
    let present: i64 = sqlx::query_scalar("SELECT count(*) FROM organisations")
        .fetch_one(pool)
        .await?;
    if present == 0 {
        let started = Instant::now();
        // A fixed anchor: the data does not depend on the day the benchmark runs.
        let anchor = jiff::civil::date(2026, 1, 1);
        let generated = seed::synthetic::generate(args.entries, 0, args.seed, anchor);
        seed::synthetic::insert(pool, &generated)
            .await
            .context("seeding the benchmark database")?;
        println!(
            "seeded {} synthetic entries (seed {}) in {:.1} s",
            args.entries,
            args.seed,
            started.elapsed().as_secs_f64()
        );
    } else if present != i64::from(args.entries) {
        bail!(
            "the database has {present} entries, not {}: give an empty database (--database-url) or the same --entries",
            args.entries
        );
    }

    // Every query computed: the benchmark measures the search, not the answer cache.
    let cache = DirectoryCache::without_answers();
    let vocabulary = Vocabulary::load(pool).await?;
    let started = Instant::now();
    cache.current(pool, &vocabulary).await?;
    println!(
        "loaded the filter table of {} entries in {:.1} ms",
        args.entries,
        started.elapsed().as_secs_f64() * 1000.0
    );

    let mix = query_mix(args.queries, args.seed);
    // One untimed pass warms SQLite's page cache, as a running server's would be.
    for (_, lang, query) in &mix {
        cache
            .answer(pool, &vocabulary, *lang, query.clone())
            .await?;
    }
    let mut timings: Vec<(Kind, Duration)> = Vec::with_capacity(mix.len());
    for (kind, lang, query) in mix {
        let started = Instant::now();
        let view = cache.answer(pool, &vocabulary, lang, query).await?;
        // The server function's answer is this value as JSON: encoding it is part of the call.
        let body = serde_json::to_string(&view)?;
        timings.push((kind, started.elapsed()));
        std::hint::black_box(body);
    }

    println!(
        "search server function (facet counts and JSON included), {} entries, {} queries:",
        args.entries, args.queries
    );
    print_line("all", timings.iter().map(|(_, t)| *t).collect());
    for (kind, _) in MIX {
        let of_kind = timings
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, t)| *t)
            .collect();
        print_line(&format!("{kind:?}"), of_kind);
    }
    Ok(())
}

fn print_line(label: &str, mut timings: Vec<Duration>) {
    if timings.is_empty() {
        return;
    }
    timings.sort();
    let at = |p: f64| {
        let rank = ((p * timings.len() as f64).ceil() as usize).clamp(1, timings.len());
        timings[rank - 1].as_secs_f64() * 1000.0
    };
    println!(
        "  {label:<10} n={:<5} p50 {:>6.2} ms  p95 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms",
        timings.len(),
        at(0.50),
        at(0.95),
        at(0.99),
        at(1.0)
    );
}

/// Drafts an edition `args.runs` times from the calendar and the directory in the database and
/// prints the times (the first includes loading the calendar into memory); with `args.send`,
/// starts an edition from the draft and sends it to every confirmed subscriber.
pub async fn newsletter(
    pool: &SqlitePool,
    args: &crate::config::BenchNewsletterArgs,
) -> anyhow::Result<()> {
    use app::platform::audit::Actor;
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    let calendar = app::events::CalendarCache::default();
    let funding = app::funding::FundingCache::default();
    let mut times = Vec::new();
    let mut form = None;
    for _ in 0..args.runs {
        let started = Instant::now();
        let drafted =
            app::newsletter::store::draft(pool, &calendar, &funding, jiff::Timestamp::now())
                .await
                .context("drafting an edition")?;
        times.push(started.elapsed());
        form = Some(drafted);
    }
    let form = form.expect("at least one run");
    let first = times[0];
    let mut warm = times[1..].to_vec();
    warm.sort();
    println!(
        "draft: {} items; first (loading the calendar) {:.1} ms; then median {:.2} ms, max {:.2} ms over {} runs",
        form.items.len(),
        ms(first),
        warm.get(warm.len() / 2).map_or(ms(first), |t| ms(*t)),
        warm.last().map_or(ms(first), |t| ms(*t)),
        warm.len()
    );
    if args.send {
        let id = app::newsletter::store::start(pool, &form, Actor::COMMAND_LINE).await?;
        let started = Instant::now();
        let queued = app::newsletter::store::send(pool, id, None, Actor::COMMAND_LINE)
            .await
            .map_err(|error| anyhow::anyhow!("sending the edition: {error}"))?;
        println!(
            "edition {id}: {queued} messages queued in {:.0} ms",
            ms(started.elapsed())
        );
    }
    Ok(())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Writes a certificate of attendance (a long event title, a name in Cyrillic) `args.runs`
/// times in each language and prints its size and the median and slowest time.
pub fn certificate(args: &crate::config::BenchCertificateArgs) -> anyhow::Result<()> {
    use app::certificates::store::Issued;
    use app::shared::Localized;
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    let starts_at: jiff::Timestamp = "2027-03-04T07:00:00Z".parse()?;
    let issued = Issued {
        code: "3f6c1e0a9b2d4c8e7f1a0b3c5d7e9f21".into(),
        name: "Александра Кузнецова-Тамм".into(),
        event_title: Localized::new(
            Some("Loomemajanduse arenguprogramm: ärimudel, hinnastamine ja rahastus Ida-Virumaa loomeettevõtjatele".into()),
            Some("Программа развития креативной экономики: бизнес-модель, ценообразование и финансирование".into()),
            Some("Creative economy development programme: business model, pricing and funding for creative entrepreneurs".into()),
        ),
        starts_at,
        ends_at: starts_at + jiff::SignedDuration::from_mins(390),
        all_day: false,
        organiser: None,
        issued_at: jiff::Timestamp::now(),
    };
    for lang in Lang::ALL {
        let certificate = issued.in_lang(lang);
        let mut times = Vec::new();
        let mut pdf = Vec::new();
        for _ in 0..args.runs {
            let started = Instant::now();
            pdf = app::certificates::pdf::render(&certificate, lang, "https://loomeklaster.ee")
                .map_err(anyhow::Error::msg)?;
            times.push(started.elapsed());
        }
        times.sort();
        if let Some(folder) = &args.keep {
            std::fs::create_dir_all(folder)?;
            std::fs::write(folder.join(format!("certificate-{lang}.pdf")), &pdf)?;
        }
        println!(
            "certificate {lang}: {} bytes; median {:.2} ms, slowest {:.2} ms over {} runs",
            pdf.len(),
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1]),
            args.runs
        );
    }
    Ok(())
}

/// Seeds synthetic entries, events and registrations (once: when the database has no
/// synthetic registrations), then times the report for 2026 `args.runs` times.
pub async fn report(
    pool: &SqlitePool,
    args: &crate::config::BenchReportArgs,
) -> anyhow::Result<()> {
    if args.runs == 0 {
        bail!("--runs must be at least 1");
    }
    let seeded: i64 =
        sqlx::query_scalar("SELECT count(*) FROM registrations WHERE email LIKE '%@bench.example'")
            .fetch_one(pool)
            .await?;
    if seeded == 0 {
        let started = Instant::now();
        let generated = seed::synthetic::generate(
            args.entries,
            args.events,
            args.seed,
            jiff::civil::date(2026, 7, 1),
        );
        seed::synthetic::insert(pool, &generated)
            .await
            .context("seeding the benchmark database")?;
        seed_registrations(pool, args).await?;
        println!(
            "seeded {} entries, {} events and {} registrations (seed {}) in {:.1} s",
            args.entries,
            args.events,
            args.registrations,
            args.seed,
            started.elapsed().as_secs_f64()
        );
    }
    let calendar = app::events::CalendarCache::default();
    let vocabulary = app::platform::vocabulary::Vocabulary::load(pool).await?;
    let query = app::reports::ReportQuery {
        from: Some("2026-01-01".into()),
        to: Some("2026-12-31".into()),
        event_type: None,
        programme: None,
    };
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..args.runs {
        let started = Instant::now();
        let report = app::reports::store::report(pool, &calendar, &vocabulary, Lang::En, &query)
            .await
            .map_err(|error| anyhow::anyhow!("the report: {error}"))?;
        times.push(started.elapsed());
        last = Some(report);
    }
    let first = times[0];
    times.sort();
    if let Some(report) = last {
        println!(
            "report for 2026: {} events held, {} hours, {} registrations, {} people, {} enterprises",
            report.events_held,
            report.hours,
            report.registrations,
            report.people,
            report.enterprises
        );
    }
    println!(
        "first (loading the calendar) {:.1} ms; median {:.1} ms, slowest {:.1} ms over {} runs",
        ms(first),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        args.runs
    );
    Ok(())
}

/// `args.registrations` registrations over the published events of 2026 by 6,000 people
/// (so that many come more than once), from directory entries (most), organisations not in
/// the directory, or none; four in five marked present.
async fn seed_registrations(
    pool: &SqlitePool,
    args: &crate::config::BenchReportArgs,
) -> anyhow::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed.wrapping_add(0x2e9));
    let events: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM events WHERE status = 'published'
         AND starts_at >= '2026-01-01' AND starts_at < '2027-01-01'",
    )
    .fetch_all(pool)
    .await?;
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM organisations")
        .fetch_all(pool)
        .await?;
    if events.is_empty() || names.is_empty() {
        bail!("no events in 2026 or no directory entries to register from");
    }
    let mut tx = app::platform::db::write(pool).await?;
    let mut inserted = 0;
    while inserted < args.registrations {
        let event = *events.choose(&mut rng).expect("events");
        let person = rng.random_range(0..6_000);
        let organisation = match rng.random_range(0..10) {
            0..7 => Some(names.choose(&mut rng).expect("names").clone()),
            7..9 => Some(format!("Bench Studio {}", rng.random_range(0..400))),
            _ => None,
        };
        let attended = rng.random_range(0..5) < 4;
        let done = sqlx::query(
            "INSERT INTO registrations
                 (event_id, name, email, organisation, consent, status, cancel_token, attended_at)
             VALUES (?, ?, ?, ?, 'bench', 'confirmed', ?, CASE WHEN ? THEN '2026-06-01T10:00:00Z' END)
             ON CONFLICT DO NOTHING",
        )
        .bind(event)
        .bind(format!("Person {person}"))
        .bind(format!("person{person}@bench.example"))
        .bind(organisation)
        .bind(format!("{:048x}", rng.random::<u128>()))
        .bind(attended)
        .execute(&mut *tx)
        .await?;
        inserted += done.rows_affected() as u32;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_is_fixed_by_its_seed_and_covers_every_kind() {
        let mix = query_mix(1000, 1);
        assert_eq!(mix, query_mix(1000, 1));
        assert_ne!(mix, query_mix(1000, 2));
        for (kind, share) in MIX {
            let n = mix.iter().filter(|(k, _, _)| *k == kind).count() as u32;
            assert!(n.abs_diff(share * 10) < 40, "{kind:?}: {n}");
        }
    }
}
