use crate::accounts::api::LogIn;
use crate::accounts::{LOGIN_ERROR_BUSY, LOGIN_ERROR_WAIT, LOGIN_ERROR_WRONG};
use crate::components::page::private_page;
use crate::i18n::use_lang;
use crate::shared::query::is_local_path;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// `/{lang}/login?next=…`: the sign-in form. It works before the wasm has loaded (a plain
/// form post, which comes back here with `?error=` when it fails), and after it (the action's
/// own answer).
#[component]
pub fn LoginPage() -> impl IntoView {
    private_page();
    let lang = use_lang();
    let query = use_query_map();
    let action = ServerAction::<LogIn>::new();
    let texts = move || &lang.get().texts().auth;
    let next = move || query.read().get("next").filter(|next| is_local_path(next));
    let error = move || {
        let texts = lang.get().texts();
        match action.value().get() {
            Some(Err(error)) => Some(texts.error_message(&error)),
            Some(Ok(())) => None,
            None => match query.read().get("error").as_deref() {
                Some(LOGIN_ERROR_WRONG) => Some(texts.auth.wrong_credentials),
                Some(LOGIN_ERROR_WAIT) => Some(texts.auth.too_many_attempts),
                Some(LOGIN_ERROR_BUSY) => Some(texts.errors.busy_text),
                _ => None,
            },
        }
    };
    let signed_out = move || query.read().get("signed_out").is_some() && error().is_none();
    let password_reset = move || query.read().get("password_reset").is_some() && error().is_none();

    view! {
        {move || view! { <Title text=texts().login_title /> }}
        <Meta name="robots" content="noindex" />
        <section class="page narrow">
            <h1>{move || texts().login_title}</h1>
            <p>{move || texts().login_intro}</p>
            <Show when=signed_out>
                <p class="notice" role="status">{move || texts().signed_out}</p>
            </Show>
            <Show when=password_reset>
                <p class="notice" role="status">{move || texts().password_reset_done}</p>
            </Show>
            <p class="form-error" role="alert" id="login-error" hidden=move || error().is_none()>
                {error}
            </p>
            <ActionForm action>
                <input type="hidden" name="lang" value=move || lang.get().code() />
                {move || next().map(|next| view! { <input type="hidden" name="next" value=next /> })}
                <div class="form">
                    <div class="field">
                        <label for="login-email">{move || texts().email}</label>
                        <input
                            id="login-email"
                            type="email"
                            name="email"
                            autocomplete="username"
                            required
                            maxlength="254"
                            aria-describedby="login-error"
                        />
                    </div>
                    <div class="field">
                        <label for="login-password">{move || texts().password}</label>
                        <input
                            id="login-password"
                            type="password"
                            name="password"
                            autocomplete="current-password"
                            required
                            aria-describedby="login-error"
                        />
                    </div>
                    <button type="submit" class="button" disabled=move || action.pending().get()>
                        {move || texts().sign_in}
                    </button>
                </div>
            </ActionForm>
            <p>
                <a href=move || format!("/{}/forgot-password", lang.get())>{move || texts().forgot_link}</a>
            </p>
        </section>
    }
}
