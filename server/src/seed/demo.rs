//! The demo data: fictional creative organisations of Ida-Viru County and a year of events
//! around today, so that a newcomer sees a living site. No real person's contact details.

use super::{tallinn, text, today_in_tallinn};
use app::db::{events::EventForCreate, organisations::OrganisationForCreate};
use app::domain::Localized;
use jiff::{ToSpan, civil::Date};
use sqlx::SqlitePool;

/// Adds the demo data when the database has neither entries nor events. Returns whether it did.
pub async fn seed_if_empty(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    if !app::db::is_empty(pool).await? {
        return Ok(false);
    }
    let mut tx = pool.begin().await?;
    for entry in organisations() {
        app::db::organisations::insert(&mut tx, &entry).await?;
    }
    for event in events(today_in_tallinn()) {
        app::db::events::insert(&mut tx, &event).await?;
    }
    tx.commit().await?;
    tracing::info!("added the demo data to the empty database");
    Ok(true)
}

struct Entry {
    slug: &'static str,
    name: &'static str,
    kind: &'static str,
    municipality: &'static str,
    sectors: &'static [&'static str],
    languages: &'static [&'static str],
    member: bool,
    founded: i64,
    description: [Option<&'static str>; 3],
}

const ENTRIES: &[Entry] = &[
    Entry {
        slug: "narva-valguskoda",
        name: "Narva Valguskoda OÜ",
        kind: "company",
        municipality: "narva",
        sectors: &["film", "advertising"],
        languages: &["ru", "et", "en"],
        member: true,
        founded: 2016,
        description: [
            Some(
                "Videoproduktsioon, reklaamklipid ja dokumentaalfilmid Narvas ja kogu Ida-Virumaal.",
            ),
            Some(
                "Видеопродакшн, рекламные ролики и документальные фильмы в Нарве и по всей Ида-Вирумаа.",
            ),
            Some(
                "Video production, commercials and documentaries in Narva and across Ida-Viru County.",
            ),
        ],
    },
    Entry {
        slug: "johvi-helistuudio",
        name: "Jõhvi Helistuudio",
        kind: "sole-trader",
        municipality: "johvi",
        sectors: &["music"],
        languages: &["et", "ru"],
        member: true,
        founded: 2019,
        description: [
            Some("Salvestus, miksimine ja masterdamine; helikujundus teatrile ja filmile."),
            Some("Запись, сведение и мастеринг; звуковое оформление для театра и кино."),
            None,
        ],
    },
    Entry {
        slug: "kohtla-jarve-teatriuhing",
        name: "Kohtla-Järve Teatriühing MTÜ",
        kind: "non-profit",
        municipality: "kohtla-jarve",
        sectors: &["performing-arts", "creative-education"],
        languages: &["ru", "et"],
        member: true,
        founded: 2008,
        description: [
            Some(
                "Noorte- ja harrastusteater, etendused vene ja eesti keeles ning näitlejaõppe stuudio.",
            ),
            Some(
                "Молодёжный и любительский театр: спектакли на русском и эстонском языках и студия актёрского мастерства.",
            ),
            None,
        ],
    },
    Entry {
        slug: "sillamae-linnamuuseum",
        name: "Sillamäe Linnamuuseum",
        kind: "public-institution",
        municipality: "sillamae",
        sectors: &["heritage-crafts", "creative-education"],
        languages: &["ru", "et", "en"],
        member: false,
        founded: 1999,
        description: [
            Some(
                "Linna ajaloo ja stalinistliku arhitektuuri muuseum; haridusprogrammid ja ringkäigud.",
            ),
            Some(
                "Музей истории города и архитектуры сталинского ампира; образовательные программы и экскурсии.",
            ),
            Some(
                "Museum of the town's history and its Stalinist architecture; education programmes and guided walks.",
            ),
        ],
    },
    Entry {
        slug: "toila-keraamika",
        name: "Toila Keraamikatöökoda",
        kind: "sole-trader",
        municipality: "toila",
        sectors: &["heritage-crafts", "design"],
        languages: &["et", "en"],
        member: true,
        founded: 2014,
        description: [
            Some("Käsitsi valmistatud tarbekeraamika ja töötoad suvitajatele ning ettevõtetele."),
            None,
            Some("Handmade ceramics and workshops for summer visitors and companies."),
        ],
    },
    Entry {
        slug: "pixelrand-games",
        name: "Pixelrand Games OÜ",
        kind: "company",
        municipality: "narva",
        sectors: &["games"],
        languages: &["ru", "en"],
        member: true,
        founded: 2021,
        description: [
            None,
            Some("Инди-студия: мобильные игры и интерактивные инсталляции для музеев."),
            Some("Indie studio: mobile games and interactive installations for museums."),
        ],
    },
    Entry {
        slug: "alutaguse-puidudisain",
        name: "Alutaguse Puidudisain OÜ",
        kind: "company",
        municipality: "alutaguse",
        sectors: &["design", "heritage-crafts"],
        languages: &["et"],
        member: false,
        founded: 2012,
        description: [
            Some("Mööbel ja sisustusdetailid kohalikust puidust, eritellimused ja väikesarjad."),
            None,
            None,
        ],
    },
    Entry {
        slug: "joesuu-rannafestival",
        name: "Jõesuu Rannafestivali MTÜ",
        kind: "non-profit",
        municipality: "narva-joesuu",
        sectors: &["events-festivals", "music"],
        languages: &["et", "ru", "en"],
        member: true,
        founded: 2017,
        description: [
            Some("Korraldab igasuvist rannafestivali ning kontserte Narva-Jõesuus."),
            Some("Организует ежегодный пляжный фестиваль и концерты в Нарва-Йыэсуу."),
            Some("Runs the summer beach festival and concerts in Narva-Jõesuu."),
        ],
    },
    Entry {
        slug: "luganuse-kirjastus",
        name: "Lüganuse Kirjastus OÜ",
        kind: "company",
        municipality: "luganuse",
        sectors: &["publishing"],
        languages: &["et"],
        member: false,
        founded: 2005,
        description: [
            Some("Koduloolised raamatud, lasteraamatud ja tõlkekirjandus eesti ja vene keeles."),
            Some("Краеведческие книги, детская и переводная литература на эстонском и русском."),
            None,
        ],
    },
    Entry {
        slug: "kreenholmi-arhitektid",
        name: "Kreenholmi Arhitektid OÜ",
        kind: "company",
        municipality: "narva",
        sectors: &["architecture", "design"],
        languages: &["et", "ru", "en"],
        member: true,
        founded: 2018,
        description: [
            Some("Tööstuspärandi uuskasutus, avaliku ruumi ja interjööride projekteerimine."),
            Some(
                "Новое использование промышленного наследия, проектирование общественных пространств и интерьеров.",
            ),
            Some("Adaptive reuse of industrial heritage, public space and interior design."),
        ],
    },
    Entry {
        slug: "polevkivi-kunstiruum",
        name: "Põlevkivi Kunstiruum",
        kind: "non-profit",
        municipality: "kohtla-jarve",
        sectors: &["visual-art"],
        languages: &["ru", "et"],
        member: true,
        founded: 2020,
        description: [
            Some("Kaasaegse kunsti galerii ja residentuur endises kaevandushoones."),
            Some("Галерея современного искусства и резиденция в бывшем здании шахты."),
            None,
        ],
    },
    Entry {
        slug: "tallinna-loomeagentuur",
        name: "Loomeagentuur Tuul OÜ",
        kind: "company",
        municipality: "harju",
        sectors: &["advertising", "design"],
        languages: &["et", "en"],
        member: false,
        founded: 2011,
        description: [
            Some("Brändid ja kampaaniad; koostööpartner Ida-Virumaa loomeettevõtetele."),
            None,
            Some("Brands and campaigns; a partner to Ida-Viru creative businesses."),
        ],
    },
];

