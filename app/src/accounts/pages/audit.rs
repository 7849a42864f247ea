use crate::accounts::api::audit_log;
use crate::accounts::{AuditFilter, AuditLine, AuditView};
use crate::components::admin::ErrorNotice;
use crate::components::{SelectField, SelectOption};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/{lang}/admin/audit?user=…&entity=…&page=…`: the audit log, newest first. The filter is a
/// plain GET form, so every view of the log is a URL.
#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let map = query.read();
        AuditFilter::from_pairs(
            (&*map)
                .into_iter()
                .map(|(key, value)| (key.as_ref(), value)),
        )
    });
    let view = Resource::new(move || filter.get(), audit_log);
    let texts = move || &lang.get().texts().admin;
    view! {
        {move || view! { <Title text=texts().audit_title /> }}
        <section class="admin-page">
            <h1>{move || texts().audit_title}</h1>
            <p>{move || texts().audit_intro}</p>
            <Transition>
                {move || {
                    let lang = lang.get();
                    let filter = filter.get();
                    Suspend::new(async move {
                        match view.await {
                            Ok(view) => view! { <AuditLog lang filter view /> }.into_any(),
                            Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn AuditLog(lang: Lang, filter: AuditFilter, view: AuditView) -> impl IntoView {
    let texts = &lang.texts().admin;
    let page_link = {
        let filter = filter.clone();
        move |page: u32| {
            let mut pairs = Vec::new();
            if let Some(user) = filter.user {
                pairs.push(("user", user.to_string()));
            }
            if let Some(entity) = &filter.entity {
                pairs.push(("entity", entity.clone()));
            }
            pairs.push(("page", page.to_string()));
            let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
            format!("/{lang}/admin/audit?{query}")
        }
    };
    let previous = (view.page > 1).then(|| page_link(view.page - 1));
    let next = (view.page < view.pages).then(|| page_link(view.page + 1));
    view! {
        <form class="filter-bar" method="get" action=format!("/{lang}/admin/audit")>
            <SelectField
                id="audit-user".into()
                name="user"
                label=texts.user
                any=texts.all_users
                options=view.users.into_iter().map(|(id, email)| SelectOption::new(id.to_string(), email)).collect()
                selected=filter.user.map(|id| id.to_string())
            />
            <SelectField
                id="audit-entity".into()
                name="entity"
                label=texts.entity
                any=texts.all_entities
                options=view.entities.into_iter().map(|entity| SelectOption::new(entity.clone(), entity)).collect()
                selected=filter.entity.clone()
            />
            <button type="submit" class="button">{texts.filter}</button>
        </form>
        <p class="result-count" role="status">{format!("{}: {}", texts.lines_found, view.total)}</p>
        {if view.lines.is_empty() {
            view! { <p>{texts.no_lines}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="data-table audit-table">
                        <caption class="visually-hidden">{texts.audit_title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{texts.when}</th>
                                <th scope="col">{texts.user}</th>
                                <th scope="col">{texts.action}</th>
                                <th scope="col">{texts.entity}</th>
                                <th scope="col">{texts.changes}</th>
                                <th scope="col">{texts.address}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {view.lines.into_iter().map(|line| view! { <AuditRow lang line /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
                .into_any()
        }}
        <nav class="pager" aria-label=lang.texts().directory.pages>
            {previous.map(|href| view! { <a href=href rel="prev">{lang.texts().directory.previous_page}</a> })}
            <span>{format!("{} {} / {}", lang.texts().directory.page, view.page, view.pages)}</span>
            {next.map(|href| view! { <a href=href rel="next">{lang.texts().directory.next_page}</a> })}
        </nav>
    }
}

#[component]
fn AuditRow(lang: Lang, line: AuditLine) -> impl IntoView {
    let texts = &lang.texts().admin;
    // No account: the command line has no address either; a stranger's failed sign-in has one.
    let who_else = if line.address.is_some() {
        texts.unknown_account
    } else {
        texts.command_line
    };
    let entity = match line.entity_id {
        Some(id) => format!("{} #{id}", line.entity),
        None => line.entity,
    };
    view! {
        <tr>
            <td><time>{line.at}</time></td>
            <td>{line.user.unwrap_or_else(|| who_else.to_owned())}</td>
            <td>{texts.action_label(&line.action).to_owned()} <br /> <code class="code-note">{line.action.clone()}</code></td>
            <td>{entity}</td>
            <td>
                <ul class="plain-list">
                    {line
                        .changes
                        .into_iter()
                        .map(|change| view! {
                            <li>
                                <strong>{change.field}</strong> ": "
                                {change.old.map(|old| view! { <del>{old}</del> " → " })}
                                <ins>{change.new.unwrap_or_default()}</ins>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </td>
            <td>{line.address.unwrap_or_default()}</td>
        </tr>
    }
}
