use crate::accounts::api::{RequestPasswordReset, ResetPassword, password_reset_usable};
use crate::accounts::{LOGIN_ERROR_BUSY, LOGIN_ERROR_WAIT};
use crate::components::page::private_page;
use crate::error::{AppError, Problem};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// Why the last try failed, in `lang`: the action's own answer once the wasm runs, else what a
/// plain form post brought back in the URL (`problem=` or `error=`).
fn failure(
    lang: Lang,
    answer: Option<Result<(), AppError>>,
    query: &ParamsMap,
) -> Option<&'static str> {
    let texts = lang.texts();
    match answer {
        Some(Err(error)) => Some(texts.error_message(&error)),
        Some(Ok(())) => None,
        None => match (
            query.get("problem").as_deref().and_then(Problem::from_code),
            query.get("error").as_deref(),
        ) {
            (Some(problem), _) => Some(texts.problem(problem)),
            (None, Some(LOGIN_ERROR_WAIT)) => Some(texts.auth.too_many_attempts),
            (None, Some(LOGIN_ERROR_BUSY)) => Some(texts.errors.busy_text),
            _ => None,
        },
    }
}

/// `/{lang}/forgot-password`: asks for a link to set a new password. The answer is the same
/// whether or not the address has an account. Works before the wasm has loaded.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    private_page();
    let lang = use_lang();
    let query = use_query_map();
    let action = ServerAction::<RequestPasswordReset>::new();
    let texts = move || &lang.get().texts().auth;
    let sent =
        move || matches!(action.value().get(), Some(Ok(()))) || query.read().get("sent").is_some();
    let error = move || failure(lang.get(), action.value().get(), &query.read());
    view! {
        {move || view! { <Title text=texts().forgot_title /> }}
        <Meta name="robots" content="noindex" />
        <section class="page narrow">
            <h1>{move || texts().forgot_title}</h1>
            <p>{move || texts().forgot_intro}</p>
            <p class="notice" role="status" hidden=move || !sent()>{move || texts().link_sent}</p>
            <p class="form-error" role="alert" id="forgot-error" hidden=move || error().is_none()>
                {error}
            </p>
            <ActionForm action>
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <div class="form">
                    <div class="field">
                        <label for="forgot-email">{move || texts().email}</label>
                        <input
                            id="forgot-email"
                            type="email"
                            name="email"
                            autocomplete="username"
                            required
                            maxlength="254"
                            aria-describedby="forgot-error"
                        />
                    </div>
                    <button type="submit" class="button" disabled=move || action.pending().get()>
                        {move || texts().send_link}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

/// `/{lang}/new-password?token=…`: the page a password-reset link opens. A link that is
/// unknown, used or expired says so and offers a new one; a working one sets the password
/// and goes to the sign-in page.
#[component]
pub fn NewPasswordPage() -> impl IntoView {
    private_page();
    let lang = use_lang();
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    let usable = Resource::new(move || token.get(), password_reset_usable);
    let action = ServerAction::<ResetPassword>::new();
    let texts = move || &lang.get().texts().auth;
    let error = move || failure(lang.get(), action.value().get(), &query.read());
    let expired = move || {
        matches!(
            action.value().get(),
            Some(Err(AppError::Invalid {
                problem: Problem::LinkExpired,
                ..
            }))
        )
    };
    let password = move |id: &'static str, name: &'static str, label: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="password"
                    name=name
                    required
                    autocomplete="new-password"
                    maxlength="128"
                    aria-describedby="new-password-rules new-password-error"
                />
            </div>
        }
    };
    let ask_again = move || {
        view! {
            <p>
                <a href=format!("/{}/forgot-password", lang.get())>{texts().ask_again}</a>
            </p>
        }
    };
    view! {
        {move || view! { <Title text=texts().new_password_title /> }}
        <Meta name="robots" content="noindex" />
        <section class="page narrow">
            <h1>{move || texts().new_password_title}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    let lang = lang.get();
                    if !matches!(usable.await, Ok(true)) {
                        return view! {
                            <p class="form-error" role="alert">{lang.texts().problem(Problem::LinkExpired)}</p>
                            {ask_again()}
                        }
                        .into_any();
                    }
                    let rules = &lang.texts().admin;
                    view! {
                        <p class="hint" id="new-password-rules">{rules.password_rules}</p>
                        <p class="form-error" role="alert" id="new-password-error" hidden=move || error().is_none()>
                            {error}
                        </p>
                        <Show when=expired>{ask_again()}</Show>
                        <ActionForm action>
                            <input type="hidden" name="lang" value=lang.code() />
                            <input type="hidden" name="token" value=move || token.get() />
                            <div class="form">
                                {password("new-password", "new", rules.new_password)}
                                {password("new-password-repeat", "repeat", rules.repeat_password)}
                                <button type="submit" class="button" disabled=move || action.pending().get()>
                                    {move || texts().set_password}
                                </button>
                            </div>
                        </ActionForm>
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
