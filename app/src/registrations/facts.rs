//! What funders (ESF+) ask of participants: gender, age band and employment status. Asked
//! only when the coordinator turns it on for an event; each answer optional; kept only with
//! the registrant's consent, withdrawn on their private page; reported only in totals of five
//! or more (`reports`).

use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::shared::code_label;
use serde::{Deserialize, Serialize};

/// The answers each question has, as stored (labelled by the catalogue's `facts`, in order).
pub const GENDERS: [&str; 3] = ["woman", "man", "other"];
pub const AGE_BANDS: [&str; 4] = ["under-18", "18-29", "30-54", "55-plus"];
pub const EMPLOYMENT: [&str; 4] = ["employed", "self-employed", "unemployed", "inactive"];

/// The questions as the registration form sends them (`facts[gender]`, …, `facts[consent]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactsForm {
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub age_band: Option<String>,
    #[serde(default)]
    pub employment: Option<String>,
    #[serde(default)]
    pub consent: Option<String>,
}

/// One registrant's answers; a question left unanswered is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Facts {
    pub gender: Option<String>,
    pub age_band: Option<String>,
    pub employment: Option<String>,
}

/// Each question (its catalogue label), its answers' codes, and their labels in `lang`.
pub fn questions(
    lang: Lang,
) -> [(
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
); 3] {
    let texts = &lang.texts().facts;
    [
        ("gender", texts.gender, &GENDERS, &texts.genders),
        ("age_band", texts.age_band, &AGE_BANDS, &texts.age_bands),
        (
            "employment",
            texts.employment,
            &EMPLOYMENT,
            &texts.employments,
        ),
    ]
}

impl Facts {
    /// The questions answered, each with its answer, in `lang`.
    pub fn labelled(&self, lang: Lang) -> Vec<(&'static str, &'static str)> {
        let answers = [&self.gender, &self.age_band, &self.employment];
        questions(lang)
            .into_iter()
            .zip(answers)
            .filter_map(|((_, question, codes, labels), answer)| {
                Some((question, code_label(codes, labels, answer.as_deref()?)))
            })
            .collect()
    }

    /// The answers as a form sent them: each empty or one of its list's, and kept only with
    /// consent. `None` when nothing was answered (consent or not).
    pub fn checked(form: FactsForm) -> Result<Option<Facts>, AppError> {
        let FactsForm {
            gender,
            age_band,
            employment,
            consent,
        } = form;
        let answer = |field: &str, value: Option<String>, list: &[&str]| match value
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
        {
            None => Ok(None),
            Some(value) if list.contains(&value.as_str()) => Ok(Some(value)),
            Some(_) => Err(AppError::invalid(field, Problem::UnknownChoice)),
        };
        let facts = Facts {
            gender: answer("gender", gender, &GENDERS)?,
            age_band: answer("age_band", age_band, &AGE_BANDS)?,
            employment: answer("employment", employment, &EMPLOYMENT)?,
        };
        if facts == Facts::default() {
            return Ok(None);
        }
        if consent.is_none_or(|c| c.is_empty()) {
            return Err(AppError::invalid(
                "facts_consent",
                Problem::FactsWithoutConsent,
            ));
        }
        Ok(Some(facts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(text: &str) -> Option<String> {
        Some(text.to_owned())
    }

    fn checked(
        gender: Option<String>,
        age_band: Option<String>,
        employment: Option<String>,
        consent: Option<String>,
    ) -> Result<Option<Facts>, AppError> {
        Facts::checked(FactsForm {
            gender,
            age_band,
            employment,
            consent,
        })
    }

    #[test]
    fn answers_are_from_their_lists_and_kept_only_with_consent() {
        assert_eq!(
            checked(some("woman"), some(" 30-54 "), None, some("yes")),
            Ok(Some(Facts {
                gender: some("woman"),
                age_band: some("30-54"),
                employment: None,
            }))
        );
        assert_eq!(
            checked(some(""), None, some(""), None),
            Ok(None),
            "nothing answered needs no consent"
        );
        assert_eq!(
            checked(None, None, some("unemployed"), None),
            Err(AppError::invalid(
                "facts_consent",
                Problem::FactsWithoutConsent
            ))
        );
        assert_eq!(
            checked(some("robot"), None, None, some("yes")),
            Err(AppError::invalid("gender", Problem::UnknownChoice))
        );
        assert_eq!(
            checked(None, some("120-plus"), None, some("yes")),
            Err(AppError::invalid("age_band", Problem::UnknownChoice))
        );
    }

    #[test]
    fn answers_are_labelled_in_the_readers_language() {
        let facts = Facts {
            gender: None,
            age_band: some("55-plus"),
            employment: some("self-employed"),
        };
        assert_eq!(
            facts.labelled(Lang::Et),
            [("Vanus", "55 või vanem"), ("Tööhõive", "FIE või ettevõtja")]
        );
        assert_eq!(facts.labelled(Lang::En)[0], ("Age", "55 or older"));
    }
}
