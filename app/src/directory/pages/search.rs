use crate::components::errors::ErrorPage;
use crate::components::form::search_as_typed;
use crate::components::page::use_query_as;
use crate::components::{LocalizedText, SelectField, SelectOption};
use crate::directory::api::search_directory;
use crate::directory::{DirectoryCard, DirectoryQuery, DirectoryView, FacetOption};
use crate::i18n::{DirectoryTexts, Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// `/{lang}/directory`: the search form is a plain GET form, so every search is a URL that
/// works without JavaScript; once hydrated, results follow typing and filters as they change.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_as::<DirectoryQuery>();
    let results = Resource::new(
        move || (lang.get(), query.get()),
        |(lang, query)| search_directory(lang, query),
    );
    let texts = move || &lang.get().texts().directory;
    // Whether a phone's folded filters are open: kept here, as the filters are drawn anew
    // with each answer.
    let filters_open = RwSignal::new(false);
    // A new search starts on its first page.
    let (on_input, on_submit) = search_as_typed(move |pairs: &[(String, String)]| {
        let query: DirectoryQuery = crate::shared::query::from_query_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        query.href(lang.get_untracked())
    });

    view! {
        // Head tags take plain strings: the server writes them after the page, when reactive
        // values of a finished render may already be disposed.
        {move || {
            let texts = &lang.get().texts().directory;
            view! {
                <Title text=texts.title />
                <Meta name="description" content=texts.description />
            }
        }}
        <section class="directory">
            <h1>{move || texts().title}</h1>
            <p class="join-link">
                <a href=move || format!("/{}/join", lang.get())>{move || lang.get().texts().join.link}</a>
            </p>
            <form
                class="directory-search"
                method="get"
                action=move || format!("/{}/directory", lang.get())
                role="search"
                on:input=on_input
                on:submit=on_submit
            >
                <div class="field field--search">
                    <label for="directory-q">{move || texts().search_label}</label>
                    <input
                        id="directory-q"
                        type="search"
                        name="q"
                        autocomplete="off"
                        maxlength="200"
                        aria-describedby="directory-q-hint"
                        // The attribute for the server-rendered page, the property for back and forward.
                        value=move || query.get().q.unwrap_or_default()
                        prop:value=move || query.get().q.unwrap_or_default()
                    />
                    <p id="directory-q-hint" class="hint">{move || texts().search_hint}</p>
                </div>
                <Transition>
                    {move || {
                        let lang = lang.get();
                        Suspend::new(async move { results.await.ok().map(|view| view! { <Filters lang view open=filters_open /> }) })
                    }}
                </Transition>
                <button type="submit" class="button">{move || texts().search_button}</button>
            </form>
            <Transition>
                {move || {
                    // Read before the await: the page's owner may be gone by the time it resolves.
                    let lang = lang.get();
                    Suspend::new(async move {
                        match results.await {
                            Ok(view) => view! { <Results lang view /> }.into_any(),
                            Err(error) => view! { <ErrorPage error /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

/// The filters; on a phone folded under one control that says how many are chosen, so that
/// the results come first (a wide screen shows them open: the stylesheet).
#[component]
fn Filters(lang: Lang, view: DirectoryView, open: RwSignal<bool>) -> impl IntoView {
    let texts = &lang.texts().directory;
    let query = view.query;
    let by_name = query.sort.as_deref() == Some("name");
    let chosen = [
        query.sector.is_some(),
        query.municipality.is_some(),
        query.language.is_some(),
        query.kind.is_some(),
        query.member.is_some(),
    ]
    .into_iter()
    .filter(|chosen| *chosen)
    .count();
    let toggled = move |event: leptos::ev::Event| {
        use leptos::wasm_bindgen::JsCast;
        let details = event
            .target()
            .and_then(|target| target.dyn_into::<leptos::web_sys::Element>().ok());
        open.set(details.is_some_and(|details| details.has_attribute("open")));
    };
    view! {
        <details class="filters-fold" prop:open=move || open.get() on:toggle=toggled>
        <summary>{format!("{} ({chosen})", texts.filters)}</summary>
        <fieldset class="filters">
            <legend>{texts.filters}</legend>
            <FacetSelect name="sector" label=texts.sector all=texts.all_sectors options=view.sectors selected=query.sector />
            <FacetSelect
                name="municipality"
                label=texts.municipality
                all=texts.all_municipalities
                options=view.municipalities
                selected=query.municipality
            />
            <FacetSelect name="language" label=texts.language all=texts.all_languages options=view.languages selected=query.language />
            <FacetSelect name="kind" label=texts.kind all=texts.all_kinds options=view.kinds selected=query.kind />
            <div class="field field--check">
                <input id="filter-member" type="checkbox" name="member" value="1" checked=query.member.is_some() />
                <label for="filter-member">{format!("{} ({})", texts.members_only, view.members)}</label>
            </div>
            <div class="field">
                <label for="directory-sort">{texts.sort}</label>
                <select id="directory-sort" name="sort">
                    // The empty value is the default, so the URL only carries a sort somebody chose.
                    <option value="" selected=!by_name>{texts.sort_relevance}</option>
                    <option value="name" selected=by_name>{texts.sort_name}</option>
                </select>
            </div>
        </fieldset>
        </details>
    }
}

/// A filter whose options show how many entries each would leave; empty ones cannot be chosen.
#[component]
fn FacetSelect(
    name: &'static str,
    label: &'static str,
    all: &'static str,
    options: Vec<FacetOption>,
    selected: Option<String>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|option| SelectOption {
            label: format!("{} ({})", option.label, option.count),
            disabled: option.count == 0,
            value: option.code,
        })
        .collect();
    view! { <SelectField id=format!("filter-{name}") name label any=all options selected /> }
}

#[component]
fn Results(lang: Lang, view: DirectoryView) -> impl IntoView {
    let texts = &lang.texts().directory;
    let query = view.query.clone();
    let total = view.total;
    let dropped = (!view.dropped.is_empty())
        .then(|| view! { <p class="notice" role="note">{format!("{}: {}", texts.dropped_filters, view.dropped.join(", "))}</p> });
    let body = if view.total == 0 {
        view! { <NoResults lang view /> }.into_any()
    } else {
        view! {
            <ul class="directory-cards">
                {view.cards.into_iter().map(|card| view! { <Card lang card /> }).collect_view()}
            </ul>
            <Pager lang query page=view.page pages=view.pages />
        }
        .into_any()
    };
    view! {
        <div class="directory-results">
            {dropped}
            <p class="result-count" role="status">{format!("{}: {total}", texts.results)}</p>
            {body}
        </div>
    }
}

#[component]
fn NoResults(lang: Lang, view: DirectoryView) -> impl IntoView {
    let texts = &lang.texts().directory;
    let query = view.query;
    let without = |clear: fn(&mut DirectoryQuery), label: String| {
        let mut relaxed = query.clone();
        clear(&mut relaxed);
        relaxed.page = None;
        view! { <li><a href=relaxed.href(lang)>{label}</a></li> }
    };
    // Each active filter, with the label it shows and how to drop it from the query.
    type Clear = fn(&mut DirectoryQuery);
    let facets: [(&[FacetOption], &Option<String>, Clear); 4] = [
        (&view.sectors, &query.sector, |q| q.sector = None),
        (&view.municipalities, &query.municipality, |q| {
            q.municipality = None
        }),
        (&view.languages, &query.language, |q| q.language = None),
        (&view.kinds, &query.kind, |q| q.kind = None),
    ];
    let mut removals: Vec<_> = facets
        .into_iter()
        .filter_map(|(options, code, clear)| {
            let code = code.as_deref()?;
            let option = options.iter().find(|o| o.code == code)?;
            Some(without(clear, option.label.clone()))
        })
        .collect();
    if query.member.is_some() {
        removals.push(without(|q| q.member = None, texts.members_only.to_owned()));
    }
    view! {
        <p>{texts.no_results}</p>
        {(!removals.is_empty()).then(|| view! {
            <p>{texts.remove_filters}</p>
            <ul class="filter-removals">{removals}</ul>
        })}
        {(!view.closest.is_empty()).then(|| view! {
            <h2>{texts.closest}</h2>
            <ul class="directory-cards">
                {view.closest.into_iter().map(|card| view! { <Card lang card /> }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn Card(lang: Lang, card: DirectoryCard) -> impl IntoView {
    let texts: &DirectoryTexts = &lang.texts().directory;
    view! {
        <li class="directory-card">
            {card.logo.map(|src| view! { <img class="directory-card__logo" src=src alt="" width="64" height="64" loading="lazy" /> })}
            <h2 class="directory-card__name">
                <a href=format!("/{lang}/directory/{}", card.slug)>{card.name}</a>
            </h2>
            <p class="directory-card__meta">
                {card.kind} " · " {card.municipality}
                {card.is_member.then(|| view! { " · " <span class="member">{texts.member_badge}</span> })}
            </p>
            <p class="directory-card__sectors">{card.sectors.join(", ")}</p>
            <p class="directory-card__description"><LocalizedText text=card.description lang /></p>
        </li>
    }
}

#[component]
fn Pager(lang: Lang, query: DirectoryQuery, page: usize, pages: usize) -> impl IntoView {
    let texts = &lang.texts().directory;
    let link = move |target: usize| {
        let mut at = query.clone();
        at.page = (target > 1).then(|| target.to_string());
        at.href(lang)
    };
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=texts.pages>
                {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>{texts.previous_page}</a> })}
                <span>{format!("{} {page} / {pages}", texts.page)}</span>
                {(page < pages).then(|| view! { <a rel="next" href=link(page + 1)>{texts.next_page}</a> })}
            </nav>
        }
    })
}
