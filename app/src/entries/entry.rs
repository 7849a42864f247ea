//! A directory entry, whole and checked: what the coordinator's form, an application to join and
//! a row of a CSV file all become, by one set of rules. The form is read as typed (codes or, from
//! a spreadsheet, labels in any language); the entry keeps codes, lists and optional values.

use crate::entries::EntryForm;
use crate::error::Problem;
use crate::i18n::Lang;
use crate::platform::search::words;
use crate::platform::vocabulary::{KINDS, LANGUAGES, Lists, SIZES, Term, code_named};
use crate::shared::Localized;
use crate::shared::identifiers::{is_email, is_phone, is_registry_code, is_slug, is_web_address};
use crate::shared::text::{clean_line, clean_text};
use crate::shared::time::tallinn;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// A directory entry as stored (without its id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The address it has or, from a file, wants (`narva-valguskoda`); a form has none, and a
    /// new entry without one is named by the store.
    pub slug: String,
    pub name: String,
    /// One of [`KINDS`].
    pub kind: String,
    /// A municipality's code.
    pub municipality: String,
    /// Sector codes, in the sectors' order.
    pub sectors: Vec<String>,
    /// Language codes: Estonian, Russian, English first, then the others.
    pub languages: Vec<String>,
    pub description: Localized,
    pub services: Localized,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub registry_code: Option<String>,
    pub founded_year: Option<i64>,
    /// One of [`SIZES`].
    pub size: Option<String>,
    pub is_member: bool,
    pub is_published: bool,
    /// Social media and other pages, in the order shown.
    pub links: Vec<String>,
}

/// A refused field of an entry: the form's field, why, and the text that was refused (for a
/// list, the item).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub field: &'static str,
    pub problem: Problem,
    pub value: String,
}

/// The longest name, and the longest description or list of services, in characters.
const MAX_NAME: usize = 200;
const MAX_TEXT: usize = 5000;
/// The most items a list (sectors, languages, links) may have.
pub const MAX_LIST_ITEMS: usize = 30;

/// What is read against: the vocabulary, and the year (no entry was founded in the future).
pub struct Rules<'a> {
    pub vocabulary: &'a Lists,
    pub this_year: i64,
}

impl<'a> Rules<'a> {
    /// The rules of today (in Tallinn).
    pub fn now(vocabulary: &'a Lists) -> Self {
        let this_year = jiff::Timestamp::now().to_zoned(tallinn()).year();
        Rules {
            vocabulary,
            this_year: i64::from(this_year),
        }
    }

    /// Reads `form` into an entry, with every refused field (the entry is then incomplete).
    pub fn read(&self, form: &EntryForm) -> (Entry, Vec<Refused>) {
        let mut refused = Vec::new();
        let mut refuse = |field: &'static str, problem: Problem, value: &str| {
            refused.push(Refused {
                field,
                problem,
                value: value.to_owned(),
            })
        };

        let name = clean_line(&form.name);
        if name.is_empty() {
            refuse("name", Problem::Required, "");
        } else if name.chars().count() > MAX_NAME {
            refuse("name", Problem::TooLong, &name);
        }
        let kind = match kind_of(&form.kind) {
            Some(kind) => kind.to_owned(),
            None => {
                let problem = required_or(&form.kind, Problem::UnknownChoice);
                refuse("kind", problem, form.kind.trim());
                String::new()
            }
        };
        let municipality = match term_of(&self.vocabulary.municipalities, &form.municipality) {
            Some(term) => term.code.clone(),
            None => {
                let problem = required_or(&form.municipality, Problem::UnknownMunicipality);
                refuse("municipality", problem, form.municipality.trim());
                String::new()
            }
        };

        let mut sectors: Vec<&Term> = Vec::new();
        if form.sectors.len() > MAX_LIST_ITEMS {
            refuse("sectors", Problem::TooLong, "");
        } else {
            for item in form
                .sectors
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
            {
                match term_of(&self.vocabulary.sectors, item) {
                    Some(term) if !sectors.contains(&term) => sectors.push(term),
                    Some(_) => {}
                    None => refuse("sectors", Problem::UnknownSector, item),
                }
            }
            if sectors.is_empty() && form.sectors.iter().all(|s| s.trim().is_empty()) {
                refuse("sectors", Problem::Required, "");
            }
        }
        let order = |term: &&Term| self.vocabulary.sectors.iter().position(|t| t == *term);
        sectors.sort_by_key(order);

