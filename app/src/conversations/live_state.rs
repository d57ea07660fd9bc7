//! How a live event changes what a page shows: pure functions over the page's state, so that
//! the browser applies a change without asking the server again.

use crate::conversations::Inbox;
use crate::ids::UserId;
use crate::messages::{MessagePage, MessageView};
use crate::realtime::LiveEvent;

/// Moves, replaces or removes the event's conversation in the inbox; the newest stays on top.
pub fn apply_to_inbox(inbox: &mut Inbox, event: &LiveEvent) {
    let (Some(conversation), Some(row)) = (event.conversation(), event.inbox()) else { return };
    inbox.entries.retain(|entry| entry.id != conversation);
    if let Some(row) = row {
        let at = inbox.entries.partition_point(|e| (&e.last_message_at, e.id) > (&row.last_message_at, row.id));
        inbox.entries.insert(at, row.clone());
    }
    inbox.total_unread = inbox.entries.iter().map(|e| e.unread).sum();
}

/// What applying an event to the open conversation did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// Not about this conversation, or nothing to change.
    Nothing,
    /// A message that was not shown arrived, from `me` or someone else.
    Arrived { from_me: bool },
    /// Something shown changed in place.
    Changed,
}

/// Appends, replaces or removes the message, or moves the "Seen" mark, in the open page. A
/// message arrives once however often it is applied (the sender gets it from their send and
/// again from the event).
pub fn apply_to_page(page: &mut MessagePage, me: UserId, event: &LiveEvent) -> Applied {
    match event {
        // A page of older messages has a gap before the newest: what arrives is not its.
        LiveEvent::Posted { .. } if page.newer => Applied::Nothing,
        LiveEvent::Posted { message, .. } => {
            let arrived = upsert(page, message);
            if message.author_id == me && arrived {
                page.last_seen = false;
            }
            if arrived {
                Applied::Arrived { from_me: message.author_id == me }
            } else {
                Applied::Changed
            }
        }
        LiveEvent::Edited { message, .. } => match page.messages.iter_mut().find(|m| m.id == message.id) {
            Some(shown) => {
                *shown = message.clone();
                Applied::Changed
            }
            None => Applied::Nothing,
        },
        LiveEvent::Deleted { message, .. } => {
            let before = page.messages.len();
            page.messages.retain(|m| m.id != *message && m.reply_to.as_ref().is_none_or(|post| post.id != *message));
            if page.messages.len() < before {
                Applied::Changed
            } else {
                Applied::Nothing
            }
        }
        LiveEvent::Read { reader, message, .. } if *reader != me => {
            let read_to = page.messages.iter().position(|m| m.id == *message);
            let mine = page.messages.iter().rposition(|m| m.author_id == me);
            let seen = matches!((read_to, mine), (Some(read), Some(mine)) if read >= mine);
            if seen && !page.last_seen {
                page.last_seen = true;
                Applied::Changed
            } else {
                Applied::Nothing
            }
        }
        LiveEvent::Read { .. }
        | LiveEvent::Changed { .. }
        | LiveEvent::Announced { .. }
        | LiveEvent::Resync
        | LiveEvent::Connected { .. } => Applied::Nothing,
    }
}

/// Puts the message in its place by time, or replaces the one with its id; true when it was new.
fn upsert(page: &mut MessagePage, message: &MessageView) -> bool {
    if let Some(shown) = page.messages.iter_mut().find(|m| m.id == message.id) {
        *shown = message.clone();
        return false;
    }
    insert_in_order(page, message.clone());
    true
}

/// Inserts the message where its time puts it: the page is in time order (by creation, then
/// id), as the server sends it, and stays so.
fn insert_in_order(page: &mut MessagePage, message: MessageView) {
    let at = page.messages.partition_point(|m| (&m.created_at, m.id) < (&message.created_at, message.id));
    page.messages.insert(at, message);
}

