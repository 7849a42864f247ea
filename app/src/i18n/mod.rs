//! The interface languages and their catalogues.
//!
//! Every UI string is a field of [`Texts`]; each language is one `const` value of it, so a
//! string missing in one language is a compile error (E0063), not a runtime surprise.

mod en;
mod et;
mod paths;
mod ru;

use crate::error::{AppError, Problem};
pub use paths::{lang_of_path, path_in_lang};
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "lowercase"))]
pub enum Lang {
    Et,
    Ru,
    En,
}

impl Lang {
    /// In the order the switcher shows them: Estonian first by law.
    pub const ALL: [Lang; 3] = [Lang::Et, Lang::Ru, Lang::En];
    pub const DEFAULT: Lang = Lang::Et;
    /// The order in which content written by users is shown when the page's language is missing.
    pub const CONTENT_FALLBACK: [Lang; 3] = [Lang::Et, Lang::En, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Et => "et",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, as a switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Et => "Eesti",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Et => &et::TEXTS,
            Lang::Ru => &ru::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang;

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(code))
            .ok_or(UnknownLang)
    }
}

/// One value per language, for data that exists in all three (labels, names).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerLang<T> {
    pub et: T,
    pub ru: T,
    pub en: T,
}

impl<T> PerLang<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Et => &self.et,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// The UI strings of one language.
#[cfg_attr(test, derive(Serialize))]
pub struct Texts {
    pub site_name: &'static str,
    pub site_description: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub nav_home: &'static str,
    pub nav_directory: &'static str,
    pub nav_events: &'static str,
    pub nav_funding: &'static str,
    pub nav_about: &'static str,
    pub language_switcher: &'static str,
    /// "shown in Estonian", by the language the text is actually in.
    pub shown_in: PerLang<&'static str>,
    pub footer_contact: &'static str,
    pub coordinator_role: &'static str,
    pub foundation_name: &'static str,
    pub footer_note: &'static str,

    pub home: HomeTexts,
    pub about: AboutTexts,
    pub events: EventsTexts,
    pub directory: DirectoryTexts,
    pub profile: ProfileTexts,
    pub auth: AuthTexts,
    pub admin: AdminTexts,
    pub event_editor: EventEditorTexts,
    pub directory_admin: DirectoryAdminTexts,
    pub join: JoinTexts,
    pub applications: ApplicationsTexts,
    pub outbox: OutboxTexts,
    pub owners: OwnersTexts,
    pub newsletter: NewsletterTexts,
    pub funding: FundingTexts,
    pub counselling: CounsellingTexts,
    pub attendance: AttendanceTexts,
    pub feedback: FeedbackTexts,
    pub certificates: CertificateTexts,
    pub reports: ReportTexts,
    pub facts: FactsTexts,
    pub mail: MailTexts,
    pub problems: ProblemTexts,
    pub errors: ErrorTexts,
}

impl Texts {
    /// Why a form field's value was refused.
    pub fn problem(&self, problem: Problem) -> &'static str {
        let p = &self.problems;
        match problem {
            Problem::Required => p.required,
            Problem::NotAnEmail => p.not_an_email,
            Problem::PasswordTooShort => p.password_too_short,
            Problem::PasswordTooLong => p.password_too_long,
            Problem::PasswordTooCommon => p.password_too_common,
            Problem::PasswordsDiffer => p.passwords_differ,
            Problem::WrongPassword => p.wrong_password,
            Problem::EmailTaken => p.email_taken,
            Problem::OwnAccount => p.own_account,
            Problem::TooLong => p.too_long,
            Problem::RegistrationClosed => p.registration_closed,
            Problem::EventCancelled => p.event_cancelled,
            Problem::EventOver => p.event_over,
            Problem::AlreadyRegistered => p.already_registered,
            Problem::UnknownRegistration => p.unknown_registration,
            Problem::NotADraft => p.not_a_draft,
            Problem::TooManyRegistrations => p.too_many_registrations,
            Problem::StatusChange => p.status_change,
            Problem::TitleInOneLanguage => p.title_in_one_language,
            Problem::NotADate => p.not_a_date,
            Problem::NotATime => p.not_a_time,
            Problem::InTimeGap => p.in_time_gap,
            Problem::AmbiguousTime => p.ambiguous_time,
            Problem::EndBeforeStart => p.end_before_start,
            Problem::NotAWholeNumber => p.not_a_whole_number,
            Problem::NotAWebAddress => p.not_a_web_address,
            Problem::UnknownChoice => p.unknown_choice,
            Problem::PlaceOrLink => p.place_or_link,
            Problem::DeadlineAfterStart => p.deadline_after_start,
            Problem::UntilBeforeStart => p.until_before_start,
            Problem::SeriesTooLong => p.series_too_long,
            Problem::EditedMeanwhile => p.edited_meanwhile,
            Problem::NotInSeries => p.not_in_series,
            Problem::NotYesOrNo => p.not_yes_or_no,
            Problem::UnknownMunicipality => p.unknown_municipality,
            Problem::UnknownSector => p.unknown_sector,
            Problem::UnknownLanguage => p.unknown_language,
            Problem::DescriptionInOneLanguage => p.description_in_one_language,
            Problem::NotAPhone => p.not_a_phone,
            Problem::NotARegistryCode => p.not_a_registry_code,
            Problem::NotAYear => p.not_a_year,
            Problem::NotUtf8 => p.not_utf8,
            Problem::NotACsvFile => p.not_a_csv_file,
            Problem::UnknownColumn => p.unknown_column,
            Problem::MissingColumn => p.missing_column,
            Problem::TooManyCells => p.too_many_cells,
            Problem::DuplicateInFile => p.duplicate_in_file,
            Problem::RegistryCodeTaken => p.registry_code_taken,
            Problem::NotAnImage => p.not_an_image,
            Problem::FileTooLarge => p.file_too_large,
            Problem::TooManyApplications => p.too_many_applications,
            Problem::AlreadyDecided => p.already_decided,
            Problem::MessageOnItsWay => p.message_on_its_way,
            Problem::ImageTooLarge => p.image_too_large,
            Problem::LinkExpired => p.link_expired,
            Problem::NoContactAddress => p.no_contact_address,
            Problem::DateOutOfRange => p.date_out_of_range,
            Problem::NoTopic => p.no_topic,
            Problem::Unsubscribed => p.unsubscribed,
            Problem::AlreadySubscribed => p.already_subscribed,
            Problem::EditionSent => p.edition_sent,
            Problem::MaxBelowMin => p.max_below_min,
            Problem::NotAPercentage => p.not_a_percentage,
            Problem::SlotTaken => p.slot_taken,
            Problem::TooManyBookings => p.too_many_bookings,
            Problem::AlreadyAnswered => p.already_answered,
            Problem::PeriodTooLong => p.period_too_long,
            Problem::FactsWithoutConsent => p.facts_without_consent,
        }
    }

    /// What to tell a person about a failed request.
    pub fn error_message(&self, error: &AppError) -> &'static str {
        match error {
            AppError::Invalid { problem, .. } => self.problem(*problem),
            AppError::WrongCredentials => self.auth.wrong_credentials,
            AppError::TooManyAttempts => self.auth.too_many_attempts,
            AppError::SignInRequired => self.auth.sign_in_required,
            AppError::Forbidden => self.auth.forbidden,
            AppError::NotFound => self.errors.not_found_text,
            AppError::Unavailable => self.errors.busy_text,
            AppError::BadRequest(_) | AppError::Internal { .. } => self.errors.server_error_text,
        }
    }
}

