pub mod calendar;
pub mod event;

pub use calendar::EventsPage;
pub use event::EventDetailPage;
