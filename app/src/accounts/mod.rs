//! Accounts: signing in and out, sessions and their limits, the admin's accounts, one's own
//! password, the audit log's page and the coordinator's dashboard.

pub mod account;
pub mod api;
pub mod pages;
pub mod sign_in_api;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod login;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod store;
