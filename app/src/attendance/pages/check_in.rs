use crate::attendance::CheckIn;
use crate::attendance::api::{MarkCheckedIn, get_check_in};
use crate::components::LocalizedText;
use crate::components::admin::ErrorNotice;
use crate::components::errors::NotFound;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/{lang}/admin/check-in/{code}`: what a registrant's QR code opens on the coordinator's
/// phone. Who it is, and one large button that marks them present (a POST: opening the
/// address marks no one, so a preview or a second scan changes nothing).
#[component]
pub fn CheckInPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let mark = ServerAction::<MarkCheckedIn>::new();
    let registration = Resource::new(
        move || (lang.get(), code.get(), mark.version().get()),
        |(lang, code, _)| get_check_in(lang, code),
    );
    view! {
        {move || view! { <Title text=lang.get().texts().attendance.check_in_title /> }}
        <Transition>
            {move || Suspend::new(async move {
                let lang = lang.get();
                match registration.await {
                    Ok(registration) => {
                        view! { <Registrant lang registration code=code.get_untracked() mark /> }
                            .into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Registrant(
    lang: Lang,
    registration: CheckIn,
    code: String,
    mark: ServerAction<MarkCheckedIn>,
) -> impl IntoView {
    let texts = &lang.texts().attendance;
    let state = if registration.cancelled {
        view! { <p class="notice" role="status">{texts.check_in_cancelled}</p> }.into_any()
    } else if registration.present {
        view! {
            <p class="notice notice--success" role="status">
                {texts.checked_in.replace("{name}", &registration.name)}
            </p>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=mark>
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="code" value=code />
                <button type="submit" class="button button--large" disabled=move || mark.pending().get()>
                    {texts.check_in_button}
                </button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <section class="admin-page check-in">
            <h1>{texts.check_in_title}</h1>
            <p class="profile__meta">
                <LocalizedText text=registration.title lang /> " · " {registration.when}
            </p>
            <p class="check-in__name">{registration.name}</p>
            {registration.organisation.map(|organisation| view! { <p>{organisation}</p> })}
            {registration.waiting.then(|| view! { <p class="badge">{texts.waiting}</p> })}
            {state}
            <p>
                <a href=format!("/{lang}/admin/events/{}/attendance", registration.event_id)>
                    {texts.back_to_list}
                </a>
            </p>
        </section>
    }
}
