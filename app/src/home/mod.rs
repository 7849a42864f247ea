//! The home page: the cluster's figures and the next events.

pub mod api;
pub mod page;
