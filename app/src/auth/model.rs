use serde::{Deserialize, Serialize};

use crate::ids::{DepartmentId, OrgId, UserId};
use crate::org::Labels;
use crate::people::OrgRole;

/// Who is asking: what every policy function decides on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: UserId,
    pub org_id: OrgId,
    pub role: OrgRole,
    pub department_id: Option<DepartmentId>,
}

#[cfg(test)]
impl Actor {
    /// Someone new in a new organisation, for policy tests.
    pub fn with_role(role: OrgRole) -> Self {
        Self { id: UserId::new(), org_id: OrgId::new(), role, department_id: None }
    }
}

/// The signed-in person, as the pages show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub actor: Actor,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub avatar: Option<String>,
    pub org_name: String,
    pub labels: Labels,
    pub email_notifications: bool,
}

impl CurrentUser {
    pub fn full_name(&self) -> String {
        crate::people::full_name(&self.first_name, &self.last_name)
    }
}

/// A password on its way from a form: it never prints, in logs or debug output.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Password(String);

impl Password {
    pub fn new(raw: impl Into<String>) -> Self {
        Self(raw.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl From<&str> for Password {
    fn from(raw: &str) -> Self {
        Self::new(raw)
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password([hidden])")
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SignInDetails {
    pub email: String,
    pub password: Password,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PasswordChange {
    pub current: Password,
    pub new: Password,
}

/// A password as typed: long enough and not absurdly long, never logged.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_LEN: usize = 10;
    pub const MAX_LEN: usize = 200;

    pub fn parse(field: &str, raw: String) -> Result<Self, crate::error::AppError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_LEN {
            return Err(crate::error::AppError::validation(field, format!("The password must be at least {} characters.", Self::MIN_LEN)));
        }
        if chars > Self::MAX_LEN {
            return Err(crate::error::AppError::validation(field, format!("The password must be at most {} characters.", Self::MAX_LEN)));
        }
        Ok(Self(raw))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_never_prints() {
        let form = SignInDetails { email: "ada@example.org".into(), password: Password::new("hunter2 but longer") };
        let printed = format!("{form:?}");
        assert!(!printed.contains("hunter2") && printed.contains("ada@example.org"), "{printed}");
        let json = serde_json::to_string(&form).unwrap();
        assert_eq!(serde_json::from_str::<SignInDetails>(&json).unwrap().password.expose(), "hunter2 but longer");
    }

    #[test]
    fn passwords_must_be_long_enough_and_not_absurd() {
        assert!(NewPassword::parse("password", "short".into()).is_err());
        assert!(NewPassword::parse("password", "x".repeat(201)).is_err());
        assert_eq!(NewPassword::parse("password", "long enough pw".into()).unwrap().expose(), "long enough pw");
    }
}
