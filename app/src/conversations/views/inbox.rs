use leptos::either::Either;
use leptos::prelude::*;

use super::live::Live;
use crate::conversations::{Inbox, InboxEntry, InboxSection};
use crate::ids::ConversationId;
use crate::messages::{folded, When};
use crate::people::Avatar;
use crate::search::SearchBox;
use crate::wire::ServerProp;

const SECTIONS: [(InboxSection, &str); 3] = [
    (InboxSection::Announcements, "Announcement channels"),
    (InboxSection::Groups, "Group chats"),
    (InboxSection::Direct, "Direct messages"),
];

#[island]
pub fn InboxList(open: Option<ConversationId>, #[prop(into)] inbox: ServerProp<Inbox>, can_create_group: bool) -> impl IntoView {
    let ServerProp(inbox) = inbox;
    let live = Live::get();
    let (filter, set_filter) = signal(String::new());
    view! {
        <aside class="inbox" aria-label="Conversations">
            <div class="inbox-head">
                <h1>"Messages"</h1>
                <a class="button" href="/messages/new">"New message"</a>
                {can_create_group.then(|| view! { <a class="button secondary" href="/messages/groups/new">"New group chat"</a> })}
            </div>
            <SearchBox/>
            <input type="search" placeholder="Filter by name" aria-label="Filter conversations"
                on:input=move |ev| set_filter.set(event_target_value(&ev))/>
            {move || live.inbox.with(|shown| {
                let inbox = shown.as_ref().and_then(|r| r.as_ref().ok()).unwrap_or(&inbox);
                let wanted = folded(&filter.get());
                let entries: Vec<&InboxEntry> = inbox.entries.iter()
                    .filter(|e| wanted.is_empty() || folded(&e.title).contains(&wanted))
                    .collect();
                SECTIONS.into_iter().map(|(section, heading)| {
                    let rows: Vec<InboxEntry> = entries.iter().filter(|e| e.kind.section() == section).map(|e| (*e).clone()).collect();
                    view! {
                        <h2 class="inbox-section">{heading}</h2>
                        {if rows.is_empty() {
                            Either::Left(view! { <p class="muted small">"None yet."</p> })
                        } else {
                            Either::Right(view! { <ul class="inbox-rows">{rows.into_iter().map(|e| view! { <InboxRow entry=e open/> }).collect_view()}</ul> })
                        }}
                    }
                }).collect_view()
            })}
        </aside>
    }
}

#[component]
fn InboxRow(entry: InboxEntry, open: Option<ConversationId>) -> impl IntoView {
    let id = entry.id;
    let unread = entry.unread;
    view! {
        <li>
            <a href=format!("/messages/{id}") class="inbox-row" class:open={open == Some(id)} class:unread={unread > 0}>
                <Avatar name=entry.title.clone() avatar=entry.avatar.clone()/>
                <span class="inbox-text">
                    <span class="inbox-title">{entry.title.clone()}</span>
                    <span class="inbox-preview">{entry.preview.clone().unwrap_or_else(|| "No messages yet".into())}</span>
                </span>
                <span class="inbox-meta">
                    <When at=entry.last_message_at.clone()/>
                    {entry.mentioned.then(|| view! { <span class="mention-mark" title="Mentions you" aria-label="Mentions you">"@"</span> })}
                    {(unread > 0).then(|| view! {
                        <span class="unread-count" aria-label=format!("{unread} unread")>{if unread >= 100 { "99+".to_owned() } else { unread.to_string() }}</span>
                    })}
                </span>
            </a>
        </li>
    }
}
