//! The event page's panels of other features: feedback, certificates and the programme tag,
//! each through its feature's server functions.

use crate::certificates::api::{IssueCertificates, certificate_counts};
use crate::components::LocalizedText;
use crate::components::admin::{ErrorNotice, form_problem};
use crate::components::chart::BarChart;
use crate::error::AppError;
use crate::feedback::api::{AskForFeedback, SaveFeedbackQuestions, get_feedback_summary};
use crate::feedback::{FeedbackSummary, MAX_QUESTIONS};
use crate::i18n::Lang;
use crate::reports::ProgrammeTag;
use crate::reports::api::{SetProgramme, get_programme};
use leptos::prelude::*;

/// The panels' actions and the answers they show, made at the event page's top. A resource
/// made inside another's answer would be numbered by which answer the server finished first (a
/// race with the sign-in check's), and the browser, numbering them in order, would hydrate a
/// panel with another resource's data.
#[derive(Clone, Copy)]
pub struct Panels {
    ask: ServerAction<AskForFeedback>,
    save_questions: ServerAction<SaveFeedbackQuestions>,
    summary: Resource<Result<FeedbackSummary, AppError>>,
    issue: ServerAction<IssueCertificates>,
    counts: Resource<Result<(i64, i64), AppError>>,
    save_programme: ServerAction<SetProgramme>,
    tag: Resource<Result<ProgrammeTag, AppError>>,
}

impl Panels {
    pub fn new(event_id: Memo<i64>) -> Self {
        let ask = ServerAction::<AskForFeedback>::new();
        let save_questions = ServerAction::<SaveFeedbackQuestions>::new();
        let issue = ServerAction::<IssueCertificates>::new();
        let save_programme = ServerAction::<SetProgramme>::new();
        Self {
            ask,
            save_questions,
            summary: Resource::new(
                move || {
                    (
                        event_id.get(),
                        ask.version().get(),
                        save_questions.version().get(),
                    )
                },
                |(id, _, _)| get_feedback_summary(id),
            ),
            issue,
            counts: Resource::new(
                move || (event_id.get(), issue.version().get()),
                |(id, _)| certificate_counts(id),
            ),
            save_programme,
            tag: Resource::new(
                move || (event_id.get(), save_programme.version().get()),
                |(id, _)| get_programme(id),
            ),
        }
    }
}

