use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A text that users write (a description, an event title) in one to three languages.
///
/// The rule for showing it: the page's language, else the first of [`Lang::CONTENT_FALLBACK`]
/// that exists; a fallback is marked on the page so that nobody mistakes it for a translation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    et: Option<String>,
    ru: Option<String>,
    en: Option<String>,
}

/// The text chosen for a page, and the language it is really in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    pub lang: Lang,
    pub is_fallback: bool,
}

impl Localized {
    /// Blank and whitespace-only texts count as missing.
    pub fn new(et: Option<String>, ru: Option<String>, en: Option<String>) -> Self {
        let keep =
            |text: Option<String>| text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        Self {
            et: keep(et),
            ru: keep(ru),
            en: keep(en),
        }
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Et => self.et.as_deref(),
            Lang::Ru => self.ru.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    pub fn is_empty(&self) -> bool {
        Lang::ALL.into_iter().all(|lang| self.get(lang).is_none())
    }

    /// Only the version a page in `wanted` shows (for lists, where the other languages would
    /// be sent for nothing); it shows the same and is marked the same.
    pub fn only_shown(&self, wanted: Lang) -> Localized {
        let mut kept = Localized::default();
        if let Some(shown) = self.show(wanted) {
            let text = Some(shown.text.to_owned());
            match shown.lang {
                Lang::Et => kept.et = text,
                Lang::Ru => kept.ru = text,
                Lang::En => kept.en = text,
            }
        }
        kept
    }

    pub fn show(&self, wanted: Lang) -> Option<Shown<'_>> {
        std::iter::once(wanted)
            .chain(Lang::CONTENT_FALLBACK)
            .find_map(|lang| {
                self.get(lang).map(|text| Shown {
                    text,
                    lang,
                    is_fallback: lang != wanted,
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn only_the_shown_version_shows_the_same() {
        let text = Localized::new(Some("Koolitus".into()), Some("Обучение".into()), None);
        for lang in Lang::ALL {
            let slim = text.only_shown(lang);
            assert_eq!(slim.show(lang), text.show(lang), "{lang}");
            assert_eq!(
                Lang::ALL.iter().filter(|l| slim.get(**l).is_some()).count(),
                1
            );
        }
        assert!(Localized::default().only_shown(Lang::En).is_empty());
    }

    #[test]
    fn the_page_language_wins_when_present() {
        let title = Localized::new(text("Võrgustiku kohtumine"), text("Встреча сети"), None);
        let shown = title.show(Lang::Ru).unwrap();
        assert_eq!(shown.text, "Встреча сети");
        assert!(!shown.is_fallback);
    }

    #[test]
    fn a_missing_language_falls_back_estonian_then_english_then_russian() {
        let all_but_russian = Localized::new(text("Koolitus"), None, text("Training"));
        assert_eq!(
            all_but_russian.show(Lang::Ru),
            Some(Shown {
                text: "Koolitus",
                lang: Lang::Et,
                is_fallback: true
            })
        );

        let english_and_russian = Localized::new(None, text("Тренинг"), text("Training"));
        assert_eq!(english_and_russian.show(Lang::Et).unwrap().lang, Lang::En);

        let only_russian = Localized::new(None, text("Ярмарка"), None);
        assert_eq!(
            only_russian.show(Lang::En),
            Some(Shown {
                text: "Ярмарка",
                lang: Lang::Ru,
                is_fallback: true
            })
        );
    }

    #[test]
    fn blank_texts_count_as_missing() {
        let blank = Localized::new(text("  "), text(""), None);
        assert!(blank.is_empty());
        assert_eq!(blank.show(Lang::Et), None);
        let padded = Localized::new(None, None, text("  Fair \n"));
        assert_eq!(padded.get(Lang::En), Some("Fair"));
    }
}
