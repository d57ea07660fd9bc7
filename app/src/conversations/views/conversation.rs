use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::group::ParticipantList;
use super::live::{Live, OpenPane};
use crate::conversations::server_fns::DeleteConversation;
use crate::conversations::{ConversationKind, ConversationView};
use crate::ids::{ConversationId, MessageId, UserId};
use crate::messages::server_fns::{load_messages, mark_read, watch};
use crate::messages::{Composer, MessageItem, MessagePage, MessageView, PaneActions};
use crate::realtime::LiveEvent;

/// One conversation: its header, its messages as they change live, and the composer, from
/// what the server rendered the page with. Opening it marked what it shows as read (on the
/// server, so without JavaScript too); a message that arrives while it is open counts as read
/// once the reader has seen it.
#[island]
pub fn ConversationPane(
    id: ConversationId,
    header: ConversationView,
    page: MessagePage,
    context_title: Option<String>,
    context_url: Option<String>,
) -> impl IntoView {
    let live = Live::get();
    let actions = PaneActions { send: ServerAction::new(), delete: ServerAction::new() };
    provide_context(actions);
    let pane = OpenPane {
        conversation: id,
        header: RwSignal::new(header),
        page: RwSignal::new(page),
        list: NodeRef::new(),
        new_below: RwSignal::new(false),
        bottom: RwSignal::new(false),
        seen: RwSignal::new(None),
    };
    live.open(pane);
    on_cleanup(move || live.close(id));
    apply_own_actions(live, pane, actions);
    mark_read_when_seen(id, pane);
    watch_while_in_view(live, pane);
    view! {
        {move || view! { <Header conversation=pane.header.get()/> }}
        <Messages pane id/>
        <p class="visually-hidden" aria-live="polite">{move || live.announcement.get()}</p>
        <Composer conversation=id context_title context_url/>
    }
}

/// The sender's own message shows as soon as the server answers, and a deletion at once; the
/// events that follow change nothing more.
fn apply_own_actions(live: Live, pane: OpenPane, actions: PaneActions) {
    Effect::new(move |_| {
        if let Some(Ok(message)) = actions.send.value().get() {
            live.show_own(&LiveEvent::Posted { conversation: pane.conversation, message, inbox: None });
        }
    });
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(input)) = (actions.delete.value().get(), actions.delete.input().get_untracked()) {
            live.show_own(&LiveEvent::Deleted { conversation: pane.conversation, message: input.message, inbox: None });
        }
    });
}

/// Tells the server whether this page shows the conversation's newest messages (at the bottom
/// of the list, in a tab in view), each time that changes: what arrives meanwhile is read on
/// delivery, with no request from the page.
fn watch_while_in_view(live: Live, pane: OpenPane) {
    let id = pane.conversation;
    Effect::new(move |_| {
        let watching = (live.visible.get() && pane.bottom.get()).then_some(id);
        if let Some(stream) = live.stream.get() {
            leptos::task::spawn_local(async move {
                let _ = watch(stream, watching).await;
            });
        }
    });
    on_cleanup(move || {
        if let Some(stream) = live.stream.get_untracked() {
            leptos::task::spawn_local(async move {
                let _ = watch(stream, None).await;
            });
        }
    });
}

/// How long reading settles before it is sent: a burst of messages costs one receipt.
const READ_SETTLE: std::time::Duration = std::time::Duration::from_millis(400);

/// Marks reading up to the newest message the reader has seen, once it has stopped moving
/// for [`READ_SETTLE`].
fn mark_read_when_seen(id: ConversationId, pane: OpenPane) {
    let waiting = StoredValue::new(false);
    Effect::new(move |_| {
        if pane.seen.get().is_none() || waiting.get_value() {
            return;
        }
        waiting.set_value(true);
        set_timeout(
            move || {
                waiting.set_value(false);
                if let Some(message) = pane.seen.get_untracked() {
                    leptos::task::spawn_local(async move {
                        let _ = mark_read(id, message).await;
                    });
                }
            },
            READ_SETTLE,
        );
    });
}

#[component]
fn Header(conversation: ConversationView) -> impl IntoView {
    view! {
        <header class="conversation-head">
            <a href="/messages" class="back" aria-label="Back to conversations">"←"</a>
            <div>
                <h2>{conversation.title.clone()}</h2>
                {if conversation.kind == ConversationKind::Direct {
                    Either::Left(view! { <p class="muted small">"Direct message"</p> })
                } else {
                    let id = conversation.id;
                    let manage = conversation.can_manage;
                    Either::Right(view! {
                        <details class="participants">
                            <summary class="muted small">{format!("Who is in this chat ({})", conversation.members.len())}</summary>
                            <ParticipantList group=conversation.clone()/>
                            {manage.then(|| view! { <a href=format!("/messages/{id}/people")>"Add people and settings"</a> })}
                        </details>
                    })
                }}
                {(!conversation.can_post).then(|| {
                    let why = if conversation.kind == ConversationKind::Channel { "Only staff post in this channel." } else { "Only the owner can post here." };
                    view! { <p class="muted small">{why}</p> }
                })}
            </div>
            <details class="danger-zone">
                <summary>"Delete chat"</summary>
                // A plain post: the server answers with the inbox, the chat gone from it.
                <form action=DeleteConversation::url() method="post" class="stack">
                    <p>"Delete this chat? It leaves your inbox and its history is hidden from you. It comes back if someone writes again."</p>
                    <input type="hidden" name="id" value=conversation.id.to_string()/>
                    <button type="submit" class="danger">"Yes, delete chat"</button>
                </form>
            </details>
        </header>
    }
}

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
fn Messages(pane: OpenPane, id: ConversationId) -> impl IntoView {
    let me = pane.me();
    let page = pane.page;
    let current = move || page.with(|p| drawn(p, me));
    let older = move || page.with(|p| p.older);
    let load_older = Action::new_local(move |before: &MessageId| {
        let before = *before;
        async move {
            if let Ok(earlier) = load_messages(id, Some(before)).await {
                page.update(|p| {
                    let mut merged = earlier.messages;
                    merged.append(&mut p.messages);
                    p.messages = merged;
                    p.older = earlier.older;
                });
            }
        }
    });
    // Opens where reading stopped.
    Effect::new(move |_| {
        let start = page.with_untracked(|p| p.first_unread.or(p.messages.last().map(|m| m.id)));
        scroll_to(start);
        pane.set_bottom(pane.at_bottom());
    });
    let on_scroll = move |_| {
        let bottom = pane.at_bottom();
        pane.set_bottom(bottom);
        if bottom {
            pane.mark_seen(me);
        }
    };
    view! {
        <ol class="message-list" aria-label="Messages" node_ref=pane.list on:scroll=on_scroll>
            {move || older().map(|before| view! {
                <li class="load-older">
                    <a class="button secondary" href=format!("/messages/{id}?before={before}")
                        on:click=move |ev| { ev.prevent_default(); load_older.dispatch(before); }>"Older messages"</a>
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
