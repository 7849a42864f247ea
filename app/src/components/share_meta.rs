//! What a public page about one thing (an entry, an event, a funding call) tells search engines
//! and link previews: its title, description, canonical address and Open Graph tags.

use crate::components::frame::SiteOrigin;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The page's `<title>`, description, canonical link and Open Graph tags; `path` is the page's
/// own, after the language (`/events/{slug}`).
#[component]
pub fn ShareMeta(lang: Lang, title: String, summary: String, path: String) -> impl IntoView {
    let origin = use_context::<SiteOrigin>().map(|o| o.0).unwrap_or_default();
    let canonical = format!("{origin}/{lang}{path}");
    let locale = match lang {
        Lang::Et => "et_EE",
        Lang::Ru => "ru_RU",
        Lang::En => "en_GB",
    };
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=summary.clone() />
        <Link rel="canonical" href=canonical.clone() />
        <Meta property="og:type" content="website" />
        <Meta property="og:site_name" content=lang.texts().site_name />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=summary />
        <Meta property="og:url" content=canonical />
        <Meta property="og:locale" content=locale />
    }
}
