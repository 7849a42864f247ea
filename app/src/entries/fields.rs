//! The fields of a directory entry, the same wherever one is typed: the coordinator's entry
//! form, the review of an application, and the public join form.

use crate::components::form::{FieldMaker, choice_options};
use crate::entries::{EntryCheck, EntryChoices, EntryForm};
use crate::i18n::Lang;
use leptos::prelude::*;

/// Every field of `form` but its status (published, member), which only the coordinator sets.
pub fn entry_fields<P, F>(
    lang: Lang,
    field: FieldMaker<P>,
    choices: &EntryChoices,
    form: &EntryForm,
) -> impl IntoView + use<P, F>
where
    P: Fn(&'static str) -> F + Copy + Send + Sync + 'static,
    F: Fn() -> Option<&'static str> + Copy + Send + Sync + 'static,
{
    let texts = &lang.texts().directory_admin;
    let profile = &lang.texts().profile;
    let directory = &lang.texts().directory;
    let languages = directory.languages;
    let in_language = |label: &str, index: usize| format!("{label} ({})", languages[index]);
    view! {
        <fieldset>
            <legend>{texts.name}</legend>
            {field.text("name", texts.name.to_owned(), "text", form.name.clone())}
            {field.select("kind", directory.kind, Some(texts.choose), choice_options(&choices.kinds), form.kind.clone())}
            {field.select("municipality", directory.municipality, Some(texts.choose), choice_options(&choices.municipalities), form.municipality.clone())}
            {field.text("registry_code", profile.registry_code.to_owned(), "text", form.registry_code.clone())}
            {field.text("founded_year", profile.founded.to_owned(), "number", form.founded_year.clone())}
            {field.select("size", profile.size, Some(texts.not_given), choice_options(&choices.sizes), form.size.clone())}
        </fieldset>
        {field.choices("sectors", profile.sectors, &choices.sectors, &form.sectors)}
        <fieldset>
            <legend>{profile.description}</legend>
            {field.area("description_et", in_language(profile.description, 0), form.description_et.clone())}
            {field.area("description_ru", in_language(profile.description, 1), form.description_ru.clone())}
            {field.area("description_en", in_language(profile.description, 2), form.description_en.clone())}
            {field.area("services_et", in_language(profile.services, 0), form.services_et.clone())}
            {field.area("services_ru", in_language(profile.services, 1), form.services_ru.clone())}
            {field.area("services_en", in_language(profile.services, 2), form.services_en.clone())}
        </fieldset>
        <fieldset>
            <legend>{profile.languages}</legend>
            {field.check("speaks_et", languages[0], form.speaks_et)}
            {field.check("speaks_ru", languages[1], form.speaks_ru)}
            {field.check("speaks_en", languages[2], form.speaks_en)}
            {field.text("other_languages", texts.other_languages.to_owned(), "text", form.other_languages.clone())}
        </fieldset>
        <fieldset>
            <legend>{profile.contact}</legend>
            {field.text("website", profile.website.to_owned(), "url", form.website.clone())}
            {field.text("email", profile.email.to_owned(), "email", form.email.clone())}
            {field.text("phone", profile.phone.to_owned(), "tel", form.phone.clone())}
            {field.area("links", texts.links.to_owned(), form.links.clone())}
        </fieldset>
    }
}

/// The entries the checked form may duplicate, each linked to its form.
pub fn look_alikes(lang: Lang, check: Option<&EntryCheck>) -> Option<impl IntoView + use<>> {
    let found = check?.look_alikes.clone();
    (!found.is_empty()).then(|| {
        view! {
            <div class="notice" role="status">
                <p>{lang.texts().directory_admin.look_alike}</p>
                <ul>
                    {found
                        .into_iter()
                        .map(|(other, name)| view! { <li><a href=format!("/{lang}/admin/directory/{other}/edit")>{name}</a></li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}