        let mut languages: Vec<String> = [
            (form.speaks_et, "et"),
            (form.speaks_ru, "ru"),
            (form.speaks_en, "en"),
        ]
        .into_iter()
        .filter(|(spoken, _)| *spoken)
        .map(|(_, code)| code.to_owned())
        .collect();
        let others: Vec<&str> = form
            .other_languages
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|code| !code.is_empty())
            .collect();
        if others.len() > MAX_LIST_ITEMS {
            refuse("other_languages", Problem::TooLong, "");
        } else {
            for code in others {
                let code = code.to_lowercase();
                let is_code =
                    (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
                if !is_code {
                    refuse("other_languages", Problem::UnknownLanguage, &code);
                } else if !languages.contains(&code) {
                    languages.push(code);
                }
            }
        }
        languages.sort_by_key(|code| {
            LANGUAGES
                .iter()
                .position(|known| known == code)
                .unwrap_or(LANGUAGES.len())
        });

        let mut text = |field: &'static str, typed: &str| {
            let text = clean_text(typed);
            if text.chars().count() > MAX_TEXT {
                refuse(field, Problem::TooLong, &text);
            }
            (!text.is_empty()).then_some(text)
        };
        let description = Localized::new(
            text("description_et", &form.description_et),
            text("description_ru", &form.description_ru),
            text("description_en", &form.description_en),
        );
        let services = Localized::new(
            text("services_et", &form.services_et),
            text("services_ru", &form.services_ru),
            text("services_en", &form.services_en),
        );
        if description.is_empty() {
            refuse("description_et", Problem::DescriptionInOneLanguage, "");
        }

        let mut checked = |field: &'static str, typed: &str, valid: fn(&str) -> bool, problem| {
            let value = clean_line(typed);
            if value.is_empty() {
                return None;
            }
            if value.chars().count() > 300 || !valid(&value) {
                refuse(field, problem, &value);
            }
            Some(value)
        };
        let website = checked(
            "website",
            &form.website,
            is_web_address,
            Problem::NotAWebAddress,
        );
        let email = checked("email", &form.email, is_email, Problem::NotAnEmail);
        let phone = checked("phone", &form.phone, is_phone, Problem::NotAPhone);
        let registry_code = checked(
            "registry_code",
            &form.registry_code,
            is_registry_code,
            Problem::NotARegistryCode,
        );
        let founded_year = match form.founded_year.trim() {
            "" => None,
            typed => match typed.parse::<i64>() {
                Ok(year) if (1800..=self.this_year).contains(&year) => Some(year),
                _ => {
                    refuse("founded_year", Problem::NotAYear, typed);
                    None
                }
            },
        };
        let size = match form.size.trim() {
            "" => None,
            typed => {
                let size = size_of(typed);
                if size.is_none() {
                    refuse("size", Problem::UnknownChoice, typed);
                }
                size.map(str::to_owned)
            }
        };
        let links: Vec<String> = clean_text(&form.links)
            .split(['\n', ' '])
            .map(str::trim)
            .filter(|link| !link.is_empty())
            .map(str::to_owned)
            .collect();
        if links.len() > MAX_LIST_ITEMS {
            refuse("links", Problem::TooLong, "");
        }
        for link in &links {
            if !is_web_address(link) {
                refuse("links", Problem::NotAWebAddress, link);
            }
        }

        let entry = Entry {
            slug: String::new(),
            name,
            kind,
            municipality,
            sectors: sectors.into_iter().map(|term| term.code.clone()).collect(),
            languages,
            description,
            services,
            website,
            email,
            phone,
            registry_code,
            founded_year,
            size,
            is_member: form.member,
            is_published: form.published,
            links,
        };
        (entry, refused)
    }
}

