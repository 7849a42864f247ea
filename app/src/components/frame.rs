use crate::components::LanguageSwitcher;
use crate::i18n::{Lang, path_in_lang, use_lang};
use leptos::prelude::*;
use leptos_meta::{Html, Link, Title};
use leptos_router::{components::A, hooks::use_location};

/// The page around every route: header with navigation and language switcher, footer with
/// the coordinator's contact, `<html lang>` and the links to the page in other languages.
/// Each page writes its own title and description.
#[component]
pub fn Frame(children: Children) -> impl IntoView {
    let lang = use_lang();
    let texts = move || lang.get().texts();
    let location = use_location();
    let href = move |page: &str| format!("/{}{page}", lang.get());
    let origin = use_context::<SiteOrigin>().map(|o| o.0).unwrap_or_default();

    view! {
        // Head tags take plain values inside one reactive block: the server writes them after
        // the page, when reactive values of a finished render may already be disposed.
        {move || {
            let lang = lang.get();
            let path = location.pathname.get();
            let alternate = |target: Lang| format!("{origin}{}", path_in_lang(&path, target));
            let x_default = alternate(Lang::DEFAULT);
            let site_name = lang.texts().site_name;
            view! {
                <Html {..} lang=lang.code() />
                <Title formatter=move |title: String| full_title(&title, site_name) />
                {Lang::ALL
                    .map(|target| view! { <Link rel="alternate" hreflang=target.code() href=alternate(target) /> })
                    .collect_view()}
                <Link rel="alternate" hreflang="x-default" href=x_default />
            }
        }}
        // rel=external keeps the router's hands off: the browser's own jump is what moves focus.
        <a class="skip-link" href="#main" rel="external">
            {move || texts().skip_to_content}
        </a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-name" href=move || href("")>{move || texts().site_name}</a>
                <nav class="main-nav" aria-label=move || texts().main_navigation>
                    <ul>
                        <li><A href=move || href("/directory")>{move || texts().nav_directory}</A></li>
                        <li><A href=move || href("/events")>{move || texts().nav_events}</A></li>
                        <li><A href=move || href("/funding")>{move || texts().nav_funding}</A></li>
                        <li><A href=move || href("/about")>{move || texts().nav_about}</A></li>
                    </ul>
                </nav>
                <LanguageSwitcher />
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <div class="site-footer__inner">
                <h2>{move || texts().footer_contact}</h2>
                <p class="contact">
                    <strong>"Piia Tamm"</strong>
                    <br />
                    {move || texts().coordinator_role}
                    <br />
                    <a href="mailto:piia.tamm@ivek.ee">"piia.tamm@ivek.ee"</a>
                    <br />
                    {move || texts().foundation_name}
                </p>
                <p class="footer-note">{move || texts().footer_note}</p>
                <p class="footer-note"><a href=move || href("/login")>{move || texts().auth.staff_link}</a></p>
            </div>
        </footer>
    }
}

/// "Page · Site". On the server it is escaped here: leptos_meta 0.8 writes `<title>` into the
/// HTML unescaped (an entry named `</title><script>` would run). The browser sets
/// `document.title`, which is plain text, so it gets the text as it is.
fn full_title(title: &str, site_name: &str) -> String {
    let full = format!("{title} · {site_name}");
    #[cfg(feature = "ssr")]
    let full = html_escape::encode_text(&full).into_owned();
    full
}

/// The public origin of the site (`https://loomeklaster.ee`), for absolute links in `<head>`.
#[derive(Clone, Debug)]
pub struct SiteOrigin(pub String);
