use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn EventsPage() -> impl IntoView {
    let lang = use_lang();
    let texts = move || &lang.get().texts().coming_soon;
    view! { <ComingSoon title=Signal::derive(move || texts().events_title) text=Signal::derive(move || texts().events_text) /> }
}

#[component]
fn ComingSoon(title: Signal<&'static str>, text: Signal<&'static str>) -> impl IntoView {
    view! {
        {move || view! { <Title text=title.get() /> }}
        <section class="page">
            <h1>{title}</h1>
            <p>{text}</p>
        </section>
    }
}