fn organisations() -> Vec<OrganisationForCreate> {
    ENTRIES
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let [et, ru, en] = entry.description.map(|d| d.map(str::to_owned));
            OrganisationForCreate {
                slug: entry.slug.to_owned(),
                name: entry.name.to_owned(),
                kind: entry.kind,
                municipality_code: entry.municipality.to_owned(),
                description: Localized::new(et, ru, en),
                services: Localized::default(),
                // Reserved example addresses and an unassigned number range: nobody real.
                website: Some(format!("https://{}.example", entry.slug)),
                email: Some(format!("info@{}.example", entry.slug)),
                phone: Some(format!("+372 5550 {:04}", 100 + index)),
                registry_code: None,
                founded_year: Some(entry.founded),
                is_member: entry.member,
                sector_codes: entry.sectors.iter().map(|s| (*s).to_owned()).collect(),
                languages: entry.languages.iter().map(|l| (*l).to_owned()).collect(),
            }
        })
        .collect()
}

/// A year of events around `today`: a monthly network meeting, trainings, a fair, counselling.
fn events(today: Date) -> Vec<EventForCreate> {
    let mut events = Vec::new();
    // The network meeting: the first Thursday of each month, six months back and six ahead.
    let this_month = today.first_of_month();
    for offset in -6..=6 {
        let month = this_month
            .checked_add(offset.months())
            .expect("a date within range");
        let day = month
            .nth_weekday_of_month(1, jiff::civil::Weekday::Thursday)
            .expect("a first Thursday");
        let starts_at = tallinn(day, 16, 0);
        events.push(EventForCreate {
            slug: format!("vorgustiku-kohtumine-{}", day.strftime("%Y-%m")),
            type_code: "network-meeting",
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
            starts_at,
            ends_at: starts_at + 2.hours(),
            all_day: false,
            venue: text("Jõhvi Kontserdimaja"),
            address: text("Pargi 40, Jõhvi"),
            municipality_code: text("johvi"),
            online_url: None,
            status: "published",
        });
    }
    let training = |days: i64, slug: &str, title: [Option<String>; 3], online: bool| {
        let day = today.checked_add(days.days()).expect("a date within range");
        let starts_at = tallinn(day, 10, 0);
        let [et, ru, en] = title;
        EventForCreate {
            slug: slug.to_owned(),
            type_code: "training",
            title: Localized::new(et, ru, en),
            description: Localized::default(),
            starts_at,
            ends_at: starts_at + 6.hours(),
            all_day: false,
            venue: (!online).then(|| "Narva Kolledž".to_owned()),
            address: (!online).then(|| "Raekoja plats 2, Narva".to_owned()),
            municipality_code: (!online).then(|| "narva".to_owned()),
            online_url: online.then(|| "https://meet.example/loomeklaster".to_owned()),
            status: "published",
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
        type_code: "fair",
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
        status: "published",
    });
    let counselling_day = today.checked_add(16.days()).expect("a date within range");
    events.push(EventForCreate {
        slug: "noustamispaev-sillamae".into(),
        type_code: "counselling",
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
        status: "cancelled",
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
        assert!(events.iter().filter(|e| e.starts_at > now).count() >= 6);
        let mut slugs: Vec<_> = events.iter().map(|e| &e.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), events.len());
    }

    #[test]
    fn demo_entries_use_only_reserved_example_contacts() {
        for entry in organisations() {
            assert!(
                entry.email.as_deref().unwrap().ends_with(".example"),
                "{}",
                entry.slug
            );
            assert!(
                entry.website.as_deref().unwrap().ends_with(".example"),
                "{}",
                entry.slug
            );
        }
    }
}