/// The public calendar and an event's page.
#[cfg_attr(test, derive(Serialize))]
pub struct EventsTexts {
    pub show_deadlines: &'static str,
    pub deadlines_heading: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub past_title: &'static str,
    pub filters: &'static str,
    pub event_type: &'static str,
    pub all_types: &'static str,
    pub municipality: &'static str,
    pub all_municipalities: &'static str,
    pub language: &'static str,
    pub all_languages: &'static str,
    pub show: &'static str,
    pub views: &'static str,
    pub view_list: &'static str,
    pub view_month: &'static str,
    pub past_link: &'static str,
    pub upcoming_link: &'static str,
    pub no_events: &'static str,
    pub previous_month: &'static str,
    pub next_month: &'static str,
    /// The name of the month view's pager, a landmark of its own beside the view switch.
    pub month_pager: &'static str,
    pub subscribe: &'static str,
    pub subscribe_hint: &'static str,
    pub online: &'static str,
    pub cancelled: &'static str,
    pub moved: &'static str,
    pub today: &'static str,
    pub months: [&'static str; 12],
    /// Monday first.
    pub weekdays: [&'static str; 7],
    pub tallinn_time: &'static str,

    pub back_to_events: &'static str,
    pub when: &'static str,
    pub place: &'static str,
    pub map: &'static str,
    pub online_link: &'static str,
    pub organiser: &'static str,
    pub languages: &'static str,
    pub capacity: &'static str,
    /// With `{left}` and `{capacity}` filled in.
    pub places_left: &'static str,
    pub registration: &'static str,
    pub registration_open: &'static str,
    pub registration_closed: &'static str,
    pub registration_none: &'static str,
    pub registration_until: &'static str,
    pub add_to_calendar: &'static str,
    pub series_dates: &'static str,
    pub cancelled_notice: &'static str,
    pub past_notice: &'static str,

    pub register_heading: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub organisation: &'static str,
    pub optional: &'static str,
    /// The consent line; stored with each registration exactly as shown.
    pub consent: &'static str,
    pub register: &'static str,
    pub registered: &'static str,
    /// With `{position}` filled in.
    /// "… to {email}": what the registrant is told after registering, new or not.
    pub sent_to: &'static str,
    /// The same without the address (after a plain form post).
    pub sent_to_your_address: &'static str,
    /// The registrant's mail: its subject ({title}), the news ({title}, {when}, and {position}
    /// or {status}) and the line before the private link.
    pub mail_subject: &'static str,
    pub mail_confirmed: &'static str,
    pub mail_waiting: &'static str,
    pub mail_again: &'static str,
    pub mail_link: &'static str,
    /// Later news for registrants, with {title} and {when}: moved up from the waiting list, the time or place changed, the event cancelled or taking place after all, and the reminder the day before.
    pub mail_moved_up: &'static str,
    pub mail_changed: &'static str,
    pub mail_cancelled: &'static str,
    pub mail_restored: &'static str,
    pub mail_reminder: &'static str,
    /// Subjects of the later news, with {title}.
    pub subject_moved_up: &'static str,
    pub subject_changed: &'static str,
    pub subject_cancelled: &'static str,
    pub subject_restored: &'static str,
    pub subject_reminder: &'static str,
    pub event_page: &'static str,
    pub cancel_title: &'static str,
    pub cancel_button: &'static str,
    pub cancelled_registration: &'static str,
    pub your_registration: &'static str,
    pub status_confirmed: &'static str,
    pub status_waiting: &'static str,
    pub status_cancelled: &'static str,
}

/// Signing in and out.
#[cfg_attr(test, derive(Serialize))]
pub struct AuthTexts {
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub signed_out: &'static str,
    pub signed_in_as: &'static str,
    pub wrong_credentials: &'static str,
    pub too_many_attempts: &'static str,
    pub sign_in_required: &'static str,
    pub forbidden: &'static str,
    /// The footer link to the sign-in page.
    pub staff_link: &'static str,
    pub forgot_link: &'static str,
    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub send_link: &'static str,
    pub link_sent: &'static str,
    pub new_password_title: &'static str,
    pub set_password: &'static str,
    pub password_reset_done: &'static str,
    pub ask_again: &'static str,
}

/// The coordinator's directory page: its files.
#[cfg_attr(test, derive(Serialize))]
pub struct DirectoryAdminTexts {
    pub logo: &'static str,
    pub logo_hint: &'static str,
    pub upload_logo: &'static str,
    pub current_logo: &'static str,
    pub changed: &'static str,
    pub personal_data: &'static str,
    pub erase: &'static str,
    pub erase_question: &'static str,
    pub files_link: &'static str,
    pub entries_heading: &'static str,
    pub search_entries: &'static str,
    pub hidden: &'static str,
    pub recent: &'static str,
    pub new_entry: &'static str,
    pub edit_entry: &'static str,
    pub column_updated: &'static str,
    pub no_entries: &'static str,
    pub look_alike: &'static str,
    pub delete: &'static str,
    pub delete_question: &'static str,
    pub deleted: &'static str,
    pub name: &'static str,
    pub other_languages: &'static str,
    pub member: &'static str,
    pub published: &'static str,
    pub links: &'static str,
    /// An optional choice left empty.
    pub not_given: &'static str,
    pub choose: &'static str,
    pub title: &'static str,
    pub export_heading: &'static str,
    pub export_hint: &'static str,
    pub export_semicolon: &'static str,
    pub export_comma: &'static str,
    pub import_heading: &'static str,
    pub import_hint: &'static str,
    pub file_label: &'static str,
    pub check_file: &'static str,
    pub summary: &'static str,
    pub problems_heading: &'static str,
    pub line: &'static str,
    pub column: &'static str,
    pub problem: &'static str,
    pub value: &'static str,
    pub new_entries: &'static str,
    pub updated_entries: &'static str,
    pub confirm: &'static str,
    pub nothing_to_import: &'static str,
    pub imported: &'static str,
    pub more: &'static str,
}

/// `/{lang}/join`: an organisation or entrepreneur proposes its own entry.
#[cfg_attr(test, derive(Serialize))]
pub struct JoinTexts {
    pub title: &'static str,
    pub intro: &'static str,
    /// The link to the page, from the directory.
    pub link: &'static str,
    pub entry_heading: &'static str,
    pub contact_heading: &'static str,
    pub contact_hint: &'static str,
    pub contact_name: &'static str,
    pub contact_email: &'static str,
    pub contact_phone: &'static str,
    /// What the applicant agrees to; stored with the application, word for word.
    pub consent: &'static str,
    pub send: &'static str,
    pub sent_heading: &'static str,
    pub sent: &'static str,
    pub not_sent: &'static str,
}

/// The coordinator's applications and outbox, and the messages sent to applicants.
#[cfg_attr(test, derive(Serialize))]
pub struct ApplicationsTexts {
    pub title: &'static str,
    pub nav: &'static str,
    pub pending: &'static str,
    pub approved: &'static str,
    pub rejected: &'static str,
    pub none: &'static str,
    pub column_name: &'static str,
    pub column_contact: &'static str,
    pub column_submitted: &'static str,
    pub application_of: &'static str,
    pub applicant_heading: &'static str,
    pub language: &'static str,
    pub consent_given: &'static str,
    pub decided: &'static str,
    pub reason: &'static str,
    pub entry_link: &'static str,
    pub review_heading: &'static str,
    pub review_hint: &'static str,
    pub approve: &'static str,
    pub reject_heading: &'static str,
    pub reject_hint: &'static str,
    pub reject: &'static str,
    pub reject_question: &'static str,
    pub erase: &'static str,
    pub erase_question: &'static str,
    pub erased: &'static str,
    /// The messages, in the applicant's language.
    pub approved_subject: &'static str,
    pub approved_body: &'static str,
    pub rejected_subject: &'static str,
    pub rejected_body: &'static str,
    /// The applicant's confirmation ({name} is the entry's), and the coordinators' notice ({name}, and the link follows).
    pub received_subject: &'static str,
    pub received_body: &'static str,
    pub new_subject: &'static str,
    pub new_body: &'static str,
}

/// The coordinator's outbox page.
#[cfg_attr(test, derive(Serialize))]
pub struct OutboxTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub no_messages: &'static str,
    pub recipient: &'static str,
    pub subject: &'static str,
    pub created: &'static str,
    pub state: &'static str,
    pub not_configured: &'static str,
    pub all: &'static str,
    pub status_waiting: &'static str,
    pub status_sending: &'static str,
    pub status_sent: &'static str,
    pub status_retrying: &'static str,
    pub status_failed: &'static str,
    pub status_cancelled: &'static str,
    pub attempts: &'static str,
    pub retry: &'static str,
    pub cancel: &'static str,
    pub shown_latest: &'static str,
}

/// The coordinator's event form.
#[cfg_attr(test, derive(Serialize))]
pub struct EventEditorTexts {
    pub title: &'static str,
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub edit: &'static str,
    pub duplicate: &'static str,
    pub registrations: &'static str,
    pub view_list: &'static str,
    pub view_month: &'static str,
    pub new_on_day: &'static str,
    pub what: &'static str,
    pub choose: &'static str,
    pub title_hint: &'static str,
    pub when: &'static str,
    pub all_day: &'static str,
    pub start_date: &'static str,
    pub start_time: &'static str,
    pub end_date: &'static str,
    pub end_time: &'static str,
    pub time_hint: &'static str,
    pub where_: &'static str,
    pub venue: &'static str,
    pub address: &'static str,
    pub online_url: &'static str,
    pub place_hint: &'static str,
    pub organiser: &'static str,
    pub languages: &'static str,
    pub registration: &'static str,
    pub capacity: &'static str,
    pub capacity_hint: &'static str,
    pub deadline_date: &'static str,
    pub deadline_time: &'static str,
    pub deadline_hint: &'static str,
    pub repeat: &'static str,
    pub repeats: [&'static str; 5],
    pub ends: &'static str,
    pub after_count: &'static str,
    pub on_date: &'static str,
    pub count: &'static str,
    pub until_date: &'static str,
    pub save: &'static str,
    pub save_draft: &'static str,
    pub save_publish: &'static str,
    pub saved: &'static str,
    pub not_saved: &'static str,
    pub preview: &'static str,
    pub preview_waiting: &'static str,
    pub unsaved: &'static str,
    pub dates_title: &'static str,
    pub dates_hint: &'static str,
    pub cancel_date: &'static str,
    pub restore_date: &'static str,
    pub move_date: &'static str,
    pub new_date: &'static str,
}

/// The coordinator's and the admin's pages.
#[cfg_attr(test, derive(Serialize))]
pub struct AdminTexts {
    pub title: &'static str,
    pub navigation: &'static str,
    pub nav_accounts: &'static str,
    pub nav_audit: &'static str,
    pub nav_password: &'static str,
    pub figures_heading: &'static str,
    pub published_entries: &'static str,
    pub hidden_entries: &'static str,
    pub upcoming_events: &'static str,
    pub draft_events: &'static str,
    pub active_accounts: &'static str,
    pub changes_this_week: &'static str,
    pub failed_logins_today: &'static str,
    pub manage_heading: &'static str,
    pub directory_link: &'static str,
    pub events_link: &'static str,
    pub pending_applications: &'static str,
    pub messages_waiting: &'static str,
    pub messages_failed: &'static str,
    pub backups_heading: &'static str,
    /// `{when}` Tallinn time, `{size}` in megabytes.
    pub last_backup: &'static str,
    pub no_backup: &'static str,
    pub backup_overdue: &'static str,
    pub backups_unscheduled: &'static str,
    pub megabytes: &'static str,

