//! The coordinator's directory: every entry with its form and rules, CSV files, logos and
//! personal data.

pub mod api;
pub mod fields;
pub mod form;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod logos;
#[cfg(feature = "ssr")]
pub mod store;
