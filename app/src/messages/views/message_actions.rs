//! What the author or the staff of a group may do to a message besides deleting it: edit
//! one's own, pin a post. Both are plain forms, rendered on the server, that post and come
//! back to the conversation; everyone else sees the change live, as an event.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::ids::{ConversationId, MessageId};
use crate::messages::server_fns::{EditMessage, PinMessage};
use crate::messages::MAX_CHARS;

/// "Edit", for the author: the conversation with this message's text in a form (`?edit=`).
#[component]
pub fn EditLink(conversation: ConversationId, message: MessageId) -> impl IntoView {
    view! { <a class="link" href=format!("/messages/{conversation}?edit={message}#m-{message}")>"Edit"</a> }
}

/// The author's Markdown in a text area, saved in place; a refused edit comes back with the
/// reason beside it.
#[component]
pub fn EditForm(conversation: ConversationId, message: MessageId, source: String, error: Option<String>) -> impl IntoView {
    view! {
        <form action=EditMessage::url() method="post" class="stack edit-message">
            <input type="hidden" name="conversation" value=conversation.to_string()/>
            <input type="hidden" name="message" value=message.to_string()/>
            <label class="visually-hidden" for=format!("edit-{message}")>"Edit message"</label>
            <textarea id=format!("edit-{message}") name="body" rows="3" required maxlength=MAX_CHARS.to_string()>{source}</textarea>
            {error.map(|error| view! { <span class="field-error" role="alert">{error}</span> })}
            <div class="row">
                <button type="submit">"Save"</button>
                <a class="link" href=format!("/messages/{conversation}#m-{message}")>"Cancel"</a>
            </div>
        </form>
    }
}

/// "Pin" or "Unpin" a post of a feed.
#[component]
pub fn PinForm(conversation: ConversationId, message: MessageId, pinned: bool) -> impl IntoView {
    view! {
        <form action=PinMessage::url() method="post" class="inline">
            <input type="hidden" name="conversation" value=conversation.to_string()/>
            <input type="hidden" name="message" value=message.to_string()/>
            {(!pinned).then(|| view! { <input type="hidden" name="pinned" value="true"/> })}
            <button type="submit" class="link">{if pinned { "Unpin" } else { "Pin" }}</button>
        </form>
    }
}
