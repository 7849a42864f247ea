use crate::i18n::Lang;
use crate::shared::Localized;
use leptos::prelude::*;

/// A user-written text in the page's language, or in a fallback language marked as such
/// (and tagged with its `lang`, so that screen readers pronounce it right).
#[component]
pub fn LocalizedText(text: Localized, lang: Lang) -> impl IntoView {
    text.show(lang).map(|shown| {
        let note = shown
            .is_fallback
            .then(|| view! { <span class="fallback-note">{format!(" ({})", lang.texts().shown_in.get(shown.lang))}</span> });
        view! {
            <span lang=shown.lang.code()>{shown.text.to_owned()}</span>
            {note}
        }
    })
}
