//! The public directory's server functions: the search and a published entry's profile.

use crate::directory::{DirectoryQuery, DirectoryView, OrganisationProfile};
use crate::error::AppError;
use crate::i18n::Lang;
#[cfg(feature = "ssr")]
use crate::shared::{Labelled, Localized};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/api", endpoint = "directory", input = GetUrl)]
pub async fn search_directory(
    lang: Lang,
    #[server(default)] query: DirectoryQuery,
) -> Result<DirectoryView, AppError> {
    let pool = crate::platform::pool()?;
    let vocabulary = crate::platform::vocabulary()?;
    crate::platform::context::<crate::directory::DirectoryCache>("the directory cache")?
        .answer(&pool, &vocabulary, lang, query)
        .await
}

/// The public profile of a published entry; a hidden, unknown or malformed slug is NotFound.
/// The public profile of a published entry; a hidden, unknown or malformed slug is NotFound.
#[server(prefix = "/api", endpoint = "organisation", input = GetUrl)]
pub async fn get_organisation(lang: Lang, slug: String) -> Result<OrganisationProfile, AppError> {
    use crate::directory::store::published_profile;
    use crate::platform::vocabulary::{kind_label, label, language_name};
    use crate::shared::identifiers::is_slug;

    if !is_slug(&slug) {
        return Err(AppError::NotFound);
    }
    let pool = crate::platform::pool()?;
    let row = published_profile(&pool, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let vocabulary = crate::platform::vocabulary()?;
    let web_address =
        |url: String| (url.starts_with("https://") || url.starts_with("http://")).then_some(url);
    let links: Vec<String> = serde_json::from_str::<Vec<String>>(&row.links)
        .map_err(|e| AppError::internal("reading profile links", e))?
        .into_iter()
        .filter_map(web_address)
        .collect();
    let sector_codes: Vec<String> = row
        .sectors
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let calls = crate::platform::context::<crate::funding::FundingCache>("the funding board")?
        .calls(&pool)
        .await?;
    let calls = crate::funding::calls_for(
        &calls,
        &row.kind,
        &sector_codes,
        &row.municipality_code,
        lang,
        jiff::Timestamp::now(),
    );
    let sectors = sector_codes
        .iter()
        .filter_map(|code| {
            Some(Labelled {
                label: label(&vocabulary.sectors, code, lang)?.to_owned(),
                code: code.to_owned(),
            })
        })
        .collect();
    let language_codes: Vec<String> = row
        .languages
        .unwrap_or_default()
        .split(' ')
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect();
    let date = |stored: &str| {
        stored
            .parse::<jiff::Timestamp>()
            .map(|at| crate::shared::time::format_start(at, true, lang))
            .ok()
    };
    let updated = date(&row.updated_at).unwrap_or_default();
    let confirmed = row.confirmed_at.as_deref().and_then(date);
    let mut profile = OrganisationProfile {
        kind: kind_label(lang, &row.kind).to_owned(),
        municipality: Labelled {
            label: label(&vocabulary.municipalities, &row.municipality_code, lang)
                .unwrap_or_default()
                .to_owned(),
            code: row.municipality_code,
        },
        sectors,
        languages: language_codes
            .iter()
            .map(|code| language_name(lang, code))
            .collect(),
        description: Localized::new(row.description_et, row.description_ru, row.description_en),
        services: Localized::new(row.services_et, row.services_ru, row.services_en),
        website: row.website.and_then(web_address),
        email: row
            .email
            .filter(|e| e.contains('@') && !e.contains(char::is_whitespace)),
        phone: row.phone,
        links,
        registry_code: row.registry_code,
        founded_year: row.founded_year,
        size: row
            .size
            .map(|size| crate::platform::vocabulary::size_label(lang, &size).to_owned())
            .filter(|label| !label.is_empty()),
        is_member: row.is_member,
        logo: row.logo,
        updated,
        confirmed,
        json_ld: String::new(),
        calls,
        slug: row.slug,
        name: row.name,
    };
    let origin = crate::platform::request::origin();
    profile.json_ld = json_ld(&profile, &language_codes, lang, &origin);
    Ok(profile)
}

/// schema.org Organization for search engines, escaped so that no text can end the script.
/// schema.org Organization for search engines, escaped so that no text can end the script.
#[cfg(feature = "ssr")]
fn json_ld(
    profile: &OrganisationProfile,
    language_codes: &[String],
    lang: Lang,
    origin: &str,
) -> String {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": format!("{origin}/et/directory/{}", profile.slug),
        "name": profile.name,
        "url": format!("{origin}/{lang}/directory/{}", profile.slug),
        "address": {
            "@type": "PostalAddress",
            "addressRegion": profile.municipality.label,
            "addressCountry": "EE",
        },
        "knowsAbout": profile.sectors.iter().map(|s| &s.label).collect::<Vec<_>>(),
        "knowsLanguage": language_codes,
    });
    let object = value.as_object_mut().expect("a JSON object");
    let mut set = |key: &str, field: Option<serde_json::Value>| {
        if let Some(field) = field {
            object.insert(key.to_owned(), field);
        }
    };
    set(
        "description",
        profile
            .description
            .show(lang)
            .map(|shown| shown.text.into()),
    );
    set("email", profile.email.clone().map(Into::into));
    set("telephone", profile.phone.clone().map(Into::into));
    set(
        "foundingDate",
        profile.founded_year.map(|year| year.to_string().into()),
    );
    set(
        "identifier",
        profile.registry_code.as_ref().map(|code| {
            serde_json::json!({
                "@type": "PropertyValue",
                "propertyID": "Estonian business registry code",
                "value": code,
            })
        }),
    );
    let same_as: Vec<&String> = profile.website.iter().chain(&profile.links).collect();
    set(
        "sameAs",
        (!same_as.is_empty()).then(|| serde_json::json!(same_as)),
    );
    crate::shared::text::script_json(&value)
}
