//! What every coordinator's page is made of besides its fields: a failed call in words, a
//! question before a click that cannot be undone, and the message of an action's answer.

use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use leptos::prelude::*;

/// A failed server call on an admin page, in words; a lapsed session gets the way back in.
#[component]
pub fn ErrorNotice(lang: Lang, error: AppError) -> impl IntoView {
    let texts = lang.texts();
    let sign_in = (error == AppError::SignInRequired).then(|| {
        view! { <a href=format!("/{lang}/login")>{texts.auth.sign_in}</a> }
    });
    view! {
        <p class="form-error" role="alert">{texts.error_message(&error)} " " {sign_in}</p>
    }
}

/// A click handler that asks `question` first: a click not confirmed does not submit.
pub fn confirm(question: &'static str) -> impl Fn(leptos::ev::MouseEvent) + Copy {
    move |event| {
        #[cfg(feature = "hydrate")]
        {
            let sure = web_sys::window()
                .and_then(|window| window.confirm_with_message(question).ok())
                .unwrap_or(false);
            if !sure {
                event.prevent_default();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (event, question);
    }
}

/// The message for `field` if the action's last answer refused it.
pub fn field_problem<T>(
    lang: Lang,
    answer: Option<Result<T, AppError>>,
    field: &str,
) -> Option<&'static str> {
    let problem: Problem = answer?.err()?.problem_with(field)?;
    Some(lang.texts().problem(problem))
}

/// The message of the action's last answer when it failed for a reason no field explains.
pub fn form_problem<T>(lang: Lang, answer: Option<Result<T, AppError>>) -> Option<&'static str> {
    match answer? {
        Err(AppError::Invalid { .. }) | Ok(_) => None,
        Err(error) => Some(lang.texts().error_message(&error)),
    }
}
