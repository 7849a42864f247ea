pub mod events;
mod form;
mod panels;

pub use events::{AdminEventPage, AdminEventsPage};
pub use form::AdminEventFormPage;
