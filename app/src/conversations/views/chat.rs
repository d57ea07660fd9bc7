//! A conversation in chat style: oldest at the top, newest at the bottom, replies quoting
//! their post. Direct chats are always shown so.

use leptos::prelude::*;

use super::live::OpenPane;
use crate::ids::{ConversationId, MessageId, UserId};
use crate::messages::{MessageItem, MessagePage, MessageView};

/// A message as the list draws it: a change to any of these redraws that message only.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Drawn {
    message: MessageView,
    mine: bool,
    unread_marker: bool,
    seen: bool,
}

fn drawn(page: &MessagePage, me: UserId) -> Vec<Drawn> {
    let my_last = page.messages.iter().rev().find(|m| m.author_id == me).map(|m| m.id);
    let last = page.messages.last().map(|m| m.id);
    page.messages
        .iter()
        .map(|m| Drawn {
            message: m.clone(),
            mine: m.author_id == me,
            unread_marker: Some(m.id) == page.first_unread,
            seen: page.last_seen && Some(m.id) == my_last && my_last == last,
        })
        .collect()
}

#[component]
pub fn ChatList(pane: OpenPane, id: ConversationId) -> impl IntoView {
    let me = pane.me();
    let page = pane.page;
    let current = move || page.with(|p| drawn(p, me));
    let older = move || page.with(|p| p.older);
    // Opens where reading stopped.
    Effect::new(move |_| {
        let start = page.with_untracked(|p| p.first_unread.or(p.messages.last().map(|m| m.id)));
        scroll_to(start);
        pane.set_newest(pane.at_newest());
    });
    view! {
        <ol class="message-list" aria-label="Messages" node_ref=pane.list on:scroll=move |_| pane.on_scroll()>
            {move || older().map(|before| view! {
                <li class="load-older">
                    <a class="button secondary" href=format!("/messages/{id}?before={before}")
                        on:click=move |ev| { ev.prevent_default(); pane.load_older(before); }>"Older messages"</a>
                </li>
            })}
            <For each=current key=|d: &Drawn| d.clone() let:d>
                <MessageItem message=d.message mine=d.mine conversation=id unread_marker=d.unread_marker seen=d.seen/>
            </For>
        </ol>
        {move || pane.new_below.get().then(|| view! {
            <button type="button" class="new-below" on:click=move |_| pane.follow(me, true)>"New messages ↓"</button>
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
