//! Plain types shared by the server and the browser.

pub mod account;
pub mod entry_form;
pub mod event_form;
pub mod identifiers;
pub mod localized;
pub mod text;

pub use localized::{Localized, Shown};
