//! The people who run the platform, as both the server and the browser see them.

use serde::{Deserialize, Serialize};

/// What an account may do. An admin does everything a coordinator does, and manages accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Coordinator,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Admin, Role::Coordinator];

    /// The form the database and the command line use.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    /// Whether this role may do what `needed` may.
    pub fn includes(self, needed: Role) -> bool {
        self == Role::Admin || self == needed
    }
}

/// The signed-in person, as server functions hand it to pages: no password hash, ever.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: Role,
}

/// An address that can receive mail: a local part without spaces, quotes or brackets, one `@`,
/// a dotted domain of letters, digits and hyphens, at most 254 characters in all. Quoted local
/// parts are valid by RFC 5321 but no one here uses them. Whether it exists only a message can
/// tell.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    text.len() <= 254
        && !local.is_empty()
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"<>\"(),;:[]\\@".contains(c))
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_admin_includes_a_coordinator_but_not_the_other_way() {
        assert!(Role::Admin.includes(Role::Coordinator));
        assert!(Role::Admin.includes(Role::Admin));
        assert!(Role::Coordinator.includes(Role::Coordinator));
        assert!(!Role::Coordinator.includes(Role::Admin));
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("member"), None);
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        for good in ["piia.tamm@ivek.ee", "a@b.example", "üks+kaks@näide.ee"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "piia",
            "@ivek.ee",
            "piia@ivek",
            "piia@@ivek.ee",
            "piia tamm@ivek.ee",
            "piia@.ee",
            "piia@ivek.",
            "<script>@x.ee\"onmouseover=",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(!is_email(&format!("{}@ivek.ee", "a".repeat(250))));
    }
}
