use leptos::prelude::*;

use super::live::Live;
use crate::conversations::{InboxEntry, InboxSection};
use crate::forms::{error_view, loading};
use crate::ids::ConversationId;
use crate::messages::When;
use crate::people::Avatar;

const SECTIONS: [(InboxSection, &str); 3] = [
    (InboxSection::Announcements, "Announcement channels"),
    (InboxSection::Groups, "Group chats"),
    (InboxSection::Direct, "Direct messages"),
];

#[component]
pub fn InboxList(open: Memo<Option<ConversationId>>) -> impl IntoView {
    let inbox = Live::get().inbox;
    let (filter, set_filter) = signal(String::new());
    view! {
        <aside class="inbox" aria-label="Conversations">
            <div class="inbox-head">
                <h1>"Messages"</h1>
                <a class="button" href="/messages/new">"New message"</a>
            </div>
            <input type="search" placeholder="Filter by name" aria-label="Filter conversations"
                on:input=move |ev| set_filter.set(event_target_value(&ev))/>
            <Transition fallback=loading>
                {move || inbox.get().map(|result| match result {
                    Err(err) => error_view(err),
                    Ok(inbox) => {
                        let wanted = filter.get().to_lowercase();
                        let entries: Vec<InboxEntry> = inbox.entries.into_iter()
                            .filter(|e| wanted.is_empty() || e.title.to_lowercase().contains(&wanted))
                            .collect();
                        SECTIONS.into_iter().map(|(section, heading)| {
                            let rows: Vec<InboxEntry> = entries.iter().filter(|e| e.kind.section() == section).cloned().collect();
                            view! {
                                <h2 class="inbox-section">{heading}</h2>
                                {if rows.is_empty() {
                                    view! { <p class="muted small">"None yet."</p> }.into_any()
                                } else {
                                    view! { <ul class="inbox-rows">{rows.into_iter().map(|e| view! { <InboxRow entry=e open/> }).collect_view()}</ul> }.into_any()
                                }}
                            }
                        }).collect_view().into_any()
                    }
                })}
            </Transition>
        </aside>
    }
}

#[component]
fn InboxRow(entry: InboxEntry, open: Memo<Option<ConversationId>>) -> impl IntoView {
    let id = entry.id;
    let unread = entry.unread;
    view! {
        <li>
            <a href=format!("/messages/{id}") class="inbox-row" class:open=move || open.get() == Some(id) class:unread={unread > 0}>
                <Avatar name=entry.title.clone() avatar=entry.avatar.clone()/>
                <span class="inbox-text">
                    <span class="inbox-title">{entry.title.clone()}</span>
                    <span class="inbox-preview">{entry.preview.clone().unwrap_or_else(|| "No messages yet".into())}</span>
                </span>
                <span class="inbox-meta">
                    <When at=entry.last_message_at.clone()/>
                    {(unread > 0).then(|| view! {
                        <span class="unread-count" aria-label=format!("{unread} unread")>{if unread >= 100 { "99+".to_owned() } else { unread.to_string() }}</span>
                    })}
                </span>
            </a>
        </li>
    }
}
