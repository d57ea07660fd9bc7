use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::conversation::ConversationPane;
use super::inbox::InboxList;
use crate::ids::ConversationId;

/// `/messages` and `/messages/:id`: the inbox beside the open conversation.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let params = use_params_map();
    let open = Memo::new(move |_| params.read().get("id").and_then(|raw| raw.parse::<ConversationId>().ok()));
    view! {
        <div class="messages" class:has-open=move || open.get().is_some()>
            <InboxList open/>
            <section class="conversation-pane">
                {move || match open.get() {
                    Some(id) => view! { <ConversationPane id/> }.into_any(),
                    None => view! { <p class="muted empty-pane">"Choose a conversation, or start a new one."</p> }.into_any(),
                }}
            </section>
        </div>
    }
}
