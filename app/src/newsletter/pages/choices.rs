//! The language and topics a subscriber chooses, on the subscribe form, their own page and the
//! coordinator's.

use crate::i18n::Lang;
use crate::newsletter::{Topic, Topics};
use leptos::prelude::*;

/// The language and topic choices of a subscription form (`form[lang]`, `form[topics][n]`),
/// with `chosen` checked.
pub fn choices(lang: Lang, prefix: &'static str, mail_lang: Lang, chosen: Topics) -> impl IntoView {
    let texts = &lang.texts().newsletter;
    let languages = Lang::ALL
        .into_iter()
        .map(|option| {
            view! {
                <option value=option.code() selected=option == mail_lang>{option.native_name()}</option>
            }
        })
        .collect_view();
    let boxes = Topic::ALL
        .into_iter()
        .enumerate()
        .map(|(index, topic)| {
            let id = format!("{prefix}-topic-{}", topic.code());
            view! {
                <div class="field field--check">
                    <input id=id.clone() type="checkbox" name=format!("form[topics][{index}]") value=topic.code() checked=chosen.has(topic) />
                    <label for=id>{topic.label(lang)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=format!("{prefix}-lang")>{texts.mail_language}</label>
            <select id=format!("{prefix}-lang") name="form[lang]">{languages}</select>
        </div>
        <fieldset>
            <legend>{texts.topics}</legend>
            {boxes}
        </fieldset>
    }
}
