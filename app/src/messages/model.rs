use serde::{Deserialize, Serialize};

use crate::ids::{ClientMessageId, ConversationId, MessageId, UserId};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MessageView {
    pub id: MessageId,
    pub client_id: ClientMessageId,
    pub author_id: UserId,
    pub author_name: String,
    pub author_avatar: Option<String>,
    /// Cleaned HTML rendered from the Markdown.
    pub html: String,
    /// The text without Markdown syntax, for announcements and previews.
    pub plain: String,
    /// The Markdown as written, for its author, who may edit it; `None` for everyone else.
    pub editable: Option<String>,
    pub context_title: Option<String>,
    pub context_url: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// Whether the viewer may delete it, as the server's policy decided.
    pub can_delete: bool,
    /// The post it answers, if it is a reply.
    pub reply_to: Option<Quote>,
    pub edited: bool,
    pub pinned: bool,
    /// Whether it mentions the viewer.
    pub mentions_me: bool,
}

/// The post a reply answers, as a chat quotes it above the reply.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quote {
    pub id: MessageId,
    /// As the viewer may see it.
    pub author_name: String,
    /// The beginning of its text, without Markdown syntax.
    pub snippet: String,
}

/// A page of a conversation, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagePage {
    pub messages: Vec<MessageView>,
    /// Pass as `before` to load the page of older messages; `None` at the beginning.
    pub older: Option<MessageId>,
    /// Where the viewer stopped reading, when there is something new after it.
    pub first_unread: Option<MessageId>,
    /// For the viewer's own last message: whether every other member has seen it.
    pub last_seen: bool,
    /// The message the page was opened at (a search result).
    pub anchor: Option<MessageId>,
    /// Whether newer messages exist than the page shows: it was opened at an older message,
    /// and nothing is added to it or written from it.
    pub newer: bool,
}

impl MessagePage {
    /// A feed's posts as it shows them: pinned ones first, then the newest first.
    pub fn feed_posts(&self) -> Vec<MessageId> {
        // Each post goes in its place as it comes: a page has tens of posts, and the browser
        // needs no sort routine for them.
        let mut posts: Vec<&MessageView> = Vec::new();
        for post in self.messages.iter().filter(|m| m.reply_to.is_none()) {
            let at = posts.partition_point(|shown| (shown.pinned, &shown.created_at, shown.id) > (post.pinned, &post.created_at, post.id));
            posts.insert(at, post);
        }
        posts.into_iter().map(|m| m.id).collect()
    }

    /// The replies to a post, oldest first.
    pub fn replies_to(&self, post: MessageId) -> Vec<MessageView> {
        self.messages.iter().filter(|m| m.reply_to.as_ref().is_some_and(|q| q.id == post)).cloned().collect()
    }

    /// The newest message shown that someone else wrote: what reading the page means having read.
    pub fn last_from_others(&self, me: UserId) -> Option<MessageId> {
        self.messages.iter().rev().find(|m| m.author_id != me).map(|m| m.id)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Outgoing {
    pub conversation: ConversationId,
    pub client_id: ClientMessageId,
    pub body: String,
    /// From a "Message instructor" link: what the message is about.
    #[serde(default)]
    pub context_title: Option<String>,
    #[serde(default)]
    pub context_url: Option<String>,
    /// The post this answers, in a group chat.
    #[serde(default)]
    pub reply_to: Option<MessageId>,
}

/// Optional context on the first message of a chat opened from a lesson or assignment.
impl Outgoing {
    /// A new message under a fresh client id, with no context.
    pub fn new(conversation: ConversationId, body: impl Into<String>) -> Self {
        Self { conversation, client_id: ClientMessageId::new(), body: body.into(), context_title: None, context_url: None, reply_to: None }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageContext {
    pub title: String,
    pub url: Option<String>,
}

impl MessageContext {
    /// Keeps a short title and an http(s) address; anything else is dropped, never stored.
    pub fn parse(title: Option<&str>, url: Option<&str>) -> Option<Self> {
        let title: String = title?.trim().chars().take(200).collect();
        if title.is_empty() {
            return None;
        }
        let url = url
            .map(str::trim)
            .filter(|u| {
                (u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/')) && u.len() <= 2000 && !u.starts_with("//")
            })
            .map(str::to_owned);
        Some(Self { title, url })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keeps_only_safe_links() {
        let ctx = MessageContext::parse(Some(" Assignment 3 "), Some("https://lms.example/a/3")).unwrap();
        assert_eq!((ctx.title.as_str(), ctx.url.as_deref()), ("Assignment 3", Some("https://lms.example/a/3")));
        assert_eq!(MessageContext::parse(Some("x"), Some("javascript:alert(1)")).unwrap().url, None);
        assert_eq!(MessageContext::parse(Some("x"), Some("//evil.example")).unwrap().url, None);
        assert!(MessageContext::parse(Some("  "), None).is_none());
        assert!(MessageContext::parse(None, Some("https://x.example")).is_none());
    }
}
