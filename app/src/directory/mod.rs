//! The public directory: the search (an in-memory index of every published entry), its
//! results, and each entry's profile.

pub mod api;
pub mod pages;
pub mod profile_api;

#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod text_index;
