use crate::components::LocalizedText;
use crate::components::admin::{ErrorNotice, form_problem};
use crate::components::chart::BarChart;
use crate::components::errors::ErrorPage;
use crate::components::page::private_page;
use crate::error::Problem;
use crate::feedback::api::{
    AskForFeedback, GiveFeedback, SaveFeedbackQuestions, get_feedback_form, get_feedback_summary,
};
use crate::feedback::{FeedbackForm, FeedbackSummary, MAX_QUESTIONS};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/{lang}/feedback/{token}`: an attendee's feedback form, from the mail's private link. Once
/// answered it thanks instead.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    private_page();
    let lang = use_lang();
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let give = ServerAction::<GiveFeedback>::new();
    let form = Resource::new(
        move || (lang.get(), token.get(), give.version().get()),
        |(lang, token, _)| get_feedback_form(lang, token),
    );
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match form.await {
                        Ok(form) => {
                            view! { <Form lang form token=token.get_untracked() give /> }.into_any()
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Form(
    lang: Lang,
    form: FeedbackForm,
    token: String,
    give: ServerAction<GiveFeedback>,
) -> impl IntoView {
    let texts = lang.texts();
    let feedback = &texts.feedback;
    let query = use_query_map();
    // The plain form's answer comes back in the URL; the script's in the action.
    let problem = move || {
        give.value()
            .get()
            .and_then(|answer| answer.err())
            .and_then(|error| error.problem_with("rating"))
            .or_else(|| {
                query
                    .read()
                    .get("problem")
                    .and_then(|code| Problem::from_code(&code))
            })
            .map(|problem| texts.problem(problem))
            .or_else(|| form_problem(lang, give.value().get()))
    };
    let body = if form.answered {
        view! { <p class="notice notice--success" role="status">{feedback.thanks}</p> }.into_any()
    } else {
        view! {
            <p>{feedback.lead}</p>
            <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
            <ActionForm action=give attr:class="form">
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="token" value=token />
                <fieldset class="rating">
                    <legend>{feedback.rating} " " {feedback.optional}</legend>
                    <p class="rating__scale" id="rating-scale">
                        {format!("1 = {}, 5 = {}", feedback.rating_low, feedback.rating_high)}
                    </p>
                    <div class="rating__choices">
                        {(1..=5u8)
                            .map(|rating| view! {
                                <label>
                                    <input type="radio" name="rating" value=rating aria-describedby="rating-scale" />
                                    {rating}
                                </label>
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                {form
                    .questions
                    .into_iter()
                    .enumerate()
                    .map(|(index, question)| {
                        let id = format!("answer-{index}");
                        view! {
                            <div class="field">
                                <label for=id.clone()>
                                    <LocalizedText text=question lang /> " " {feedback.optional}
                                </label>
                                <textarea id=id name=format!("answers[{index}]") rows="3" maxlength="2000"></textarea>
                            </div>
                        }
                    })
                    .collect_view()}
                <button type="submit" class="button" disabled=move || give.pending().get()>{feedback.send}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <Title text=feedback.title />
        <section class="page narrow">
            <h1>{feedback.title}</h1>
            <p class="profile__meta"><LocalizedText text=form.event_title lang /> " · " {form.when}</p>
            {body}
        </section>
    }
}

/// The event page's feedback: who was asked and who answered, the ratings and what was
/// written, the button that asks the attendees not asked yet, and the questions.
#[component]
pub fn FeedbackPanel(lang: Lang, event_id: i64) -> impl IntoView {
    let ask = ServerAction::<AskForFeedback>::new();
    let save = ServerAction::<SaveFeedbackQuestions>::new();
    let summary = Resource::new(
        move || (ask.version().get(), save.version().get()),
        move |_| get_feedback_summary(event_id),
    );
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
