//! Charts drawn on the server as SVG: they print, and need no script.

use leptos::prelude::*;

/// Bars as a table: each row its label, its number and a bar as long as its share of the
/// largest. Screen readers read the table; the bars are decoration.
#[component]
pub fn BarChart(caption: String, bars: Vec<(String, i64)>) -> impl IntoView {
    let most = bars
        .iter()
        .map(|(_, value)| *value)
        .max()
        .unwrap_or(0)
        .max(1);
    view! {
        <table class="data-table bar-chart">
            <caption>{caption}</caption>
            <tbody>
                {bars
                    .into_iter()
                    .map(|(label, value)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td class="bar-chart__value">{value}</td>
                            <td class="bar-chart__bar">
                                <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                                    <rect width=value * 100 / most height="8"></rect>
                                </svg>
                            </td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