    pub accounts_title: &'static str,
    pub add_account_heading: &'static str,
    pub role: &'static str,
    /// Admin, coordinator: in the order of `Role::ALL`.
    pub roles: [&'static str; 2],
    pub add_account: &'static str,
    /// How an added account gets its password; `{email}` where the invitation went.
    pub invitation_hint: &'static str,
    pub invitation_sent: &'static str,
    pub status: &'static str,
    pub active: &'static str,
    pub disabled: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub created: &'static str,
    pub last_login: &'static str,
    pub never: &'static str,
    pub you: &'static str,

    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub user: &'static str,
    pub all_users: &'static str,
    pub entity: &'static str,
    pub all_entities: &'static str,
    pub filter: &'static str,
    pub when: &'static str,
    pub action: &'static str,
    pub address: &'static str,
    pub changes: &'static str,
    pub command_line: &'static str,
    /// A failed sign-in with an email no account has.
    pub unknown_account: &'static str,
    /// What each action code of the audit log means, in words.
    pub actions: &'static [(&'static str, &'static str)],
    pub no_lines: &'static str,
    pub lines_found: &'static str,

    pub password_title: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub repeat_password: &'static str,
    pub password_rules: &'static str,
    pub change_password: &'static str,
    pub password_changed: &'static str,
    /// One's own account page: mail one asks for.
    pub notifications_heading: &'static str,
    pub notify_applications: &'static str,
    pub save_notifications: &'static str,
    pub notifications_saved: &'static str,

    pub nav_events: &'static str,
    pub events_title: &'static str,
    pub search_titles: &'static str,
    pub all_statuses: &'static str,
    pub status_draft: &'static str,
    pub status_published: &'static str,
    pub status_cancelled: &'static str,
    pub sort_by: &'static str,
    pub sort_start: &'static str,
    pub sort_title: &'static str,
    pub sort_status: &'static str,
    pub column_event: &'static str,
    pub column_when: &'static str,
    pub column_registrations: &'static str,
    pub publish: &'static str,
    pub cancel_event: &'static str,
    pub restore: &'static str,
    pub delete: &'static str,
    pub registrations_title: &'static str,
    pub export_csv: &'static str,
    pub add_registration: &'static str,
    pub mail_language: &'static str,
    pub remove: &'static str,
    pub no_registrations: &'static str,
    pub waiting_list: &'static str,
    pub public_page: &'static str,
    pub no_event_rows: &'static str,
}

impl AdminTexts {
    /// The words for an audit action, or the code itself for one without words yet.
    pub fn action_label<'a>(&self, code: &'a str) -> &'a str {
        self.actions
            .iter()
            .find(|(known, _)| *known == code)
            .map_or(code, |(_, label)| label)
    }
}

/// Why a form field's value is refused.
#[cfg_attr(test, derive(Serialize))]
pub struct ProblemTexts {
    pub required: &'static str,
    pub not_an_email: &'static str,
    pub password_too_short: &'static str,
    pub password_too_long: &'static str,
    pub password_too_common: &'static str,
    pub passwords_differ: &'static str,
    pub wrong_password: &'static str,
    pub email_taken: &'static str,
    pub own_account: &'static str,
    pub too_long: &'static str,
    pub registration_closed: &'static str,
    pub event_cancelled: &'static str,
    pub event_over: &'static str,
    pub already_registered: &'static str,
    pub unknown_registration: &'static str,
    pub not_a_draft: &'static str,
    pub too_many_registrations: &'static str,
    pub status_change: &'static str,
    pub title_in_one_language: &'static str,
    pub not_a_date: &'static str,
    pub not_a_time: &'static str,
    pub in_time_gap: &'static str,
    pub ambiguous_time: &'static str,
    pub end_before_start: &'static str,
    pub not_a_whole_number: &'static str,
    pub not_a_web_address: &'static str,
    pub unknown_choice: &'static str,
    pub place_or_link: &'static str,
    pub deadline_after_start: &'static str,
    pub until_before_start: &'static str,
    pub series_too_long: &'static str,
    pub edited_meanwhile: &'static str,
    pub not_in_series: &'static str,
    pub not_yes_or_no: &'static str,
    pub unknown_municipality: &'static str,
    pub unknown_sector: &'static str,
    pub unknown_language: &'static str,
    pub description_in_one_language: &'static str,
    pub not_a_phone: &'static str,
    pub not_a_registry_code: &'static str,
    pub not_a_year: &'static str,
    pub not_utf8: &'static str,
    pub not_a_csv_file: &'static str,
    pub unknown_column: &'static str,
    pub missing_column: &'static str,
    pub too_many_cells: &'static str,
    pub duplicate_in_file: &'static str,
    pub registry_code_taken: &'static str,
    pub not_an_image: &'static str,
    pub file_too_large: &'static str,
    pub too_many_applications: &'static str,
    pub already_decided: &'static str,
    pub message_on_its_way: &'static str,
    pub date_out_of_range: &'static str,
    pub no_topic: &'static str,
    pub unsubscribed: &'static str,
    pub already_subscribed: &'static str,
    pub edition_sent: &'static str,
    pub max_below_min: &'static str,
    pub not_a_percentage: &'static str,
    pub slot_taken: &'static str,
    pub too_many_bookings: &'static str,
    pub already_answered: &'static str,
    pub period_too_long: &'static str,
    pub facts_without_consent: &'static str,
    pub image_too_large: &'static str,
    pub link_expired: &'static str,
    pub no_contact_address: &'static str,
}

/// The public page of one directory entry.
#[cfg_attr(test, derive(Serialize))]
pub struct ProfileTexts {
    pub back_to_directory: &'static str,
    pub description: &'static str,
    pub services: &'static str,
    pub details: &'static str,
    pub sectors: &'static str,
    pub languages: &'static str,
    pub contact: &'static str,
    pub website: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub links: &'static str,
    pub registry_code: &'static str,
    pub founded: &'static str,
    /// How many people work there.
    pub size: &'static str,
    pub updated: &'static str,
    pub confirmed: &'static str,
    /// The title of a sector link, which opens the search filtered by that sector.
    pub more_in_sector: &'static str,
}

#[cfg_attr(test, derive(Serialize))]
pub struct DirectoryTexts {
    pub title: &'static str,
    pub description: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub filters: &'static str,
    pub sector: &'static str,
    pub all_sectors: &'static str,
    pub municipality: &'static str,
    pub all_municipalities: &'static str,
    pub language: &'static str,
    pub all_languages: &'static str,
    pub kind: &'static str,
    pub all_kinds: &'static str,
    pub members_only: &'static str,
    pub sort: &'static str,
    pub sort_relevance: &'static str,
    pub sort_name: &'static str,
    pub search_button: &'static str,
    pub results: &'static str,
    pub no_results: &'static str,
    pub remove_filters: &'static str,
    pub closest: &'static str,
    pub dropped_filters: &'static str,
    pub pages: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page: &'static str,
    pub member_badge: &'static str,
    /// In the order of `db::directory::KINDS`.
    pub kinds: [&'static str; 6],
    /// In the order of `platform::vocabulary::SIZES`.
    pub sizes: [&'static str; 5],
    /// Estonian, Russian, English, other languages.
    pub languages: [&'static str; 4],
}

#[cfg_attr(test, derive(Serialize))]
pub struct HomeTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub intro: &'static str,
    pub directory_link: &'static str,
    pub events_link: &'static str,
    pub about_link: &'static str,
    pub figures_heading: &'static str,
    pub organisations_count: &'static str,
    pub members_count: &'static str,
    pub municipalities_count: &'static str,
    pub upcoming_count: &'static str,
    pub upcoming_heading: &'static str,
    pub no_upcoming: &'static str,
    pub online: &'static str,
    pub cancelled: &'static str,
}

#[cfg_attr(test, derive(Serialize))]
pub struct AboutTexts {
    pub title: &'static str,
    pub description: &'static str,
    pub what_heading: &'static str,
    pub what: &'static [&'static str],
    pub support: &'static str,
    pub support_programmes: &'static [&'static str],
    pub coordination: &'static str,
    pub goals_heading: &'static str,
    pub goals: &'static [&'static str],
    pub strategy_heading: &'static str,
    pub strategy: &'static [&'static str],
    pub contact_heading: &'static str,
}