/// A kind's code, from its code or its label in any language.
fn kind_of(typed: &str) -> Option<&'static str> {
    code_named(&KINDS, |lang| &lang.texts().directory.kinds, typed)
}

/// A size band's code, from its code or its label in any language (`2–9` with a dash too).
fn size_of(typed: &str) -> Option<&'static str> {
    code_named(&SIZES, |lang| &lang.texts().directory.sizes, typed)
}

/// The term a code or a label in any language names (letter case aside).
pub fn term_of<'a>(terms: &'a [Term], typed: &str) -> Option<&'a Term> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    terms.iter().find(|term| {
        term.code == typed
            || Lang::ALL
                .iter()
                .any(|lang| term.label.get(*lang).to_lowercase() == typed)
    })
}

fn required_or(typed: &str, problem: Problem) -> Problem {
    if typed.trim().is_empty() {
        Problem::Required
    } else {
        problem
    }
}

impl Entry {
    /// The entry as its form shows it.
    pub fn form(&self) -> EntryForm {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let of = |localized: &Localized, lang| localized.get(lang).unwrap_or_default().to_owned();
        let speaks = |code: &str| self.languages.iter().any(|l| l == code);
        EntryForm {
            name: self.name.clone(),
            kind: self.kind.clone(),
            municipality: self.municipality.clone(),
            sectors: self.sectors.clone(),
            speaks_et: speaks("et"),
            speaks_ru: speaks("ru"),
            speaks_en: speaks("en"),
            other_languages: self
                .languages
                .iter()
                .filter(|l| !["et", "ru", "en"].contains(&l.as_str()))
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            description_et: of(&self.description, Lang::Et),
            description_ru: of(&self.description, Lang::Ru),
            description_en: of(&self.description, Lang::En),
            services_et: of(&self.services, Lang::Et),
            services_ru: of(&self.services, Lang::Ru),
            services_en: of(&self.services, Lang::En),
            website: text(&self.website),
            email: text(&self.email),
            phone: text(&self.phone),
            registry_code: text(&self.registry_code),
            founded_year: self.founded_year.map(|y| y.to_string()).unwrap_or_default(),
            size: text(&self.size),
            member: self.is_member,
            published: self.is_published,
            links: self.links.join("\n"),
        }
    }

    /// Every field but the slug as text, in [`FIELDS`] order, as a CSV file and the audit log
    /// show them: lists `, `-separated (links one a line), `yes` or `no`, absent values empty.
    pub fn fields(&self) -> [String; 20] {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let of = |localized: &Localized, lang| localized.get(lang).unwrap_or_default().to_owned();
        let yes_no = |value: bool| if value { "yes" } else { "no" }.to_owned();
        [
            self.name.clone(),
            self.kind.clone(),
            self.municipality.clone(),
            self.sectors.join(", "),
            self.languages.join(", "),
            of(&self.description, Lang::Et),
            of(&self.description, Lang::Ru),
            of(&self.description, Lang::En),
            of(&self.services, Lang::Et),
            of(&self.services, Lang::Ru),
            of(&self.services, Lang::En),
            text(&self.website),
            text(&self.email),
            text(&self.phone),
            text(&self.registry_code),
            self.founded_year.map(|y| y.to_string()).unwrap_or_default(),
            text(&self.size),
            yes_no(self.is_member),
            yes_no(self.is_published),
            self.links.join("\n"),
        ]
    }

    /// [`Entry::fields`] by name, for the audit log's before and after.
    pub fn audited(&self) -> Map<String, Value> {
        FIELDS
            .iter()
            .zip(self.fields())
            .map(|(field, text)| ((*field).to_owned(), Value::String(text)))
            .collect()
    }

    /// The entry's own slug when it is one and not `taken`, else one made from its name
    /// (`-2`, `-3`, … when taken); the slug is then taken.
    pub fn free_slug(&self, taken: &mut HashSet<String>) -> String {
        let base = if is_slug(&self.slug) {
            self.slug.clone()
        } else {
            let words: String = words(&self.name).join("-").chars().take(80).collect();
            match words.trim_end_matches('-') {
                "" => "entry".to_owned(),
                base => base.to_owned(),
            }
        };
        let slug = std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|slug| !taken.contains(slug))
            .unwrap_or(base);
        taken.insert(slug.clone());
        slug
    }
}

