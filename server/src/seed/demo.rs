//! The demo data: fictional creative organisations of Ida-Viru County and a year of events
//! around today, so that a newcomer sees a living site. No real person's contact details.

use super::{tallinn, text, today_in_tallinn};
use app::entries::store::OrganisationForCreate;
use app::events::model::EventForCreate;
use app::events::series::Exception;
use app::shared::Localized;
use jiff::{ToSpan, civil::Date};
use sqlx::SqlitePool;

/// Adds the demo data when the database has neither entries nor events. Returns whether it did.
pub async fn seed_if_empty(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    if !app::platform::db::is_empty(pool).await? {
        return Ok(false);
    }
    let mut tx = app::platform::db::write(pool).await?;
    for entry in organisations() {
        app::entries::store::insert(&mut tx, &entry).await?;
    }
    for event in events(today_in_tallinn()) {
        app::events::store::insert(&mut tx, &event).await?;
    }
    tx.commit().await?;
    tracing::info!("added the demo data to the empty database");
    Ok(true)
}

/// A demo entry. Texts are `[et, ru, en]`; a missing translation is `None`, as in real entries.
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
    services: [Option<&'static str>; 3],
    /// Social media pages, as paths on the reserved example domain.
    social: &'static [&'static str],
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
        services: [
            Some("Reklaamvideod, droonifilmimine, järeltöötlus, subtiitrid kolmes keeles."),
            Some("Рекламные видео, съёмка с дрона, постпродакшн, субтитры на трёх языках."),
            Some(
                "Promotional videos, drone filming, post-production, subtitles in three languages.",
            ),
        ],
        social: &["instagram/narvavalguskoda", "youtube/narvavalguskoda"],
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
        services: [
            Some("Stuudiosalvestus, podcastide salvestus, helikujundus, helitehnika rent."),
            Some("Студийная запись, запись подкастов, звуковой дизайн, аренда звуковой техники."),
            None,
        ],
        social: &["facebook/johvihelistuudio"],
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
        services: [
            Some("Etendused koolidele, näitlejakoolitus, lavakõne tunnid."),
            Some("Спектакли для школ, актёрские курсы, уроки сценической речи."),
            None,
        ],
        social: &["facebook/kjteater"],
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
        services: [
            Some("Giidiga linnaekskursioonid, muuseumitunnid, näituseruumi rent."),
            Some("Экскурсии по городу с гидом, музейные уроки, аренда выставочного зала."),
            Some("Guided town walks, museum lessons, exhibition space for hire."),
        ],
        social: &[],
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
        services: [
            Some("Dreitöötoad, firmakingitused, restoranide nõud eritellimusel."),
            None,
            Some("Pottery wheel workshops, corporate gifts, tableware for restaurants to order."),
        ],
        social: &["instagram/toilakeraamika"],
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
        services: [
            None,
            Some("Разработка игр на Unity, интерактивные экспозиции, AR-приложения."),
            Some("Unity game development, interactive exhibits, AR apps."),
        ],
        social: &["itch/pixelrand", "linkedin/pixelrand-games"],
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
        services: [
            Some("Mööbli projekteerimine, CNC-freesimine, saunasisustus."),
            None,
            None,
        ],
        social: &[],
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
        services: [
            Some("Ürituste korraldus, lavatehnika, vabatahtlike koordineerimine."),
            Some("Организация мероприятий, сценическая техника, координация волонтёров."),
            None,
        ],
        social: &["facebook/joesuufestival", "instagram/joesuufestival"],
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
        services: [
            Some("Toimetamine, küljendus, trükiettevalmistus, e-raamatud."),
            None,
            None,
        ],
        social: &[],
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
        services: [
            Some("Eskiis- ja ehitusprojektid, muinsuskaitse eritingimused, sisearhitektuur."),
            Some("Эскизные и строительные проекты, условия охраны памятников, дизайн интерьеров."),
            Some("Concept and building design, heritage conditions, interior architecture."),
        ],
        social: &["linkedin/kreenholmi-arhitektid"],
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
        services: [
            Some("Näitused, kunstnikuresidentuur, ateljeede rent."),
            Some("Выставки, резиденция для художников, аренда мастерских."),
            None,
        ],
        social: &["instagram/polevkivikunst"],
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
        services: [
            Some("Brändistrateegia, kampaaniad, sotsiaalmeedia sisu."),
            None,
            Some("Brand strategy, campaigns, social media content."),
        ],
        social: &[],
    },
    Entry {
        slug: "narva-muusikakool-kammer",
        name: "Narva Kammermuusika Selts MTÜ",
        kind: "non-profit",
        municipality: "narva",
        sectors: &["music", "creative-education"],
        languages: &["ru", "et"],
        member: true,
        founded: 2003,
        description: [
            Some(
                "Kammermuusika kontserdid Narva raekojas ja suvine meistrikursus noortele muusikutele.",
            ),
            Some(
                "Концерты камерной музыки в Нарвской ратуше и летний мастер-класс для молодых музыкантов.",
            ),
            None,
        ],
        services: [
            Some("Kontserdid üritustele, keelpillikvartett, meistrikursused."),
            Some("Концерты на мероприятиях, струнный квартет, мастер-классы."),
            None,
        ],
        social: &["facebook/narvakammer"],
    },
    Entry {
        slug: "johvi-kontserdimaja-loomelabor",
        name: "Jõhvi Loomelabor",
        kind: "public-institution",
        municipality: "johvi",
        sectors: &["performing-arts", "events-festivals", "creative-education"],
        languages: &["et", "ru", "en"],
        member: true,
        founded: 2015,
        description: [
            Some("Proovisaalid, väike black box ja tehnikalaenutus kohalikele etenduskunstnikele."),
            Some("Репетиционные залы, небольшой блэк-бокс и прокат техники для местных артистов."),
            Some("Rehearsal rooms, a small black box and equipment loans for local performers."),
        ],
        services: [
            Some("Saalide rent, valgus- ja helitehnika, residentuurid."),
            Some("Аренда залов, световая и звуковая техника, резиденции."),
            Some("Room hire, lighting and sound equipment, residencies."),
        ],
        social: &["facebook/johviloomelabor"],
    },
    Entry {
        slug: "sillamae-fotostuudio-kaader",
        name: "Fotostuudio Kaader",
        kind: "sole-trader",
        municipality: "sillamae",
        sectors: &["visual-art", "advertising"],
        languages: &["ru", "et"],
        member: false,
        founded: 2010,
        description: [
            Some("Portree-, toote- ja arhitektuurifotod; stuudio Sillamäe kesklinnas."),
            Some("Портретная, предметная и архитектурная съёмка; студия в центре Силламяэ."),
            None,
        ],
        services: [
            Some("Tootefotod e-poodidele, portreed, ürituste pildistamine."),
            Some("Предметная съёмка для интернет-магазинов, портреты, репортажи с мероприятий."),
            None,
        ],
        social: &["instagram/kaaderfoto"],
    },
    Entry {
        slug: "toila-long-ja-loim",
        name: "Lõng ja Lõim",
        kind: "sole-trader",
        municipality: "toila",
        sectors: &["heritage-crafts"],
        languages: &["et", "ru"],
        member: true,
        founded: 2009,
        description: [
            Some("Kudumine ja kangastelgedel kudumine Virumaa mustrite järgi; kursused ja müük."),
            Some("Вязание и ткачество по вирумааским узорам; курсы и продажа изделий."),
            None,
        ],
        services: [
            Some("Kudumiskursused, rahvarõivaste valmistamine, kingitused."),
            Some("Курсы вязания, изготовление народных костюмов, подарки."),
            None,
        ],
        social: &[],
    },
    Entry {
        slug: "narva-joesuu-kuurordi-filmiklubi",
        name: "Kuurordi Filmiklubi MTÜ",
        kind: "non-profit",
        municipality: "narva-joesuu",
        sectors: &["film", "events-festivals"],
        languages: &["ru", "et"],
        member: false,
        founded: 2019,
        description: [
            Some("Suvised vabaõhukinod ja talvised filmiõhtud kuurortlinnas."),
            Some("Летние кинопоказы под открытым небом и зимние киновечера в курортном городе."),
            Some("Open-air cinema in summer and film evenings in winter in the resort town."),
        ],
        services: [
            Some("Filmilinastused, projektsioonitehnika rent, filmiarutelud."),
            Some("Кинопоказы, аренда проекционной техники, обсуждения фильмов."),
            None,
        ],
        social: &["facebook/kuurordifilm"],
    },
    Entry {
        slug: "kohtla-jarve-graafika",
        name: "Graafikastuudio Kolm Värvi OÜ",
        kind: "company",
        municipality: "kohtla-jarve",
        sectors: &["design", "advertising", "publishing"],
        languages: &["et", "ru"],
        member: true,
        founded: 2013,
        description: [
            Some("Graafiline disain, logod, pakendid ja trükised väikeettevõtetele."),
            Some("Графический дизайн, логотипы, упаковка и полиграфия для малого бизнеса."),
            None,
        ],
        services: [
            Some("Logo ja firmastiil, pakendidisain, trükiste kujundus, veebibännerid."),
            Some("Логотип и фирменный стиль, дизайн упаковки, вёрстка, веб-баннеры."),
            None,
        ],
        social: &["behance/kolmvarvi"],
    },
    Entry {
        slug: "narva-tantsukeskus",
        name: "Tantsukeskus Ritm",
        kind: "non-profit",
        municipality: "narva",
        sectors: &["performing-arts", "creative-education"],
        languages: &["ru"],
        member: true,
        founded: 2006,
        description: [
            None,
            Some(
                "Современный и народный танец для детей и взрослых; собственные постановки и гастроли.",
            ),
            Some("Contemporary and folk dance for children and adults; own productions and tours."),
        ],
        services: [
            None,
            Some("Танцевальные классы, постановка номеров для мероприятий, летний лагерь."),
            None,
        ],
        social: &["instagram/ritmnarva", "youtube/ritmnarva"],
    },
    Entry {
        slug: "alutaguse-loodusfoto",
        name: "Alutaguse Loodusfoto",
        kind: "freelancer",
        municipality: "alutaguse",
        sectors: &["visual-art", "publishing"],
        languages: &["et", "en"],
        member: false,
        founded: 2016,
        description: [
            Some("Loodus- ja maastikufotograaf: Alutaguse rabad, metsad ja Peipsi rannik."),
            None,
            Some(
                "Nature and landscape photographer: the bogs and forests of Alutaguse and the Lake Peipus shore.",
            ),
        ],
        services: [
            Some("Fotod raamatutele ja turismitrükistele, loodusfoto matkad."),
            None,
            Some("Photos for books and tourism print, nature photography walks."),
        ],
        social: &["instagram/alutaguseloodus"],
    },
    Entry {
        slug: "ida-viru-arhitektuuriburoo",
        name: "Ida Arhitektuuribüroo OÜ",
        kind: "company",
        municipality: "johvi",
        sectors: &["architecture"],
        languages: &["et", "ru"],
        member: false,
        founded: 2007,
        description: [
            Some("Eramute, koolide ja spordihoonete projekteerimine Ida-Virumaal."),
            Some("Проектирование частных домов, школ и спортивных зданий в Ида-Вирумаа."),
            None,
        ],
        services: [
            Some("Arhitektuuriprojektid, ehitusloa dokumendid, omanikujärelevalve."),
            Some("Архитектурные проекты, документы для разрешения на строительство, технадзор."),
            None,
        ],
        social: &[],
    },
    Entry {
        slug: "sillamae-noortekunst",
        name: "Sillamäe Noorte Kunstistuudio",
        kind: "public-institution",
        municipality: "sillamae",
        sectors: &["creative-education", "visual-art"],
        languages: &["ru", "et"],
        member: false,
        founded: 1994,
        description: [
            Some("Joonistamise, maalimise ja keraamika ringid 6–18-aastastele."),
            Some("Кружки рисунка, живописи и керамики для детей от 6 до 18 лет."),
            None,
        ],
        services: [
            Some("Huviringid, koolivaheaja laagrid, õpilastööde näitused."),
            Some("Кружки, лагеря на каникулах, выставки работ учеников."),
            None,
        ],
        social: &[],
    },
    Entry {
        slug: "narva-bastion-events",
        name: "Bastion Events OÜ",
        kind: "company",
        municipality: "narva",
        sectors: &["events-festivals", "advertising"],
        languages: &["ru", "et", "en"],
        member: true,
        founded: 2014,
        description: [
            Some("Konverentside, firmapäevade ja linnafestivalide korraldamine Narva bastionides."),
            Some(
                "Организация конференций, корпоративов и городских фестивалей в нарвских бастионах.",
            ),
            Some("Conferences, company days and town festivals in the Narva bastions."),
        ],
        services: [
            Some("Ürituse kontseptsioon, tehnika, toitlustuse koordineerimine, sünkroontõlge."),
            Some("Концепция мероприятия, техника, координация кейтеринга, синхронный перевод."),
            Some("Event concept, equipment, catering coordination, simultaneous interpreting."),
        ],
        social: &["facebook/bastionevents", "linkedin/bastion-events"],
    },
    Entry {
        slug: "johvi-tolkeburoo-sonasild",
        name: "Tõlkebüroo Sõnasild OÜ",
        kind: "company",
        municipality: "johvi",
        sectors: &["publishing"],
        languages: &["et", "ru", "en", "fi"],
        member: false,
        founded: 2012,
        description: [
            Some(
                "Kirjalik tõlge ja toimetamine eesti, vene, inglise ja soome keeles; kultuuritekstid.",
            ),
            Some(
                "Письменный перевод и редактура на эстонском, русском, английском и финском; тексты о культуре.",
            ),
            Some(
                "Translation and editing in Estonian, Russian, English and Finnish; cultural texts.",
            ),
        ],
        services: [
            Some("Tõlge, toimetamine, subtitreerimine, näitusetekstid."),
            Some("Перевод, редактура, субтитры, тексты для выставок."),
            Some("Translation, editing, subtitling, exhibition texts."),
        ],
        social: &[],
    },
    Entry {
        slug: "kohtla-nomme-kaevandusmuuseumi-sober",
        name: "Kaevanduspärandi Sõprade Selts MTÜ",
        kind: "non-profit",
        municipality: "kohtla-jarve",
        sectors: &["heritage-crafts", "events-festivals"],
        languages: &["et", "ru"],
        member: true,
        founded: 2011,
        description: [
            Some("Hoiab põlevkivikaevanduse mälu: mälestuste kogumine, näitused ja pärandipäevad."),
            Some(
                "Сохраняет память о сланцевых шахтах: сбор воспоминаний, выставки и дни наследия.",
            ),
            None,
        ],
        services: [
            Some("Pärandituurid, mälestuste salvestamine, koolitunnid."),
            Some("Экскурсии по наследию, запись воспоминаний, школьные уроки."),
            None,
        ],
        social: &["facebook/kaevandusparand"],
    },
    Entry {
        slug: "narva-illustraator-anastassia",
        name: "Anastassia Volkova illustratsioon",
        kind: "freelancer",
        municipality: "narva",
        sectors: &["visual-art", "publishing", "design"],
        languages: &["ru", "en"],
        member: true,
        founded: 2018,
        description: [
            Some("Illustratsioonid lasteraamatutele, plakatid ja muraalid."),
            Some("Иллюстрации к детским книгам, плакаты и муралы."),
            Some("Illustrations for children's books, posters and murals."),
        ],
        services: [
            None,
            Some("Книжная иллюстрация, роспись стен, персонажи для брендов."),
            Some("Book illustration, wall painting, characters for brands."),
        ],
        social: &["instagram/avolkova.art", "behance/avolkova"],
    },
    Entry {
        slug: "toila-oru-suvelava",
        name: "Oru Suvelava MTÜ",
        kind: "non-profit",
        municipality: "toila",
        sectors: &["performing-arts", "events-festivals"],
        languages: &["et"],
        member: false,
        founded: 2004,
        description: [
            Some(
                "Suvelavastused ja kontserdid Toila-Oru pargis, koostöös kohalike harrastajatega.",
            ),
            None,
            None,
        ],
        services: [
            Some("Suvelavastused, vabaõhulava rent, piletimüük."),
            None,
            None,
        ],
        social: &[],
    },
    Entry {
        slug: "ida-viru-mangulabor",
        name: "Mängulabor OÜ",
        kind: "company",
        municipality: "kohtla-jarve",
        sectors: &["games", "creative-education"],
        languages: &["et", "ru", "en"],
        member: true,
        founded: 2022,
        description: [
            Some("Lauamängud ja õppemängud; mängudisaini töötoad koolidele."),
            Some("Настольные и обучающие игры; мастерские по геймдизайну для школ."),
            Some("Board games and learning games; game design workshops for schools."),
        ],
        services: [
            Some("Mängude arendus tellimusel, prototüüpimine, töötoad."),
            Some("Разработка игр на заказ, прототипирование, мастерские."),
            None,
        ],
        social: &["instagram/mangulabor"],
    },
    Entry {
        slug: "narva-joesuu-ehtekunst",
        name: "Merevaik ja Hõbe",
        kind: "sole-trader",
        municipality: "narva-joesuu",
        sectors: &["design", "heritage-crafts"],
        languages: &["ru", "et", "en"],
        member: false,
        founded: 2013,
        description: [
            Some("Hõbeehted mere ja kuurordi motiividega, väike poodgalerii promenaadil."),
            Some(
                "Серебряные украшения с морскими и курортными мотивами, небольшая галерея-магазин на променаде.",
            ),
            Some(
                "Silver jewellery with sea and resort motifs, a small shop gallery on the promenade.",
            ),
        ],
        services: [
            Some("Ehted eritellimusel, graveerimine, remont."),
            Some("Украшения на заказ, гравировка, ремонт."),
            None,
        ],
        social: &["instagram/merevaikjahobe"],
    },
    Entry {
        slug: "luganuse-kulaelu-kultuuriselts",
        name: "Lüganuse Kultuuriselts MTÜ",
        kind: "non-profit",
        municipality: "luganuse",
        sectors: &["events-festivals", "heritage-crafts", "music"],
        languages: &["et"],
        member: true,
        founded: 2001,
        description: [
            Some("Külapäevad, rahvamuusika ja käsitöölaadad Lüganuse valla külades."),
            None,
            None,
        ],
        services: [
            Some("Laatade korraldus, rahvamuusikaansambel, külaekskursioonid."),
            None,
            None,
        ],
        social: &["facebook/lyganusekultuur"],
    },
    Entry {
        slug: "johvi-veebistuudio-pixel",
        name: "Veebistuudio Piksel OÜ",
        kind: "company",
        municipality: "johvi",
        sectors: &["design", "advertising", "games"],
        languages: &["et", "ru", "en"],
        member: false,
        founded: 2016,
        description: [
            Some("Veebilehed, e-poed ja kasutajaliidesed kultuuriasutustele ja väikeettevõtetele."),
            Some("Сайты, интернет-магазины и интерфейсы для учреждений культуры и малого бизнеса."),
            Some(
                "Websites, online shops and interfaces for cultural institutions and small businesses.",
            ),
        ],
        services: [
            Some("Kasutajaliidese disain, veebiarendus, ligipääsetavuse audit."),
            Some("Дизайн интерфейсов, веб-разработка, аудит доступности."),
            Some("Interface design, web development, accessibility audits."),
        ],
        social: &["linkedin/veebistuudio-piksel"],
    },
    Entry {
        slug: "narva-kunstnike-liit",
        name: "Narva Kunstnike Ühendus MTÜ",
        kind: "non-profit",
        municipality: "narva",
        sectors: &["visual-art"],
        languages: &["ru", "et"],
        member: true,
        founded: 1997,
        description: [
            Some(
                "Narva kunstnike ühendus: aastanäitused, plenäärid ja koostöö piiriülese kunstiga.",
            ),
            Some(
                "Объединение художников Нарвы: ежегодные выставки, пленэры и приграничное сотрудничество.",
            ),
            None,
        ],
        services: [
            Some("Näitused, plenäärid, kunstiteoste rent asutustele."),
            Some("Выставки, пленэры, аренда произведений искусства для учреждений."),
            None,
        ],
        social: &[],
    },
    Entry {
        slug: "sillamae-raadio-meri",
        name: "Raadio Meri OÜ",
        kind: "company",
        municipality: "sillamae",
        sectors: &["film", "music", "advertising"],
        languages: &["ru"],
        member: false,
        founded: 2002,
        description: [
            None,
            Some("Местное радио Силламяэ и окрестностей: музыка, новости региона, реклама."),
            None,
        ],
        services: [
            None,
            Some("Радиореклама, запись рекламных роликов, прямые эфиры с мероприятий."),
            None,
        ],
        social: &["facebook/raadiomeri"],
    },
    Entry {
        slug: "tartu-kultuuriinnovatsioon",
        name: "Kultuuriinnovatsiooni Keskus SA",
        kind: "public-institution",
        municipality: "tartu",
        sectors: &["creative-education", "events-festivals"],
        languages: &["et", "en"],
        member: false,
        founded: 2010,
        description: [
            Some(
                "Loomemajanduse arenguprogrammid ja inkubatsioon; partner Ida-Virumaa loomeklastrile.",
            ),
            None,
            Some(
                "Creative industries development programmes and incubation; a partner of the Ida-Viru cluster.",
            ),
        ],
        services: [
            Some("Inkubatsioon, mentorlus, rahvusvahelised koostööprojektid."),
            None,
            Some("Incubation, mentoring, international cooperation projects."),
        ],
        social: &["linkedin/kultuuriinnovatsioon"],
    },
    Entry {
        slug: "kohtla-jarve-nahakoda",
        name: "Nahakoda Ida",
        kind: "sole-trader",
        municipality: "kohtla-jarve",
        sectors: &["heritage-crafts", "design"],
        languages: &["ru", "et"],
        member: true,
        founded: 2017,
        description: [
            Some("Nahktooted käsitööna: kotid, rihmad, märkmikukaaned; töötoad."),
            Some(
                "Изделия из кожи ручной работы: сумки, ремни, обложки для блокнотов; мастер-классы.",
            ),
            None,
        ],
        services: [
            Some("Firmakingitused logoga, nahatöö töötoad, parandus."),
            Some("Корпоративные подарки с логотипом, мастер-классы по коже, ремонт."),
            None,
        ],
        social: &["instagram/nahakodaida"],
    },
    Entry {
        slug: "narva-koor-harmoonia",
        name: "Segakoor Harmoonia",
        kind: "other",
        municipality: "narva",
        sectors: &["music"],
        languages: &["ru", "et"],
        member: false,
        founded: 1985,
        description: [
            Some("Narva segakoor: eesti ja vene koorimuusika, osaleb laulupidudel."),
            Some(
                "Нарвский смешанный хор: эстонская и русская хоровая музыка, участник певческих праздников.",
            ),
            None,
        ],
        services: [
            Some("Esinemised üritustel ja kirikutes."),
            Some("Выступления на мероприятиях и в церквях."),
            None,
        ],
        social: &[],
    },
    Entry {
        slug: "alutaguse-metsa-residentuur",
        name: "Metsaresidentuur MTÜ",
        kind: "non-profit",
        municipality: "alutaguse",
        sectors: &["visual-art", "publishing", "performing-arts"],
        languages: &["et", "en", "fi"],
        member: true,
        founded: 2021,
        description: [
            Some("Kunstnike ja kirjanike residentuur metsatalus Alutaguse rahvuspargi serval."),
            None,
            Some(
                "A residency for artists and writers on a forest farm at the edge of Alutaguse National Park.",
            ),
        ],
        services: [
            Some("Residentuurid, loomingulised laagrid, seminariruum."),
            None,
            Some("Residencies, creative retreats, a seminar room."),
        ],
        social: &["instagram/metsaresidentuur"],
    },
    Entry {
        slug: "johvi-moedisain",
        name: "Moestuudio Virve",
        kind: "freelancer",
        municipality: "johvi",
        sectors: &["design"],
        languages: &["et", "ru"],
        member: false,
        founded: 2020,
        description: [
            Some("Moedisainer: väikesed kollektsioonid taaskasutatud kangastest ja eritellimused."),
            Some("Модельер: небольшие коллекции из переработанных тканей и пошив на заказ."),
            None,
        ],
        services: [
            Some("Rõivad eritellimusel, lavakostüümid, õmblustöötoad."),
            Some("Одежда на заказ, сценические костюмы, швейные мастер-классы."),
            None,
        ],
        social: &["instagram/moestuudiovirve"],
    },
    Entry {
        slug: "parnu-festivalitehnika",
        name: "Festivalitehnika OÜ",
        kind: "company",
        municipality: "parnu",
        sectors: &["events-festivals", "music"],
        languages: &["et", "en"],
        member: false,
        founded: 2008,
        description: [
            Some("Lava-, heli- ja valgustehnika rent ja paigaldus festivalidele üle Eesti."),
            None,
            Some("Stage, sound and lighting hire and installation for festivals across Estonia."),
        ],
        services: [
            Some("Lavad, helisüsteemid, valgus, tehniline meeskond."),
            None,
            Some("Stages, sound systems, lighting, technical crew."),
        ],
        social: &[],
    },
    Entry {
        slug: "narva-joesuu-kirjanduspaevad",
        name: "Jõesuu Kirjanduspäevade MTÜ",
        kind: "non-profit",
        municipality: "narva-joesuu",
        sectors: &["publishing", "events-festivals"],
        languages: &["et", "ru"],
        member: true,
        founded: 2016,
        description: [
            Some(
                "Igasügisesed kirjanduspäevad, kus kohtuvad eesti ja vene keeles kirjutavad autorid.",
            ),
            Some(
                "Ежегодные осенние литературные дни, где встречаются авторы, пишущие на эстонском и русском.",
            ),
            Some("Literature days each autumn where authors writing in Estonian and Russian meet."),
        ],
        services: [
            Some("Kirjandusõhtud, tõlketöötoad, kirjanike külaskäigud koolidesse."),
            Some(
                "Литературные вечера, переводческие мастерские, встречи писателей со школьниками.",
            ),
            None,
        ],
        social: &["facebook/joesuukirjandus"],
    },
];

