pub mod about;
pub mod coming_soon;
pub mod directory;
pub mod errors;
pub mod home;
pub mod lang_layout;
pub mod organisation;
