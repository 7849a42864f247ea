//! The pieces every editing form is made of: labelled fields with their problem beside them,
//! a check on the server as the person types, and a question before unsaved changes are left.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::shared::Labelled;
use leptos::prelude::*;

/// Why the last try of a public form failed: the action's own answer, else the `problem` a
/// plain form post (no JavaScript yet) brought back in the URL.
pub fn answer_problem<T>(
    lang: Lang,
    answer: Option<Result<T, AppError>>,
    problem: Option<String>,
) -> Option<&'static str> {
    let texts = lang.texts();
    match answer {
        Some(Err(error)) => Some(texts.error_message(&error)),
        Some(Ok(_)) => None,
        None => match problem.as_deref()? {
            "TooManyAttempts" => Some(texts.auth.too_many_attempts),
            code => crate::error::Problem::from_code(code).map(|problem| texts.problem(problem)),
        },
    }
}

pub fn choice_options(list: &[Labelled]) -> Vec<(String, String)> {
    list.iter()
        .map(|item| (item.code.clone(), item.label.clone()))
        .collect()
}

pub fn options(list: Vec<(String, String)>, chosen: &str) -> impl IntoView + use<> {
    list.into_iter()
        .map(|(value, label)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view()
}

/// The message beside `field`: why the last save refused it, else what the live check says.
pub fn field_message<T>(
    lang: Lang,
    saved: Option<Result<T, AppError>>,
    checked: Option<&[crate::shared::FieldProblem]>,
    field: &str,
) -> Option<&'static str> {
    let texts = lang.texts();
    if let Some(Err(error)) = saved
        && let Some(problem) = error.problem_with(field)
    {
        return Some(texts.problem(problem));
    }
    let found = checked?.iter().find(|p| p.field == field)?;
    Some(texts.problem(found.problem))
}

/// Makes a form's labelled fields (named `{scope}[name]`, id `{prefix}-{name}`), each with its
/// problem beside it (`aria-describedby`).
#[derive(Clone, Copy)]
pub struct FieldMaker<P> {
    pub prefix: &'static str,
    pub scope: &'static str,
    pub problem: P,
}

impl<P, F> FieldMaker<P>
where
    P: Fn(&'static str) -> F + Copy + Send + Sync + 'static,
    F: Fn() -> Option<&'static str> + Copy + Send + Sync + 'static,
{
    fn name(&self, name: &str) -> String {
        format!("{}[{name}]", self.scope)
    }

    pub fn text(
        &self,
        name: &'static str,
        label: String,
        kind: &'static str,
        value: String,
    ) -> impl IntoView + use<P, F> {
        let problem = (self.problem)(name);
        let id = format!("{}-{name}", self.prefix);
        let problem_id = format!("{}-{name}-problem", self.prefix);
        let step = (kind == "number").then_some("1");
        let min = (kind == "number").then_some("0");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input
                    id=id
                    type=kind
                    name=self.name(name)
                    value=value
                    step=step
                    min=min
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=problem_id.clone()
                />
                <p class="field-problem" id=problem_id>{problem}</p>
            </div>
        }
    }

    pub fn area(
        &self,
        name: &'static str,
        label: String,
        value: String,
    ) -> impl IntoView + use<P, F> {
        let problem = (self.problem)(name);
        let id = format!("{}-{name}", self.prefix);
        let problem_id = format!("{}-{name}-problem", self.prefix);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <textarea
                    id=id
                    name=self.name(name)
                    rows="4"
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=problem_id.clone()
                >
                    {value}
                </textarea>
                <p class="field-problem" id=problem_id>{problem}</p>
            </div>
        }
    }

    /// A checkbox sending `true` when ticked.
    pub fn check(
        &self,
        name: &'static str,
        label: &'static str,
        checked: bool,
    ) -> impl IntoView + use<P, F> {
        let id = format!("{}-{name}", self.prefix);
        view! {
            <div class="field field--check">
                <input id=id.clone() type="checkbox" name=self.name(name) value="true" checked=checked />
                <label for=id>{label}</label>
            </div>
        }
    }

    /// Checkboxes for a list field (`name[0]`, `name[1]`, …), each sending its choice's code,
    /// in a group with the field's problem.
    pub fn choices(
        &self,
        name: &'static str,
        legend: &'static str,
        list: &[Labelled],
        chosen: &[String],
    ) -> impl IntoView + use<P, F> {
        let problem = (self.problem)(name);
        let problem_id = format!("{}-{name}-problem", self.prefix);
        let boxes = list
            .iter()
            .enumerate()
            .map(|(index, choice)| {
                let id = format!("{}-{name}-{}", self.prefix, choice.code);
                let checked = chosen.contains(&choice.code);
                view! {
                    <div class="field field--check">
                        <input id=id.clone() type="checkbox" name=format!("{}[{index}]", self.name(name)) value=choice.code.clone() checked=checked />
                        <label for=id>{choice.label.clone()}</label>
                    </div>
                }
            })
            .collect_view();
        let described_by = problem_id.clone();
        view! {
            <fieldset aria-describedby=described_by>
                <legend>{legend}</legend>
                {boxes}
                <p class="field-problem" id=problem_id>{problem}</p>
            </fieldset>
        }
    }

    pub fn select(
        &self,
        name: &'static str,
        label: &'static str,
        empty: Option<&'static str>,
        list: Vec<(String, String)>,
        chosen: String,
    ) -> impl IntoView + use<P, F> {
        let problem = (self.problem)(name);
        let id = format!("{}-{name}", self.prefix);
        let problem_id = format!("{}-{name}-problem", self.prefix);
        let list: Vec<(String, String)> = empty
            .map(|label| (String::new(), label.to_owned()))
            .into_iter()
            .chain(list)
            .collect();
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <select
                    id=id
                    name=self.name(name)
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=problem_id.clone()
                >
                    {options(list, &chosen)}
                </select>
                <p class="field-problem" id=problem_id>{problem}</p>
            </div>
        }
    }
}

