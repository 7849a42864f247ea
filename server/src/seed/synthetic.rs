//! Deterministic synthetic data: realistic but fictional entries and events in Estonian,
//! Russian and English. The same seed and anchor date always give the same rows.

use super::tallinn;
use app::entries::Entry;
use app::events::EventStatus;
use app::events::model::EventForCreate;
use app::events::series::{Repeat, Until, rule};
use app::funding::CallStatus;
use app::funding::deadlines::Rule;
use app::funding::model::Call;
use app::shared::Localized;
use jiff::{ToSpan, civil::Date};
use rand::{Rng, SeedableRng, seq::IndexedRandom};
use rand_chacha::ChaCha8Rng;
use sqlx::SqlitePool;

const MUNICIPALITIES: &[&str] = &[
    "narva",
    "narva",
    "narva",
    "johvi",
    "johvi",
    "kohtla-jarve",
    "kohtla-jarve",
    "sillamae",
    "narva-joesuu",
    "toila",
    "alutaguse",
    "luganuse",
    "harju",
    "tartu",
    "laane-viru",
    "parnu",
];
const KINDS: &[&str] = &[
    "company",
    "company",
    "company",
    "non-profit",
    "sole-trader",
    "freelancer",
    "public-institution",
    "other",
];
const NAME_STEMS: &[&str] = &[
    "Valgus",
    "Kreenholm",
    "Põlevkivi",
    "Rand",
    "Kivi",
    "Meri",
    "Tuul",
    "Linn",
    "Piir",
    "Sild",
    "Kaja",
    "Jõe",
    "Narova",
    "Ida",
    "Kask",
    "Heli",
    "Pilt",
    "Vorm",
    "Lõim",
    "Savi",
];
const NAME_ENDINGS: &[&str] = &[
    "stuudio",
    "koda",
    "disain",
    "film",
    "muusika",
    "teater",
    "galerii",
    "töökoda",
    "meedia",
    "labor",
    "kirjastus",
    "mängud",
];
const LEGAL_FORMS: &[&str] = &["OÜ", "MTÜ", "FIE", "", ""];
const LANGUAGES: &[&[&str]] = &[
    &["et", "ru"],
    &["ru"],
    &["et"],
    &["et", "ru", "en"],
    &["ru", "en"],
    &["et", "en"],
    &["ru", "et", "uk"],
];

/// Sector code, then a description in et, ru, en.
const SECTORS: &[(&str, [&str; 3])] = &[
    (
        "architecture",
        [
            "Arhitektuuri- ja sisekujundusbüroo.",
            "Архитектурное бюро и дизайн интерьеров.",
            "Architecture and interior design office.",
        ],
    ),
    (
        "film",
        [
            "Video- ja filmitootmine, droonifilmimine ja montaaž.",
            "Видео- и кинопроизводство, съёмка с дрона и монтаж.",
            "Video and film production, drone filming and editing.",
        ],
    ),
    (
        "design",
        [
            "Graafiline disain, brändid ja pakendid.",
            "Графический дизайн, бренды и упаковка.",
            "Graphic design, brands and packaging.",
        ],
    ),
    (
        "performing-arts",
        [
            "Teatrietendused, tantsulavastused ja festivalid.",
            "Театральные постановки, танцевальные спектакли и фестивали.",
            "Theatre, dance productions and festivals.",
        ],
    ),
    (
        "publishing",
        [
            "Raamatute ja ajakirjade kirjastamine.",
            "Издание книг и журналов.",
            "Publishing books and magazines.",
        ],
    ),
    (
        "heritage-crafts",
        [
            "Käsitöö, restaureerimine ja pärandkultuur.",
            "Ремёсла, реставрация и культурное наследие.",
            "Crafts, restoration and heritage.",
        ],
    ),
    (
        "visual-art",
        [
            "Maal, graafika ja näitused.",
            "Живопись, графика и выставки.",
            "Painting, printmaking and exhibitions.",
        ],
    ),
    (
        "music",
        [
            "Helisalvestus, kontserdid ja muusikaõpe.",
            "Звукозапись, концерты и обучение музыке.",
            "Sound recording, concerts and music lessons.",
        ],
    ),
    (
        "advertising",
        [
            "Reklaamikampaaniad ja sotsiaalmeedia turundus.",
            "Рекламные кампании и маркетинг в соцсетях.",
            "Advertising campaigns and social media marketing.",
        ],
    ),
    (
        "games",
        [
            "Mobiilimängud ja interaktiivsed lahendused.",
            "Мобильные игры и интерактивные решения.",
            "Mobile games and interactive media.",
        ],
    ),
    (
        "creative-education",
        [
            "Loovtöötoad lastele ja täiskasvanutele.",
            "Творческие мастерские для детей и взрослых.",
            "Creative workshops for children and adults.",
        ],
    ),
    (
        "events-festivals",
        [
            "Sündmuste ja festivalide korraldamine.",
            "Организация мероприятий и фестивалей.",
            "Organising events and festivals.",
        ],
    ),
];

