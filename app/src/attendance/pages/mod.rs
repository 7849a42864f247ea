//! The coordinator's pages at the door: the attendance list and a QR code's check-in.

mod check_in;
mod sheet;

pub use check_in::CheckInPage;
pub use sheet::AttendancePage;
