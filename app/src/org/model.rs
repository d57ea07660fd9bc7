use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// Who a learner may start a direct chat with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, EnumString, IntoStaticStr, VariantArray, strum::EnumMessage)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "dm_policy", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DmPolicy {
    #[strum(message = "Learners only reply")]
    None,
    #[strum(message = "Learners may write to their instructors and mentors")]
    AssignedStaff,
    #[strum(message = "Learners may write to anyone in their courses")]
    CourseMembers,
    #[strum(message = "Learners may write to anyone in the organisation")]
    Anyone,
}

impl DmPolicy {
    /// How the pages name it.
    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }
}

/// The words an organisation shows for roles and courses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    pub learner: String,
    pub instructor: String,
    pub course: String,
}

impl Default for Labels {
    fn default() -> Self {
        Self { learner: "Learner".into(), instructor: "Instructor".into(), course: "Course".into() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgSettings {
    pub name: String,
    pub labels: Labels,
    pub private_messaging: bool,
    pub learner_dm_policy: DmPolicy,
    pub email_includes_text: bool,
    /// Staff may add people to a direct chat, which makes it a group.
    pub group_chats: bool,
}

/// The settings form as submitted; checkboxes are absent when unticked.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct OrgSettingsForm {
    pub name: String,
    pub label_learner: String,
    pub label_instructor: String,
    pub label_course: String,
    #[serde(default)]
    pub private_messaging: Option<String>,
    pub learner_dm_policy: String,
    #[serde(default)]
    pub email_includes_text: Option<String>,
    #[serde(default)]
    pub group_chats: Option<String>,
}

/// A short piece of text a person typed: trimmed, not empty, not too long.
pub fn short_text(field: &str, label: &str, raw: &str, max: usize) -> Result<String, crate::error::AppError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(crate::error::AppError::validation(field, format!("{label} cannot be empty.")));
    }
    if text.chars().count() > max {
        return Err(crate::error::AppError::validation(field, format!("{label} can be at most {max} characters.")));
    }
    Ok(text.to_owned())
}

impl OrgSettingsForm {
    pub fn parse(self) -> Result<OrgSettings, crate::error::AppError> {
        Ok(OrgSettings {
            name: short_text("name", "The organisation name", &self.name, 120)?,
            labels: Labels {
                learner: short_text("label_learner", "The learner label", &self.label_learner, 40)?,
                instructor: short_text("label_instructor", "The instructor label", &self.label_instructor, 40)?,
                course: short_text("label_course", "The course label", &self.label_course, 40)?,
            },
            private_messaging: self.private_messaging.is_some(),
            learner_dm_policy: self
                .learner_dm_policy
                .trim()
                .parse()
                .map_err(|_| crate::error::AppError::validation("learner_dm_policy", "Choose a messaging policy."))?,
            email_includes_text: self.email_includes_text.is_some(),
            group_chats: self.group_chats.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OrgSettingsForm {
        OrgSettingsForm {
            name: " Acme Academy ".into(),
            label_learner: "Client".into(),
            label_instructor: "Practitioner".into(),
            label_course: "Program".into(),
            private_messaging: None,
            learner_dm_policy: "course_members".into(),
            email_includes_text: Some("on".into()),
            group_chats: None,
        }
    }

    #[test]
    fn a_settings_form_parses_checkboxes_and_policy() {
        let settings = form().parse().unwrap();
        assert_eq!(settings.name, "Acme Academy");
        assert!(!settings.private_messaging);
        assert!(settings.email_includes_text);
        assert!(!settings.group_chats);
        assert_eq!(settings.learner_dm_policy, DmPolicy::CourseMembers);
    }

    #[test]
    fn empty_labels_and_unknown_policies_are_refused() {
        let err = OrgSettingsForm { label_course: "  ".into(), ..form() }.parse().unwrap_err();
        assert_eq!(err.field(), Some("label_course"));
        let err = OrgSettingsForm { learner_dm_policy: "everyone!".into(), ..form() }.parse().unwrap_err();
        assert_eq!(err.field(), Some("learner_dm_policy"));
    }
}
