pub mod admin;
pub mod errors;
pub mod facts;
pub mod form;
pub mod frame;
pub mod import_problems;
pub mod lang_layout;
pub mod language_switcher;
pub mod localized_text;
pub mod page;
pub mod select_field;
pub mod share_meta;

pub use frame::Frame;
pub use import_problems::ImportProblems;
pub use language_switcher::LanguageSwitcher;
pub use localized_text::LocalizedText;
pub use select_field::{SelectField, SelectOption};
pub use share_meta::ShareMeta;
