//! The newsletter's pages: subscribing and the subscriber's own page, the archive, and the
//! coordinator's.

mod admin;
mod archive;
mod choices;
mod edition;
mod subscribe;

pub use admin::NewsletterAdminPage;
pub use archive::{ArchivePage, ArchivedEditionPage};
pub use edition::EditionPage;
pub use subscribe::{ConfirmPage, SubscribePage, SubscriptionPage};
