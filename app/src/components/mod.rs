pub mod entry_fields;
pub mod form;
pub mod frame;
pub mod language_switcher;
pub mod localized_text;
pub mod select_field;

pub use frame::Frame;
pub use language_switcher::LanguageSwitcher;
pub use localized_text::LocalizedText;
pub use select_field::{SelectField, SelectOption};
