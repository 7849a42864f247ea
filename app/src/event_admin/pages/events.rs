use crate::components::admin::{ErrorNotice, field_problem, form_problem};
use crate::components::page::{use_id_param, use_query_as};
use crate::components::{LocalizedText, SelectField, SelectOption};
use crate::event_admin::api::{
    DeleteEvent, SetEventStatus, admin_events, admin_month, get_event_registrations,
};
use crate::event_admin::pages::panels::{CertificatesPanel, FeedbackPanel, Panels, ProgrammePanel};
use crate::event_admin::{AdminEventRow, AdminEventsQuery, EventRegistrations};
use crate::events::EventStatus;
use crate::events::month::Month;
use crate::i18n::{AdminTexts, Lang, use_lang};
use crate::registrations::RegistrationStatus;
use crate::registrations::api::{AddRegistration, RemoveRegistration};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/{lang}/admin/events`: every event, drafts too, searchable, filterable and sortable by URL;
/// publish, cancel, publish again and delete drafts in place. `?view=month` shows a month
/// where clicking a day starts a new event on it.
#[component]
pub fn AdminEventsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_as::<AdminEventsQuery>();
    let status = ServerAction::<SetEventStatus>::new();
    let delete = ServerAction::<DeleteEvent>::new();
    // One resource for either view, made here and not inside a branch, so that the server and
    // the browser number their resources alike.
    let listing = Resource::new(
        move || {
            (
                lang.get(),
                query.get(),
                status.version().get(),
                delete.version().get(),
            )
        },
        |(lang, query, _, _)| async move {
            if query.view.as_deref() == Some("month") {
                admin_month(lang, query.month).await.map(Listing::Month)
            } else {
                admin_events(lang, query).await.map(Listing::Table)
            }
        },
    );
    let problem = move || {
        form_problem(lang.get(), status.value().get())
            .or_else(|| form_problem(lang.get(), delete.value().get()))
    };
    view! {
        {move || view! { <Title text=lang.get().texts().admin.events_title /> }}
        <section class="admin-page">
            <h1>{move || lang.get().texts().admin.events_title}</h1>
            {move || {
                let (lang, query) = (lang.get(), query.get());
                let is_month = query.view.as_deref() == Some("month");
                view! {
                    <Toolbar lang query=query.clone() />
                    {(!is_month).then(|| view! { <Filters lang query /> })}
                }
            }}
            <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
            <Transition>
                {move || {
                    let lang = lang.get();
                    Suspend::new(async move {
                        match listing.await {
                            Ok(Listing::Table(rows)) => view! { <EventTable lang rows status delete /> }.into_any(),
                            Ok(Listing::Month(grid)) => {
                                let href = |month: &str| format!("/{lang}/admin/events?view=month&month={month}");
                                let (previous, next) = (grid.previous.as_deref().map(href), grid.next.as_deref().map(href));
                                view! { <Month lang grid previous next manage=true /> }.into_any()
                            }
                            Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

/// What the page lists: the table, or the month.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
enum Listing {
    Table(Vec<AdminEventRow>),
    Month(crate::events::MonthGrid),
}

/// A new event, and the switch between the table and the month.
#[component]
fn Toolbar(lang: Lang, query: AdminEventsQuery) -> impl IntoView {
    let texts = &lang.texts().event_editor;
    let is_month = query.view.as_deref() == Some("month");
    let month_href = match query.month {
        Some(month) => format!("/{lang}/admin/events?view=month&month={month}"),
        None => format!("/{lang}/admin/events?view=month"),
    };
    view! {
        <nav class="toolbar" aria-label=lang.texts().events.views>
            <a class="button" href=format!("/{lang}/admin/events/new")>{texts.new_title}</a>
            <a href=format!("/{lang}/admin/events") aria-current=(!is_month).then_some("page")>{texts.view_list}</a>
            <a href=month_href aria-current=is_month.then_some("page")>{texts.view_month}</a>
        </nav>
    }
}

#[component]
fn Filters(lang: Lang, query: AdminEventsQuery) -> impl IntoView {
    let texts = &lang.texts().admin;
    let statuses = EventStatus::ALL.map(|status| (status.code(), status_label(texts, status)));
    let sorts = [
        ("", texts.sort_start),
        ("title", texts.sort_title),
        ("status", texts.sort_status),
    ];
    let options = |list: [(&str, &str); 3]| {
        list.into_iter()
            .map(|(value, label)| SelectOption::new(value, label))
            .collect::<Vec<_>>()
    };
    view! {
        <form class="filter-bar" method="get" action=format!("/{lang}/admin/events") role="search">
            <div class="field">
                <label for="events-q">{texts.search_titles}</label>
                <input id="events-q" type="search" name="q" value=query.q.clone().unwrap_or_default() />
            </div>
            <SelectField
                id="events-status".into()
                name="status"
                label=texts.status
                any=texts.all_statuses
                options=options(statuses)
                selected=query.status.clone()
            />
            <div class="field">
                <label for="events-month">{lang.texts().events.view_month}</label>
                <input id="events-month" type="month" name="month" value=query.month.clone().unwrap_or_default() />
            </div>
            <SelectField id="events-sort".into() name="sort" label=texts.sort_by options=options(sorts) selected=query.sort.clone() />
            <button type="submit" class="button">{texts.filter}</button>
        </form>
    }
}

pub(crate) fn status_label(texts: &AdminTexts, status: EventStatus) -> &'static str {
    match status {
        EventStatus::Draft => texts.status_draft,
        EventStatus::Published => texts.status_published,
        EventStatus::Cancelled => texts.status_cancelled,
    }
}

#[component]
fn EventTable(
    lang: Lang,
    rows: Vec<AdminEventRow>,
    status: ServerAction<SetEventStatus>,
    delete: ServerAction<DeleteEvent>,
) -> impl IntoView {
    let texts = &lang.texts().admin;
    if rows.is_empty() {
        return view! { <p class="notice">{texts.no_event_rows}</p> }.into_any();
    }
    view! {
        <p class="result-count" role="status">{format!("{}: {}", texts.lines_found, rows.len())}</p>
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">{texts.events_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{texts.column_event}</th>
                        <th scope="col">{texts.column_when}</th>
                        <th scope="col">{texts.status}</th>
                        <th scope="col">{texts.column_registrations}</th>
                        <th scope="col"><span class="visually-hidden">{texts.action}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <EventRow lang row status delete /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
        .into_any()
}

#[component]
fn EventRow(
    lang: Lang,
    row: AdminEventRow,
    status: ServerAction<SetEventStatus>,
    delete: ServerAction<DeleteEvent>,
) -> impl IntoView {
    let texts = &lang.texts().admin;
    let title = row
        .title
        .show(lang)
        .map(|shown| shown.text.to_owned())
        .unwrap_or_default();
    let registrations = match row.capacity {
        Some(capacity) => format!("{} / {capacity}", row.confirmed),
        None => row.confirmed.to_string(),
    };
    let waiting = (row.waiting > 0)
        .then(|| format!(" (+{} {})", row.waiting, texts.waiting_list.to_lowercase()));
    // Read out as the visible count, then whose registrations they are (WCAG 2.5.3: the name
    // begins with what is shown).
    let registrations_context = format!(" – {}: {title}", texts.registrations_title);
    let change = |to: EventStatus, label: &'static str| {
        let title = title.clone();
        view! {
            <ActionForm action=status>
                <input type="hidden" name="id" value=row.id />
                <input type="hidden" name="status" value=to.code() />
                <button type="submit" class="button button--small button--secondary" aria-label=format!("{label}: {title}")>
                    {label}
                </button>
            </ActionForm>
        }
    };
    let actions = match row.status {
        EventStatus::Draft => view! {
            {change(EventStatus::Published, texts.publish)}
            <ActionForm action=delete>
                <input type="hidden" name="id" value=row.id />
                <button type="submit" class="button button--small button--secondary" aria-label=format!("{}: {title}", texts.delete)>
                    {texts.delete}
                </button>
            </ActionForm>
        }
        .into_any(),
        EventStatus::Published => change(EventStatus::Cancelled, texts.cancel_event).into_any(),
        EventStatus::Cancelled => change(EventStatus::Published, texts.restore).into_any(),
    };
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/{lang}/admin/events/{}/edit", row.id)><LocalizedText text=row.title.clone() lang /></a>
                <br />
                <span class="code-note">{row.type_label.clone()}</span>
            </th>
            <td><time datetime=row.starts_at.clone()>{row.when.clone()}</time></td>
            <td>{status_label(texts, row.status)}</td>
            <td>
                <a href=format!("/{lang}/admin/events/{}", row.id)>
                    {registrations}{waiting}
                    <span class="visually-hidden">{registrations_context}</span>
                </a>
            </td>
            <td class="row-actions">{actions}</td>
        </tr>
    }
}

/// `/{lang}/admin/events/{id}`: the registrations and the waiting list, with the CSV export;
/// the coordinator adds and removes registrations.
#[component]
pub fn AdminEventPage() -> impl IntoView {
    let lang = use_lang();
    // No such id: 0, which the server answers as not found.
    let id = use_id_param();
    let add = ServerAction::<AddRegistration>::new();
    let remove = ServerAction::<RemoveRegistration>::new();
    let panels = Panels::new(Memo::new(move |_| id.get().unwrap_or(0)));
    let data = Resource::new(
        move || {
            (
                lang.get(),
                id.get().unwrap_or(0),
                add.version().get(),
                remove.version().get(),
            )
        },
        |(lang, id, _, _)| get_event_registrations(lang, id),
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <Registrations lang data add remove panels /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Registrations(
    lang: Lang,
    data: EventRegistrations,
    add: ServerAction<AddRegistration>,
    remove: ServerAction<RemoveRegistration>,
    panels: Panels,
) -> impl IntoView {
    let texts = &lang.texts().admin;
    let events = &lang.texts().events;
    let attendance = &lang.texts().attendance;
    let event = data.event;
    let title = event
        .title
        .show(lang)
        .map(|shown| shown.text.to_owned())
        .unwrap_or_default();
    let (confirmed, waiting): (Vec<_>, Vec<_>) = data
        .registrations
        .into_iter()
        .partition(|registration| registration.status == RegistrationStatus::Confirmed);
    let list = move |rows: Vec<crate::event_admin::RegistrationRow>, numbered: bool| {
        if rows.is_empty() {
            return view! { <p>{texts.no_registrations}</p> }.into_any();
        }
        view! {
            <table class="data-table">
                <thead>
                    <tr>
                        {numbered.then(|| view! { <th scope="col">"#"</th> })}
                        <th scope="col">{events.name}</th>
                        <th scope="col">{events.email}</th>
                        <th scope="col">{events.organisation}</th>
                        <th scope="col">{texts.created}</th>
                        <th scope="col">{attendance.present}</th>
                        <th scope="col"><span class="visually-hidden">{texts.action}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .enumerate()
                        .map(|(index, row)| view! {
                            <tr>
                                {numbered.then(|| view! { <td>{index + 1}</td> })}
                                <th scope="row">{row.name.clone()}</th>
                                <td>{row.email}</td>
                                <td>{row.organisation.unwrap_or_default()}</td>
                                <td>{row.created}</td>
                                <td>
                                    {row.present.then(|| view! {
                                        <span aria-hidden="true">"✓"</span>
                                        <span class="visually-hidden">{attendance.present}</span>
                                    })}
                                </td>
                                <td>
                                    <ActionForm action=remove>
                                        <input type="hidden" name="registration" value=row.id />
                                        <button type="submit" class="button button--small button--secondary" aria-label=format!("{}: {}", texts.remove, row.name)>
                                            {texts.remove}
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
            .into_any()
    };
    let places = match event.capacity {
        Some(capacity) => format!("{} / {capacity}", event.confirmed),
        None => event.confirmed.to_string(),
    };
    let problem = move |field: &'static str| move || field_problem(lang, add.value().get(), field);
    view! {
        <Title text=format!("{} · {}", texts.registrations_title, title) />
        <section class="admin-page">
            <p class="back-link"><a href=format!("/{lang}/admin/events")>{texts.events_title}</a></p>
            <h1><LocalizedText text=event.title.clone() lang /></h1>
            <p class="profile__meta">
                {event.when.clone()} " · " {status_label(texts, event.status)} " · "
                <a href=format!("/{lang}/events/{}", event.slug)>{texts.public_page}</a>
            </p>
            <h2>{format!("{} ({places})", texts.registrations_title)}</h2>
            <p class="toolbar">
                <a class="button" href=format!("/{lang}/admin/events/{}/attendance", event.id)>
                    {attendance.title}
                </a>
                <a class="button button--secondary" href=format!("/api/coordinator/events/{}-registrations.csv", event.id) rel="external" download>
                    {texts.export_csv}
                </a>
            </p>
            {list(confirmed, false)}
            <h2>{format!("{} ({})", texts.waiting_list, waiting.len())}</h2>
            {list(waiting, true)}
            <h2 id="add-registration">{texts.add_registration}</h2>
            <p class="form-error" role="alert" hidden=move || form_problem(lang, add.value().get()).is_none()>
                {move || form_problem(lang, add.value().get())}
            </p>
            <ActionForm action=add>
                <input type="hidden" name="id" value=event.id />
                <div class="form" role="group" aria-labelledby="add-registration">
                    <div class="field">
                        <label for="add-name">{events.name}</label>
                        <input id="add-name" name="name" type="text" required maxlength="200" aria-describedby="add-name-problem" />
                        <p class="field-problem" id="add-name-problem">{problem("name")}</p>
                    </div>
                    <div class="field">
                        <label for="add-email">{events.email}</label>
                        <input id="add-email" name="email" type="email" required maxlength="254" aria-describedby="add-email-problem" />
                        <p class="field-problem" id="add-email-problem">{problem("email")}</p>
                    </div>
                    <div class="field">
                        <label for="add-organisation">{format!("{} {}", events.organisation, events.optional)}</label>
                        <input id="add-organisation" name="organisation" type="text" maxlength="200" />
                    </div>
                    <div class="field">
                        <label for="add-lang">{texts.mail_language}</label>
                        <select id="add-lang" name="lang">
                            {Lang::ALL.map(|choice| view! {
                                <option value=choice.code() selected=choice == lang>{choice.native_name()}</option>
                            })}
                        </select>
                    </div>
                    <button type="submit" class="button" disabled=move || add.pending().get()>{texts.add_registration}</button>
                </div>
            </ActionForm>
            <FeedbackPanel lang panels />
            <CertificatesPanel lang event_id=event.id panels />
            <ProgrammePanel lang event_id=event.id panels />
        </section>
    }
}
