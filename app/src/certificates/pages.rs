use crate::certificates::Certificate;
use crate::certificates::api::get_certificate;
use crate::components::LocalizedText;
use crate::components::errors::ErrorPage;
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// `/{lang}/certificates/{code}`: the page a certificate's link and QR code open, which shows
/// that it is genuine and what it certifies.
#[component]
pub fn CertificatePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let certificate = Resource::new(
        move || (lang.get(), code.get()),
        |(lang, code)| get_certificate(lang, code),
    );
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match certificate.await {
                        Ok(certificate) => view! { <Genuine lang certificate /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Genuine(lang: Lang, certificate: Certificate) -> impl IntoView {
    let texts = &lang.texts().certificates;
    view! {
        <Title text=texts.title />
        <section class="page narrow">
            <h1>{texts.title}</h1>
            <p class="notice notice--success" role="status">{texts.genuine}</p>
            <dl class="facts">
                <dt>{texts.name}</dt>
                <dd>{certificate.name}</dd>
                <dt>{texts.event}</dt>
                <dd><LocalizedText text=certificate.event_title lang /></dd>
                <dt>{texts.when}</dt>
                <dd>{certificate.when}</dd>
                {certificate.hours.map(|hours| view! {
                    <dt>{texts.duration}</dt>
                    <dd>{texts.hours.replace("{hours}", &hours)}</dd>
                })}
                <dt>{texts.organiser_label}</dt>
                <dd>{certificate.organiser}</dd>
                <dt>{texts.issued_label}</dt>
                <dd>{certificate.issued_on}</dd>
            </dl>
        </section>
    }
}
