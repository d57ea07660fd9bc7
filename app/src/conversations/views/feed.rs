//! A group chat in feed style: the newest post on top (pinned posts first), each with its
//! replies under it, its reply count and a reply box.

use leptos::prelude::*;

use super::live::OpenPane;
use crate::conversations::live_state::{feed_posts, replies_to};
use crate::ids::{ConversationId, MessageId};
use crate::messages::{Composer, MessageItem, MessageView};

#[component]
pub fn Feed(pane: OpenPane, id: ConversationId, can_post: bool) -> impl IntoView {
    let me = pane.me();
    let page = pane.page;
    let posts = Memo::new(move |_| page.with(feed_posts));
    let older = move || page.with(|p| p.older);
    Effect::new(move |_| pane.set_newest(pane.at_newest()));
    view! {
        {move || pane.new_below.get().then(|| view! {
            <button type="button" class="new-below top" on:click=move |_| pane.follow(me, true)>"New posts ↑"</button>
        })}
        <ol class="feed" aria-label="Posts" node_ref=pane.list on:scroll=move |_| pane.on_scroll()>
            <For each=move || posts.get() key=|post: &MessageId| *post let:post>
                <Thread pane id post can_post/>
            </For>
            {move || older().map(|before| view! {
                <li class="load-older">
                    <a class="button secondary" href=format!("/messages/{id}?before={before}")
                        on:click=move |ev| { ev.prevent_default(); pane.load_older(before); }>"Older posts"</a>
                </li>
            })}
        </ol>
    }
}

/// One post with its replies. Each part redraws only when it changes, so a reply arriving
/// keeps what the reader is typing in the reply box.
#[component]
fn Thread(pane: OpenPane, id: ConversationId, post: MessageId, can_post: bool) -> impl IntoView {
    let me = pane.me();
    let page = pane.page;
    let can_pin = pane.header.with_untracked(|header| header.can_pin);
    let shown = Memo::new(move |_| page.with(|p| p.messages.iter().find(|m| m.id == post).cloned()));
    let replies = Memo::new(move |_| page.with(|p| replies_to(p, post)));
    let count = move || match replies.with(Vec::len) {
        0 => "No replies yet".to_owned(),
        1 => "1 reply".to_owned(),
        n => format!("{n} replies"),
    };
    view! {
        <li class="post">
            <ol class="thread">
                {move || shown.get().map(|message| {
                    let mine = message.author_id == me;
                    view! { <MessageItem message mine conversation=id unread_marker=false seen=false post=true can_pin/> }
                })}
                <For each=move || replies.get() key=|reply: &MessageView| reply.clone() let:reply>
                    <MessageItem mine=reply.author_id == me message=reply conversation=id unread_marker=false seen=false in_thread=true/>
                </For>
            </ol>
            <p class="muted small reply-count">{count}</p>
            {can_post.then(|| view! { <Composer conversation=id reply_to=post/> })}
        </li>
    }
}
