//! `/{lang}/funding/{slug}`: everything about one call, its next deadlines and the days left,
//! with structured data (schema.org MonetaryGrant) and Open Graph tags.

use crate::components::ShareMeta;
use crate::components::errors::{ErrorPage, NotFound};
use crate::error::AppError;
use crate::funding::CallPage;
use crate::funding::api::get_call;
use crate::funding::pages::article::CallArticle;
use crate::i18n::{Lang, use_lang};
use crate::shared::text::shorten;
use leptos::prelude::*;
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
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Call(lang: Lang, call: CallPage) -> impl IntoView {
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
    view! {
        <ShareMeta lang title summary path=format!("/funding/{}", call.slug) />
        <CallArticle lang call preview=false />
    }
}
