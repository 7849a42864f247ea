pub mod entries;
mod files;

pub use entries::{AdminDirectoryPage, AdminEntryFormPage};
pub use files::AdminDirectoryFilesPage;