fn organisations() -> Vec<OrganisationForCreate> {
    let owned = |texts: [Option<&str>; 3]| {
        let [et, ru, en] = texts.map(|t| t.map(str::to_owned));
        Localized::new(et, ru, en)
    };
    ENTRIES
        .iter()
        .enumerate()
        .map(|(index, entry)| OrganisationForCreate {
            slug: entry.slug.to_owned(),
            name: entry.name.to_owned(),
            kind: entry.kind,
            municipality_code: entry.municipality.to_owned(),
            description: owned(entry.description),
            services: owned(entry.services),
            // Reserved example addresses and an unassigned number range: nobody real.
            website: Some(format!("https://{}.example", entry.slug)),
            email: Some(format!("info@{}.example", entry.slug)),
            phone: Some(format!("+372 5550 {:04}", 100 + index)),
            registry_code: registry_code(entry.kind, index),
            founded_year: Some(entry.founded),
            is_member: entry.member,
            sector_codes: entry.sectors.iter().map(|s| (*s).to_owned()).collect(),
            languages: entry.languages.iter().map(|l| (*l).to_owned()).collect(),
            links: entry
                .social
                .iter()
                .map(|path| {
                    let (site, page) = path.split_once('/').expect("site/page");
                    format!("https://{site}.example/{page}")
                })
                .collect(),
        })
        .collect()
}

