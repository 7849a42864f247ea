//! `/{lang}/admin/funding/new` (`?from={id}` for a call's next round) and
//! `/{lang}/admin/funding/{id}/edit`: one form, checked on the server as the coordinator types
//! (each problem beside its field, a preview of the public page once there are none), saved as
//! a draft or published. A failed save leaves the form as typed.

use crate::components::admin::ErrorNotice;
use crate::components::form::{FieldMaker, InForm, Touched, field_message, live_check};
use crate::components::page::use_id_param;
use crate::error::AppError;
use crate::funding::api::{SaveCall, get_call_editor};
use crate::funding::pages::article::CallArticle;
use crate::funding::{CallEditor, CallStatus};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn CallFormPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_id_param();
    let query = use_query_map();
    let opened = Memo::new(move |_| {
        let query = query.read();
        (
            id.get(),
            query.get("from").and_then(|id| id.parse::<i64>().ok()),
            query.get("saved"),
        )
    });
    let editor = Resource::new(
        move || (lang.get(), opened.get()),
        |(lang, (id, from, _))| get_call_editor(lang, id, from),
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                let saved = opened.read_untracked().2.is_some();
                Suspend::new(async move {
                    match editor.await {
                        Ok(editor) => view! { <Editor lang editor saved /> }.into_any(),
                        Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Editor(lang: Lang, editor: CallEditor, saved: bool) -> impl IntoView {
    let texts = &lang.texts().funding;
    let save = ServerAction::<SaveCall>::new();
    let dirty = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let id = editor.id;
    let form = editor.form.clone();

    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            dirty.set(false);
            navigate(
                &format!(
                    "/{lang}/admin/funding/{}/edit?saved={}",
                    saved.id, saved.sequence
                ),
                Default::default(),
            );
        }
    });
    let (check, typed) = live_check(form_ref, move |fields: InForm<_>| {
        crate::funding::api::check_call(lang, fields.form)
    });
    let changed = move || {
        dirty.set(true);
        save.clear();
        typed();
    };
    #[cfg(feature = "hydrate")]
    crate::components::form::guard_unsaved_changes(dirty, lang.texts().event_editor.unsaved);

    let touched = Touched::new();
    let problem = move |field: &'static str| {
        move || {
            let check = check.read();
            let checked = check
                .as_ref()
                .map(|check| check.problems.as_slice())
                .filter(|_| touched.shows(field));
            field_message(lang, save.value().get(), checked, field)
        }
    };
    let field = FieldMaker {
        prefix: "call",
        scope: "form",
        problem,
    };
    let general = move || match save.value().get()? {
        Err(AppError::Invalid { field, problem }) if field == "form" || field == "intent" => {
            Some(lang.texts().problem(problem))
        }
        Err(AppError::Invalid { .. }) => Some(lang.texts().event_editor.not_saved),
        Err(error) => Some(lang.texts().error_message(&error)),
        Ok(_) => None,
    };
    let heading = if id.is_some() {
        texts.edit_call
    } else {
        texts.new_call
    };
    let status_line = editor.slug.clone().map(|slug| {
        view! {
            <p class="profile__meta">
                {editor.status.label(lang)}
                {(editor.status != CallStatus::Draft).then(|| view! {
                    " · " <a href=format!("/{lang}/funding/{slug}")>{lang.texts().admin.public_page}</a>
                })}
                " · "
                <a href=format!("/{lang}/admin/funding/new?from={}", id.unwrap_or_default())>{texts.next_round}</a>
            </p>
        }
    });
    let titles = lang.texts().directory.languages;
    let in_language = move |label: &str, index: usize| format!("{label} ({})", titles[index]);
    let publishable = id.is_none() || editor.status == CallStatus::Draft;
    view! {
        <Title text=heading />
        <section class="admin-page event-editor">
            <p class="back-link"><a href=format!("/{lang}/admin/funding")>{texts.admin_title}</a></p>
            <h1>{heading}</h1>
            {status_line}
            <p class="notice" role="status" hidden=move || !saved || dirty.get()>{lang.texts().event_editor.saved}</p>
            <p class="form-error" role="alert" hidden=move || general().is_none()>{general}</p>
            <ActionForm action=save node_ref=form_ref attr:class="event-form" on:input=move |_| changed() on:change=move |_| changed()
                on:focusout=move |ev| touched.leave(&ev) on:submit=move |_| touched.send()>
                {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
                {editor.sequence.map(|sequence| view! { <input type="hidden" name="sequence" value=sequence /> })}
                <fieldset>
                    <legend>{texts.what}</legend>
                    {field.text("funder", texts.funder.to_owned(), "text", form.funder.clone())}
                    <p class="hint" id="call-funder_entry-hint">{texts.funder_entry_hint}</p>
                    {field.text("funder_entry", texts.funder_entry.to_owned(), "text", form.funder_entry.clone())}
                    {field.text("programme", texts.programme.to_owned(), "text", form.programme.clone())}
                    <p class="hint">{lang.texts().event_editor.title_hint}</p>
                    {field.text("title_et", in_language(texts.call_title, 0), "text", form.title_et.clone())}
                    {field.text("title_ru", in_language(texts.call_title, 1), "text", form.title_ru.clone())}
                    {field.text("title_en", in_language(texts.call_title, 2), "text", form.title_en.clone())}
                    {field.area("summary_et", in_language(texts.summary, 0), form.summary_et.clone())}
                    {field.area("summary_ru", in_language(texts.summary, 1), form.summary_ru.clone())}
                    {field.area("summary_en", in_language(texts.summary, 2), form.summary_en.clone())}
                </fieldset>
                <fieldset>
                    <legend>{texts.deadlines}</legend>
                    <p class="hint">{texts.deadlines_hint}</p>
                    {field.area("deadlines", texts.single_deadlines.to_owned(), form.deadlines.clone())}
                    <p class="hint">{texts.rule_hint}</p>
                    <div class="field-row">
                        {field.text("rule_days", texts.rule_days.to_owned(), "text", form.rule_days.clone())}
                        {field.text("rule_time", texts.rule_time.to_owned(), "time", form.rule_time.clone())}
                    </div>
                    {field.check("rule_next_working_day", texts.rule_next_working_day, form.rule_next_working_day)}
                    {field.text("opens_on", texts.opens.to_owned(), "date", form.opens_on.clone())}
                </fieldset>
                <fieldset>
                    <legend>{texts.who}</legend>
                    <p class="hint">{texts.who_hint}</p>
                    {field.choices("kinds", texts.who_kinds, &editor.kinds, &form.kinds)}
                    {field.choices("sectors", texts.who_sectors, &editor.sectors, &form.sectors)}
                    {field.choices("municipalities", texts.who_where, &editor.municipalities, &form.municipalities)}
                </fieldset>
                <fieldset>
                    <legend>{texts.money}</legend>
                    <div class="field-row">
                        {field.text("amount_min", texts.amount_min.to_owned(), "number", form.amount_min.clone())}
                        {field.text("amount_max", texts.amount_max.to_owned(), "number", form.amount_max.clone())}
                    </div>
                    {field.text("self_financing", texts.self_financing.to_owned(), "number", form.self_financing.clone())}
                    {field.text("url", texts.official_call.to_owned(), "url", form.url.clone())}
                    {field.text("contact", texts.contact.to_owned(), "text", form.contact.clone())}
                </fieldset>
                <div class="form-actions">
                    {if publishable {
                        view! {
                            <button type="submit" name="intent" value="" class="button button--secondary" disabled=move || save.pending().get()>
                                {lang.texts().event_editor.save_draft}
                            </button>
                            <button type="submit" name="intent" value="forecast" class="button button--secondary" disabled=move || save.pending().get()>
                                {texts.publish_forecast}
                            </button>
                            <button type="submit" name="intent" value="open" class="button" disabled=move || save.pending().get()>
                                {texts.publish_open}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button type="submit" name="intent" value="" class="button" disabled=move || save.pending().get()>
                                {lang.texts().event_editor.save}
                            </button>
                        }
                            .into_any()
                    }}
                </div>
            </ActionForm>
            <section class="event-preview" aria-labelledby="call-preview-heading">
                <h2 id="call-preview-heading">{lang.texts().event_editor.preview}</h2>
                {move || match check.get().and_then(|check| check.preview) {
                    Some(call) => view! {
                        <div class="event-preview__page">
                            <CallArticle lang call preview=true />
                        </div>
                    }
                        .into_any(),
                    None => view! { <p class="hint">{lang.texts().event_editor.preview_waiting}</p> }.into_any(),
                }}
            </section>
        </section>
    }
}
