use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

use crate::ids::{CourseId, TeamId, UserId};
use crate::org::DmPolicy;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, EnumString, IntoStaticStr, VariantArray)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "course_role", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum CourseRole {
    Learner,
    Mentor,
    Instructor,
}

impl CourseRole {
    /// Instructors and mentors are a course's assigned staff.
    pub fn is_staff(self) -> bool {
        matches!(self, Self::Mentor | Self::Instructor)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, EnumString, IntoStaticStr, VariantArray, strum::EnumMessage)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "course_status", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CourseStatus {
    #[strum(message = "Active")]
    Active,
    #[strum(message = "Archived")]
    Archived,
}

impl CourseStatus {
    /// How the pages name it.
    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseSummary {
    pub id: CourseId,
    pub title: String,
    pub status: CourseStatus,
    pub my_role: Option<CourseRole>,
    pub learners: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub avatar: Option<String>,
    pub role: CourseRole,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub id: TeamId,
    pub name: String,
    pub members: Vec<Member>,
}

/// A course as its members see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseView {
    pub id: CourseId,
    pub title: String,
    pub status: CourseStatus,
    pub learner_dm_policy: Option<DmPolicy>,
    /// Whether the course has its cohort chat and a chat per team.
    pub course_chats: bool,
    pub my_role: Option<CourseRole>,
    /// Instructors and mentors.
    pub staff: Vec<RosterEntry>,
    /// Whether learners of this course may write to its staff.
    pub can_contact_staff: bool,
    /// Everyone enrolled, for the course's staff and the organisation's admins; empty for
    /// anyone else.
    pub roster: Vec<RosterEntry>,
}

/// Someone on a course's roster, as its staff see them: no email address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub user_id: UserId,
    pub name: String,
    pub avatar: Option<String>,
    pub role: CourseRole,
    pub active: bool,
    /// Whether the viewer may write to them: "Message" opens or starts the direct chat.
    pub can_message: bool,
}

/// A course as its administrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseAdminView {
    pub course: CourseView,
    pub members: Vec<Member>,
    pub teams: Vec<TeamView>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CourseForm {
    pub title: String,
    /// Empty: the organisation's policy applies.
    #[serde(default)]
    pub learner_dm_policy: String,
    /// A checkbox: absent when unticked.
    #[serde(default)]
    pub course_chats: bool,
}

/// A course's settings, parsed from its form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseSettings {
    pub title: String,
    pub policy: Option<DmPolicy>,
    pub course_chats: bool,
}

impl CourseForm {
    pub fn parse(&self) -> Result<CourseSettings, crate::error::AppError> {
        let title = crate::org::short_text("title", "The title", &self.title, 120)?;
        let policy = match self.learner_dm_policy.trim() {
            "" => None,
            raw => Some(raw.parse().map_err(|_| crate::error::AppError::validation("learner_dm_policy", "Choose a messaging policy."))?),
        };
        Ok(CourseSettings { title, policy, course_chats: self.course_chats })
    }
}