/// Whose problems a form shows from its live check: those of the fields the person has left,
/// and every field's once the form was sent. A form opened empty is not a list of what is
/// missing. Give the form `on:focusout=move |ev| touched.leave(&ev)` and
/// `on:submit=move |_| touched.send()`.
#[derive(Clone, Copy)]
pub struct Touched {
    left: RwSignal<Vec<String>>,
    sent: RwSignal<bool>,
}

impl Touched {
    pub fn new() -> Self {
        Self {
            left: RwSignal::new(Vec::new()),
            sent: RwSignal::new(false),
        }
    }

    /// Notes the field the focus left.
    pub fn leave(self, event: &leptos::ev::FocusEvent) {
        use leptos::wasm_bindgen::JsCast;
        let name = event
            .target()
            .and_then(|target| target.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|element| element.get_attribute("name"));
        if let Some(field) = name.as_deref().and_then(field_of)
            && !self.left.read_untracked().contains(&field)
        {
            self.left.update(|fields| fields.push(field));
        }
    }

    pub fn send(self) {
        self.sent.set(true);
    }

    /// Whether `field`'s problems show (a reactive read).
    pub fn shows(self, field: &str) -> bool {
        self.sent.get() || self.left.read().iter().any(|left| left == field)
    }
}

impl Default for Touched {
    fn default() -> Self {
        Self::new()
    }
}

/// The field an input's name stands for in the problems: `form[sectors][2]` → `sectors`,
/// `contact[email]` → `contact.email`; none for a name outside a scope (`lang`).
fn field_of(input_name: &str) -> Option<String> {
    let (scope, rest) = input_name.split_once('[')?;
    let field = rest.split(']').next().filter(|field| !field.is_empty())?;
    Some(match scope {
        "form" => field.to_owned(),
        scope => format!("{scope}.{field}"),
    })
}

/// A file form checked first and sent again once confirmed: the first half is the form's
/// `on:submit` (sends the form through `send` as it is and keeps it), the second sends the kept
/// form again with `confirm` set to what the person confirmed.
pub fn check_then_confirm<T: 'static>(
    send: Action<leptos::web_sys::FormData, T>,
) -> (
    impl Fn(leptos::ev::SubmitEvent) + Copy + 'static,
    impl Fn(&str) + Copy + 'static,
) {
    // A value of the browser's own thread, made only there: a server's render, dropped on
    // whichever thread finishes it, must not hold one.
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        use leptos::web_sys::{FormData, HtmlFormElement};
        let checked = StoredValue::new_local(None::<FormData>);
        let check = move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let form = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlFormElement>().ok());
            if let Some(data) = form.and_then(|form| FormData::new_with_form(&form).ok()) {
                checked.set_value(Some(data.clone()));
                send.dispatch_local(data);
            }
        };
        let confirm = move |confirmation: &str| {
            if let Some(data) = checked.get_value() {
                let _ = data.set_with_str("confirm", confirmation);
                send.dispatch_local(data);
            }
        };
        (check, confirm)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = send;
        (|_: leptos::ev::SubmitEvent| {}, |_: &str| {})
    }
}

/// The fields of a form whose inputs are named `form[…]`, as the browser sends them.
#[derive(Debug, Default, serde::Deserialize)]
pub struct InForm<T> {
    #[serde(default)]
    pub form: T,
}

/// Checks a form on the server as it is typed: `typed` (the second half) asks, a moment after
/// the typing stops, `ask` with the form's fields (`T`, often [`InForm`]); the first half is
/// the latest answer (an earlier question's late answer is dropped). Asked once at the start.
pub fn live_check<T, R, Fut>(
    form_ref: NodeRef<leptos::html::Form>,
    ask: impl Fn(T) -> Fut + Copy + 'static,
) -> (RwSignal<Option<R>>, impl Fn() + Copy)
where
    T: serde::de::DeserializeOwned + 'static,
    R: Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<R, AppError>> + 'static,
{
    let answer = RwSignal::new(None::<R>);
    let asked = StoredValue::new(0_u64);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let run = move || {
        #[cfg(feature = "hydrate")]
        send_form(form_ref, asked, answer, ask);
        #[cfg(not(feature = "hydrate"))]
        let _ = (form_ref, asked, ask);
    };
    let typed = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(run, std::time::Duration::from_millis(250));
        pending.set_value(handle.ok());
    };
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    Effect::new(move |_| run());
    (answer, typed)
}

