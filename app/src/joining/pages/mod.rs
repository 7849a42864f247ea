mod applications;
mod join;

pub use applications::{ApplicationPage, ApplicationsPage};
pub use join::JoinPage;
