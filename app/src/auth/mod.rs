//! Accounts of the people who run the platform. Server only.

pub mod password;
