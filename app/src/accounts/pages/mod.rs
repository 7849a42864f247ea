mod accounts;
mod audit;
mod layout;
mod login;
mod password;
mod reset;

pub use accounts::AccountsPage;
pub use audit::AuditPage;
pub use layout::{AdminLayout, DashboardPage};
pub use login::LoginPage;
pub use password::PasswordPage;
pub use reset::{ForgotPasswordPage, NewPasswordPage};
