use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn AboutPage() -> impl IntoView {
    let lang = use_lang();
    move || {
        let texts = lang.get().texts();
        let about = &texts.about;
        let paragraphs = |list: &'static [&'static str]| {
            list.iter().map(|p| view! { <p>{*p}</p> }).collect_view()
        };
        let items = |list: &'static [&'static str]| {
            list.iter()
                .map(|item| view! { <li>{*item}</li> })
                .collect_view()
        };
        view! {
            <Title text=about.title />
            <Meta name="description" content=about.description />
            <article class="page prose">
                <h1>{about.title}</h1>
                <section aria-labelledby="about-what">
                    <h2 id="about-what">{about.what_heading}</h2>
                    {paragraphs(about.what)}
                    <p>{about.support}</p>
                    <ul>{items(about.support_programmes)}</ul>
                    <p>{about.coordination}</p>
                </section>
                <section aria-labelledby="about-goals">
                    <h2 id="about-goals">{about.goals_heading}</h2>
                    <ul>{items(about.goals)}</ul>
                </section>
                <section aria-labelledby="about-strategy">
                    <h2 id="about-strategy">{about.strategy_heading}</h2>
                    {paragraphs(about.strategy)}
                </section>
                <section aria-labelledby="about-contact">
                    <h2 id="about-contact">{about.contact_heading}</h2>
                    <p>
                        "Piia Tamm, " {texts.coordinator_role} <br />
                        <a href="mailto:piia.tamm@ivek.ee">"piia.tamm@ivek.ee"</a>
                    </p>
                </section>
            </article>
        }
    }
}
