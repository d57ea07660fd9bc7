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

/// Applies a live change to the announcements a course page shows, newest first: a posted one
/// takes its place by id (ids are ordered by time), an edited one replaces what is shown, a
/// deleted one (`None`) goes.
pub fn apply_announcement(shown: &mut Vec<Announcement>, id: AnnouncementId, changed: Option<&Announcement>) {
    match (shown.iter().position(|a| a.id == id), changed) {
        (Some(at), Some(announcement)) => shown[at] = announcement.clone(),
        (Some(at), None) => {
            shown.remove(at);
        }
        (None, Some(announcement)) => {
            let at = shown.partition_point(|a| a.id > id);
            shown.insert(at, announcement.clone());
        }
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn announcement(html: &str) -> Announcement {
        Announcement {
            id: AnnouncementId::new(),
            author_name: "Ada Okafor".into(),
            author_avatar: None,
            html: html.into(),
            created_at: "2026-12-01T09:00:00Z".into(),
            edited: false,
            editable: None,
        }
    }

    #[test]
    fn a_new_announcement_goes_on_top_and_a_late_one_below_newer_ones() {
        let (older, newer) = (announcement("<p>older</p>"), announcement("<p>newer</p>"));
        let mut shown = vec![older.clone()];
        apply_announcement(&mut shown, newer.id, Some(&newer));
        assert_eq!(shown, vec![newer.clone(), older.clone()]);
        apply_announcement(&mut shown, newer.id, Some(&newer));
        assert_eq!(shown.len(), 2, "applied twice, shown once");

        let mut late = vec![newer.clone()];
        apply_announcement(&mut late, older.id, Some(&older));
        assert_eq!(late, vec![newer, older]);
    }

    #[test]
    fn an_edit_replaces_in_place_and_a_deletion_removes() {
        let (first, second) = (announcement("<p>one</p>"), announcement("<p>two</p>"));
        let mut shown = vec![second.clone(), first.clone()];
        let edited = Announcement { html: "<p>one, edited</p>".into(), edited: true, ..first.clone() };
        apply_announcement(&mut shown, first.id, Some(&edited));
        assert_eq!(shown, vec![second.clone(), edited]);
        apply_announcement(&mut shown, second.id, None);
        assert_eq!(shown.iter().map(|a| a.id).collect::<Vec<_>>(), vec![first.id]);
        apply_announcement(&mut shown, second.id, None);
        assert_eq!(shown.len(), 1, "deleting what is gone changes nothing");
    }
}
