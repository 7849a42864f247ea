//! `/{lang}/admin/counselling`: new consultation times (one or a row of them), and every time
//! from a month ago on with its booking; a time or only its booking is cancelled here, and
//! whoever booked it is told.

use crate::components::admin::{ErrorNotice, confirm, field_problem, form_problem};
use crate::counselling::AdminSlot;
use crate::counselling::api::{AddTimes, CancelTime, EraseBooking, admin_times};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CounsellingAdminPage() -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<AddTimes>::new();
    let cancel = ServerAction::<CancelTime>::new();
    let erase = ServerAction::<EraseBooking>::new();
    let times = Resource::new(
        move || {
            (
                lang.get(),
                add.version().get(),
                cancel.version().get(),
                erase.version().get(),
            )
        },
        |(lang, _, _, _)| admin_times(lang),
    );
    view! {
        {move || view! { <Title text=lang.get().texts().counselling.admin_title /> }}
        <section class="admin-page">
            <h1>{move || lang.get().texts().counselling.admin_title}</h1>
            {move || view! { <AddForm lang=lang.get() add /> }}
            <p class="form-error" role="alert" hidden=move || form_problem(lang.get(), cancel.value().get()).or_else(|| form_problem(lang.get(), erase.value().get())).is_none()>
                {move || form_problem(lang.get(), cancel.value().get()).or_else(|| form_problem(lang.get(), erase.value().get()))}
            </p>
            <Transition>
                {move || {
                    let lang = lang.get();
                    Suspend::new(async move {
                        match times.await {
                            Ok(times) => view! { <Times lang times cancel erase /> }.into_any(),
                            Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn AddForm(lang: Lang, add: ServerAction<AddTimes>) -> impl IntoView {
    let texts = &lang.texts().counselling;
    let field = move |name: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: &'static str| {
        let id = format!("slot-{name}");
        let problem_id = format!("slot-{name}-problem");
        let problem = move || field_problem(lang, add.value().get(), name);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type=kind name=format!("form[{name}]") value=value
                    aria-invalid=move || problem().is_some().to_string() aria-describedby=problem_id.clone() />
                <p class="field-problem" id=problem_id>{problem}</p>
            </div>
        }
    };
    let added = move || match add.value().get() {
        Some(Ok(count)) => Some(texts.added.replace("{count}", &count.to_string())),
        _ => None,
    };
    let general = move || form_problem(lang, add.value().get());
    view! {
        <section aria-labelledby="add-times">
            <h2 id="add-times">{texts.add_heading}</h2>
            <p class="notice" role="status" hidden=move || added().is_none()>{added}</p>
            <p class="form-error" role="alert" hidden=move || general().is_none()>{general}</p>
            <ActionForm action=add attr:class="event-form">
                <div class="field-row">
                    {field("date", texts.date, "date", "")}
                    {field("time", texts.time, "time", "10:00")}
                </div>
                <div class="field-row">
                    {field("minutes", texts.minutes, "number", "45")}
                    {field("count", texts.count, "number", "1")}
                    {field("gap", texts.gap, "number", "15")}
                </div>
                {field("place", texts.place, "text", "")}
                {field("online_url", texts.online_url, "url", "")}
                <p class="hint" id="slot-call-hint">{texts.call_hint}</p>
                {field("call", texts.call, "text", "")}
                <button type="submit" class="button" disabled=move || add.pending().get()>{texts.add}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Times(
    lang: Lang,
    times: Vec<AdminSlot>,
    cancel: ServerAction<CancelTime>,
    erase: ServerAction<EraseBooking>,
) -> impl IntoView {
    let texts = &lang.texts().counselling;
    if times.is_empty() {
        return view! { <p class="notice">{texts.no_times}</p> }.into_any();
    }
    let rows = times
        .into_iter()
        .map(|slot| {
            let where_ = [slot.place.clone(), slot.online_url.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            let booking = match (&slot.booking, slot.cancelled) {
                (_, true) => view! { <span class="badge">{texts.cancelled}</span> }.into_any(),
                (None, false) => view! { {texts.free} }.into_any(),
                (Some(booking), false) => {
                    let who = match &booking.organisation {
                        Some(organisation) => format!("{} ({organisation})", booking.name),
                        None => booking.name.clone(),
                    };
                    let mail = format!("mailto:{}", booking.email);
                    let booking_id = booking.id;
                    let erase_label = format!(": {who}");
                    view! {
                        <strong>{who.clone()}</strong>
                        <br />
                        <a href=mail>{booking.email.clone()}</a>
                        {booking.question.clone().map(|question| view! { <br /> <span class="code-note">{question}</span> })}
                        <ActionForm action=erase>
                            <input type="hidden" name="id" value=booking_id />
                            <button type="submit" class="button button--small button--secondary" on:click=confirm(texts.erase_question)>
                                {texts.erase}<span class="visually-hidden">{erase_label}</span>
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                }
            };
            let when = slot.when.clone();
            let shown_when = slot.when.clone();
            let actions = (!slot.cancelled).then(|| {
                let when = when.clone();
                let cancel_booking = slot.booking.is_some().then(|| view! {
                    <ActionForm action=cancel>
                        <input type="hidden" name="id" value=slot.id />
                        <input type="hidden" name="booking_only" value="true" />
                        <button type="submit" class="button button--small button--secondary" on:click=confirm(texts.cancel_booking_question)>
                            {texts.cancel_booking}<span class="visually-hidden">{format!(": {when}")}</span>
                        </button>
                    </ActionForm>
                });
                view! {
                    {cancel_booking}
                    <ActionForm action=cancel>
                        <input type="hidden" name="id" value=slot.id />
                        <button type="submit" class="button button--small button--secondary" on:click=confirm(texts.cancel_time_question)>
                            {texts.cancel_time}<span class="visually-hidden">{format!(": {shown_when}")}</span>
                        </button>
                    </ActionForm>
                }
            });
            view! {
                <tr>
                    <th scope="row"><time datetime=slot.starts_at.clone()>{slot.when.clone()}</time></th>
                    <td>{where_}{slot.call.clone().map(|call| view! { <br /> <span class="code-note">{call}</span> })}</td>
                    <td>{booking}</td>
                    <td class="row-actions">{actions}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table">
                <caption>{texts.times_heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{texts.when}</th>
                        <th scope="col">{texts.place}</th>
                        <th scope="col">{texts.booking}</th>
                        <th scope="col"><span class="visually-hidden">{lang.texts().admin.action}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
