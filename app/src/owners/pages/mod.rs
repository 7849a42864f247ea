mod admin;
mod check;

pub use admin::{OwnerEntryPage, OwnersPage, ProposalPage};
pub use check::OwnerCheckPage;
