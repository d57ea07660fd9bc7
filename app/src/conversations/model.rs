use serde::{Deserialize, Serialize};

use crate::ids::{ConversationId, CourseId, UserId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "conversation_kind", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum ConversationKind {
    Direct,
    Shared,
    Group,
    Channel,
}

/// Whose people a course chat follows: a course's enrolments, or one of its teams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "roster", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
pub enum Roster {
    Cohort,
    Team,
}

/// How a group chat shows its messages: a feed (newest post on top) or a chat (oldest on top).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray, strum::IntoStaticStr, strum::EnumMessage,
)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "group_style", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum GroupStyle {
    #[strum(message = "Feed: newest post on top, replies under each post")]
    Feed,
    #[default]
    #[strum(message = "Chat: oldest at the top, newest at the bottom")]
    Chat,
}

impl GroupStyle {
    /// How the pages name it.
    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }
}

/// How learners see the other participants' names in a group chat.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray, strum::IntoStaticStr, strum::EnumMessage,
)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(type_name = "learner_naming", rename_all = "snake_case"))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum LearnerNaming {
    /// "Ada Okafor"
    #[default]
    #[strum(message = "Full name")]
    Full,
    /// "Ada O."
    #[strum(message = "First name and last initial")]
    FirstInitial,
    /// "Ada"
    #[strum(message = "First name only")]
    First,
}

impl LearnerNaming {
    /// How the pages name it.
    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }
}

/// What learners see of the other people in a conversation: names as `naming` says, and,
/// unless `people_visible`, no names or photos at all. Direct chats show everyone in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Naming {
    pub naming: LearnerNaming,
    pub people_visible: bool,
}

impl Default for Naming {
    fn default() -> Self {
        Self { naming: LearnerNaming::Full, people_visible: true }
    }
}

/// A group chat's name and what learners see in it, as staff set them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGroup {
    pub name: String,
    #[serde(default)]
    pub naming: LearnerNaming,
    /// A checkbox: absent when unticked.
    #[serde(default)]
    pub people_visible: bool,
    #[serde(default)]
    pub style: GroupStyle,
    /// A checkbox: only the owner posts.
    #[serde(default)]
    pub locked: bool,
    /// One of the provided pictures; empty for the group's initials.
    #[serde(default)]
    pub avatar: String,
}

/// A member's part in a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberRole {
    /// Started it, or was made its owner: manages it, and posts even when it is locked.
    Owner,
    Member,
}

/// The caller's membership of a conversation: the unit of access. Every operation on a
/// conversation loads it first (a non-member gets "not found") and asks the policy with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    pub kind: ConversationKind,
    pub role: MemberRole,
    /// Only the owner posts.
    pub locked: bool,
    pub style: GroupStyle,
    pub title: Option<String>,
    /// When the member last deleted the chat for themselves; they see only what came after.
    pub cleared_at: Option<time::OffsetDateTime>,
    pub naming: Naming,
    /// A course chat's people follow the course; `None` for chats people manage.
    pub roster: Option<Roster>,
    /// A group's picture, one of the provided ones.
    pub avatar: Option<String>,
}

/// The three sections of the inbox, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InboxSection {
    Announcements,
    Groups,
    Direct,
}

impl ConversationKind {
    pub fn section(self) -> InboxSection {
        match self {
            Self::Channel => InboxSection::Announcements,
            Self::Group => InboxSection::Groups,
            Self::Direct | Self::Shared => InboxSection::Direct,
        }
    }
}

/// One row of the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxEntry {
    pub id: ConversationId,
    pub kind: ConversationKind,
    pub title: String,
    pub avatar: Option<String>,
    pub preview: Option<String>,
    pub last_message_at: String,
    pub unread: i64,
    /// Whether an unread message there @mentions the viewer.
    pub mentioned: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub entries: Vec<InboxEntry>,
    pub total_unread: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: UserId,
    /// As the viewer may see it.
    pub name: String,
    pub avatar: Option<String>,
    pub active: bool,
    pub owner: bool,
    pub staff: bool,
    /// Whether the viewer may @mention them: someone else in a group, active, whose name they see.
    pub mentionable: bool,
}

/// The header of an open conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationView {
    pub id: ConversationId,
    pub kind: ConversationKind,
    pub title: String,
    pub members: Vec<Participant>,
    pub me: UserId,
    /// Why the viewer may not post here, said in place of the composer; `None` when they may.
    pub cannot_post: Option<String>,
    /// Whether the viewer may change the settings (a group's owner or admins).
    pub can_manage: bool,
    /// Whether the viewer may add people (to a direct chat: making it a group).
    pub can_add_people: bool,
    /// Whether the viewer may leave it on their own.
    pub can_leave: bool,
    /// Whether the viewer may take it out of their inbox ("Delete chat").
    pub can_delete: bool,
    pub naming: Naming,
    pub style: GroupStyle,
    /// Only the owner posts.
    pub locked: bool,
    /// Whether the viewer may pin posts to the feed.
    pub can_pin: bool,
    /// A course's cohort or team chat, whose people follow the course.
    pub course_chat: bool,
    /// A group's picture, one of the provided ones; `None` for its initials.
    pub avatar: Option<String>,
    /// How much the viewer hears of it.
    pub notifications: crate::notifications::NotifySetting,
}

impl Participant {
    /// Their part, as the participants list says it, learners by the organisation's word.
    pub fn role<'a>(&self, learner: &'a str) -> &'a str {
        match (self.owner, self.staff) {
            (true, _) => "Owner",
            (false, true) => "Staff",
            (false, false) => learner,
        }
    }
}

/// Someone the actor may start a direct chat with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: UserId,
    pub name: String,
    pub avatar: Option<String>,
    pub detail: String,
    pub learner: bool,
}

/// What "Message instructor" and "New message" send to open (or reuse) a direct chat.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DirectTarget {
    #[serde(default)]
    pub to: Option<UserId>,
    /// With `to_instructor`: the course whose instructor is meant.
    #[serde(default)]
    pub course: Option<CourseId>,
    #[serde(default)]
    pub to_instructor: bool,
}

/// A message's place in the conversation, as "Seen by" lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub name: String,
    pub at: String,
}

/// A staff member's default sharing: the teammates with whom each of their new direct chats
/// is shared, and the others they could pick.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultSharing {
    pub owner: UserId,
    pub shared_with: Vec<Contact>,
    pub others: Vec<Contact>,
}

/// A place an announcement channel can be opened for one course role: a course, or the whole
/// organisation (`course` `None`), with the channel if it is open already.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelChoice {
    pub course: Option<CourseId>,
    pub course_title: Option<String>,
    pub role: crate::courses::CourseRole,
    pub existing: Option<ConversationId>,
}

impl ChannelChoice {
    /// Whom it reaches, in words: "all learners of Algebra", "all mentors".
    pub fn audience(&self, labels: &crate::org::Labels) -> String {
        let people = match self.role {
            crate::courses::CourseRole::Learner => format!("{}s", labels.learner.to_lowercase()),
            crate::courses::CourseRole::Mentor => "mentors".to_owned(),
            crate::courses::CourseRole::Instructor => format!("{}s", labels.instructor.to_lowercase()),
        };
        match &self.course_title {
            Some(title) => format!("all {people} of {title}"),
            None => format!("all {people} in the organisation"),
        }
    }
}