/// What every message the platform sends begins and ends with: "{greeting} {name},", the
/// signature.
#[cfg_attr(test, derive(Serialize))]
pub struct MailTexts {
    pub greeting: &'static str,
    pub signature: &'static str,
    pub reset_subject: &'static str,
    pub reset_text: &'static str,
    pub reset_ignore: &'static str,
    /// An admin's invitation: {by} is the admin's email, {role} the account's role; the link follows.
    pub invitation_subject: &'static str,
    pub invitation_text: &'static str,
    pub invitation_ignore: &'static str,
}

/// Reports for funders.
#[cfg_attr(test, derive(Serialize))]
pub struct ReportTexts {
    pub title: &'static str,
    pub nav: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub event_type: &'static str,
    pub all_types: &'static str,
    pub show: &'static str,
    pub csv: &'static str,
    pub events_held: &'static str,
    pub hours: &'static str,
    pub registrations: &'static str,
    pub people: &'static str,
    pub enterprises: &'static str,
    pub counting: &'static str,
    pub by_month: &'static str,
    pub by_type: &'static str,
    pub by_municipality: &'static str,
    pub by_sector: &'static str,
    pub by_kind: &'static str,
    pub by_size: &'static str,
    /// An organisation in the directory whose size is not given.
    pub size_unknown: &'static str,
    pub unlisted: &'static str,
    pub none: &'static str,
    pub in_pictures: &'static str,
    pub registered_by_month: &'static str,
    pub attended_by_month: &'static str,
    pub directory_by_sector: &'static str,
    pub directory_by_municipality: &'static str,
    pub programme: &'static str,
    pub all_programmes: &'static str,
    pub programme_hint: &'static str,
    pub save_programme: &'static str,
    pub programme_saved: &'static str,
    /// The map's caption, and the names of its two parts.
    pub map_caption: &'static str,
    pub map_estonia: &'static str,
    pub map_ida_viru: &'static str,
    /// The legend's heading, and a shade's range (`{least}`–`{most}`).
    pub map_legend: &'static str,
    pub map_range: &'static str,
    pub map_source: &'static str,
}

