use crate::certificates::api::{IssueCertificates, certificate_counts, get_certificate};
use crate::certificates::{Certificate, pdf_path};
use crate::components::LocalizedText;
use crate::components::admin::{ErrorNotice, form_problem};
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
            <Downloads lang code=certificate.code />
        </section>
    }
}

/// Links to a certificate's PDF in each language, the page's first.
#[component]
pub fn Downloads(lang: Lang, code: String) -> impl IntoView {
    let texts = &lang.texts().certificates;
    let mut langs = Lang::ALL.to_vec();
    langs.sort_by_key(|choice| *choice != lang);
    view! {
        <ul class="downloads">
            {langs
                .into_iter()
                .map(|choice| view! {
                    <li>
                        <a href=pdf_path(&code, choice) rel="external" download hreflang=choice.code()>
                            {format!("{} · {}", texts.download, choice.native_name())}
                        </a>
                    </li>
                })
                .collect_view()}
        </ul>
    }
}

/// The event page's certificates: how many attendees have one, and the button that issues
/// them to the rest.
#[component]
pub fn CertificatesPanel(lang: Lang, event_id: i64) -> impl IntoView {
    let texts = &lang.texts().certificates;
    let issue = ServerAction::<IssueCertificates>::new();
    let counts = Resource::new(
        move || issue.version().get(),
        move |_| certificate_counts(event_id),
    );
    let issued = move || match issue.value().get() {
        Some(Ok(n)) => Some(texts.issued_now.replace("{n}", &n.to_string())),
        other => form_problem(lang, other).map(str::to_owned),
    };
    view! {
        <h2>{texts.admin_title}</h2>
        <Transition>
            {move || Suspend::new(async move {
                match counts.await {
                    Ok((issued, attendees)) => view! {
                        <p>
                            {texts
                                .counts
                                .replace("{issued}", &issued.to_string())
                                .replace("{attendees}", &attendees.to_string())}
                        </p>
                        <ActionForm action=issue>
                            <input type="hidden" name="id" value=event_id />
                            <button type="submit" class="button" disabled=move || issued == attendees || issue.pending().get()>
                                {texts.issue}
                            </button>
                        </ActionForm>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                }
            })}
        </Transition>
        <p role="status">{issued}</p>
    }
}
