//! `/{lang}/counselling`: the free consultation times by day and the form that books one;
//! `/{lang}/counselling/{token}`: a booking's private page, where it is cancelled.

use crate::components::errors::{ErrorPage, NotFound};
use crate::components::form::answer_problem;
use crate::counselling::api::{BookTime, CancelBooking, get_booking, get_free_times};
use crate::counselling::{BookingStatus, BookingView, SlotDay};
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CounsellingPage() -> impl IntoView {
    let lang = use_lang();
    let book = ServerAction::<BookTime>::new();
    // The times are asked again after a booking, not after a refusal: a refused form keeps
    // what was typed, to choose another time.
    let booked = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if let Some(Ok(_)) = book.value().get() {
            booked.update(|n| *n += 1);
        }
    });
    let times = Resource::new(
        move || (lang.get(), booked.get()),
        |(lang, _)| get_free_times(lang),
    );
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                Suspend::new(async move {
                    match times.await {
                        Ok(days) => view! { <Counselling lang days book /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Counselling(lang: Lang, days: Vec<SlotDay>, book: ServerAction<BookTime>) -> impl IntoView {
    let texts = &lang.texts().counselling;
    let query = use_query_map();
    let sent = move || match book.value().get() {
        Some(Ok(email)) => Some(texts.booked_notice.replace("{email}", &email)),
        Some(Err(_)) => None,
        None => query
            .read()
            .get("sent")
            .map(|_| texts.booked_notice_plain.to_owned()),
    };
    let problem = move || answer_problem(lang, book.value().get(), query.read().get("problem"));
    let free = if days.is_empty() {
        view! { <p class="notice">{texts.none_free}</p> }.into_any()
    } else {
        days.into_iter()
            .map(|day| {
                let slots = day
                    .slots
                    .into_iter()
                    .map(|slot| {
                        let id = format!("slot-{}", slot.id);
                        let mut facts = vec![slot.time.clone()];
                        facts.extend(slot.place.clone());
                        if slot.online {
                            facts.push(texts.online.to_owned());
                        }
                        let about = slot.call.clone().map(|(slug, title)| view! {
                            <br />
                            <span class="hint">{texts.about_call} " " <a href=format!("/{lang}/funding/{slug}")>{title}</a></span>
                        });
                        view! {
                            <div class="field field--check">
                                <input id=id.clone() type="radio" name="slot" value=slot.id required />
                                <label for=id><time datetime=slot.starts_at>{facts.join(" · ")}</time>{about}</label>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="slot-day">
                        <legend>{day.label}</legend>
                        {slots}
                    </fieldset>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <Title text=texts.title />
        <Meta name="description" content=texts.lead />
        <section class="join-page" aria-labelledby="counselling-heading">
            <h1 id="counselling-heading">{texts.title}</h1>
            <p class="lead">{texts.lead}</p>
            <p><a href=format!("/{lang}/funding")>{lang.texts().funding.title}</a></p>
            <p class="notice" role="status" hidden=move || sent().is_none()>{sent}</p>
            <p class="form-error" role="alert" id="book-error" hidden=move || problem().is_none()>{problem}</p>
            <ActionForm action=book>
                <input type="hidden" name="lang" value=lang.code() />
                <div class="form">
                    <h2>{texts.choose_time}</h2>
                    {free}
                    <h2>{texts.about_you}</h2>
                    <div class="field">
                        <label for="book-name">{texts.name}</label>
                        <input id="book-name" name="name" required maxlength="200" autocomplete="name" />
                    </div>
                    <div class="field">
                        <label for="book-organisation">{texts.organisation}</label>
                        <input id="book-organisation" name="organisation" maxlength="200" autocomplete="organization" aria-describedby="book-organisation-hint" />
                        <p class="hint" id="book-organisation-hint">{texts.organisation_hint}</p>
                    </div>
                    <div class="field">
                        <label for="book-email">{lang.texts().auth.email}</label>
                        <input id="book-email" name="email" type="email" required maxlength="254" autocomplete="email" />
                    </div>
                    <div class="field">
                        <label for="book-question">{texts.question}</label>
                        <textarea id="book-question" name="question" rows="4" maxlength="2000"></textarea>
                    </div>
                    <p class="hint" id="book-privacy">{texts.privacy}</p>
                    // A field people do not see: only robots fill it in, and are refused.
                    <div class="trap" aria-hidden="true">
                        <label for="book-website">{lang.texts().profile.website}</label>
                        <input id="book-website" name="website" type="text" tabindex="-1" autocomplete="off" />
                    </div>
                    <button type="submit" class="button" aria-describedby="book-privacy book-error" disabled=move || book.pending().get()>
                        {texts.book}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn BookingPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let cancel = ServerAction::<CancelBooking>::new();
    let booking = Resource::new(
        move || (lang.get(), token.get(), cancel.version().get()),
        |(lang, token, _)| get_booking(lang, token),
    );
    crate::components::page::private_page();
    view! {
        <Transition>
            {move || {
                let lang = lang.get();
                let token = token.get();
                Suspend::new(async move {
                    match booking.await {
                        Ok(booking) => view! { <Booking lang booking token cancel /> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn Booking(
    lang: Lang,
    booking: BookingView,
    token: String,
    cancel: ServerAction<CancelBooking>,
) -> impl IntoView {
    let texts = &lang.texts().counselling;
    let cancelled = booking.status == BookingStatus::Cancelled;
    let problem = move || answer_problem(lang, cancel.value().get(), None);
    view! {
        <Title text=texts.your_booking />
        <section class="join-page">
            <h1>{texts.your_booking}</h1>
            {cancelled.then(|| view! { <p class="notice" role="status">{texts.cancelled_notice}</p> })}
            <dl class="facts">
                <dt>{texts.when}</dt><dd>{booking.when.clone()}</dd>
                {booking.place.clone().map(|place| view! { <dt>{texts.place}</dt><dd>{place}</dd> })}
                {booking.online_url.clone().map(|url| {
                    let href = url.clone();
                    view! { <dt>{texts.online_url}</dt><dd><a href=href rel="noopener external">{url}</a></dd> }
                })}
                <dt>{texts.name}</dt><dd>{booking.name.clone()}</dd>
                {booking.question.clone().map(|question| view! { <dt>{texts.question}</dt><dd>{question}</dd> })}
            </dl>
            <p class="form-error" role="alert" hidden=move || problem().is_none()>{problem}</p>
            {(!cancelled && !booking.is_past).then(|| view! {
                <ActionForm action=cancel>
                    <input type="hidden" name="token" value=token />
                    <button type="submit" class="button button--secondary">{texts.cancel_mine}</button>
                </ActionForm>
            })}
            <p><a href=format!("/{lang}/counselling")>{texts.title}</a></p>
        </section>
    }
}