/// Puts an older page before what is shown: in time order, each message once. A feed's older
/// page brings older posts with replies that may be newer than what is shown.
pub fn merge_older(page: &mut MessagePage, earlier: MessagePage) {
    for message in earlier.messages {
        if !page.messages.iter().any(|shown| shown.id == message.id) {
            insert_in_order(page, message);
        }
    }
    page.older = earlier.older;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversations::{ConversationKind, InboxEntry};
    use crate::ids::{ClientMessageId, ConversationId, MessageId};

    fn message(author: UserId, at: &str) -> MessageView {
        MessageView {
            id: MessageId::new(),
            client_id: ClientMessageId::new(),
            author_id: author,
            author_name: "Someone".into(),
            author_avatar: None,
            html: "<p>hi</p>".into(),
            plain: "hi".into(),
            editable: None,
            context_title: None,
            context_url: None,
            created_at: at.into(),
            can_delete: false,
            reply_to: None,
            edited: false,
            pinned: false,
            mentions_me: false,
        }
    }

    fn entry(at: &str, unread: i64) -> InboxEntry {
        InboxEntry {
            id: ConversationId::new(),
            kind: ConversationKind::Direct,
            title: "Chat".into(),
            avatar: None,
            preview: Some("hi".into()),
            last_message_at: at.into(),
            unread,
            mentioned: false,
        }
    }

    fn page(messages: Vec<MessageView>) -> MessagePage {
        MessagePage { messages, ..Default::default() }
    }

    #[test]
    fn a_posted_message_moves_its_row_to_the_top_with_the_new_count() {
        let (older, newer) = (entry("2026-01-01T10:00:00.000000Z", 0), entry("2026-01-02T10:00:00.000000Z", 2));
        let mut inbox = Inbox { entries: vec![newer.clone(), older.clone()], total_unread: 2 };
        let moved = InboxEntry { last_message_at: "2026-01-03T10:00:00.000000Z".into(), unread: 1, ..older.clone() };
        let event =
            LiveEvent::Posted { conversation: older.id, message: message(UserId::new(), &moved.last_message_at), inbox: Some(moved) };
        apply_to_inbox(&mut inbox, &event);
        assert_eq!(inbox.entries.iter().map(|e| e.id).collect::<Vec<_>>(), [older.id, newer.id]);
        assert_eq!((inbox.entries[0].unread, inbox.total_unread), (1, 3));
    }

    #[test]
    fn reading_elsewhere_clears_the_count_and_deleting_the_chat_removes_the_row() {
        let row = entry("2026-01-01T10:00:00.000000Z", 4);
        let mut inbox = Inbox { entries: vec![row.clone()], total_unread: 4 };
        let read = InboxEntry { unread: 0, ..row.clone() };
        let me = UserId::new();
        apply_to_inbox(&mut inbox, &LiveEvent::Read { conversation: row.id, reader: me, message: MessageId::new(), inbox: Some(read) });
        assert_eq!((inbox.entries.len(), inbox.total_unread), (1, 0));
        apply_to_inbox(&mut inbox, &LiveEvent::Changed { conversation: row.id, inbox: None, cannot_post: None });
        assert!(inbox.entries.is_empty());
        apply_to_inbox(&mut inbox, &LiveEvent::Resync);
        assert!(inbox.entries.is_empty(), "a resync changes nothing by itself: the page re-reads");
    }

    #[test]
    fn a_message_is_appended_once_in_time_order_and_replaced_when_edited() {
        let (me, other) = (UserId::new(), UserId::new());
        let first = message(other, "2026-01-01T10:00:00.000000Z");
        let mut shown = page(vec![first.clone()]);
        let late = message(other, "2026-01-01T11:00:00.000000Z");
        let posted = LiveEvent::Posted { conversation: ConversationId::new(), message: late.clone(), inbox: None };
        assert_eq!(apply_to_page(&mut shown, me, &posted), Applied::Arrived { from_me: false });
        assert_eq!(apply_to_page(&mut shown, me, &posted), Applied::Changed, "the same message twice is shown once");
        let between = message(me, "2026-01-01T10:30:00.000000Z");
        let posted = LiveEvent::Posted { conversation: ConversationId::new(), message: between.clone(), inbox: None };
        assert_eq!(apply_to_page(&mut shown, me, &posted), Applied::Arrived { from_me: true });
        assert_eq!(shown.messages.iter().map(|m| m.id).collect::<Vec<_>>(), [first.id, between.id, late.id]);

        let edited = MessageView { html: "<p>changed</p>".into(), ..late.clone() };
        let event = LiveEvent::Edited { conversation: ConversationId::new(), message: edited, inbox: None };
        assert_eq!(apply_to_page(&mut shown, me, &event), Applied::Changed);
        assert_eq!(shown.messages[2].html, "<p>changed</p>");
        assert_eq!(shown.last_from_others(me), Some(late.id));
    }

    #[test]
    fn a_deleted_message_leaves_the_page_and_a_read_past_mine_shows_seen() {
        let (me, other) = (UserId::new(), UserId::new());
        let theirs = message(other, "2026-01-01T10:00:00.000000Z");
        let mine = MessageView { can_delete: true, ..message(me, "2026-01-01T10:01:00.000000Z") };
        let mut shown = page(vec![theirs.clone(), mine.clone()]);
        let read_theirs = LiveEvent::Read { conversation: ConversationId::new(), reader: other, message: theirs.id, inbox: None };
        assert_eq!(apply_to_page(&mut shown, me, &read_theirs), Applied::Nothing);
        assert!(!shown.last_seen, "read only up to before my message");
        let my_own_read = LiveEvent::Read { conversation: ConversationId::new(), reader: me, message: mine.id, inbox: None };
        assert_eq!(apply_to_page(&mut shown, me, &my_own_read), Applied::Nothing);
        let read_mine = LiveEvent::Read { conversation: ConversationId::new(), reader: other, message: mine.id, inbox: None };
        assert_eq!(apply_to_page(&mut shown, me, &read_mine), Applied::Changed);
        assert!(shown.last_seen);

        let deleted = LiveEvent::Deleted { conversation: ConversationId::new(), message: mine.id, inbox: None };
        assert_eq!(apply_to_page(&mut shown, me, &deleted), Applied::Changed);
        assert_eq!(shown.messages.iter().map(|m| m.id).collect::<Vec<_>>(), [theirs.id], "removed for everyone, with no placeholder");
        assert_eq!(apply_to_page(&mut shown, me, &deleted), Applied::Nothing);

        // A deleted post takes its thread with it.
        let quote = Some(crate::messages::Quote { id: theirs.id, author_name: "A".into(), snippet: "s".into() });
        let reply = MessageView { reply_to: quote, ..message(me, "2026-01-01T10:02:00.000000Z") };
        shown.messages.push(reply);
        let post_deleted = LiveEvent::Deleted { conversation: ConversationId::new(), message: theirs.id, inbox: None };
        assert_eq!(apply_to_page(&mut shown, me, &post_deleted), Applied::Changed);
        assert!(shown.messages.is_empty());
    }
    #[test]
    fn a_feed_shows_pinned_posts_first_then_the_newest_with_replies_under_them() {
        let me = UserId::new();
        let old = message(me, "2026-01-01T10:00:00.000000Z");
        let new = message(me, "2026-01-01T11:00:00.000000Z");
        let pinned = MessageView { pinned: true, ..message(me, "2026-01-01T09:00:00.000000Z") };
        let quote = |post: &MessageView| Some(crate::messages::Quote { id: post.id, author_name: "A".into(), snippet: "s".into() });
        let reply = MessageView { reply_to: quote(&old), ..message(me, "2026-01-01T12:00:00.000000Z") };
        let page = MessagePage { messages: vec![pinned.clone(), old.clone(), new.clone(), reply.clone()], ..Default::default() };
        assert_eq!(page.feed_posts(), [pinned.id, new.id, old.id]);
        assert_eq!(page.replies_to(old.id), [reply]);
        assert!(page.replies_to(new.id).is_empty());
    }

    #[test]
    fn an_older_page_merges_in_time_order_each_message_once() {
        let me = UserId::new();
        let (a, b, c) = (
            message(me, "2026-01-01T10:00:00.000000Z"),
            message(me, "2026-01-01T11:00:00.000000Z"),
            message(me, "2026-01-01T12:00:00.000000Z"),
        );
        let page = |messages: Vec<MessageView>, older| MessagePage { messages, older, ..Default::default() };
        let mut shown = page(vec![b.clone(), c.clone()], Some(b.id));
        // A feed's older post comes with a reply newer than what is shown, and one shown already.
        merge_older(&mut shown, page(vec![a.clone(), c.clone()], None));
        assert_eq!(shown.messages.iter().map(|m| m.id).collect::<Vec<_>>(), [a.id, b.id, c.id]);
        assert_eq!(shown.older, None);
    }
}