/// Event type, then a title in et, ru, en.
const EVENT_TITLES: &[(&str, [&str; 3])] = &[
    (
        "network-meeting",
        ["Võrgustiku kohtumine", "Встреча сети", "Network meeting"],
    ),
    (
        "engagement-meeting",
        [
            "Arengukava kaasamiskoosolek",
            "Собрание по плану развития",
            "Development plan engagement meeting",
        ],
    ),
    (
        "training",
        [
            "Koolitus: projektide kirjutamine",
            "Обучение: написание проектов",
            "Training: writing project proposals",
        ],
    ),
    (
        "training",
        [
            "Koolitus: hinnastamine",
            "Обучение: ценообразование",
            "Training: pricing creative work",
        ],
    ),
    ("fair", ["Loomelaat", "Креативная ярмарка", "Creative fair"]),
    (
        "counselling",
        [
            "Rahastusnõustamine",
            "Консультация по финансированию",
            "Funding counselling",
        ],
    ),
    (
        "other",
        ["Stuudiokülastus", "Визит в студию", "Studio visit"],
    ),
];

pub struct Generated {
    pub organisations: Vec<Entry>,
    pub events: Vec<EventForCreate>,
    /// Funding calls and the status each is stored with: see [`calls`].
    pub calls: Vec<(Call, CallStatus)>,
}

pub fn generate(members: u32, events: u32, seed: u64, anchor: Date) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let organisations = (0..members)
        .map(|index| organisation(&mut rng, seed, index))
        .collect();
    let events = (0..events)
        .map(|index| event(&mut rng, seed, index, anchor))
        .collect();
    Generated {
        organisations,
        events,
        calls: Vec::new(),
    }
}

const FUNDERS: &[&str] = &[
    "Eesti Kultuurkapital",
    "Ettevõtluse ja Innovatsiooni Sihtasutus",
    "Riigi Tugiteenuste Keskus",
    "Narva Linnavalitsus",
    "Ida-Viru Maakonna Arenduskeskus",
    "Interreg Eesti-Läti",
    "Loov Euroopa",
];
const CALL_TOPICS: &[[&str; 3]] = &[
    [
        "loomeprojektide toetus",
        "поддержка творческих проектов",
        "creative project grants",
    ],
    [
        "ekspordi arendamine",
        "развитие экспорта",
        "export development",
    ],
    ["sündmuste toetus", "поддержка мероприятий", "event grants"],
    [
        "täiendõppe stipendium",
        "стипендия на обучение",
        "training grants",
    ],
    [
        "investeeringutoetus",
        "инвестиционная поддержка",
        "investment grants",
    ],
];

/// `count` funding calls around `anchor`: most open with one to three deadlines in the year
/// ahead or a quarterly rule, some announced, paused or closed; eligibility, amounts and
/// titles drawn from the lists. The same seed and anchor give the same calls.
pub fn calls(count: u32, seed: u64, anchor: Date) -> Vec<(Call, CallStatus)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(0xca11));
    let rules = [
        "02-20 05-20 08-20 11-20 @ 23:59 next-working-day",
        "03-15 09-15 @ 16:00 next-working-day",
        "01-31 @ 23:59",
    ];
    (0..count)
        .map(|index| {
            let [et, ru, en] = *CALL_TOPICS.choose(&mut rng).expect("topics");
            let funder = pick(&mut rng, FUNDERS).to_owned();
            let status = match rng.random_range(0..10) {
                0 => CallStatus::Forecast,
                1 => CallStatus::Paused,
                2 => CallStatus::Closed,
                _ => CallStatus::Open,
            };
            let (rule, deadlines) = if rng.random_bool(0.3) {
                (Rule::parse(pick(&mut rng, &rules)).ok(), Vec::new())
            } else {
                let mut deadlines: Vec<_> = (0..rng.random_range(1..=3))
                    .map(|_| {
                        anchor
                            .checked_add(rng.random_range(-60..=365_i64).days())
                            .expect("a date within range")
                            .at(
                                if rng.random_bool(0.5) { 23 } else { 16 },
                                if rng.random_bool(0.5) { 59 } else { 0 },
                                0,
                                0,
                            )
                    })
                    .collect();
                deadlines.sort();
                deadlines.dedup();
                (None, deadlines)
            };
            let sector_count = rng.random_range(0..=3);
            let mut sectors: Vec<String> = SECTORS
                .choose_multiple(&mut rng, sector_count)
                .map(|(code, _)| (*code).to_owned())
                .collect();
            sectors.sort();
            let municipalities = if rng.random_bool(0.5) {
                Vec::new()
            } else {
                vec![pick(&mut rng, MUNICIPALITIES).to_owned()]
            };
            let kinds = if rng.random_bool(0.6) {
                Vec::new()
            } else {
                vec![pick(&mut rng, KINDS).to_owned()]
            };
            let most = rng.random_range(1..=200) * 500;
            let call = Call {
                title: partly_translated(
                    &mut rng,
                    [
                        format!("{funder}: {et} {index}"),
                        format!("{funder}: {ru} {index}"),
                        format!("{funder}: {en} {index}"),
                    ],
                ),
                summary: Localized::new(Some(format!("{et} ({seed}-{index})")), None, None),
                funder,
                kinds,
                sectors,
                municipalities,
                amount_min: rng.random_bool(0.5).then_some(most / 10),
                amount_max: Some(most),
                url: Some(format!("https://rahastus.example/{seed}/{index}")),
                rule,
                deadlines,
                ..Call::default()
            };
            (call, status)
        })
        .collect()
}

