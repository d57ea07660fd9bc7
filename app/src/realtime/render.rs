//! Turns a burst of notices into each viewer's events: what changed, as that viewer sees it.

use std::collections::HashMap;

use sqlx::PgPool;

use super::{LiveEvent, Notice, NoticeKind};
use crate::conversations::naming::Viewer;
use crate::conversations::{Membership, Naming, ViewerRow};
use crate::error::AppError;
use crate::ids::{ConversationId, MessageId, UserId};
use crate::messages::MessageRow;

/// The events of the `listening` users that a burst of notices makes, in the burst's order:
/// one query for the viewers' inbox rows; when the burst posted or edited messages, one for
/// them and one for how their conversations name people; when it changed conversations, one
/// for the viewers' memberships of those, however long the burst. Announcements follow, with
/// queries of their own.
pub async fn render(pool: &PgPool, notices: &[Notice], listening: &[UserId]) -> Result<Vec<(UserId, LiveEvent)>, AppError> {
    let mut events = render_conversations(pool, notices, listening).await?;
    if notices.iter().any(|notice| notice.kind == NoticeKind::Announced) && !listening.is_empty() {
        events.extend(crate::announcements::service::live_events(pool, notices, listening).await?);
    }
    Ok(events)
}

async fn render_conversations(pool: &PgPool, notices: &[Notice], listening: &[UserId]) -> Result<Vec<(UserId, LiveEvent)>, AppError> {
    let mut conversations: Vec<ConversationId> = notices.iter().filter_map(|n| n.conversation).collect();
    conversations.sort_unstable();
    conversations.dedup();
    if conversations.is_empty() || listening.is_empty() {
        return Ok(Vec::new());
    }
    let rows = crate::conversations::service::viewer_rows(pool, &conversations, listening).await?;
    let mut events = left(notices, &rows, listening);
    if rows.is_empty() {
        return Ok(events);
    }
    let wanted: Vec<MessageId> =
        notices.iter().filter(|n| matches!(n.kind, NoticeKind::Posted | NoticeKind::Edited)).filter_map(|n| n.message).collect();
    let messages: HashMap<MessageId, MessageRow> = if wanted.is_empty() {
        HashMap::new()
    } else {
        crate::messages::service::stored(pool, &wanted).await?.into_iter().map(|m| (m.id, m)).collect()
    };
    // Only a message names anyone: a burst of receipts needs no naming.
    let namings = match messages.is_empty() {
        true => HashMap::new(),
        false => crate::conversations::service::namings(pool, &conversations).await?,
    };
    // Only a change to a conversation can change who may post in it: the memberships of the
    // conversations that changed, not of every one the burst touched.
    let changed: Vec<ConversationId> = notices.iter().filter(|n| n.kind == NoticeKind::Changed).filter_map(|n| n.conversation).collect();
    let memberships = match changed.is_empty() {
        true => HashMap::new(),
        false => crate::conversations::service::memberships(pool, &changed, listening).await?,
    };
    let mut viewers: HashMap<ConversationId, Vec<&ViewerRow>> = HashMap::new();
    for row in &rows {
        viewers.entry(row.conversation).or_default().push(row);
    }
    for notice in notices {
        let Some(conversation) = notice.conversation else { continue };
        for row in viewers.get(&conversation).into_iter().flatten() {
            let naming = namings.get(&conversation).copied().unwrap_or_default();
            let membership = memberships.get(&(conversation, row.viewer));
            if let Some(event) = event_for(notice, conversation, row, naming, &messages, membership) {
                events.push((row.viewer, event));
            }
        }
    }
    Ok(events)
}

/// A change for someone who is no longer a member (removed, or gone with their course): the
/// conversation leaves their inbox and their open page at once, with nothing of it.
fn left(notices: &[Notice], rows: &[ViewerRow], listening: &[UserId]) -> Vec<(UserId, LiveEvent)> {
    let gone = |conversation: ConversationId, user: UserId| {
        listening.contains(&user) && !rows.iter().any(|row| row.conversation == conversation && row.viewer == user)
    };
    notices
        .iter()
        .filter(|notice| notice.kind == NoticeKind::Changed)
        .filter_map(|notice| Some((notice.conversation?, notice.user?)))
        .filter(|&(conversation, user)| gone(conversation, user))
        .map(|(conversation, user)| (user, LiveEvent::Changed { conversation, inbox: None, cannot_post: None }))
        .collect()
}

/// One notice as one viewer sees it; `None` when it is not theirs to hear (a change to another
/// member's own view) or its message is already gone.
fn event_for(
    notice: &Notice,
    conversation: ConversationId,
    row: &ViewerRow,
    naming: Naming,
    messages: &HashMap<MessageId, MessageRow>,
    membership: Option<&Membership>,
) -> Option<LiveEvent> {
    let inbox = row.entry.clone();
    let for_viewer = |stored: &MessageRow| {
        let mut message = stored.view(naming, Viewer { id: row.viewer, role: row.role });
        message.can_delete = crate::conversations::policy::may_delete_message(row.role, message.author_id == row.viewer);
        message
    };
    Some(match notice.kind {
        NoticeKind::Posted => LiveEvent::Posted { conversation, message: for_viewer(messages.get(&notice.message?)?), inbox },
        NoticeKind::Edited => LiveEvent::Edited { conversation, message: for_viewer(messages.get(&notice.message?)?), inbox },
        NoticeKind::Deleted => LiveEvent::Deleted { conversation, message: notice.message?, inbox },
        NoticeKind::Read => LiveEvent::Read { conversation, reader: notice.user?, message: notice.message?, inbox },
        NoticeKind::Changed if notice.user.is_none_or(|member| member == row.viewer) => {
            let cannot_post = membership.and_then(|m| crate::conversations::policy::why_not_posting(row.role, m)).map(str::to_owned);
            LiveEvent::Changed { conversation, inbox, cannot_post }
        }
        NoticeKind::Changed | NoticeKind::SessionsEnded | NoticeKind::Watching | NoticeKind::Announced => return None,
    })
}