/// The event page's feedback: who was asked and who answered, the ratings and what was
/// written, the button that asks the attendees not asked yet, and the questions.
#[component]
pub fn FeedbackPanel(lang: Lang, panels: Panels) -> impl IntoView {
    let Panels {
        ask,
        save_questions: save,
        summary,
        ..
    } = panels;
    view! {
        <h2 id="feedback-heading">{lang.texts().feedback.admin_title}</h2>
        <Transition>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(summary) => view! { <Summary lang summary ask save /> }.into_any(),
                    Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Summary(
    lang: Lang,
    summary: FeedbackSummary,
    ask: ServerAction<AskForFeedback>,
    save: ServerAction<SaveFeedbackQuestions>,
) -> impl IntoView {
    let texts = &lang.texts().feedback;
    let counts = texts
        .counts
        .replace("{attendees}", &summary.attendees.to_string())
        .replace("{asked}", &summary.asked.to_string())
        .replace("{answers}", &summary.answers.to_string());
    let to_ask = summary.attendees - summary.asked;
    let asked = move || match ask.value().get() {
        Some(Ok(n)) => Some(texts.asked.replace("{n}", &n.to_string())),
        other => form_problem(lang, other).map(str::to_owned),
    };
    let ratings = (summary.answers > 0).then(|| {
        let bars = (1..=5usize)
            .rev()
            .map(|rating| (rating.to_string(), summary.ratings[rating - 1]))
            .collect::<Vec<_>>();
        view! {
            {summary.average.clone().map(|average| view! {
                <p class="feedback__average">{texts.average.replace("{average}", &average)}</p>
            })}
            <BarChart caption=texts.ratings_label.to_owned() bars />
        }
    });
    let written = summary
        .questions
        .iter()
        .cloned()
        .zip(summary.written)
        .filter(|(_, answers)| !answers.is_empty())
        .map(|(question, answers)| {
            view! {
                <h3><LocalizedText text=question lang /></h3>
                <ul class="feedback__written">
                    {answers.into_iter().map(|answer| view! { <li>{answer}</li> }).collect_view()}
                </ul>
            }
        })
        .collect_view();
    view! {
        <p>{counts}</p>
        <ActionForm action=ask>
            <input type="hidden" name="id" value=summary.event_id />
            <button type="submit" class="button" disabled=move || to_ask == 0 || ask.pending().get()>
                {texts.ask}
            </button>
        </ActionForm>
        <p role="status">
            {asked}
            {(to_ask == 0 && summary.attendees > 0).then_some(texts.nobody_to_ask)}
        </p>
        {(summary.answers == 0).then(|| view! { <p>{texts.no_answers}</p> })}
        {ratings}
        {written}
        <Questions lang event_id=summary.event_id questions=summary.questions save />
    }
}

/// The event's questions, up to five rows of three languages.
#[component]
fn Questions(
    lang: Lang,
    event_id: i64,
    questions: Vec<crate::shared::Localized>,
    save: ServerAction<SaveFeedbackQuestions>,
) -> impl IntoView {
    let texts = &lang.texts().feedback;
    let saved = move || match save.value().get() {
        Some(Ok(())) => Some(texts.saved_questions),
        Some(Err(error)) => Some(match error.problem_with("questions") {
            Some(problem) => lang.texts().problem(problem),
            None => lang.texts().error_message(&error),
        }),
        None => None,
    };
    view! {
        <details class="feedback__questions">
            <summary>{texts.questions_title}</summary>
            <p>{texts.questions_hint}</p>
            <ActionForm action=save attr:class="form">
                <input type="hidden" name="id" value=event_id />
                {(0..MAX_QUESTIONS)
                    .map(|index| {
                        let question = questions.get(index).cloned().unwrap_or_default();
                        view! {
                            <fieldset>
                                <legend>{texts.question.replace("{n}", &(index + 1).to_string())}</legend>
                                {Lang::ALL
                                    .map(|language| {
                                        let id = format!("question-{index}-{language}");
                                        view! {
                                            <div class="field">
                                                <label for=id.clone()>{language.native_name()}</label>
                                                <input
                                                    id=id
                                                    name=format!("questions[{index}][{language}]")
                                                    type="text"
                                                    maxlength="300"
                                                    lang=language.code()
                                                    value=question.get(language).unwrap_or_default().to_owned()
                                                />
                                            </div>
                                        }
                                    })}
                            </fieldset>
                        }
                    })
                    .collect_view()}
                <button type="submit" class="button" disabled=move || save.pending().get()>{texts.save_questions}</button>
                <p role="status">{saved}</p>
            </ActionForm>
        </details>
    }
}

/// The event page's certificates: how many attendees have one, and the button that issues
/// them to the rest.
#[component]
pub fn CertificatesPanel(lang: Lang, event_id: i64, panels: Panels) -> impl IntoView {
    let texts = &lang.texts().certificates;
    let Panels { issue, counts, .. } = panels;
    let issued = move || match issue.value().get() {
        Some(Ok(n)) => Some(texts.issued_now.replace("{n}", &n.to_string())),
        other => form_problem(lang, other).map(str::to_owned),
    };
    view! {
        <h2>{texts.admin_title}</h2>
        <Transition>
            {move || Suspend::new(async move {
                match counts.await {
                    Ok((issued, attendees)) => view! {
                        <p>
                            {texts
                                .counts
                                .replace("{issued}", &issued.to_string())
                                .replace("{attendees}", &attendees.to_string())}
                        </p>
                        <ActionForm action=issue>
                            <input type="hidden" name="id" value=event_id />
                            <button type="submit" class="button" disabled=move || issued == attendees || issue.pending().get()>
                                {texts.issue}
                            </button>
                        </ActionForm>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                }
            })}
        </Transition>
        <p role="status">{issued}</p>
    }
}

/// The event page's programme tag: which programme or funder the event is reported to.
#[component]
pub fn ProgrammePanel(lang: Lang, event_id: i64, panels: Panels) -> impl IntoView {
    let texts = &lang.texts().reports;
    let Panels {
        save_programme: save,
        tag,
        ..
    } = panels;
    let answer = move || match save.value().get() {
        Some(Ok(())) => Some(texts.programme_saved),
        Some(Err(error)) => Some(match error.problem_with("programme") {
            Some(problem) => lang.texts().problem(problem),
            None => lang.texts().error_message(&error),
        }),
        None => None,
    };
    view! {
        <h2 id="programme-heading">{texts.programme}</h2>
        <p id="programme-hint">{texts.programme_hint}</p>
        <Transition>
            {move || Suspend::new(async move {
                match tag.await {
                    Ok(tag) => view! {
                        <ActionForm action=save attr:class="form">
                            <input type="hidden" name="id" value=event_id />
                            <div class="field">
                                <label for="programme">{texts.programme}</label>
                                <input
                                    id="programme"
                                    name="programme"
                                    type="text"
                                    maxlength="100"
                                    list="programmes"
                                    aria-describedby="programme-hint"
                                    value=tag.programme.unwrap_or_default()
                                />
                                <datalist id="programmes">
                                    {tag.known.into_iter().map(|known| view! { <option value=known></option> }).collect_view()}
                                </datalist>
                            </div>
                            <div class="field field--check">
                                <input
                                    id="asks-facts"
                                    name="asks_facts"
                                    type="checkbox"
                                    value="yes"
                                    checked=tag.asks_facts
                                    aria-describedby="asks-facts-hint"
                                />
                                <label for="asks-facts">{lang.texts().facts.ask}</label>
                            </div>
                            <p class="hint" id="asks-facts-hint">{lang.texts().facts.ask_hint}</p>
                            <button type="submit" class="button" disabled=move || save.pending().get()>{texts.save_programme}</button>
                        </ActionForm>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                }
            })}
        </Transition>
        <p role="status">{answer}</p>
    }
}
