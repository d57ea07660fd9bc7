//! The course page's list of announcements, changed in place as the event stream says: the
//! list is rendered on the server, and a posted, edited or deleted announcement changes only
//! its own item, so the page carries no view code for it.

use crate::ids::AnnouncementId;

/// The list, and the line shown while it is empty.
pub const LIST_ID: &str = "announcements";
pub const NONE_ID: &str = "no-announcements";
/// The mark after an edited announcement's time.
pub const EDITED_CLASS: &str = "edited-mark";

/// An announcement's item. Ids are ordered by time, and so is this text: newest first is
/// greatest first.
pub fn item_id(id: AnnouncementId) -> String {
    format!("a-{id}")
}

/// Applies one change to the list: a posted announcement takes its place by time, an edited
/// one gets its new text, a deleted one (`None`) goes.
#[cfg(feature = "hydrate")]
pub fn apply(id: AnnouncementId, changed: Option<&super::Announcement>) {
    use leptos::prelude::document;
    let page = document();
    let Some(list) = page.get_element_by_id(LIST_ID) else { return };
    let key = item_id(id);
    match (page.get_element_by_id(&key), changed) {
        (Some(item), None) => item.remove(),
        (Some(item), Some(announcement)) => {
            if let Ok(Some(body)) = item.query_selector(".message-body") {
                body.set_inner_html(&announcement.html);
            }
            if let Ok(Some(mark)) = item.query_selector(&format!(".{EDITED_CLASS}")) {
                mark.set_text_content(announcement.edited.then_some(" · edited"));
            }
        }
        (None, Some(announcement)) => {
            let Some(item) = new_item(&key, announcement) else { return };
            let mut next = list.first_element_child();
            while let Some(shown) = next.clone().filter(|shown| shown.id() > key) {
                next = shown.next_element_sibling();
            }
            let _ = list.insert_before(&item, next.as_ref().map(|n| n.as_ref()));
        }
        (None, None) => {}
    }
    if let Some(none) = page.get_element_by_id(NONE_ID) {
        let _ = match list.child_element_count() {
            0 => none.remove_attribute("hidden"),
            _ => none.set_attribute("hidden", ""),
        };
    }
}

/// An item for an announcement that came live: its author, "just now", and its text, the HTML
/// the server cleaned. Changing it stays on its page, after a reload.
#[cfg(feature = "hydrate")]
fn new_item(key: &str, announcement: &super::Announcement) -> Option<web_sys::Element> {
    use leptos::prelude::document;
    let page = document();
    let item = page.create_element("li").ok()?;
    item.set_class_name("announcement");
    item.set_id(key);
    let head = page.create_element("p").ok()?;
    head.set_class_name("muted small");
    head.set_text_content(Some(&format!("{} · just now", announcement.author_name)));
    let edited = page.create_element("span").ok()?;
    edited.set_class_name(EDITED_CLASS);
    edited.set_text_content(announcement.edited.then_some(" · edited"));
    head.append_child(&edited).ok()?;
    let body = page.create_element("div").ok()?;
    body.set_class_name("message-body");
    body.set_inner_html(&announcement.html);
    item.append_child(&head).ok()?;
    item.append_child(&body).ok()?;
    Some(item)
}

/// Makes the list what `announcements` (as re-read after a reconnect) says: items gone since
/// are removed, the others applied.
#[cfg(feature = "hydrate")]
pub fn reset(announcements: &[super::Announcement]) {
    use leptos::prelude::document;
    let Some(list) = document().get_element_by_id(LIST_ID) else { return };
    let kept: Vec<String> = announcements.iter().map(|a| item_id(a.id)).collect();
    let mut next = list.first_element_child();
    while let Some(shown) = next {
        next = shown.next_element_sibling();
        if !kept.contains(&shown.id()) {
            shown.remove();
        }
    }
    for announcement in announcements {
        apply(announcement.id, Some(announcement));
    }
}
