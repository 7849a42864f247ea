//! A proposal as the coordinator reads it: each field it changes, labelled as the entry's form
//! labels it, with the value now and the value proposed (choices by their names).

use crate::entries::{EntryChoices, EntryForm};
use crate::i18n::Lang;
use crate::owners::ProposedChange;
use crate::shared::Labelled;

/// The fields `proposed` changes in `now`, in the form's order.
pub fn changes(
    lang: Lang,
    choices: &EntryChoices,
    now: &EntryForm,
    proposed: &EntryForm,
) -> Vec<ProposedChange> {
    let texts = lang.texts();
    let (profile, directory) = (&texts.profile, &texts.directory);
    let admin = &texts.directory_admin;
    let languages = directory.languages;
    let in_language = |label: &str, index: usize| format!("{label} ({})", languages[index]);
    let yes_no = |value: bool| {
        if value {
            texts.owners.yes
        } else {
            texts.owners.no
        }
        .to_owned()
    };
    let named = |list: &[Labelled], code: &str| {
        list.iter()
            .find(|choice| choice.code == code)
            .map_or_else(|| code.to_owned(), |choice| choice.label.clone())
    };
    let sectors = |codes: &[String]| {
        codes
            .iter()
            .map(|code| named(&choices.sectors, code))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fields: [(String, String, String); 23] = [
        (admin.name.into(), now.name.clone(), proposed.name.clone()),
        (
            directory.kind.into(),
            named(&choices.kinds, &now.kind),
            named(&choices.kinds, &proposed.kind),
        ),
        (
            directory.municipality.into(),
            named(&choices.municipalities, &now.municipality),
            named(&choices.municipalities, &proposed.municipality),
        ),
        (
            profile.registry_code.into(),
            now.registry_code.clone(),
            proposed.registry_code.clone(),
        ),
        (
            profile.founded.into(),
            now.founded_year.clone(),
            proposed.founded_year.clone(),
        ),
        (
            profile.size.into(),
            named(&choices.sizes, &now.size),
            named(&choices.sizes, &proposed.size),
        ),
        (
            profile.sectors.into(),
            sectors(&now.sectors),
            sectors(&proposed.sectors),
        ),
        (
            in_language(profile.description, 0),
            now.description_et.clone(),
            proposed.description_et.clone(),
        ),
        (
            in_language(profile.description, 1),
            now.description_ru.clone(),
            proposed.description_ru.clone(),
        ),
        (
            in_language(profile.description, 2),
            now.description_en.clone(),
            proposed.description_en.clone(),
        ),
        (
            in_language(profile.services, 0),
            now.services_et.clone(),
            proposed.services_et.clone(),
        ),
        (
            in_language(profile.services, 1),
            now.services_ru.clone(),
            proposed.services_ru.clone(),
        ),
        (
            in_language(profile.services, 2),
            now.services_en.clone(),
            proposed.services_en.clone(),
        ),
        (
            format!("{}: {}", profile.languages, languages[0]),
            yes_no(now.speaks_et),
            yes_no(proposed.speaks_et),
        ),
        (
            format!("{}: {}", profile.languages, languages[1]),
            yes_no(now.speaks_ru),
            yes_no(proposed.speaks_ru),
        ),
        (
            format!("{}: {}", profile.languages, languages[2]),
            yes_no(now.speaks_en),
            yes_no(proposed.speaks_en),
        ),
        (
            admin.other_languages.into(),
            now.other_languages.clone(),
            proposed.other_languages.clone(),
        ),
        (
            profile.website.into(),
            now.website.clone(),
            proposed.website.clone(),
        ),
        (
            profile.email.into(),
            now.email.clone(),
            proposed.email.clone(),
        ),
        (
            profile.phone.into(),
            now.phone.clone(),
            proposed.phone.clone(),
        ),
        (
            admin.links.into(),
            now.links.clone(),
            proposed.links.clone(),
        ),
        (
            admin.member.into(),
            yes_no(now.member),
            yes_no(proposed.member),
        ),
        (
            admin.published.into(),
            yes_no(now.published),
            yes_no(proposed.published),
        ),
    ];
    fields
        .into_iter()
        .filter(|(_, now, proposed)| now.trim() != proposed.trim())
        .map(|(label, now, proposed)| ProposedChange {
            label,
            now,
            proposed,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_fields_that_change_are_listed_with_their_choices_named() {
        let choices = EntryChoices {
            kinds: vec![],
            sizes: vec![],
            sectors: vec![
                Labelled {
                    code: "design".into(),
                    label: "Design".into(),
                },
                Labelled {
                    code: "music".into(),
                    label: "Music".into(),
                },
            ],
            municipalities: vec![],
        };
        let now = EntryForm {
            name: "Narva Savikoda".into(),
            sectors: vec!["design".into()],
            phone: "+372 5555 1234".into(),
            speaks_ru: true,
            ..EntryForm::default()
        };
        let proposed = EntryForm {
            sectors: vec!["design".into(), "music".into()],
            phone: "+372 5555 1234 ".into(),
            speaks_en: true,
            ..now.clone()
        };
        assert_eq!(
            changes(Lang::En, &choices, &now, &proposed),
            [
                ProposedChange {
                    label: "Sectors".into(),
                    now: "Design".into(),
                    proposed: "Design, Music".into()
                },
                ProposedChange {
                    label: "Works in: English".into(),
                    now: "no".into(),
                    proposed: "yes".into()
                },
            ]
        );
        assert!(changes(Lang::En, &choices, &now, &now).is_empty());
    }
}
