//! The cluster's own page.

pub mod page;
