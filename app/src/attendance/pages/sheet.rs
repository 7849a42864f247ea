use crate::attendance::api::get_attendance;
use crate::attendance::{AttendanceSheet, Attendee, Mark, Refused, WalkIn};
use crate::components::LocalizedText;
use crate::components::admin::ErrorNotice;
use crate::components::errors::NotFound;
use crate::components::page::use_id_param;
use crate::error::AppError;
use crate::error::Problem;
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// `/{lang}/admin/events/{id}/attendance`: the list at the door, made for a phone. Each person
/// is one large button that marks them present or not; a search narrows the list; walk-ins are
/// added present. A tap changes the list at once and waits on the phone (kept in its storage,
/// so a reload keeps it too) until the server has it: offline, the marks wait and go when the
/// connection returns. Without JavaScript every tap and walk-in is a plain form post.
#[component]
pub fn AttendancePage() -> impl IntoView {
    let lang = use_lang();
    // No such id: 0, which the server answers as not found.
    let id = use_id_param();
    let sheet = Resource::new(
        move || (lang.get(), id.get().unwrap_or(0)),
        |(lang, id)| get_attendance(lang, id),
    );
    view! {
        {move || view! { <Title text=lang.get().texts().attendance.title /> }}
        <Transition>
            {move || Suspend::new(async move {
                let lang = lang.get();
                match sheet.await {
                    Ok(sheet) => view! { <Sheet lang sheet /> }.into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice lang error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Marks and walk-ins the server does not have yet, in the order they were made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Queue {
    marks: Vec<Mark>,
    walk_ins: Vec<WalkIn>,
}

impl Queue {
    fn len(&self) -> usize {
        self.marks.len() + self.walk_ins.len()
    }

    /// Whether `attendee` shows present: their latest waiting mark, else what the server has.
    fn present(&self, attendee: &Attendee) -> bool {
        self.marks
            .iter()
            .rev()
            .find(|mark| mark.registration == attendee.id)
            .map_or(attendee.present, |mark| mark.present)
    }
}

/// The page's state: the list as the server last sent it, what waits to be sent, and how the
/// last try went.
#[derive(Clone, Copy)]
struct Door {
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    lang: Lang,
    event_id: i64,
    sheet: RwSignal<AttendanceSheet>,
    queue: RwSignal<Queue>,
    sending: RwSignal<bool>,
    /// The last try failed (offline, or signed out): the queue waits.
    stalled: RwSignal<bool>,
    refused: RwSignal<Vec<Refused>>,
}

impl Door {
    #[cfg(feature = "hydrate")]
    fn storage_key(self) -> String {
        format!("attendance-queue-{}", self.event_id)
    }

    /// Keeps the queue in the phone's storage, so that a reload or a closed tab loses nothing.
    #[cfg(feature = "hydrate")]
    fn save(self) {
        let Some(storage) = window().local_storage().ok().flatten() else {
            return;
        };
        let queue = self.queue.get_untracked();
        let _ = if queue.len() == 0 {
            storage.remove_item(&self.storage_key())
        } else {
            match serde_json::to_string(&queue) {
                Ok(json) => storage.set_item(&self.storage_key(), &json),
                Err(_) => Ok(()),
            }
        };
    }

    /// What an earlier visit left waiting, put before anything made since.
    #[cfg(feature = "hydrate")]
    fn restore(self) {
        let stored = window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|storage| storage.get_item(&self.storage_key()).ok().flatten())
            .and_then(|json| serde_json::from_str::<Queue>(&json).ok());
        if let Some(mut stored) = stored {
            self.queue.update(|queue| {
                stored.marks.append(&mut queue.marks);
                stored.walk_ins.append(&mut queue.walk_ins);
                *queue = stored;
            });
        }
    }

    /// Adds to the queue, keeps it, and tries to send it.
    #[cfg(feature = "hydrate")]
    fn push(self, change: impl FnOnce(&mut Queue)) {
        self.queue.update(change);
        self.save();
        self.send();
    }

    /// Sends the queue's first part unless a send is on its way; what the server took leaves
    /// the queue, and the rest follows. A failure keeps everything for the next try.
    #[cfg(feature = "hydrate")]
    fn send(self) {
        use crate::attendance::api::sync_attendance;
        use crate::attendance::{MARKS_PER_SYNC, WALK_INS_PER_SYNC};
        if self.sending.get_untracked() || self.queue.with_untracked(|queue| queue.len() == 0) {
            return;
        }
        let (marks, walk_ins) = self.queue.with_untracked(|queue| {
            (
                queue
                    .marks
                    .iter()
                    .take(MARKS_PER_SYNC)
                    .cloned()
                    .collect::<Vec<_>>(),
                queue
                    .walk_ins
                    .iter()
                    .take(WALK_INS_PER_SYNC)
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        });
        self.sending.set(true);
        leptos::task::spawn_local(async move {
            let (sent_marks, sent_walk_ins) = (marks.len(), walk_ins.len());
            let answer = sync_attendance(self.lang, self.event_id, marks, walk_ins).await;
            self.sending.set(false);
            match answer {
                Ok(synced) => {
                    self.queue.update(|queue| {
                        queue.marks.drain(..sent_marks.min(queue.marks.len()));
                        queue
                            .walk_ins
                            .drain(..sent_walk_ins.min(queue.walk_ins.len()));
                    });
                    self.save();
                    self.sheet.set(synced.sheet);
                    if !synced.refused.is_empty() {
                        self.refused
                            .update(|refused| refused.extend(synced.refused));
                    }
                    self.stalled.set(false);
                    self.send();
                }
                Err(_) => self.stalled.set(true),
            }
        });
    }
}

#[component]
fn Sheet(lang: Lang, sheet: AttendanceSheet) -> impl IntoView {
    let texts = &lang.texts().attendance;
    let door = Door {
        lang,
        event_id: sheet.event_id,
        sheet: RwSignal::new(sheet.clone()),
        queue: RwSignal::new(Queue::default()),
        sending: RwSignal::new(false),
        stalled: RwSignal::new(false),
        refused: RwSignal::new(Vec::new()),
    };
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            door.restore();
            door.send();
        });
        // Back online, and every few seconds while something waits.
        let online = window_event_listener(leptos::ev::online, move |_| door.send());
        let retry =
            set_interval_with_handle(move || door.send(), std::time::Duration::from_secs(10));
        on_cleanup(move || {
            online.remove();
            if let Ok(retry) = retry {
                retry.clear();
            }
        });
    }
    let query = use_query_map();
    let search = RwSignal::new(query.read_untracked().get("q").unwrap_or_default());
    let shown = move || {
        let typed = search.get().trim().to_lowercase();
        door.sheet.with(|sheet| {
            sheet
                .attendees
                .iter()
                .filter(|attendee| typed.is_empty() || matches(attendee, &typed))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let counts = move || {
        let queue = door.queue.read();
        door.sheet.with(|sheet| {
            let present = sheet
                .attendees
                .iter()
                .filter(|attendee| queue.present(attendee))
                .count();
            texts
                .present_count
                .replace("{present}", &(present + queue.walk_ins.len()).to_string())
                .replace(
                    "{total}",
                    &(sheet.attendees.len() + queue.walk_ins.len()).to_string(),
                )
        })
    };
    let waiting = move || {
        let waiting = door.queue.with(Queue::len);
        if waiting > 0 {
            texts.pending.replace("{n}", &waiting.to_string())
        } else if door.sending.get() {
            texts.sending.to_owned()
        } else {
            texts.saved.to_owned()
        }
    };
    let event_id = sheet.event_id;
    view! {
        <section class="admin-page attendance">
            <p class="back-link">
                <a href=format!("/{lang}/admin/events/{event_id}")>{lang.texts().admin.registrations_title}</a>
            </p>
            <h1>{texts.title}</h1>
            <p class="profile__meta"><LocalizedText text=sheet.title lang /> " · " {sheet.when}</p>
            <div class="attendance__status" role="status">
                <p class="attendance__count">{counts}</p>
                <p class:attendance__pending=move || door.queue.with(|queue| queue.len() > 0) class:attendance__stalled=move || door.stalled.get()>
                    {waiting}
                </p>
            </div>
            <Refusals lang door />
            <form class="attendance__search" method="get" role="search" on:submit=|event| event.prevent_default()>
                <label for="attendance-search">{texts.search}</label>
                <input
                    id="attendance-search"
                    name="q"
                    type="search"
                    autocomplete="off"
                    prop:value=move || search.get()
                    on:input=move |event| search.set(event_target_value(&event))
                />
            </form>
            <ul class="attendance__list" aria-label=texts.title>
                {move || door.queue.with(|queue| {
                    queue
                        .walk_ins
                        .iter()
                        .map(|walk_in| view! {
                            <li class="attendee attendee--waiting">
                                <span class="attendee__name">{walk_in.name.clone()}</span>
                                <span class="attendee__about">{texts.walk_in} " · " {texts.present}</span>
                            </li>
                        })
                        .collect_view()
                })}
                <For each=shown key=|attendee| attendee.id let:attendee>
                    <Person lang door attendee />
                </For>
            </ul>
            <p hidden=move || !shown().is_empty()>{texts.no_match}</p>
            <WalkInForm lang door />
        </section>
    }
}

/// Whether `attendee` matches the lowercase search `typed`.
fn matches(attendee: &Attendee, typed: &str) -> bool {
    attendee.name.to_lowercase().contains(typed)
        || attendee.email.to_lowercase().contains(typed)
        || attendee
            .organisation
            .as_deref()
            .is_some_and(|organisation| organisation.to_lowercase().contains(typed))
}

/// One person: a button that marks them present or not (its pressed state says which).
#[component]
fn Person(lang: Lang, door: Door, attendee: Attendee) -> impl IntoView {
    let texts = &lang.texts().attendance;
    let id = attendee.id;
    let present = move || {
        let queue = door.queue.read();
        door.sheet.with(|sheet| {
            sheet
                .attendees
                .iter()
                .find(|a| a.id == id)
                .is_some_and(|a| queue.present(a))
        })
    };
    let tap = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let mark = Mark {
                registration: id,
                present: !present(),
                clock: web_sys::js_sys::Date::now() as i64,
            };
            door.push(|queue| queue.marks.push(mark));
        }
    };
    let about = [
        attendee.organisation.clone(),
        attendee.waiting.then(|| texts.waiting.to_owned()),
        attendee.walk_in.then(|| texts.walk_in.to_owned()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <li id=format!("attendee-{id}")>
            <form method="post" action="/api/coordinator/attendance/mark" on:submit=tap>
                <input type="hidden" name="lang" value=lang.code() />
                <input type="hidden" name="id" value=door.event_id />
                <input type="hidden" name="registration" value=id />
                <input type="hidden" name="present" value=move || (!present()).to_string() />
                <button
                    type="submit"
                    class="attendee"
                    class:attendee--present=present
                    aria-pressed=move || present().to_string()
                >
                    <span class="attendee__name">{attendee.name}</span>
                    {(!about.is_empty()).then(|| view! { <span class="attendee__about">{about}</span> })}
                    <span class="attendee__state">
                        {move || if present() { texts.present } else { texts.absent }}
                    </span>
                </button>
            </form>
        </li>
    }
}

/// Walk-ins the server refused, given back with why (the form was emptied when they were
/// added).
#[component]
fn Refusals(lang: Lang, door: Door) -> impl IntoView {
    let texts = lang.texts();
    view! {
        <Show when=move || door.refused.with(|refused| !refused.is_empty())>
            <ul class="notice notice--danger" role="alert">
                {move || door.refused.with(|refused| {
                    refused
                        .iter()
                        .map(|refused| {
                            let line = texts
                                .attendance
                                .refused
                                .replace("{name}", &refused.walk_in.name)
                                .replace("{problem}", texts.problem(refused.problem));
                            view! { <li>{line}</li> }
                        })
                        .collect_view()
                })}
            </ul>
        </Show>
    }
}

/// Someone who came without registering: added present, their organisation picked from the
/// directory as it is typed (or typed in full).
#[component]
fn WalkInForm(lang: Lang, door: Door) -> impl IntoView {
    let texts = lang.texts();
    let events = &texts.events;
    let query = use_query_map();
    // The no-JavaScript answer's problem; with JavaScript, the phone's own check.
    let problem: RwSignal<Option<(String, Problem)>> =
        RwSignal::new(query.with_untracked(|query| {
            let field = query.get("walk_in_field")?;
            let problem = Problem::from_code(&query.get("walk_in_problem")?)?;
            Some((field, problem))
        }));
    let field_problem = move |field: &'static str| {
        move || {
            problem
                .get()
                .filter(|(name, _)| name == field)
                .map(|(_, problem)| texts.problem(problem))
        }
    };
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let suggestions = RwSignal::new(Vec::<String>::new());
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            use crate::attendance::check_walk_in;
            use leptos::wasm_bindgen::JsCast;
            let Some(form) = form_ref.get_untracked() else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            let field = |name: &str| data.get(name).as_string().unwrap_or_default();
            let clock = web_sys::js_sys::Date::now() as i64;
            let walk_in = WalkIn {
                key: format!(
                    "w-{clock:x}-{:x}",
                    (web_sys::js_sys::Math::random() * 4_294_967_296.0) as u64
                ),
                name: field("name").trim().to_owned(),
                email: field("email").trim().to_owned(),
                organisation: Some(field("organisation").trim().to_owned())
                    .filter(|organisation| !organisation.is_empty()),
                lang: field("mail_lang").parse().unwrap_or(lang),
                clock,
            };
            match check_walk_in(&walk_in) {
                Ok(()) => {
                    problem.set(None);
                    form.reset();
                    door.push(|queue| queue.walk_ins.push(walk_in));
                    if let Some(name) = form
                        .elements()
                        .named_item("name")
                        .and_then(|input| input.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = name.focus();
                    }
                }
                Err((field, refused)) => problem.set(Some((field.to_owned(), refused))),
            }
        }
    };
    let suggest = move |event: leptos::ev::Event| {
        let typed = event_target_value(&event);
        #[cfg(feature = "hydrate")]
        if typed.trim().chars().count() >= 2 {
            use crate::directory::DirectoryQuery;
            use crate::directory::api::search_directory;
            leptos::task::spawn_local(async move {
                let query = DirectoryQuery {
                    q: Some(typed),
                    ..DirectoryQuery::default()
                };
                if let Ok(view) = search_directory(lang, query).await {
                    suggestions.set(
                        view.cards
                            .into_iter()
                            .take(8)
                            .map(|card| card.name)
                            .collect(),
                    );
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (typed, suggestions);
    };
    view! {
        <h2 id="walk-in-heading">{texts.attendance.walk_in_title}</h2>
        <form
            class="form"
            method="post"
            action="/api/coordinator/attendance/walk-in"
            node_ref=form_ref
            on:submit=add
            novalidate
        >
            <input type="hidden" name="lang" value=lang.code() />
            <input type="hidden" name="id" value=door.event_id />
            <input type="hidden" name="key" value=new_key() />
            <div class="field">
                <label for="walk-in-name">{events.name}</label>
                <input id="walk-in-name" name="name" type="text" required maxlength="200" autocomplete="off" aria-describedby="walk-in-name-problem" />
                <p class="field-problem" id="walk-in-name-problem">{field_problem("name")}</p>
            </div>
            <div class="field">
                <label for="walk-in-email">{events.email}</label>
                <input id="walk-in-email" name="email" type="email" required maxlength="254" autocomplete="off" aria-describedby="walk-in-email-problem" />
                <p class="field-problem" id="walk-in-email-problem">{field_problem("email")}</p>
            </div>
            <div class="field">
                <label for="walk-in-organisation">{format!("{} {}", events.organisation, events.optional)}</label>
                <input id="walk-in-organisation" name="organisation" type="text" maxlength="200" list="walk-in-organisations" autocomplete="off" on:input=suggest aria-describedby="walk-in-organisation-problem" />
                <datalist id="walk-in-organisations">
                    {move || suggestions.get().into_iter().map(|name| view! { <option value=name></option> }).collect_view()}
                </datalist>
                <p class="field-problem" id="walk-in-organisation-problem">{field_problem("organisation")}</p>
            </div>
            <div class="field">
                <label for="walk-in-lang">{texts.admin.mail_language}</label>
                <select id="walk-in-lang" name="mail_lang">
                    {Lang::ALL.map(|choice| view! {
                        <option value=choice.code() selected=choice == lang>{choice.native_name()}</option>
                    })}
                </select>
            </div>
            <button type="submit" class="button">{texts.attendance.walk_in_add}</button>
        </form>
    }
}

/// A walk-in key for the plain form, made by the server: the same form sent twice adds one.
fn new_key() -> String {
    #[cfg(feature = "ssr")]
    {
        format!("f-{}", &crate::platform::request::random_token()[..32])
    }
    // The browser never sends it: its script makes a key for each walk-in.
    #[cfg(not(feature = "ssr"))]
    String::new()
}
