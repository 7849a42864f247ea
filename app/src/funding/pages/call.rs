//! `/{lang}/funding/{slug}`: everything about one call, its next deadlines and the days left,
//! with structured data (schema.org MonetaryGrant) and Open Graph tags.

use crate::components::errors::{NotFound, ServerError};
use crate::components::frame::SiteOrigin;
use crate::error::AppError;
use crate::funding::CallPage;
use crate::funding::api::get_call;
use crate::funding::pages::article::CallArticle;
use crate::i18n::{Lang, use_lang};
use crate::shared::text::shorten;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn FundingCallPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let call = Resource::new(
        move || (lang.get(), slug.get()),
        |(lang, slug)| get_call(lang, slug),
    );
    view! {
        <Suspense>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match call.await {
                        Ok(call) => view! { <Call lang call /> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(_) => view! { <ServerError /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Call(lang: Lang, call: CallPage) -> impl IntoView {
    let origin = use_context::<SiteOrigin>().map(|o| o.0).unwrap_or_default();
    let canonical = format!("{origin}/{lang}/funding/{}", call.slug);
    let title = call
        .title
        .show(lang)
        .map(|shown| shown.text.to_owned())
        .unwrap_or_default();
    let summary = call
        .summary
        .show(lang)
        .map(|shown| shorten(shown.text, 200))
        .unwrap_or_else(|| call.funder.clone());
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
        <CallArticle lang call preview=false />
    }
}
