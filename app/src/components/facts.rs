use leptos::prelude::*;

/// Terms and their values as a description list.
pub fn facts(items: Vec<(&str, AnyView)>) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|(term, value)| view! { <dt>{term.to_owned()}</dt><dd>{value}</dd> })
        .collect_view();
    view! { <dl class="facts">{items}</dl> }
}
