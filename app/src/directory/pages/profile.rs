use crate::components::LocalizedText;
use crate::components::ShareMeta;
use crate::components::errors::{ErrorPage, NotFound};
use crate::components::facts::facts;
use crate::directory::DirectoryQuery;
use crate::directory::OrganisationProfile;
use crate::directory::api::get_organisation;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::shared::text::shorten;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/{lang}/directory/{slug}`: one entry's public profile.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let profile = Resource::new(
        move || (lang.get(), slug.get()),
        |(lang, slug)| get_organisation(lang, slug),
    );
    view! {
        <Suspense>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match profile.await {
                        Ok(profile) => view! { <Profile lang profile /> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Profile(lang: Lang, profile: OrganisationProfile) -> impl IntoView {
    let texts = &lang.texts().profile;
    let summary = profile
        .description
        .show(lang)
        .map(|shown| shorten(shown.text, 200))
        .unwrap_or_else(|| format!("{} · {}", profile.kind, profile.municipality.label));
    let search = |query: DirectoryQuery| query.href(lang);
    let municipality_search = search(DirectoryQuery {
        municipality: Some(profile.municipality.code.clone()),
        ..DirectoryQuery::default()
    });
    let sectors = profile
        .sectors
        .iter()
        .map(|sector| {
            let href = search(DirectoryQuery {
                sector: Some(sector.code.clone()),
                ..DirectoryQuery::default()
            });
            view! { <li><a href=href title=texts.more_in_sector>{sector.label.clone()}</a></li> }
        })
        .collect_view();
    let contact: Vec<(&str, AnyView)> = [
        profile.website.clone().map(|url| {
            (texts.website, view! { <a href=url.clone() rel="noopener">{without_scheme(&url)}</a> }.into_any())
        }),
        profile.email.clone().map(|email| {
            let href = format!("mailto:{email}");
            (texts.email, view! { <a href=href>{email}</a> }.into_any())
        }),
        profile.phone.clone().map(|phone| {
            let dial: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
            (texts.phone, view! { <a href=format!("tel:{dial}")>{phone}</a> }.into_any())
        }),
        (!profile.links.is_empty()).then(|| {
            let links = profile
                .links
                .iter()
                .map(|url| view! { <li><a href=url.clone() rel="noopener">{without_scheme(url)}</a></li> })
                .collect_view();
            (texts.links, view! { <ul class="plain-list">{links}</ul> }.into_any())
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let details: Vec<(&str, AnyView)> = [
        Some((
            texts.sectors,
            view! { <ul class="plain-list">{sectors}</ul> }.into_any(),
        )),
        Some((texts.languages, profile.languages.join(", ").into_any())),
        profile
            .registry_code
            .clone()
            .map(|code| (texts.registry_code, code.into_any())),
        profile
            .founded_year
            .map(|year| (texts.founded, year.to_string().into_any())),
        profile
            .size
            .clone()
            .map(|size| (texts.size, size.into_any())),
        Some((texts.updated, profile.updated.clone().into_any())),
        profile
            .confirmed
            .clone()
            .map(|date| (texts.confirmed, date.into_any())),
    ]
    .into_iter()
    .flatten()
    .collect();

    view! {
        <ShareMeta lang title=profile.name.clone() summary path=format!("/directory/{}", profile.slug) />
        <article class="profile">
            <p class="back-link">
                <a href=format!("/{lang}/directory")>{texts.back_to_directory}</a>
            </p>
            {profile.logo.clone().map(|src| view! { <img class="profile__logo" src=src alt="" width="160" height="160" /> })}
            <h1>{profile.name.clone()}</h1>
            <p class="profile__meta">
                {profile.kind.clone()} " · "
                <a href=municipality_search>{profile.municipality.label.clone()}</a>
                {profile.is_member.then(|| view! { " · " <span class="member">{lang.texts().directory.member_badge}</span> })}
            </p>
            {(!profile.description.is_empty()).then(|| view! {
                <section aria-labelledby="profile-description">
                    <h2 id="profile-description">{texts.description}</h2>
                    <p><LocalizedText text=profile.description.clone() lang /></p>
                </section>
            })}
            {(!profile.services.is_empty()).then(|| view! {
                <section aria-labelledby="profile-services">
                    <h2 id="profile-services">{texts.services}</h2>
                    <p><LocalizedText text=profile.services.clone() lang /></p>
                </section>
            })}
            <section aria-labelledby="profile-details">
                <h2 id="profile-details">{texts.details}</h2>
                {facts(details)}
            </section>
            {(!contact.is_empty()).then(|| view! {
                <section aria-labelledby="profile-contact">
                    <h2 id="profile-contact">{texts.contact}</h2>
                    {facts(contact)}
                </section>
            })}
            {(!profile.calls.is_empty()).then(|| {
                let funding = &lang.texts().funding;
                view! {
                    <section aria-labelledby="profile-calls">
                        <h2 id="profile-calls">{funding.profile_heading}</h2>
                        <ul class="plain-list">
                            {profile.calls.iter().map(|call| view! {
                                <li>
                                    <a href=format!("/{lang}/funding/{}", call.slug)><LocalizedText text=call.title.clone() lang /></a>
                                    {call.next_deadline.clone().map(|deadline| view! {
                                        " · " {funding.deadline} " " <time datetime=deadline.at>{deadline.until}</time>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                        <p><a href=format!("/{lang}/funding?for={}", profile.slug)>{funding.profile_all}</a></p>
                    </section>
                }
            })}
            <script type="application/ld+json" inner_html=profile.json_ld></script>
        </article>
    }
}

/// "example.org/page" for "https://example.org/page/": how people read an address.
fn without_scheme(url: &str) -> String {
    url.trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .trim_end_matches('/')
        .to_owned()
}
