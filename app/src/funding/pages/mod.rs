//! The board's pages: the public board and a call's page, and the coordinator's table and form.

mod admin;
mod article;
mod board;
mod call;
mod form;

pub use admin::FundingAdminPage;
pub use board::FundingPage;
pub use call::FundingCallPage;
pub use form::CallFormPage;
