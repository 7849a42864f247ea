//! `/{lang}/newsletter/archive`: the editions that went out, newest first, with their Atom
//! feed; `/{lang}/newsletter/archive/{number}`: one edition as its readers got it.

use crate::components::errors::{ErrorPage, NotFound};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::newsletter::api::{get_archive, get_archived_edition};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let lang = use_lang();
    let editions = Resource::new(move || lang.get(), get_archive);
    view! {
        {move || {
            let lang = lang.get();
            let texts = &lang.texts().newsletter;
            view! {
                <Title text=texts.archive_title />
                <Link rel="alternate" type_="application/atom+xml" title=texts.archive_title href=format!("/{lang}/newsletter.atom") />
                <h1>{texts.archive_title}</h1>
                <p>
                    <a href=format!("/{lang}/newsletter")>{texts.subscribe_link}</a>
                    " · "
                    <a href=format!("/{lang}/newsletter.atom")>{texts.atom_link}</a>
                </p>
            }
        }}
        <Suspense>
            {move || Suspend::new(async move {
                let lang = lang.get();
                let texts = &lang.texts().newsletter;
                match editions.await {
                    Ok(editions) if editions.is_empty() => view! { <p class="notice">{texts.archive_empty}</p> }.into_any(),
                    Ok(editions) => view! {
                        <ul class="archive-list">
                            {editions
                                .into_iter()
                                .map(|edition| view! {
                                    <li>
                                        <a href=format!("/{lang}/newsletter/archive/{}", edition.number)>{edition.subject}</a>
                                        " · "
                                        <time datetime=edition.date.clone()>{edition.date.clone()}</time>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ArchivedEditionPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let number = Memo::new(move |_| {
        params
            .read()
            .get("number")
            .and_then(|number| number.parse::<i64>().ok())
            .filter(|number| (1..=1_000_000).contains(number))
    });
    let edition = Resource::new(
        move || (lang.get(), number.get()),
        |(lang, number)| async move {
            match number {
                Some(number) => get_archived_edition(lang, number).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let lang = lang.get();
                let texts = &lang.texts().newsletter;
                match edition.await {
                    Ok(edition) => view! {
                        <Title text=edition.subject.clone() />
                        <Meta name="description" content=edition.subject.clone() />
                        <article class="newsletter-edition">
                            <p class="hint">
                                {texts.edition_number.replace("{number}", &edition.number.to_string())}
                                " · "
                                <time datetime=edition.date.clone()>{edition.date.clone()}</time>
                            </p>
                            // Written by the server from Markdown with raw HTML escaped and only
                            // web and mail links kept (newsletter::letter).
                            <div inner_html=edition.html></div>
                        </article>
                        <p><a href=format!("/{lang}/newsletter/archive")>{texts.archive_title}</a></p>
                    }
                    .into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
