use leptos::form::ActionForm;
use leptos::prelude::*;

use super::LiveVersion;
use crate::conversations::server_fns::{load_conversation, DeleteConversation};
use crate::conversations::{ConversationKind, ConversationView};
use crate::forms::{error_view, loading};
use crate::ids::{ConversationId, MessageId};
use crate::messages::server_fns::{load_messages, mark_read};
use crate::messages::{Composer, MessageItem, MessagePage, MessageView, PaneActions};

#[component]
pub fn ConversationPane(id: ConversationId) -> impl IntoView {
    let live = LiveVersion::get();
    let actions = PaneActions { send: ServerAction::new(), delete: ServerAction::new() };
    provide_context(actions);
    let header = Resource::new(move || live.track(), move |_| load_conversation(id));
    let page = Resource::new(
        move || (live.track(), actions.send.version().get(), actions.delete.version().get()),
        move |_| load_messages(id, None),
    );
    let older = RwSignal::new(Vec::<MessageView>::new());
    let older_cursor = RwSignal::new(None::<Option<MessageId>>);
    view! {
        <Suspense fallback=loading>
            {move || header.get().map(|result| match result {
                Err(err) => error_view(err),
                Ok(conversation) => view! { <Header conversation/> }.into_any(),
            })}
            {move || page.get().map(|result| match result {
                Err(err) => error_view(err),
                Ok(page) => {
                    mark_last_read(id, &page);
                    let cursor = older_cursor.get().unwrap_or(page.older);
                    view! { <Messages page older cursor older_cursor id/> }.into_any()
                }
            })}
        </Suspense>
        <Composer conversation=id/>
    }
}

#[component]
fn Header(conversation: ConversationView) -> impl IntoView {
    let remove = ServerAction::<DeleteConversation>::new();
    let others: Vec<String> = conversation.members.iter().filter(|m| m.id != conversation.me).map(|m| m.name.clone()).collect();
    view! {
        <header class="conversation-head">
            <a href="/messages" class="back" aria-label="Back to conversations">"←"</a>
            <div>
                <h2>{conversation.title.clone()}</h2>
                <p class="muted small">{if conversation.kind == ConversationKind::Direct { "Direct message".to_owned() } else { others.join(", ") }}</p>
                {(!conversation.can_post).then(|| {
                    let why = if conversation.kind == ConversationKind::Channel { "Only staff post in this channel." } else { "Only the owner can post here." };
                    view! { <p class="muted small">{why}</p> }
                })}
            </div>
            <details class="danger-zone">
                <summary>"Delete chat"</summary>
                <ActionForm action=remove attr:class="stack">
                    <p>"Delete this chat? It leaves your inbox and its history is hidden from you. It comes back if someone writes again."</p>
                    <input type="hidden" name="id" value=conversation.id.to_string()/>
                    <button type="submit" class="danger">"Yes, delete chat"</button>
                </ActionForm>
            </details>
        </header>
    }
}

#[component]
fn Messages(
    page: MessagePage,
    older: RwSignal<Vec<MessageView>>,
    cursor: Option<MessageId>,
    older_cursor: RwSignal<Option<Option<MessageId>>>,
    id: ConversationId,
) -> impl IntoView {
    let load_older = Action::new(move |before: &MessageId| {
        let before = *before;
        async move {
            if let Ok(page) = load_messages(id, Some(before)).await {
                older.update(|list| {
                    let mut merged = page.messages;
                    merged.append(list);
                    *list = merged;
                });
                older_cursor.set(Some(page.older));
            }
        }
    });
    let first_unread = page.first_unread;
    let last_seen = page.last_seen;
    let last_id = page.messages.last().map(|m| m.id);
    let messages = page.messages;
    Effect::new(move |_| scroll_to(first_unread.or(last_id)));
    view! {
        <ol class="message-list" aria-label="Messages">
            {cursor.map(|before| view! {
                <li class="load-older"><button type="button" class="secondary" on:click=move |_| { load_older.dispatch(before); }>"Load older messages"</button></li>
            })}
            {move || older.get().into_iter().map(|m| view! { <MessageItem message=m conversation=id unread_marker=false seen=false/> }).collect_view()}
            {messages.into_iter().map(|m| {
                let marker = Some(m.id) == first_unread;
                let seen = last_seen && Some(m.id) == last_id;
                view! { <MessageItem message=m conversation=id unread_marker=marker seen/> }
            }).collect_view()}
        </ol>
    }
}

/// Moves the read pointer to the newest message shown, in the browser only.
fn mark_last_read(conversation: ConversationId, page: &MessagePage) {
    #[cfg(feature = "hydrate")]
    if let Some(last) = page.messages.last().map(|m| m.id) {
        leptos::task::spawn_local(async move {
            let _ = mark_read(conversation, last).await;
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (conversation, page, mark_read);
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
