//! A month as a table of days, for the public calendar and the coordinator's: Monday first,
//! each day with its events; a narrow screen reads it as an agenda.

use crate::components::LocalizedText;
use crate::events::{DayCell, MonthGrid};
use crate::i18n::Lang;
use leptos::prelude::*;

/// The month as a table, Monday first; each day lists its events as links. On a narrow screen
/// the stylesheet turns it into an agenda of the days that have events. To `manage` (the
/// coordinator's view), events link to their form and each day offers a new event on it.
#[component]
pub fn Month(
    lang: Lang,
    grid: MonthGrid,
    previous: Option<String>,
    next: Option<String>,
    manage: bool,
) -> impl IntoView {
    let texts = &lang.texts().events;
    view! {
        <nav class="pager month-pager" aria-label=texts.month_pager>
            {previous.map(|href| view! { <a href=href rel="prev">{"← "}{texts.previous_month}</a> })}
            <h2 class="month-title">{grid.label.clone()}</h2>
            {next.map(|href| view! { <a href=href rel="next">{texts.next_month}{" →"}</a> })}
        </nav>
        <table class="month-grid">
            <caption class="visually-hidden">{grid.label}</caption>
            <thead>
                <tr>
                    {texts.weekdays.map(|day| view! { <th scope="col">{day}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {grid
                    .weeks
                    .into_iter()
                    .map(|week| view! {
                        <tr>{week.into_iter().map(|day| view! { <Day lang day manage /> }).collect_view()}</tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Day(lang: Lang, day: DayCell, manage: bool) -> impl IntoView {
    let texts = &lang.texts().events;
    let empty = day.occurrences.is_empty() && day.deadlines.is_empty() && !manage;
    let deadline_word = lang.texts().funding.deadline;
    let datetime = day.date.clone();
    let new_event = manage.then(|| {
        let label = format!("{} {}", lang.texts().event_editor.new_on_day, day.label);
        view! {
            <a class="month-grid__new" href=format!("/{lang}/admin/events/new?date={}", day.date) aria-label=label.clone() title=label>
                "+"
            </a>
        }
    });
    view! {
        <td
            class="month-grid__day"
            class:month-grid__day--other=!day.in_month
            class:month-grid__day--today=day.is_today
            class:month-grid__day--empty=empty
        >
            <time class="month-grid__date" datetime=datetime>
                <span class="month-grid__number">{day.day}</span>
                <span class="month-grid__full">{day.label}</span>
                {day.is_today.then(|| view! { <span class="visually-hidden">{format!(" ({})", texts.today)}</span> })}
            </time>
            {new_event}
            {(!day.deadlines.is_empty()).then(|| view! {
                <ul class="month-grid__events month-grid__deadlines">
                    {day.deadlines.into_iter().map(|mark| view! {
                        <li>
                            <a href=format!("/{lang}/funding/{}", mark.slug)>
                                {format!("{deadline_word}: ")} <LocalizedText text=mark.title lang />
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!day.occurrences.is_empty()).then(|| view! {
                <ul class="month-grid__events">
                    {day
                        .occurrences
                        .into_iter()
                        .map(|card| {
                            let href = if manage {
                                format!("/{lang}/admin/events/{}/edit", card.event_id)
                            } else {
                                format!("/{lang}/events/{}", card.slug)
                            };
                            view! {
                                <li class:cancelled=card.is_cancelled>
                                    <a href=href>
                                        {(!card.time.is_empty()).then(|| format!("{} ", card.time))}
                                        <LocalizedText text=card.title lang />
                                    </a>
                                    {card.is_cancelled.then(|| view! { " " <strong class="badge">{texts.cancelled}</strong> })}
                                    {card.is_draft.then(|| view! { " " <strong class="badge badge--info">{lang.texts().admin.status_draft}</strong> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            })}
        </td>
    }
}