/// Inserts everything in one transaction: all or nothing. Slugs carry the seed, so several
/// seeds can be added to one database.
pub async fn insert(pool: &SqlitePool, generated: &Generated) -> app::platform::db::Result<()> {
    let mut tx = app::platform::db::write(pool).await?;
    let organisations: Vec<_> = (generated.organisations.iter())
        .map(|entry| (entry, entry.slug.as_str()))
        .collect();
    app::entries::store::insert(&mut tx, &organisations).await?;
    for event in &generated.events {
        app::events::store::insert(&mut tx, event).await?;
    }
    for (call, status) in &generated.calls {
        app::funding::store::insert(&mut tx, call, *status)
            .await
            .map_err(|error| sqlx::Error::Protocol(format!("a synthetic call: {error}")))?;
    }
    tx.commit().await?;
    Ok(())
}

fn pick<'a, T: ?Sized>(rng: &mut ChaCha8Rng, items: &'a [&'a T]) -> &'a T {
    items.choose(rng).expect("a non-empty list")
}

/// Drops the Russian or English version now and then, as real entries do.
fn partly_translated(rng: &mut ChaCha8Rng, [et, ru, en]: [String; 3]) -> Localized {
    let keep = |rng: &mut ChaCha8Rng, text: String| rng.random_bool(0.7).then_some(text);
    let ru = keep(rng, ru);
    let en = keep(rng, en);
    Localized::new(Some(et), ru, en)
}

fn organisation(rng: &mut ChaCha8Rng, seed: u64, index: u32) -> Entry {
    let stem = pick(rng, NAME_STEMS);
    let ending = pick(rng, NAME_ENDINGS);
    let legal = pick(rng, LEGAL_FORMS);
    let name = format!("{stem}{ending} {legal}").trim().to_owned();
    let slug = format!("{}-s{seed}-{index}", slugify(&format!("{stem}{ending}")));
    let sector_count = rng.random_range(1..=3);
    let mut sectors: Vec<_> = SECTORS.choose_multiple(rng, sector_count).collect();
    sectors.sort_by_key(|(code, _)| *code);
    let description = sectors.iter().fold(
        [String::new(), String::new(), String::new()],
        |mut all, (_, texts)| {
            for (text, part) in all.iter_mut().zip(texts) {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(part);
            }
            all
        },
    );
    Entry {
        name,
        kind: pick(rng, KINDS).to_owned(),
        municipality: pick(rng, MUNICIPALITIES).to_owned(),
        description: partly_translated(rng, description),
        services: Localized::default(),
        website: Some(format!("https://{slug}.example")),
        email: Some(format!("info@{slug}.example")),
        phone: Some(format!("+372 5550 {:04}", rng.random_range(0..10_000))),
        // Registry codes are unique, and several seeds may share a database: none here.
        registry_code: None,
        founded_year: Some(rng.random_range(1990..=2026)),
        // Most on their own, few large; from the index, so that the rest is drawn as before.
        size: Some(
            [
                "1", "1", "1", "1", "1", "2-9", "2-9", "2-9", "10-49", "50-249",
            ][index as usize % 10]
                .to_owned(),
        ),
        is_member: rng.random_bool(0.4),
        sectors: sectors.iter().map(|(code, _)| (*code).to_owned()).collect(),
        languages: pick(rng, LANGUAGES)
            .iter()
            .map(|l| (*l).to_owned())
            .collect(),
        links: Vec::new(),
        slug,
        is_published: true,
    }
}

fn event(rng: &mut ChaCha8Rng, seed: u64, index: u32, anchor: Date) -> EventForCreate {
    let (type_code, [et, ru, en]) = *EVENT_TITLES.choose(rng).expect("event titles");
    let day = anchor
        .checked_add(rng.random_range(-365..=365_i64).days())
        .expect("a date within range");
    let starts_at = tallinn(
        day,
        rng.random_range(9..=18),
        *[0, 30].choose(rng).expect("minutes"),
    );
    let online = rng.random_bool(0.2);
    let municipality = (!online).then(|| pick(rng, MUNICIPALITIES).to_owned());
    let status = match rng.random_range(0..20) {
        0 => EventStatus::Cancelled,
        1 => EventStatus::Draft,
        _ => EventStatus::Published,
    };
    EventForCreate {
        slug: format!("{}-{}-s{seed}-{index}", type_code, day.strftime("%Y-%m-%d")),
        type_code: type_code.to_owned(),
        title: partly_translated(rng, [et.to_owned(), ru.to_owned(), en.to_owned()]),
        description: Localized::default(),
        starts_at,
        ends_at: starts_at + rng.random_range(1..=8_i64).hours(),
        all_day: false,
        venue: municipality.as_ref().map(|_| "Kultuurikeskus".to_owned()),
        address: None,
        municipality_code: municipality,
        online_url: online.then(|| "https://meet.example/loomeklaster".to_owned()),
        status,
        capacity: rng.random_bool(0.5).then(|| rng.random_range(10..=200)),
        registration: ["none", "open", "closed"]
            .choose(rng)
            .expect("registration")
            .to_string(),
        // One in twenty is a series: weekly, fortnightly or monthly, six times.
        recurrence: rng.random_bool(0.05).then(|| {
            let repeat = *[
                Repeat::Weekly,
                Repeat::EveryTwoWeeks,
                Repeat::MonthlyByDate,
                Repeat::MonthlyByWeekday,
            ]
            .choose(rng)
            .expect("repeats");
            rule(repeat, Until::Count(6), starts_at)
        }),
        languages: match rng.random_range(0..4) {
            0 => &["et"][..],
            1 => &["ru"],
            2 => &["et", "ru"],
            _ => &["et", "ru", "en"],
        }
        .iter()
        .map(|code| (*code).to_owned())
        .collect(),
        ..EventForCreate::default()
    }
}

/// Lower-case ASCII letters and digits, Estonian letters folded, other characters dropped.
fn slugify(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'õ' | 'ö' => Some('o'),
            'ä' => Some('a'),
            'ü' => Some('u'),
            'š' => Some('s'),
            'ž' => Some('z'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
        let anchor = jiff::civil::date(2026, 11, 26);
        let names = |seed| {
            generate(30, 10, seed, anchor)
                .organisations
                .into_iter()
                .map(|o| o.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(7), names(7));
        assert_ne!(names(7), names(8));
        let slugs = |seed| {
            generate(0, 20, seed, anchor)
                .events
                .into_iter()
                .map(|e| e.slug)
                .collect::<Vec<_>>()
        };
        assert_eq!(slugs(3), slugs(3));
    }

    #[test]
    fn generated_data_is_plausible() {
        let anchor = jiff::civil::date(2026, 11, 26);
        let data = generate(200, 100, 1, anchor);
        assert!(
            data.organisations
                .iter()
                .all(|o| !o.sectors.is_empty() && o.description.get(app::i18n::Lang::Et).is_some())
        );
        assert!(
            data.organisations
                .iter()
                .any(|o| o.description.get(app::i18n::Lang::Ru).is_none())
        );
        let noon = tallinn(anchor, 12, 0);
        assert!(data.events.iter().any(|e| e.starts_at < noon));
        assert!(data.events.iter().any(|e| e.starts_at > noon));
        assert!(data.events.iter().all(|e| e.ends_at > e.starts_at));
        let series: Vec<_> = data
            .events
            .iter()
            .filter(|e| e.recurrence.is_some())
            .collect();
        assert!(!series.is_empty(), "some events are series");
        for event in series {
            let rule = event.recurrence.as_deref().unwrap();
            let all = app::events::series::occurrences(
                event.starts_at,
                event.ends_at,
                rule,
                &[],
                jiff::Timestamp::MIN,
                jiff::Timestamp::MAX,
            )
            .unwrap();
            assert_eq!(all.len(), 6, "{rule}");
        }
    }
}
