use crate::accounts::Role;
use crate::accounts::api::{AddAccount, SetAccountDisabled, accounts};
use crate::accounts::{AccountSummary, AccountsView};
use crate::components::admin::{ErrorNotice, field_problem, form_problem};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/{lang}/admin/accounts`: the admin adds, disables and re-enables accounts.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<AddAccount>::new();
    let toggle = ServerAction::<SetAccountDisabled>::new();
    let list = Resource::new(
        move || (add.version().get(), toggle.version().get()),
        |_| accounts(),
    );
    let texts = move || &lang.get().texts().admin;
    let email_problem = move || field_problem(lang.get(), add.value().get(), "email");
    let invited = move || add.value().get().and_then(Result::ok);

    view! {
        {move || view! { <Title text=texts().accounts_title /> }}
        <section class="admin-page">
            <h1>{move || texts().accounts_title}</h1>
            <p class="form-error" role="alert" hidden=move || form_problem(lang.get(), toggle.value().get()).is_none()>
                {move || form_problem(lang.get(), toggle.value().get())}
            </p>
            <Transition>
                {move || {
                    let lang = lang.get();
                    Suspend::new(async move {
                        match list.await {
                            Ok(view) => view! { <AccountTable lang view toggle /> }.into_any(),
                            Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                        }
                    })
                }}
            </Transition>

            <h2 id="add-account">{move || texts().add_account_heading}</h2>
            <p class="hint">{move || texts().invitation_hint}</p>
            <ActionForm action=add>
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <div class="form" role="group" aria-labelledby="add-account">
                    <div class="field">
                        <label for="account-email">{move || lang.get().texts().auth.email}</label>
                        <input
                            id="account-email"
                            type="email"
                            name="email"
                            required
                            maxlength="254"
                            autocomplete="off"
                            aria-invalid=move || email_problem().is_some().to_string()
                            aria-describedby="account-email-problem"
                        />
                        <p class="field-problem" id="account-email-problem">{email_problem}</p>
                    </div>
                    <div class="field">
                        <label for="account-role">{move || texts().role}</label>
                        <select id="account-role" name="role">
                            {move || {
                                let texts = texts();
                                Role::ALL
                                    .iter()
                                    .zip(texts.roles)
                                    .map(|(role, label)| view! {
                                        <option value=role.code() selected=*role == Role::Coordinator>{label}</option>
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                    <button type="submit" class="button" disabled=move || add.pending().get()>
                        {move || texts().add_account}
                    </button>
                </div>
            </ActionForm>
            {move || invited().map(|email| view! {
                <p class="notice" role="status">{texts().invitation_sent.replace("{email}", &email)}</p>
            })}
        </section>
    }
}

#[component]
fn AccountTable(
    lang: Lang,
    view: AccountsView,
    toggle: ServerAction<SetAccountDisabled>,
) -> impl IntoView {
    let texts = &lang.texts().admin;
    let you = view.you;
    view! {
        <table class="data-table">
            <caption class="visually-hidden">{texts.accounts_title}</caption>
            <thead>
                <tr>
                    <th scope="col">{lang.texts().auth.email}</th>
                    <th scope="col">{texts.role}</th>
                    <th scope="col">{texts.status}</th>
                    <th scope="col">{texts.created}</th>
                    <th scope="col">{texts.last_login}</th>
                    <th scope="col"><span class="visually-hidden">{texts.status}</span></th>
                </tr>
            </thead>
            <tbody>
                {view
                    .accounts
                    .into_iter()
                    .map(|account| view! { <AccountRow lang account you=you toggle /> })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn AccountRow(
    lang: Lang,
    account: AccountSummary,
    you: i64,
    toggle: ServerAction<SetAccountDisabled>,
) -> impl IntoView {
    let texts = &lang.texts().admin;
    let role = match account.role {
        Role::Admin => texts.roles[0],
        Role::Coordinator => texts.roles[1],
    };
    let is_you = account.id == you;
    let (status, button) = if account.disabled {
        (texts.disabled, texts.enable)
    } else {
        (texts.active, texts.disable)
    };
    view! {
        <tr class:disabled=account.disabled>
            <th scope="row">
                {account.email.clone()}
                {is_you.then(|| format!(" ({})", texts.you))}
            </th>
            <td>{role}</td>
            <td>{status}</td>
            <td>{account.created}</td>
            <td>{account.last_login.unwrap_or_else(|| texts.never.to_owned())}</td>
            <td>
                {(!is_you).then(|| view! {
                    <ActionForm action=toggle>
                        <input type="hidden" name="id" value=account.id />
                        <input type="hidden" name="disabled" value=(!account.disabled).to_string() />
                        <button type="submit" class="button button--small button--secondary">
                            {button}
                            <span class="visually-hidden">" " {account.email}</span>
                        </button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
