//! The problems of an imported file as a table: line, column, the reason in words, and the
//! value found there.

use crate::i18n::Lang;
use crate::shared::ImportProblem;
use leptos::prelude::*;

/// A heading with the count, then the table; `id` names the heading the table is labelled by.
#[component]
pub fn ImportProblems(lang: Lang, problems: Vec<ImportProblem>, id: &'static str) -> impl IntoView {
    let texts = &lang.texts().directory_admin;
    let heading = format!("{} ({})", texts.problems_heading, problems.len());
    let rows = problems
        .into_iter()
        .map(|problem| {
            view! {
                <tr>
                    <td>{problem.line}</td>
                    <td>{problem.column}</td>
                    <td>{lang.texts().problem(problem.problem)}</td>
                    <td>{problem.value}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3 id=id>{heading}</h3>
        <div class="table-scroll">
            <table class="data-table" aria-labelledby=id>
                <thead>
                    <tr>
                        <th scope="col">{texts.line}</th>
                        <th scope="col">{texts.column}</th>
                        <th scope="col">{texts.problem}</th>
                        <th scope="col">{texts.value}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
