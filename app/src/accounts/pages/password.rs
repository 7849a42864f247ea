use crate::accounts::api::{ChangePassword, SetNotifications, get_notifications};
use crate::components::admin::{field_problem, form_problem};
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/{lang}/admin/password`: one's own password, after the current one.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ChangePassword>::new();
    let texts = move || &lang.get().texts().admin;
    let problem =
        move |field: &'static str| move || field_problem(lang.get(), action.value().get(), field);
    let changed = move || matches!(action.value().get(), Some(Ok(())));
    let form = NodeRef::<leptos::html::Form>::new();
    // The passwords leave the page once saved.
    Effect::new(move |_| {
        if changed()
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
    let field = move |id: &'static str,
                      name: &'static str,
                      label: fn(&'static crate::i18n::AdminTexts) -> &'static str,
                      autocomplete: &'static str| {
        let problem = problem(name);
        let problem_id = format!("{id}-problem");
        view! {
            <div class="field">
                <label for=id>{move || label(texts())}</label>
                <input
                    id=id
                    type="password"
                    name=name
                    required
                    autocomplete=autocomplete
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=problem_id.clone()
                />
                <p class="field-problem" id=problem_id>{problem}</p>
            </div>
        }
    };
    view! {
        {move || view! { <Title text=texts().password_title /> }}
        <section class="admin-page narrow">
            <h1>{move || texts().password_title}</h1>
            <p class="hint" id="password-rules">{move || texts().password_rules}</p>
            <Show when=changed>
                <p class="notice" role="status">{move || texts().password_changed}</p>
            </Show>
            <p class="form-error" role="alert" hidden=move || form_problem(lang.get(), action.value().get()).is_none()>
                {move || form_problem(lang.get(), action.value().get())}
            </p>
            <ActionForm action node_ref=form>
                <div class="form">
                    {field("password-current", "current", |t| t.current_password, "current-password")}
                    {field("password-new", "new", |t| t.new_password, "new-password")}
                    {field("password-repeat", "repeat", |t| t.repeat_password, "new-password")}
                    <button type="submit" class="button" disabled=move || action.pending().get()>
                        {move || texts().change_password}
                    </button>
                </div>
            </ActionForm>
            <Notifications />
        </section>
    }
}

/// The mail one asks for: a notice of each new application, in the page's language.
#[component]
fn Notifications() -> impl IntoView {
    let lang = use_lang();
    let texts = move || &lang.get().texts().admin;
    let action = ServerAction::<SetNotifications>::new();
    let current = Resource::new(move || action.version().get(), |_| get_notifications());
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <h2 id="notifications-heading">{move || texts().notifications_heading}</h2>
        <Show when=saved>
            <p class="notice" role="status">{move || texts().notifications_saved}</p>
        </Show>
        <p class="form-error" role="alert" hidden=move || form_problem(lang.get(), action.value().get()).is_none()>
            {move || form_problem(lang.get(), action.value().get())}
        </p>
        <Transition>
            {move || Suspend::new(async move {
                let asked = current.await.ok().flatten().is_some();
                view! {
                    <ActionForm action>
                        <input type="hidden" name="lang" value=move || lang.get().code() />
                        <div class="form" role="group" aria-labelledby="notifications-heading">
                            <div class="field field--check">
                                <input id="notify-applications" type="checkbox" name="applications" value="on" checked=asked />
                                <label for="notify-applications">{move || texts().notify_applications}</label>
                            </div>
                            <button type="submit" class="button" disabled=move || action.pending().get()>
                                {move || texts().save_notifications}
                            </button>
                        </div>
                    </ActionForm>
                }
            })}
        </Transition>
    }
}
