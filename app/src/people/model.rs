use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

use crate::ids::{DepartmentId, UserId};

/// A person's place in their organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, EnumString, IntoStaticStr, VariantArray, strum::EnumMessage)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "org_role", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum OrgRole {
    #[strum(message = "Owner")]
    Owner,
    #[strum(message = "Admin")]
    Admin,
    #[strum(message = "Department admin")]
    DepartmentAdmin,
    #[strum(message = "Staff")]
    Staff,
    #[strum(message = "Learner")]
    Learner,
}

impl OrgRole {
    /// The stored name, or how people write it in a file: "Department admin", "department-admin".
    pub fn parse(raw: &str) -> Option<Self> {
        raw.trim().replace([' ', '-'], "_").parse().ok()
    }

    /// How the pages name it.
    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }

    /// Owners, admins and department admins run the organisation from the admin pages.
    pub fn is_admin(self) -> bool {
        matches!(self, Self::Owner | Self::Admin | Self::DepartmentAdmin)
    }

    /// Owners and admins run the whole organisation: its settings, every course, every person.
    pub fn is_org_admin(self) -> bool {
        matches!(self, Self::Owner | Self::Admin)
    }
}

/// How a person is named in full: the one Rust twin of the SQL function `full_name`.
pub fn full_name(first_name: &str, last_name: &str) -> String {
    format!("{first_name} {last_name}")
}

/// How an uploaded picture is named in `users.avatar`: `upload:<file name>`.
pub const UPLOAD_PREFIX: &str = "upload:";

/// One of the provided avatars, or none (initials are shown).
pub const AVATAR_PRESETS: [&str; 6] = ["fox", "owl", "bear", "whale", "cat", "bee"];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: UserId,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: OrgRole,
    pub department_id: Option<DepartmentId>,
    pub department: Option<String>,
    pub active: bool,
    pub avatar: Option<String>,
}

impl UserView {
    pub fn full_name(&self) -> String {
        full_name(&self.first_name, &self.last_name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentView {
    pub id: DepartmentId,
    pub name: String,
}

/// A person's name and e-mail as entered in a form, before validation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserForm {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub password: crate::auth::Password,
}

/// A plausible address: something@something.something, no spaces. Delivery proves the rest.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn looks_like_email(raw: &str) -> bool {
    let Some((local, domain)) = raw.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !raw.contains(char::is_whitespace)
        && raw.len() <= 254
}

/// A line of an imported file that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: usize,
    pub message: String,
}

/// The result of a CSV import: either everything was created, or nothing and the reasons.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub created: usize,
    pub errors: Vec<RowError>,
}

#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ProfileForm {
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub avatar: String,
    /// A checkbox: absent when unticked.
    #[serde(default)]
    pub email_notifications: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_for_shape() {
        assert!(looks_like_email("ada@example.org"));
        for bad in ["", "ada", "ada@", "@example.org", "ada@example", "a da@example.org", "ada@.org"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn every_closed_set_names_each_of_its_values() {
        use crate::conversations::{GroupStyle, LearnerNaming};
        use crate::courses::CourseStatus;
        use crate::org::DmPolicy;
        let labels = OrgRole::VARIANTS.iter().map(|v| v.label()).chain(DmPolicy::VARIANTS.iter().map(|v| v.label()));
        let labels = labels.chain(CourseStatus::VARIANTS.iter().map(|v| v.label())).chain(GroupStyle::VARIANTS.iter().map(|v| v.label()));
        for label in labels.chain(LearnerNaming::VARIANTS.iter().map(|v| v.label())) {
            assert!(!label.is_empty());
        }
        assert_eq!(OrgRole::DepartmentAdmin.label(), "Department admin");
    }

    #[test]
    fn roles_parse_from_their_names_and_labels() {
        for &role in OrgRole::VARIANTS {
            assert_eq!(OrgRole::parse(role.into()), Some(role));
            assert_eq!(OrgRole::parse(role.label()), Some(role));
        }
        assert_eq!(OrgRole::parse(" department-admin "), Some(OrgRole::DepartmentAdmin));
        assert_eq!(OrgRole::parse("superuser"), None);
    }
}
