use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// The one error type of server functions. Internal causes are logged on the server and
/// reach the client only as [`AppError::Internal`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The request itself was malformed (arguments that do not decode, a missing field).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// No valid session: sign in first.
    #[error("sign in first")]
    SignInRequired,
    /// Signed in, but the role does not allow it.
    #[error("not allowed")]
    Forbidden,
    /// The same answer for a wrong password, an unknown email and a disabled account.
    #[error("wrong email or password")]
    WrongCredentials,
    /// Too many failed sign-ins from this address or for this account; try again later.
    #[error("too many attempts")]
    TooManyAttempts,
    /// A form field's value is refused; the page shows the problem next to the field.
    #[error("{field}: {problem:?}")]
    Invalid { field: String, problem: Problem },
    /// The server is at its limit for this kind of work (password checks, image decoding);
    /// try again shortly.
    #[error("busy")]
    Unavailable,
    /// A failure on the server, with the request's id (`X-Request-Id`) when there was one, to
    /// quote: its log lines carry the same id.
    #[error("internal error")]
    Internal { reference: Option<String> },
}

/// Why a field's value is refused; each page words it in its language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    NotAnEmail,
    PasswordTooShort,
    PasswordTooLong,
    /// One of the most common passwords, or the account's own email.
    PasswordTooCommon,
    /// The repeated new password differs from the first.
    PasswordsDiffer,
    /// The current password, asked again before a change, is wrong.
    WrongPassword,
    /// Another account already has this email.
    EmailTaken,
    /// An admin cannot disable their own account (no one would be left to undo it).
    OwnAccount,
    TooLong,
    /// Registration for an event that does not take it (none, closed, or past its deadline).
    RegistrationClosed,
    EventCancelled,
    EventOver,
    /// This email already has a registration (or a place on the waiting list) for the event.
    AlreadyRegistered,
    /// A cancel link that matches no live registration.
    UnknownRegistration,
    /// Only a draft can be deleted; a published event is cancelled instead.
    NotADraft,
    /// This address has registered too often in the last hour.
    TooManyRegistrations,
    /// The status change asked for is not one an event can make.
    StatusChange,
    TitleInOneLanguage,
    NotADate,
    NotATime,
    InTimeGap,
    AmbiguousTime,
    EndBeforeStart,
    NotAWholeNumber,
    NotAWebAddress,
    UnknownChoice,
    PlaceOrLink,
    DeadlineAfterStart,
    UntilBeforeStart,
    SeriesTooLong,
    EditedMeanwhile,
    NotInSeries,
    NotYesOrNo,
    UnknownMunicipality,
    UnknownSector,
    UnknownLanguage,
    DescriptionInOneLanguage,
    NotAPhone,
    NotARegistryCode,
    NotAYear,
    NotUtf8,
    NotACsvFile,
    UnknownColumn,
    MissingColumn,
    TooManyCells,
    DuplicateInFile,
    RegistryCodeTaken,
    NotAnImage,
    FileTooLarge,
    /// This address has sent too many applications to join today.
    TooManyApplications,
    /// The application was already approved or rejected.
    AlreadyDecided,
    /// The message is being sent or was sent: it can no longer be retried or cancelled.
    MessageOnItsWay,
    /// A date or month outside the years the calendar covers (1900–2200).
    DateOutOfRange,
    /// A picture with more pixels than a logo upload may have.
    ImageTooLarge,
    /// A private link (a password reset) that is unknown, used or past its time.
    LinkExpired,
    /// An entry with neither a contact address nor a public email to send its owner a link.
    NoContactAddress,
    /// Choose at least one topic.
    NoTopic,
    /// This address unsubscribed: the coordinator does not add it again.
    Unsubscribed,
    /// The address is already a confirmed subscriber.
    AlreadySubscribed,
    /// The edition is no longer a draft: it cannot be changed or sent again.
    EditionSent,
    /// The largest amount is below the smallest.
    MaxBelowMin,
    /// Not a whole number from 0 to 100.
    NotAPercentage,
    /// The consultation time was booked by someone else first.
    SlotTaken,
    /// This address has booked too many consultations in the last hour.
    TooManyBookings,
    /// This feedback form was answered already.
    AlreadyAnswered,
    /// A report's period longer than it may be.
    PeriodTooLong,
    /// Answers for the funder given without the box that lets us keep them.
    FactsWithoutConsent,
}

impl Problem {
    /// The problem's name, as a URL carries it back to a page (`?problem=NotAnEmail`).
    pub fn code(self) -> String {
        format!("{self:?}")
    }

    /// The problem a URL names, if it names one.
    pub fn from_code(code: &str) -> Option<Problem> {
        use serde::de::{IntoDeserializer, value};
        let code: value::StrDeserializer<'_, value::Error> = code.into_deserializer();
        Problem::deserialize(code).ok()
    }
}

impl AppError {
    pub fn invalid(field: &str, problem: Problem) -> Self {
        AppError::Invalid {
            field: field.to_owned(),
            problem,
        }
    }

    /// The problem with `field`, if this error is about it.
    pub fn problem_with(&self, field: &str) -> Option<Problem> {
        match self {
            AppError::Invalid { field: f, problem } if f == field => Some(*problem),
            _ => None,
        }
    }
}

impl AppError {
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::BadRequest(_) => 400,
            AppError::SignInRequired | AppError::WrongCredentials => 401,
            AppError::Forbidden => 403,
            AppError::Invalid { .. } => 422,
            AppError::TooManyAttempts => 429,
            AppError::Internal { .. } => 500,
            AppError::Unavailable => 503,
        }
    }

    /// Logs a failure other than the database's (those convert through
    /// `platform::db::StoreError`) with its context, and returns the client-safe error.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "{context}");
        AppError::failed()
    }

    /// A failure on the server, with this request's id.
    pub fn failed() -> Self {
        AppError::Internal {
            reference: request_id(),
        }
    }

    /// The request id to quote, for a failure on the server.
    pub fn reference(&self) -> Option<String> {
        match self {
            AppError::Internal { reference } => reference.clone(),
            _ => None,
        }
    }
}

/// The id the server gave the request being handled (`X-Request-Id`), if any.
pub fn request_id() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
        let id = parts.headers.get("x-request-id")?.to_str().ok()?;
        Some(id.chars().take(64).collect())
    }
    #[cfg(not(feature = "ssr"))]
    None
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        match error {
            ServerFnErrorErr::Args(message)
            | ServerFnErrorErr::Deserialization(message)
            | ServerFnErrorErr::MissingArg(message) => AppError::BadRequest(message),
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::failed()
            }
        }
    }
}
