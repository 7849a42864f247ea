use crate::components::admin::ErrorNotice;
use crate::components::chart::BarChart;
use crate::components::page::use_query_as;
use crate::error::{AppError, Problem};
use crate::i18n::{Lang, use_lang};
use crate::reports::api::get_report;
use crate::reports::{AreaMap, Participants, Report, ReportQuery};
use crate::shared::Labelled;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/{lang}/admin/reports?from=…&to=…&type=…`: the report for funders. The filters are a plain
/// GET form, so every report is a URL; the page prints on A4 with its charts.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_as::<ReportQuery>();
    let report = Resource::new(
        move || (lang.get(), query.get()),
        |(lang, query)| get_report(lang, query),
    );
    view! {
        {move || view! { <Title text=lang.get().texts().reports.title /> }}
        <section class="admin-page report">
            {move || view! { <h1>{lang.get().texts().reports.title}</h1> }}
            <Transition>
                {move || Suspend::new(async move {
                    let lang = lang.get();
                    let query = query.get_untracked();
                    match report.await {
                        Ok(report) => view! {
                            <Filters lang query=query.clone() types=report.types.clone() programmes=report.programmes.clone() problem=None />
                            <Figures lang report query />
                        }
                        .into_any(),
                        Err(AppError::Invalid { field, problem }) => view! {
                            <Filters lang query types=Vec::new() programmes=Vec::new() problem=Some((field, problem)) />
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Filters(
    lang: Lang,
    query: ReportQuery,
    types: Vec<Labelled>,
    programmes: Vec<String>,
    problem: Option<(String, Problem)>,
) -> impl IntoView {
    let texts = &lang.texts().reports;
    let problem_of = |field: &str| {
        problem
            .as_ref()
            .filter(|(name, _)| name == field)
            .map(|(_, problem)| lang.texts().problem(*problem))
    };
    let chosen = query.event_type.clone().unwrap_or_default();
    let chosen_programme = query.programme.clone().unwrap_or_default();
    // A programme typed into the URL stays chosen (and is told unknown) even when no event has it.
    let mut programmes = programmes;
    if !chosen_programme.is_empty() && !programmes.contains(&chosen_programme) {
        programmes.push(chosen_programme.clone());
    }
    view! {
        <form class="filter-bar report__filters" method="get" action=format!("/{lang}/admin/reports")>
            <div class="field">
                <label for="report-from">{texts.from}</label>
                <input id="report-from" name="from" type="date" value=query.from.clone().unwrap_or_default() aria-describedby="report-from-problem" />
                <p class="field-problem" id="report-from-problem">{problem_of("from")}</p>
            </div>
            <div class="field">
                <label for="report-to">{texts.to}</label>
                <input id="report-to" name="to" type="date" value=query.to.clone().unwrap_or_default() aria-describedby="report-to-problem" />
                <p class="field-problem" id="report-to-problem">{problem_of("to")}</p>
            </div>
            <div class="field">
                <label for="report-type">{texts.event_type}</label>
                <select id="report-type" name="type" aria-describedby="report-type-problem">
                    <option value="">{texts.all_types}</option>
                    {types
                        .into_iter()
                        .map(|choice| {
                            let selected = choice.code == chosen;
                            view! { <option value=choice.code selected=selected>{choice.label}</option> }
                        })
                        .collect_view()}
                </select>
                <p class="field-problem" id="report-type-problem">{problem_of("type")}</p>
            </div>
            {(!programmes.is_empty() || problem_of("programme").is_some()).then(|| view! {
                <div class="field">
                    <label for="report-programme">{texts.programme}</label>
                    <select id="report-programme" name="programme" aria-describedby="report-programme-problem">
                        <option value="">{texts.all_programmes}</option>
                        {programmes
                            .into_iter()
                            .map(|programme| {
                                let selected = programme == chosen_programme;
                                view! { <option value=programme.clone() selected=selected>{programme.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                    <p class="field-problem" id="report-programme-problem">{problem_of("programme")}</p>
                </div>
            })}
            <button type="submit" class="button">{texts.show}</button>
        </form>
    }
}

#[component]
fn Figures(lang: Lang, report: Report, query: ReportQuery) -> impl IntoView {
    let texts = &lang.texts().reports;
    let csv = format!(
        "/api/coordinator/report.csv?lang={lang}&{}",
        query.query_string()
    );
    let figures = [
        (texts.events_held, report.events_held.to_string()),
        (texts.hours, report.hours.clone()),
        (texts.registrations, report.registrations.to_string()),
        (texts.people, report.people.to_string()),
        (texts.enterprises, report.enterprises.to_string()),
    ];
    let charts = (report.people > 0).then(|| {
        report
            .breakdowns
            .into_iter()
            .map(|breakdown| {
                let bars = breakdown
                    .bars
                    .into_iter()
                    .map(|bar| (bar.label, bar.value))
                    .collect::<Vec<_>>();
                view! { <BarChart caption=breakdown.title bars /> }
            })
            .collect_view()
    });
    view! {
        <p class="report__period">{format!("{} – {}", report.from, report.to)}</p>
        <p class="toolbar report__actions">
            <a class="button button--secondary" href=csv rel="external" download>{texts.csv}</a>
        </p>
        <dl class="report__figures">
            {figures
                .into_iter()
                .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
                .collect_view()}
        </dl>
        <p class="report__counting">{texts.counting}</p>
        {(report.people == 0).then(|| view! { <p>{texts.none}</p> })}
        {report.map.map(|map| view! { <MapFigure lang map /> })}
        {charts}
        {report.participants.map(|participants| view! { <ParticipantTables lang participants /> })}
    }
}

/// The map: Estonia with each area shaded by its count, and Ida-Viru county enlarged beside it
/// (the same outlines, by reference). Screen readers are sent to the table with the numbers.
#[component]
fn MapFigure(lang: Lang, map: AreaMap) -> impl IntoView {
    let texts = &lang.texts().reports;
    let [x, y, width, height] = map.inset;
    let numbers = |enlarged: bool, size: f32| {
        map.areas
            .iter()
            .filter(|area| area.in_inset == enlarged && area.value > 0)
            .map(|area| {
                view! {
                    <text x=area.at.0 y=area.at.1 font-size=size class="area-map__number">
                        {area.value}
                    </text>
                }
            })
            .collect_view()
    };
    let (whole, enlarged) = (numbers(false, 22.0), numbers(true, 7.0));
    view! {
        <figure class="area-map">
            <figcaption>{texts.map_caption}</figcaption>
            <div class="area-map__maps" aria-hidden="true">
                <svg viewBox=format!("0 0 {} {}", map.width, map.height) class="area-map__whole">
                    <title>{texts.map_estonia}</title>
                    <g id="report-map-areas">
                        {map
                            .areas
                            .iter()
                            .map(|area| view! {
                                <path d=area.path.clone() class=format!("area-map__area area-map__area--{}", area.shade)>
                                    <title>{format!("{}: {}", area.label, area.value)}</title>
                                </path>
                            })
                            .collect_view()}
                    </g>
                    <rect x=x y=y width=width height=height class="area-map__frame"></rect>
                    {whole}
                </svg>
                <svg viewBox=format!("{x} {y} {width} {height}") class="area-map__inset">
                    <title>{texts.map_ida_viru}</title>
                    <use href="#report-map-areas"></use>
                    {enlarged}
                </svg>
            </div>
            <dl class="area-map__legend">
                <dt>{texts.map_legend}</dt>
                {map
                    .legend
                    .iter()
                    .map(|shade| {
                        let range = if shade.least == shade.most {
                            shade.least.to_string()
                        } else {
                            texts
                                .map_range
                                .replace("{least}", &shade.least.to_string())
                                .replace("{most}", &shade.most.to_string())
                        };
                        view! {
                            <dd>
                                <span class=format!("area-map__swatch area-map__swatch--{}", shade.shade)></span>
                                {range}
                            </dd>
                        }
                    })
                    .collect_view()}
            </dl>
            <p class="area-map__source">{texts.map_source}</p>
        </figure>
    }
}

/// The funder's questions as tables of totals, those under five not shown.
#[component]
fn ParticipantTables(lang: Lang, participants: Participants) -> impl IntoView {
    let texts = &lang.texts().facts;
    let total = move |count: Option<i64>| {
        count.map_or_else(|| texts.fewer_than_five.to_owned(), |c| c.to_string())
    };
    view! {
        <section class="report__participants" aria-labelledby="participants-heading">
            <h2 id="participants-heading">{texts.report_heading}</h2>
            <dl class="report__figures">
                <div><dt>{texts.respondents}</dt><dd>{total(participants.respondents)}</dd></div>
            </dl>
            <p class="report__counting">{texts.suppression}</p>
            <div class="dashboard-charts__grid">
                {participants
                    .questions
                    .into_iter()
                    .map(|question| view! {
                        <table class="data-table">
                            <caption>{question.title}</caption>
                            <tbody>
                                {question
                                    .counts
                                    .into_iter()
                                    .map(|(answer, count)| view! {
                                        <tr><th scope="row">{answer}</th><td class="bar-chart__value">{total(count)}</td></tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    })
                    .collect_view()}
            </div>
        </section>
    }
}