#[cfg(feature = "hydrate")]
fn send_form<T, R, Fut>(
    form_ref: NodeRef<leptos::html::Form>,
    asked: StoredValue<u64>,
    answer: RwSignal<Option<R>>,
    ask: impl Fn(T) -> Fut + 'static,
) where
    T: serde::de::DeserializeOwned + 'static,
    R: Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<R, AppError>> + 'static,
{
    use leptos::form::FromFormData;
    // The form may be gone by the time a timer fires: then there is nothing to check.
    let Some(element) = form_ref.try_get_untracked().flatten() else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&element) else {
        return;
    };
    let Ok(fields) = T::from_form_data(&data) else {
        return;
    };
    let Some(mine) = asked.try_update_value(|n| {
        *n += 1;
        *n
    }) else {
        return;
    };
    let question = ask(fields);
    leptos::task::spawn_local(async move {
        if let Ok(latest) = question.await
            && asked.try_get_value() == Some(mine)
        {
            answer.try_set(Some(latest));
        }
    });
}

/// Asks before a page with unsaved changes is left: by a link inside the site (the router's
/// navigation is stopped) or by closing, reloading or typing an address (the browser asks).
#[cfg(feature = "hydrate")]
pub fn guard_unsaved_changes(dirty: RwSignal<bool>, question: &'static str) {
    use leptos::wasm_bindgen::{JsCast, closure::Closure};
    use send_wrapper::SendWrapper;
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let is_dirty = move || dirty.try_get_untracked().unwrap_or(false);
    let on_unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |event: web_sys::BeforeUnloadEvent| {
            if is_dirty() {
                event.prevent_default();
                event.set_return_value(question);
            }
        },
    );
    let asking_window = window.clone();
    let on_click =
        Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |event: web_sys::MouseEvent| {
            let on_link = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .and_then(|element| element.closest("a[href]").ok().flatten())
                .is_some();
            if on_link && is_dirty() {
                if asking_window.confirm_with_message(question).unwrap_or(true) {
                    dirty.try_set(false);
                } else {
                    event.prevent_default();
                    event.stop_propagation();
                }
            }
        });
    let _ =
        window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    // In the capture phase, before the router's own click handler on the window.
    let _ = document.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    let listeners = SendWrapper::new((window, document, on_unload, on_click));
    on_cleanup(move || {
        let (window, document, on_unload, on_click) = listeners.take();
        let _ = window.remove_event_listener_with_callback(
            "beforeunload",
            on_unload.as_ref().unchecked_ref(),
        );
        let _ = document.remove_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
    });
}

/// Makes a GET search form follow its fields: a moment after the last change (the first half,
/// for `input`), or at once on Enter (the second, for `submit`), the page goes to
/// `href(fields)` without a page load, so the URL always says what is shown and back and
/// forward walk through the searches. Without JavaScript the form is sent as it is.
pub fn search_as_typed<H>(
    href: H,
) -> (
    impl Fn(leptos::ev::Event) + 'static,
    impl Fn(leptos::ev::SubmitEvent) + 'static,
)
where
    H: Fn(&[(String, String)]) -> String + Copy + Send + Sync + 'static,
{
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let navigate = leptos_router::hooks::use_navigate();
    let go = move |href: String| {
        let options = leptos_router::NavigateOptions {
            scroll: false,
            ..Default::default()
        };
        navigate(&href, options);
    };
    let go_later = go.clone();
    let on_input = move |event: leptos::ev::Event| {
        let Some(fields) = fields_of(event.current_target()) else {
            return;
        };
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let go = go_later.clone();
        let handle = set_timeout_with_handle(
            move || go(href(&fields)),
            std::time::Duration::from_millis(250),
        );
        pending.set_value(handle.ok());
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        if let Some(fields) = fields_of(event.current_target()) {
            event.prevent_default();
            go(href(&fields));
        }
    };
    (on_input, on_submit)
}

/// The fields of the form an event happened on, as the browser would send them.
#[cfg(feature = "hydrate")]
fn fields_of(target: Option<web_sys::EventTarget>) -> Option<Vec<(String, String)>> {
    use leptos::wasm_bindgen::JsCast;
    let form = target?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    serde_urlencoded::from_str(&String::from(params.to_string())).ok()
}

#[cfg(not(feature = "hydrate"))]
fn fields_of(_: Option<leptos::web_sys::EventTarget>) -> Option<Vec<(String, String)>> {
    None
}

#[cfg(test)]
mod tests {
    use super::field_of;

    #[test]
    fn an_input_name_gives_the_field_its_problems_are_told_under() {
        assert_eq!(field_of("form[name]").as_deref(), Some("name"));
        assert_eq!(field_of("form[sectors][3]").as_deref(), Some("sectors"));
        assert_eq!(field_of("contact[email]").as_deref(), Some("contact.email"));
        assert_eq!(field_of("homepage"), None);
        assert_eq!(field_of("lang"), None);
        assert_eq!(field_of("form[]"), None);
    }
}
