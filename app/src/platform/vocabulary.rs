//! The fixed lists the platform's data names by code: sectors, municipalities and event types
//! (tables the migrations fill, labelled in three languages), and the kinds of entry and the
//! languages an entry serves in (labelled by the UI catalogue). Loaded once at start-up.

use crate::i18n::{Lang, PerLang};
use crate::platform::db::Result;
use crate::shared::{Labelled, code_label};
use sqlx::SqlitePool;
use std::sync::Arc;

/// A code and its label in each language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub code: String,
    pub label: PerLang<String>,
}

/// The lists, in the order they are shown.
#[derive(Debug, Default)]
pub struct Lists {
    pub sectors: Vec<Term>,
    pub municipalities: Vec<Term>,
    pub event_types: Vec<Term>,
}

/// The vocabulary, shared by every request.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary(Arc<Lists>);

impl std::ops::Deref for Vocabulary {
    type Target = Lists;

    fn deref(&self) -> &Lists {
        &self.0
    }
}

impl Vocabulary {
    pub async fn load(pool: &SqlitePool) -> Result<Self> {
        let terms = |table: &'static str, column: &'static str| async move {
            let rows: Vec<(String, String, String, String)> = sqlx::query_as(
                sqlx::AssertSqlSafe(format!(
                    "SELECT code, {column}_et, {column}_ru, {column}_en FROM {table} ORDER BY position"
                )),
            )
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>(
                rows.into_iter()
                    .map(|(code, et, ru, en)| Term {
                        code,
                        label: PerLang { et, ru, en },
                    })
                    .collect(),
            )
        };
        Ok(Vocabulary(Arc::new(Lists {
            sectors: terms("sectors", "label").await?,
            municipalities: terms("municipalities", "name").await?,
            event_types: terms("event_types", "label").await?,
        })))
    }
}

/// The term with `code`, if the list has one.
pub fn find<'a>(terms: &'a [Term], code: &str) -> Option<&'a Term> {
    terms.iter().find(|term| term.code == code)
}

/// `code`'s label in `lang`, if the list has it.
pub fn label<'a>(terms: &'a [Term], code: &str, lang: Lang) -> Option<&'a str> {
    find(terms, code).map(|term| term.label.get(lang).as_str())
}

/// The list as codes with their labels in `lang`.
pub fn labelled(terms: &[Term], lang: Lang) -> Vec<Labelled> {
    terms
        .iter()
        .map(|term| Labelled {
            code: term.code.clone(),
            label: term.label.get(lang).clone(),
        })
        .collect()
}

/// The kinds of entry, in the order the filters show them (labelled by the catalogue's
/// `directory.kinds`).
pub const KINDS: [&str; 6] = [
    "company",
    "non-profit",
    "public-institution",
    "sole-trader",
    "freelancer",
    "other",
];

/// How many people work in an organisation, in bands (labelled by the catalogue's
/// `directory.sizes`).
pub const SIZES: [&str; 5] = ["1", "2-9", "10-49", "50-249", "250+"];

/// The languages an entry serves in, as the filter has them (labelled by the catalogue's
/// `directory.languages`); every other language counts as "other".
pub const LANGUAGES: [&str; 4] = ["et", "ru", "en", "other"];

/// The code of a fixed list that `typed` names: the code itself or its label in any language
/// (`labels_in`), letter case aside, and a dash read as a hyphen ("2–9" as "2-9").
pub fn code_named(
    codes: &[&'static str],
    labels_in: impl Fn(Lang) -> &'static [&'static str],
    typed: &str,
) -> Option<&'static str> {
    let plain = |text: &str| text.trim().to_lowercase().replace('–', "-");
    let typed = plain(typed);
    codes.iter().enumerate().find_map(|(index, code)| {
        let labelled = Lang::ALL.iter().any(|lang| {
            labels_in(*lang)
                .get(index)
                .is_some_and(|l| plain(l) == typed)
        });
        (*code == typed || labelled).then_some(*code)
    })
}

/// "Company", "Ettevõte", … for a kind; empty for a code the list does not have.
pub fn kind_label(lang: Lang, kind: &str) -> &'static str {
    code_label(&KINDS, &lang.texts().directory.kinds, kind)
}

/// "1 person", "2–9 people", … for a size band; empty for a code the list does not have.
pub fn size_label(lang: Lang, size: &str) -> &'static str {
    code_label(&SIZES, &lang.texts().directory.sizes, size)
}

/// The name of a language an entry serves in; any other language as "other language (uk)".
pub fn language_name(lang: Lang, code: &str) -> String {
    let names = &lang.texts().directory.languages;
    let other = LANGUAGES.len() - 1;
    match LANGUAGES[..other].iter().position(|l| *l == code) {
        Some(i) => names[i].to_owned(),
        None => format!("{} ({code})", names[other]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::db::test_pool;

    #[tokio::test]
    async fn the_lists_come_from_their_tables_in_order() {
        let vocabulary = Vocabulary::load(&test_pool().await).await.unwrap();
        assert!(vocabulary.sectors.len() >= 10);
        assert_eq!(
            label(&vocabulary.municipalities, "narva", Lang::Et),
            Some("Narva linn")
        );
        assert_eq!(
            label(&vocabulary.event_types, "training", Lang::Ru),
            Some("Обучение")
        );
        assert_eq!(label(&vocabulary.sectors, "knitting", Lang::En), None);
        assert_eq!(kind_label(Lang::En, "company"), "Company");
        assert_eq!(language_name(Lang::En, "uk"), "other language (uk)");
    }
}
