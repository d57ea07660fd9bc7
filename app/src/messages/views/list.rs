//! The messages of an open conversation, as a chat or as a group's feed. A chat shows the
//! oldest at the top and the newest at the bottom, replies quoting their post; direct chats
//! are always shown so. A feed shows the newest post on top (pinned ones first), each followed
//! by its replies, its reply count and a reply box. Both are one keyed list of items, so each
//! item redraws only when it changes: a reply arriving keeps what is typed in a reply box.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::{Composer, MessageItem};
use crate::conversations::OpenPane;
use crate::ids::{ConversationId, MessageId, UserId};
use crate::messages::{MessagePage, MessageView};

/// One row of the list.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Item {
    Message(Box<Drawn>),
    /// How many replies a post has.
    Replies {
        post: MessageId,
        count: usize,
    },
    /// The reply box under a post.
    ReplyBox(MessageId),
}

/// A message as the list draws it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Drawn {
    message: MessageView,
    mine: bool,
    unread_marker: bool,
    seen: bool,
    /// A post of a feed.
    post: bool,
    /// A reply under its post, in a feed.
    in_thread: bool,
}

impl Drawn {
    fn plain(message: &MessageView, me: UserId) -> Self {
        Self { message: message.clone(), mine: message.author_id == me, unread_marker: false, seen: false, post: false, in_thread: false }
    }
}

fn chat_items(page: &MessagePage, me: UserId) -> Vec<Item> {
    let my_last = page.messages.iter().rev().find(|m| m.author_id == me).map(|m| m.id);
    let last = page.messages.last().map(|m| m.id);
    page.messages
        .iter()
        .map(|m| {
            Item::Message(Box::new(Drawn {
                unread_marker: Some(m.id) == page.first_unread,
                seen: page.last_seen && Some(m.id) == my_last && my_last == last,
                ..Drawn::plain(m, me)
            }))
        })
        .collect()
}

fn feed_items(page: &MessagePage, me: UserId, can_post: bool) -> Vec<Item> {
    let mut items = Vec::new();
    for post in page.feed_posts() {
        let Some(message) = page.messages.iter().find(|m| m.id == post) else { continue };
        items.push(Item::Message(Box::new(Drawn { post: true, ..Drawn::plain(message, me) })));
        let replies = page.replies_to(post);
        let count = replies.len();
        items.extend(replies.iter().map(|reply| Item::Message(Box::new(Drawn { in_thread: true, ..Drawn::plain(reply, me) }))));
        items.push(Item::Replies { post, count });
        if can_post {
            items.push(Item::ReplyBox(post));
        }
    }
    items
}

#[component]
pub fn MessageList(pane: OpenPane, id: ConversationId, feed: bool) -> impl IntoView {
    let me = pane.me();
    let page = pane.page;
    let can_pin = pane.can_pin;
    let items = move || {
        let can_post = pane.cannot_post.with(Option::is_none) && !page.with(|p| p.newer);
        page.with(|p| if feed { feed_items(p, me, can_post) } else { chat_items(p, me) })
    };
    let older = move || {
        page.with(|p| p.older).map(|before| {
            view! {
                <li class="load-older">
                    <a class="button secondary" href=format!("/messages/{id}?before={before}")
                        on:click=move |ev| { ev.prevent_default(); pane.load_older(before); }>
                        {if feed { "Older posts" } else { "Older messages" }}
                    </a>
                </li>
            }
        })
    };
    let newer = move || {
        page.with(|p| p.newer).then(|| {
            view! {
                <li class="load-newer">
                    <a class="button secondary" href=format!("/messages/{id}")>{if feed { "Newest posts" } else { "Newest messages" }}</a>
                </li>
            }
        })
    };
    // A chat opens where reading stopped, a feed at its top; either at the message it was
    // opened at, when there is one.
    Effect::new(move |_| {
        let anchor = page.with_untracked(|p| p.anchor);
        if anchor.is_some() || !feed {
            scroll_to(page.with_untracked(|p| anchor.or(p.first_unread).or(p.messages.last().map(|m| m.id))));
        }
        pane.set_newest(pane.at_newest());
    });
    view! {
        <ol class=if feed { "feed" } else { "message-list" } aria-label=if feed { "Posts" } else { "Messages" }
            node_ref=pane.list on:scroll=move |_| pane.on_scroll()>
            {move || if feed { Either::Left(newer()) } else { Either::Right(older()) }}
            <For each=items key=|item: &Item| item.clone() let:item>
                {match item {
                    Item::Message(d) => EitherOf3::A(view! {
                        <MessageItem message=d.message mine=d.mine conversation=id unread_marker=d.unread_marker seen=d.seen
                            post=d.post in_thread=d.in_thread can_pin=d.post && can_pin/>
                    }),
                    Item::Replies { count, .. } => EitherOf3::B(view! {
                        <li class="muted small reply-count">{match count { 0 => "No replies yet".to_owned(), 1 => "1 reply".to_owned(), n => format!("{n} replies") }}</li>
                    }),
                    Item::ReplyBox(post) => EitherOf3::C(view! { <li class="reply-box"><Composer conversation=id reply_to=post/></li> }),
                }}
            </For>
            {move || if feed { Either::Right(older()) } else { Either::Left(newer()) }}
        </ol>
        {move || pane.new_below.get().then(|| view! {
            <button type="button" class=if feed { "new-below top" } else { "new-below" } on:click=move |_| pane.follow(me, true)>
                {if feed { "New posts ↑" } else { "New messages ↓" }}
            </button>
        })}
    }
}

fn scroll_to(message: Option<MessageId>) {
    #[cfg(feature = "hydrate")]
    if let Some(element) = message.and_then(|id| document().get_element_by_id(&format!("m-{id}"))) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = message;
}
