use leptos::prelude::*;

/// One choice of a [`SelectField`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectOption {
    pub value: String,
    pub label: String,
    pub disabled: bool,
}

impl SelectOption {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
            disabled: false,
        }
    }
}

/// A labelled `<select>` of a GET form. With `any`, a first choice with an empty value stands for
/// "no filter", so the URL only carries what someone chose.
#[component]
pub fn SelectField(
    id: String,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] any: Option<&'static str>,
    options: Vec<SelectOption>,
    selected: Option<String>,
) -> impl IntoView {
    let chosen = selected.unwrap_or_default();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {any.map(|any| view! { <option value="" selected=chosen.is_empty()>{any}</option> })}
                {options
                    .into_iter()
                    .map(|option| {
                        let is_selected = option.value == chosen;
                        view! {
                            <option value=option.value selected=is_selected disabled=option.disabled && !is_selected>
                                {option.label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
