mod applications;
mod join;

pub use applications::{ApplicationPage, ApplicationsPage, OutboxPage};
pub use join::JoinPage;
