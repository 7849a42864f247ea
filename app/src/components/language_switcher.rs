use crate::i18n::{Lang, path_in_lang, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Links to the current page, with its query string, in each of the three languages.
///
/// A click also remembers the choice in a cookie, so that `/` opens in that language next time.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let href = move |target: Lang| {
        let query = location.search.get();
        let query = if query.is_empty() {
            query
        } else {
            format!("?{}", query.trim_start_matches('?'))
        };
        format!("{}{query}", path_in_lang(&location.pathname.get(), target))
    };
    view! {
        <nav class="language-switcher" aria-label=move || lang.get().texts().language_switcher>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|target| {
                        view! {
                            <li>
                                <a
                                    href=move || href(target)
                                    hreflang=target.code()
                                    lang=target.code()
                                    aria-current=move || (lang.get() == target).then_some("page")
                                    on:click=move |_| remember_language(target)
                                >
                                    {target.native_name()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// The cookie the server reads when it redirects `/`.
pub const LANGUAGE_COOKIE: &str = "lang";

fn remember_language(lang: Lang) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let document: web_sys::HtmlDocument = document().unchecked_into();
        // A year; Lax so that it comes along when someone follows a link to the site.
        let cookie = format!("{LANGUAGE_COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax");
        let _ = document.set_cookie(&cookie);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = lang;
}
