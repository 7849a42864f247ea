//! Joining the directory: the public application, and the coordinator's review, approval or
//! rejection of it.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod store;