/// The funder's questions to participants (ESF+): the registration form, the registrant's page,
/// the event's setting and the report.
#[cfg_attr(test, derive(Serialize))]
pub struct FactsTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub not_said: &'static str,
    pub gender: &'static str,
    /// In the order of `registrations::facts::GENDERS`.
    pub genders: [&'static str; 3],
    pub age_band: &'static str,
    /// In the order of `registrations::facts::AGE_BANDS`.
    pub age_bands: [&'static str; 4],
    pub employment: &'static str,
    /// In the order of `registrations::facts::EMPLOYMENT`.
    pub employments: [&'static str; 4],
    pub consent: &'static str,
    /// The event's setting.
    pub ask: &'static str,
    pub ask_hint: &'static str,
    /// The registrant's page.
    pub your_answers: &'static str,
    pub withdraw: &'static str,
    pub withdrawn: &'static str,
    /// The report.
    pub report_heading: &'static str,
    pub respondents: &'static str,
    pub not_answered: &'static str,
    pub fewer_than_five: &'static str,
    pub suppression: &'static str,
}

/// Certificates of attendance: the PDF, the page that shows one is genuine, the coordinator's issue.
#[cfg_attr(test, derive(Serialize))]
pub struct CertificateTexts {
    pub heading: &'static str,
    pub certifies: &'static str,
    pub took_part: &'static str,
    /// `{hours}` hours, abbreviated.
    pub hours: &'static str,
    /// `{organiser}`, on the PDF.
    pub organiser: &'static str,
    pub verify: &'static str,
    /// `{code}`.
    pub number: &'static str,
    /// `{date}`.
    pub issued: &'static str,
    pub title: &'static str,
    pub genuine: &'static str,
    pub name: &'static str,
    pub event: &'static str,
    pub when: &'static str,
    pub duration: &'static str,
    pub organiser_label: &'static str,
    pub issued_label: &'static str,
    pub download: &'static str,
    pub your_certificate: &'static str,
    pub admin_title: &'static str,
    /// `{issued}` of `{attendees}`.
    pub counts: &'static str,
    pub issue: &'static str,
    /// `{n}` issued.
    pub issued_now: &'static str,
    /// `{title}`.
    pub mail_subject: &'static str,
    /// `{title}`.
    pub mail_text: &'static str,
}

/// Feedback: the attendee's form and mail, the coordinator's summary and questions.
#[cfg_attr(test, derive(Serialize))]
pub struct FeedbackTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub rating: &'static str,
    pub rating_low: &'static str,
    pub rating_high: &'static str,
    pub optional: &'static str,
    pub send: &'static str,
    pub thanks: &'static str,
    pub mail_subject: &'static str,
    /// `{title}`, `{when}`.
    pub mail_text: &'static str,
    pub admin_title: &'static str,
    pub questions_title: &'static str,
    pub questions_hint: &'static str,
    /// Question `{n}`.
    pub question: &'static str,
    pub save_questions: &'static str,
    pub saved_questions: &'static str,
    pub ask: &'static str,
    /// `{n}` attendees were sent the form.
    pub asked: &'static str,
    pub nobody_to_ask: &'static str,
    /// `{attendees}` present, `{asked}` asked, `{answers}` answered.
    pub counts: &'static str,
    /// `{average}` of 5.
    pub average: &'static str,
    pub no_answers: &'static str,
    pub ratings_label: &'static str,
}

/// Attendance: the coordinator's list at the door, walk-ins, check-in by QR code.
#[cfg_attr(test, derive(Serialize))]
pub struct AttendanceTexts {
    pub title: &'static str,
    /// `{present}` of `{total}` marked present.
    pub present_count: &'static str,
    pub search: &'static str,
    pub no_match: &'static str,
    pub present: &'static str,
    pub absent: &'static str,
    pub waiting: &'static str,
    pub walk_in: &'static str,
    /// `{n}` marks not sent yet (offline).
    pub pending: &'static str,
    pub saved: &'static str,
    pub sending: &'static str,
    pub walk_in_title: &'static str,
    pub walk_in_add: &'static str,
    /// A walk-in the server refused: `{name}`, `{problem}`.
    pub refused: &'static str,
    pub check_in_title: &'static str,
    pub check_in_button: &'static str,
    /// `{name}` marked present.
    pub checked_in: &'static str,
    pub check_in_cancelled: &'static str,
    pub back_to_list: &'static str,
    pub qr_label: &'static str,
    pub qr_hint: &'static str,
    /// The confirmation mail's line about its attached QR code.
    pub mail_qr: &'static str,
}

/// Counselling: booking a consultation, its mail, and the coordinator's times.
#[cfg_attr(test, derive(Serialize))]
pub struct CounsellingTexts {
    pub erase: &'static str,
    pub erase_question: &'static str,
    /// Monday to Sunday.
    pub weekdays: [&'static str; 7],
    pub title: &'static str,
    pub lead: &'static str,
    pub none_free: &'static str,
    pub online: &'static str,
    pub about_call: &'static str,
    pub choose_time: &'static str,
    pub about_you: &'static str,
    pub name: &'static str,
    pub organisation: &'static str,
    pub organisation_hint: &'static str,
    pub question: &'static str,
    pub privacy: &'static str,
    pub book: &'static str,
    /// {email}: where the confirmation went.
    pub booked_notice: &'static str,
    pub booked_notice_plain: &'static str,
    pub your_booking: &'static str,
    pub cancelled_notice: &'static str,
    pub when: &'static str,
    pub place: &'static str,
    pub online_url: &'static str,
    pub cancel_mine: &'static str,
    /// {when}: the time.
    pub mail_subject: &'static str,
    pub mail_booked: &'static str,
    /// {when}: the time.
    pub subject_cancelled: &'static str,
    pub mail_cancelled: &'static str,
    pub mail_cancelled_by_us: &'static str,
    /// {when}: the time.
    pub subject_reminder: &'static str,
    pub mail_reminder: &'static str,
    pub mail_link: &'static str,
    pub ics_summary: &'static str,
    pub admin_title: &'static str,
    pub add_heading: &'static str,
    pub date: &'static str,
    pub time: &'static str,
    pub minutes: &'static str,
    pub count: &'static str,
    pub gap: &'static str,
    pub call: &'static str,
    pub call_hint: &'static str,
    pub add: &'static str,
    /// {count}: how many.
    pub added: &'static str,
    pub no_times: &'static str,
    pub times_heading: &'static str,
    pub booking: &'static str,
    pub cancelled: &'static str,
    pub free: &'static str,
    pub cancel_booking: &'static str,
    pub cancel_booking_question: &'static str,
    pub cancel_time: &'static str,
    pub cancel_time_question: &'static str,
    /// On the funding board.
    pub board_link: &'static str,
}

/// The funding board: its pages, its calendar and the coordinator's.
#[cfg_attr(test, derive(Serialize))]
pub struct FundingTexts {
    pub import_heading: &'static str,
    pub import_hint: &'static str,
    pub import_summary: &'static str,
    pub import_confirm: &'static str,
    pub imported: &'static str,
    pub your_organisation: &'static str,
    pub choose_entry: &'static str,
    pub no_entry_found: &'static str,
    pub reminder_subject: &'static str,
    pub reminder_text: &'static str,
    pub reminder_foot: &'static str,
    pub news_feed: &'static str,
    /// The board.
    pub title: &'static str,
    pub past_title: &'static str,
    pub description: &'static str,
    pub current_link: &'static str,
    pub past_link: &'static str,
    /// {name}: a directory entry.
    pub for_entry: &'static str,
    pub for_everyone: &'static str,
    pub subscribe: &'static str,
    pub subscribe_hint: &'static str,
    pub sector: &'static str,
    pub kind: &'static str,
    pub municipality: &'static str,
    pub status: &'static str,
    pub any_sector: &'static str,
    pub any_kind: &'static str,
    pub all_estonia: &'static str,
    pub any_status: &'static str,
    pub amount_needed: &'static str,
    pub show: &'static str,
    /// {count}: how many.
    pub found: &'static str,
    pub none_found: &'static str,
    pub deadline: &'static str,
    pub closing_soon: &'static str,
    /// {date}, {time} (HH:MM) and {zone} (EET or EEST).
    pub until: &'static str,
    pub today: &'static str,
    pub one_day_left: &'static str,
    /// {days}: more than one.
    pub days_left: &'static str,
    /// {amount}: euros.
    pub up_to: &'static str,
    /// {amount}: euros.
    pub from: &'static str,
    /// {days}: days of the year; {time}: HH:MM.
    pub rule_every: &'static str,
    /// Follows rule_every.
    pub rule_moved: &'static str,
    pub feed_name: &'static str,
    /// {title}: the call's.
    pub feed_summary: &'static str,
    pub draft: &'static str,
    pub forecast: &'static str,
    pub open: &'static str,
    pub paused: &'static str,
    pub closed: &'static str,
    pub funder: &'static str,
    pub programme: &'static str,
    pub opens: &'static str,
    pub amount: &'static str,
    pub self_financing: &'static str,
    pub who_kinds: &'static str,
    pub who_sectors: &'static str,
    pub who_where: &'static str,
    pub official_call: &'static str,
    pub contact: &'static str,
    pub back_to_board: &'static str,
    pub paused_notice: &'static str,
    pub closed_notice: &'static str,
    pub deadlines: &'static str,
    pub no_deadline: &'static str,
    pub updated: &'static str,
    /// On an entry's profile.
    pub profile_heading: &'static str,
    pub profile_all: &'static str,
    /// The coordinator's pages.
    pub admin_title: &'static str,
    pub new_call: &'static str,
    pub edit_call: &'static str,
    pub call: &'static str,
    pub publish_open: &'static str,
    pub publish_forecast: &'static str,
    pub open_now: &'static str,
    pub pause: &'static str,
    pub reopen: &'static str,
    pub close: &'static str,
    pub delete: &'static str,
    pub delete_question: &'static str,
    pub next_round: &'static str,
    pub what: &'static str,
    pub funder_entry: &'static str,
    pub funder_entry_hint: &'static str,
    pub call_title: &'static str,
    pub summary: &'static str,
    pub deadlines_hint: &'static str,
    pub single_deadlines: &'static str,
    pub rule_hint: &'static str,
    pub rule_days: &'static str,
    pub rule_time: &'static str,
    pub rule_next_working_day: &'static str,
    pub who: &'static str,
    pub who_hint: &'static str,
    pub money: &'static str,
    pub amount_min: &'static str,
    pub amount_max: &'static str,
}

/// The newsletter: subscribing, the subscriber's page, the mail, the archive and the
/// coordinator's pages.
#[cfg_attr(test, derive(Serialize))]
pub struct NewsletterTexts {
    pub funding_sectors: &'static str,
    pub funding_sectors_hint: &'static str,
    /// The subscribe page.
    pub title: &'static str,
    pub lead: &'static str,
    pub archive_link: &'static str,
    /// The home page's link to the subscribe page.
    pub home_link: &'static str,
    pub mail_language: &'static str,
    pub topics: &'static str,
    pub topic_events: &'static str,
    pub topic_trainings: &'static str,
    pub topic_funding: &'static str,
    pub topic_members: &'static str,
    /// The consent shown above the button and stored with each subscription.
    pub consent: &'static str,
    pub subscribe_button: &'static str,
    pub check_your_mail: &'static str,
    pub confirm_subject: &'static str,
    pub confirm_text: &'static str,
    pub confirm_ignore: &'static str,
    pub already_subject: &'static str,
    pub already_text: &'static str,
    pub confirm_title: &'static str,
    pub confirm_intro: &'static str,
    pub confirm_button: &'static str,
    pub confirmed: &'static str,
    pub subscribe_again: &'static str,
    pub subscription_title: &'static str,
    pub subscription_of: &'static str,
    pub not_confirmed_yet: &'static str,
    pub bouncing_note: &'static str,
    pub saved: &'static str,
    pub save_button: &'static str,
    pub unsubscribe_heading: &'static str,
    pub unsubscribe_button: &'static str,
    pub unsubscribed: &'static str,
    pub manage_link: &'static str,
    pub why_you_get_it: &'static str,
    pub view_in_browser: &'static str,
    pub fallback_note: &'static str,
    pub default_subject: &'static str,
    pub draft_intro: &'static str,
    pub test_mark: &'static str,
    pub archive_title: &'static str,
    pub archive_empty: &'static str,
    pub subscribe_link: &'static str,
    pub atom_link: &'static str,
    /// With {number}.
    pub edition_number: &'static str,
    pub admin_title: &'static str,
    pub admin_intro: &'static str,
    pub editions_heading: &'static str,
    pub start_button: &'static str,
    pub no_editions: &'static str,
    pub number: &'static str,
    pub subject: &'static str,
    pub state: &'static str,
    pub when: &'static str,
    pub edition_draft: &'static str,
    pub edition_scheduled: &'static str,
    pub edition_sending: &'static str,
    pub edition_paused: &'static str,
    pub edition_sent: &'static str,
    pub status_pending: &'static str,
    pub status_confirmed: &'static str,
    pub status_unsubscribed: &'static str,
    pub status_bouncing: &'static str,
    pub subscribers_heading: &'static str,
    pub by_status: &'static str,
    pub by_language: &'static str,
    pub by_topic: &'static str,
    pub download_csv: &'static str,
    pub add_heading: &'static str,
    pub add_hint: &'static str,
    pub source: &'static str,
    pub add_button: &'static str,
    pub added: &'static str,
    pub latest_subscribers: &'static str,
    pub since: &'static str,
    pub edition_title: &'static str,
    pub audience: &'static str,
    pub preview_heading: &'static str,
    pub preview_hint: &'static str,
    pub preview_html: &'static str,
    pub preview_text: &'static str,
    pub content_heading: &'static str,
    pub editing_language: &'static str,
    pub markdown_hint: &'static str,
    pub intro: &'static str,
    pub items_heading: &'static str,
    pub item: &'static str,
    pub topic: &'static str,
    pub link: &'static str,
    pub item_title: &'static str,
    pub item_text: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub remove: &'static str,
    pub add_item: &'static str,
    pub test_heading: &'static str,
    pub test_button: &'static str,
    /// With {address}.
    pub test_sent: &'static str,
    pub send_heading: &'static str,
    pub unsaved: &'static str,
    pub send_at: &'static str,
    pub send_at_hint: &'static str,
    pub send_button: &'static str,
    pub send_question: &'static str,
    pub send_at_label: &'static str,
    pub progress_heading: &'static str,
    /// With {sent}, {total} and {failed}.
    pub progress: &'static str,
    pub pause_button: &'static str,
    pub resume_button: &'static str,
}

/// Entries kept fresh by their owners: the owner's page and mail, the coordinator's pages.
#[cfg_attr(test, derive(Serialize))]
pub struct OwnersTexts {
    /// The owner's page, from the mailed link.
    pub check_title: &'static str,
    /// With {name}.
    pub check_intro: &'static str,
    pub last_confirmed: &'static str,
    pub never_confirmed: &'static str,
    pub confirm_button: &'static str,
    pub propose_heading: &'static str,
    pub propose_button: &'static str,
    pub confirmed_done: &'static str,
    pub proposed_done: &'static str,
    pub ask_heading: &'static str,
    pub ask_intro: &'static str,
    pub ask_button: &'static str,
    pub ask_sent: &'static str,
    /// The owner's mail: {name} is the entry's, the link follows the text.
    pub mail_subject: &'static str,
    pub mail_text: &'static str,
    pub mail_ignore: &'static str,
    /// The coordinator's pages.
    pub nav: &'static str,
    pub admin_title: &'static str,
    /// With {count}.
    pub admin_intro: &'static str,
    pub send_stale: &'static str,
    /// With {count}.
    pub sent_count: &'static str,
    pub proposals_heading: &'static str,
    pub no_proposals: &'static str,
    pub column_entry: &'static str,
    pub column_received: &'static str,
    /// One entry: {name}.
    pub panel_title: &'static str,
    pub contact_email: &'static str,
    pub contact_hint: &'static str,
    pub save_contact: &'static str,
    pub contact_saved: &'static str,
    pub send_link: &'static str,
    /// With {email}.
    pub link_sent_to: &'static str,
    pub entry_proposals: &'static str,
    /// With {name}.
    pub review_title: &'static str,
    pub column_field: &'static str,
    pub column_now: &'static str,
    pub column_proposed: &'static str,
    pub nothing_changed: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub status_pending: &'static str,
    pub status_approved: &'static str,
    pub status_rejected: &'static str,
    /// On the entry's form.
    pub owner_link: &'static str,
    /// A box ticked or not, in the review.
    pub yes: &'static str,
    pub no: &'static str,
}

#[cfg_attr(test, derive(Serialize))]
pub struct ErrorTexts {
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub server_error_title: &'static str,
    pub server_error_text: &'static str,
    pub bad_request_title: &'static str,
    /// A 503: the database is busy or cannot be written for now.
    pub busy_title: &'static str,
    pub busy_text: &'static str,
    /// Before the request's id on an error page, for the coordinator to quote.
    pub reference: &'static str,
    pub back_home: &'static str,
}

/// The page's language, provided by the language layout to everything below it.
pub fn use_lang() -> leptos::prelude::Signal<Lang> {
    leptos::prelude::use_context().unwrap_or_else(|| leptos::prelude::Signal::stored(Lang::DEFAULT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_round_trip_and_ignore_case() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
            assert_eq!(lang.code().to_uppercase().parse::<Lang>(), Ok(lang));
        }
        assert_eq!("de".parse::<Lang>(), Err(UnknownLang));
        assert_eq!("".parse::<Lang>(), Err(UnknownLang));
    }

    /// Every string of a catalogue, by its path (`events.months[2]`), read through its
    /// serialised form, so that a field added later is checked without being listed here.
    fn strings(lang: Lang) -> Vec<(String, String)> {
        fn walk(path: String, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
            match value {
                serde_json::Value::String(text) => out.push((path, text.clone())),
                serde_json::Value::Array(items) => {
                    assert!(!items.is_empty(), "{path} is an empty list");
                    for (n, item) in items.iter().enumerate() {
                        walk(format!("{path}[{n}]"), item, out);
                    }
                }
                serde_json::Value::Object(fields) => {
                    for (name, field) in fields {
                        let path = if path.is_empty() {
                            name.clone()
                        } else {
                            format!("{path}.{name}")
                        };
                        walk(path, field, out);
                    }
                }
                other => panic!("{path} is not text: {other}"),
            }
        }
        let mut out = Vec::new();
        walk(
            String::new(),
            &serde_json::to_value(lang.texts()).unwrap(),
            &mut out,
        );
        out
    }

    #[test]
    fn every_catalogue_fills_every_string() {
        let estonian = strings(Lang::Et);
        assert!(
            estonian.len() > 400,
            "only {} strings found",
            estonian.len()
        );
        for lang in Lang::ALL {
            let catalogue = strings(lang);
            let paths = |list: &[(String, String)]| {
                list.iter()
                    .map(|(path, _)| path.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                paths(&catalogue),
                paths(&estonian),
                "{lang}: the same strings"
            );
            for ((path, text), (_, in_estonian)) in catalogue.iter().zip(&estonian) {
                assert!(!text.trim().is_empty(), "{lang}: {path} is empty");
                // A placeholder one language fills must be in every language's text.
                let placeholders = |text: &str| {
                    let mut found: Vec<String> = text
                        .split('{')
                        .skip(1)
                        .filter_map(|rest| Some(rest.split_once('}')?.0.to_owned()))
                        .collect();
                    found.sort();
                    found
                };
                assert_eq!(
                    placeholders(text),
                    placeholders(in_estonian),
                    "{lang}: {path}"
                );
            }
        }
    }

    #[test]
    fn about_page_has_the_same_shape_in_every_language() {
        let shape = |lang: Lang| {
            let a = &lang.texts().about;
            (
                a.what.len(),
                a.support_programmes.len(),
                a.goals.len(),
                a.strategy.len(),
            )
        };
        assert_eq!(shape(Lang::Et), shape(Lang::Ru));
        assert_eq!(shape(Lang::Et), shape(Lang::En));
    }
}