/// A made-up but well-formed registry code, with the first digit the register gives the kind
/// (1 companies and sole traders, 7 public bodies, 8 non-profits); none for freelancers.
fn registry_code(kind: &str, index: usize) -> Option<String> {
    let first = match kind {
        "company" | "sole-trader" => 1,
        "public-institution" => 7,
        "non-profit" => 8,
        _ => return None,
    };
    let digits = format!("{first}{:06}", (index * 104_729 + 12_345) % 1_000_000);
    let seven: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    Some(format!(
        "{digits}{}",
        app::shared::identifiers::registry_check_digit(&seven)
    ))
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
        status: "published".into(),
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
            status: "published".into(),
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
        status: "published".into(),
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
        status: "published".into(),
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
        status: "cancelled".into(),
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

    #[test]
    fn demo_entries_are_valid_and_use_only_reserved_example_contacts() {
        let entries = organisations();
        assert!(entries.len() >= 40);
        for entry in &entries {
            assert!(
                app::shared::identifiers::is_slug(&entry.slug),
                "{}",
                entry.slug
            );
            if let Some(code) = &entry.registry_code {
                assert!(app::shared::identifiers::is_registry_code(code), "{code}");
            }
            assert!(entry.links.iter().all(|l| l.contains(".example/")));
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