#[cfg(test)]
impl Entry {
    /// A published entry that reads without problems; tests override what they are about.
    pub(crate) fn sample(slug: &str, municipality: &str) -> Self {
        Entry {
            slug: slug.to_owned(),
            name: slug.to_uppercase(),
            kind: "company".to_owned(),
            municipality: municipality.to_owned(),
            sectors: vec!["design".to_owned()],
            languages: vec!["et".to_owned()],
            description: Localized::new(Some(format!("{slug} kirjeldus")), None, None),
            is_published: true,
            ..Entry::default()
        }
    }
}

/// The fields of an entry, by the names its form, its CSV columns and its audit lines use.
pub const FIELDS: [&str; 20] = [
    "name",
    "kind",
    "municipality",
    "sectors",
    "languages",
    "description_et",
    "description_ru",
    "description_en",
    "services_et",
    "services_ru",
    "services_en",
    "website",
    "email",
    "phone",
    "registry_code",
    "founded_year",
    "size",
    "member",
    "published",
    "links",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::PerLang;

    fn vocabulary() -> Lists {
        let term = |code: &str, et: &str| Term {
            code: code.to_owned(),
            label: PerLang {
                et: et.to_owned(),
                ru: format!("{et} (ru)"),
                en: format!("{et} (en)"),
            },
        };
        Lists {
            sectors: vec![
                term("design", "Disain"),
                term("film", "Film, video, tele ja raadio"),
                term("heritage-crafts", "Pärandtehnoloogia"),
            ],
            municipalities: vec![term("narva", "Narva linn"), term("johvi", "Jõhvi vald")],
            event_types: Vec::new(),
        }
    }

    fn read(form: &EntryForm) -> (Entry, Vec<(&'static str, Problem)>) {
        let vocabulary = vocabulary();
        let rules = Rules {
            vocabulary: &vocabulary,
            this_year: 2026,
        };
        let (entry, refused) = rules.read(form);
        (
            entry,
            refused.into_iter().map(|r| (r.field, r.problem)).collect(),
        )
    }

    fn complete() -> EntryForm {
        EntryForm {
            name: " Narva Disain ".into(),
            kind: "company".into(),
            municipality: "narva".into(),
            sectors: vec!["film".into(), "design".into()],
            speaks_ru: true,
            speaks_et: true,
            other_languages: "uk".into(),
            description_et: "Disainistuudio\r\nNarvas".into(),
            phone: "+372 5555 1234".into(),
            size: "10-49".into(),
            links: "https://a.example\r\nhttps://b.example".into(),
            published: true,
            ..EntryForm::default()
        }
    }

    #[test]
    fn a_complete_form_becomes_an_entry_with_codes_in_order_and_clean_text() {
        let (entry, refused) = read(&complete());
        assert_eq!(refused, vec![]);
        assert_eq!(entry.name, "Narva Disain");
        assert_eq!(entry.sectors, ["design", "film"], "in the sectors' order");
        assert_eq!(entry.languages, ["et", "ru", "uk"]);
        assert_eq!(
            entry.description.get(Lang::Et),
            Some("Disainistuudio\nNarvas")
        );
        assert_eq!(entry.links, ["https://a.example", "https://b.example"]);
        assert_eq!(entry.phone.as_deref(), Some("+372 5555 1234"));
        assert!(entry.is_published && !entry.is_member);
        let (again, _) = read(&entry.form());
        assert_eq!(again, entry, "the form of an entry reads back as the entry");
    }

    #[test]
    fn labels_in_any_language_are_read_as_their_codes() {
        let form = EntryForm {
            kind: "Ettevõte".into(),
            municipality: "NARVA LINN".into(),
            sectors: vec!["Film, video, tele ja raadio".into(), "disain (en)".into()],
            size: "2-9 человек".into(),
            ..complete()
        };
        let (entry, refused) = read(&form);
        assert_eq!(refused, vec![]);
        assert_eq!(
            (entry.kind.as_str(), entry.municipality.as_str()),
            ("company", "narva")
        );
        assert_eq!(
            entry.size.as_deref(),
            Some("2-9"),
            "a label typed with a hyphen"
        );
        assert_eq!(entry.sectors, ["design", "film"]);
    }

    #[test]
    fn every_refused_field_is_named_with_its_reason() {
        let form = EntryForm {
            name: " ".into(),
            kind: "dragon".into(),
            municipality: "Atlantis".into(),
            sectors: vec!["design".into(), "knitting".into()],
            other_languages: "x y".into(),
            description_et: String::new(),
            website: "javascript:alert(1)".into(),
            phone: "12".into(),
            registry_code: "12345670".into(),
            founded_year: "2030".into(),
            size: "huge".into(),
            links: "ftp://x.example".into(),
            ..complete()
        };
        let (_, refused) = read(&form);
        assert_eq!(
            refused,
            [
                ("name", Problem::Required),
                ("kind", Problem::UnknownChoice),
                ("municipality", Problem::UnknownMunicipality),
                ("sectors", Problem::UnknownSector),
                ("other_languages", Problem::UnknownLanguage),
                ("description_et", Problem::DescriptionInOneLanguage),
                ("website", Problem::NotAWebAddress),
                ("phone", Problem::NotAPhone),
                ("registry_code", Problem::NotARegistryCode),
                ("founded_year", Problem::NotAYear),
                ("size", Problem::UnknownChoice),
                ("links", Problem::NotAWebAddress),
            ]
        );
        let (_, empty) = read(&EntryForm::default());
        assert!(empty.contains(&("sectors", Problem::Required)));
        assert!(empty.contains(&("kind", Problem::Required)));
    }

    #[test]
    fn lists_and_texts_have_their_limits() {
        let form = EntryForm {
            name: "N".repeat(201),
            sectors: vec!["design".into(); 31],
            other_languages: vec!["uk"; 31].join(", "),
            description_ru: "ж".repeat(5001),
            links: (0..31)
                .map(|n| format!("https://ivek.ee/{n}"))
                .collect::<Vec<_>>()
                .join("\n"),
            ..complete()
        };
        let (_, refused) = read(&form);
        assert_eq!(
            refused,
            [
                ("name", Problem::TooLong),
                ("sectors", Problem::TooLong),
                ("other_languages", Problem::TooLong),
                ("description_ru", Problem::TooLong),
                ("links", Problem::TooLong),
            ]
        );
    }

    proptest::proptest! {
        /// Any form, however filled: refused fields named by their form names, or an entry
        /// within every limit, never a panic.
        #[test]
        fn any_form_is_an_entry_or_its_refused_fields(
            texts in proptest::collection::vec("\\PC{0,60}|.{0,3000}", 17),
            sectors in proptest::collection::vec("design|film|x|\\PC{0,10}", 0..6),
            flags: [bool; 5],
        ) {
            let form = EntryForm {
                name: texts[0].clone(),
                kind: texts[1].clone(),
                municipality: texts[2].clone(),
                sectors,
                speaks_et: flags[0],
                speaks_ru: flags[1],
                speaks_en: flags[2],
                other_languages: texts[3].clone(),
                description_et: texts[4].clone(),
                description_ru: texts[5].clone(),
                description_en: texts[6].clone(),
                services_et: texts[7].clone(),
                services_ru: texts[8].clone(),
                services_en: texts[9].clone(),
                website: texts[10].clone(),
                email: texts[11].clone(),
                phone: texts[12].clone(),
                registry_code: texts[13].clone(),
                founded_year: texts[14].clone(),
                size: texts[16].clone(),
                member: flags[3],
                published: flags[4],
                links: texts[15].clone(),
            };
            let (entry, refused) = read(&form);
            if refused.is_empty() {
                proptest::prop_assert!(!entry.name.is_empty());
                proptest::prop_assert!(entry.name.chars().count() <= MAX_NAME);
            }
        }
    }
}
