use crate::components::LocalizedText;
use crate::components::admin::form_problem;
use crate::components::errors::ErrorPage;
use crate::components::page::private_page;
use crate::error::Problem;
use crate::feedback::FeedbackForm;
use crate::feedback::api::{GiveFeedback, get_feedback_form};
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
