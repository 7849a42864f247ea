pub mod events;
mod form;

pub use events::{AdminEventPage, AdminEventsPage};
pub use form::AdminEventFormPage;
