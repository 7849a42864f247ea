//! Counselling's pages: the free times with the booking form, a booking's private page, and
//! the coordinator's times and bookings.

mod admin;
mod public;

pub use admin::CounsellingAdminPage;
pub use public::{BookingPage, CounsellingPage};
