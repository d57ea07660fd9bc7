use serde::{Deserialize, Serialize};

use crate::ids::AnnouncementId;

/// An announcement as a reader of the course sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    pub id: AnnouncementId,
    pub author_name: String,
    pub author_avatar: Option<String>,
    /// Rendered from Markdown and cleaned on the server.
    pub html: String,
    pub created_at: String,
    pub edited: bool,
    /// The Markdown, for those who may edit and delete it; `None` for everyone else.
    pub editable: Option<String>,
}
