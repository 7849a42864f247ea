//! The coordinator's form of a directory entry as typed. The server reads it with the same
//! rules as a CSV row (`db::directory_csv::read_entry`): its fields are the file's columns.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryForm {
    pub name: String,
    pub kind: String,
    pub municipality: String,
    /// Sector codes (checkboxes `form[sectors][n]`).
    pub sectors: Vec<String>,
    pub speaks_et: bool,
    pub speaks_ru: bool,
    pub speaks_en: bool,
    /// Other language codes, comma-separated.
    pub other_languages: String,
    pub description_et: String,
    pub description_ru: String,
    pub description_en: String,
    pub services_et: String,
    pub services_ru: String,
    pub services_en: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub registry_code: String,
    pub founded_year: String,
    pub member: bool,
    pub published: bool,
    /// One address a line.
    pub links: String,
}

impl EntryForm {
    /// The form as the cells of a CSV row, by column.
    pub fn cells(&self) -> Vec<(&'static str, String)> {
        let yes_no = |value: bool| if value { "yes" } else { "no" }.to_owned();
        let languages: Vec<&str> = [
            (self.speaks_et, "et"),
            (self.speaks_ru, "ru"),
            (self.speaks_en, "en"),
        ]
        .into_iter()
        .filter(|(spoken, _)| *spoken)
        .map(|(_, code)| code)
        .chain(self.other_languages.split(',').map(str::trim))
        .filter(|code| !code.is_empty())
        .collect();
        vec![
            ("name", self.name.clone()),
            ("kind", self.kind.clone()),
            ("municipality", self.municipality.clone()),
            ("sectors", self.sectors.join(", ")),
            ("languages", languages.join(", ")),
            ("description_et", self.description_et.clone()),
            ("description_ru", self.description_ru.clone()),
            ("description_en", self.description_en.clone()),
            ("services_et", self.services_et.clone()),
            ("services_ru", self.services_ru.clone()),
            ("services_en", self.services_en.clone()),
            ("website", self.website.clone()),
            ("email", self.email.clone()),
            ("phone", self.phone.clone()),
            ("registry_code", self.registry_code.clone()),
            ("founded_year", self.founded_year.clone()),
            ("member", yes_no(self.member)),
            ("published", yes_no(self.published)),
            ("links", self.links.clone()),
        ]
    }
}
