use crate::components::Frame;
use crate::components::errors::NotFound;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_router::{components::Outlet, hooks::use_params_map};

/// Everything under `/{lang}/`: reads the language from the URL and provides it below.
/// An unknown language code is a 404 (in Estonian, the default).
#[component]
pub fn LangLayout() -> impl IntoView {
    let params = use_params_map();
    let requested = Memo::new(move |_| {
        params
            .read()
            .get("lang")
            .and_then(|code| code.parse::<Lang>().ok())
    });
    provide_context(Signal::derive(move || {
        requested.get().unwrap_or(Lang::DEFAULT)
    }));
    view! {
        <Frame>
            <Show when=move || requested.get().is_some() fallback=|| view! { <NotFound /> }>
                <Outlet />
            </Show>
        </Frame>
    }
}
