mod profile;
mod search;

pub use profile::OrganisationPage;
pub use search::DirectoryPage;
