//! What the reader may do to a message besides reading it: edit their own, pin a post. Both
//! are plain forms that, with JavaScript, dispatch instead; the change reaches everyone as an
//! event.

use leptos::either::Either;
use leptos::html::Textarea;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::PaneActions;
use crate::ids::{ConversationId, MessageId};
use crate::messages::server_fns::{EditMessage, PinMessage};
use crate::messages::MAX_CHARS;

/// "Edit", for the author: a link to the conversation with this message's text in a form
/// (`?edit=`), which, with JavaScript, opens the form in place.
#[component]
pub fn EditLink(conversation: ConversationId, message: MessageId, source: String) -> impl IntoView {
    let actions = expect_context::<PaneActions>();
    let source = StoredValue::new(source);
    move || match actions.editing.get() == Some(message) {
        true => Either::Left(view! { <EditForm conversation message source=source.get_value()/> }),
        false => Either::Right(view! {
            <a class="link" href=format!("/messages/{conversation}?edit={message}#m-{message}")
                on:click=move |ev| { ev.prevent_default(); actions.editing.set(Some(message)); }>"Edit"</a>
        }),
    }
}

/// The author's Markdown in a text area, saved in place.
#[component]
fn EditForm(conversation: ConversationId, message: MessageId, source: String) -> impl IntoView {
    let actions = expect_context::<PaneActions>();
    let body = NodeRef::<Textarea>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(area) = body.get_untracked() {
            actions.edit.dispatch(EditMessage { conversation, message, body: area.value() });
        }
    };
    view! {
        <form action=EditMessage::url() method="post" class="stack edit-message" on:submit=on_submit>
            <input type="hidden" name="conversation" value=conversation.to_string()/>
            <input type="hidden" name="message" value=message.to_string()/>
            <label class="visually-hidden" for=format!("edit-{message}")>"Edit message"</label>
            <textarea id=format!("edit-{message}") name="body" rows="3" required maxlength=MAX_CHARS.to_string() node_ref=body>{source}</textarea>
            <div class="row">
                <button type="submit">"Save"</button>
                <a class="link" href=format!("/messages/{conversation}") on:click=move |ev| { ev.prevent_default(); actions.editing.set(None); }>"Cancel"</a>
            </div>
        </form>
    }
}

/// "Pin" or "Unpin" a post of a feed.
#[component]
pub fn PinForm(conversation: ConversationId, message: MessageId, pinned: bool) -> impl IntoView {
    let actions = expect_context::<PaneActions>();
    view! {
        <form action=PinMessage::url() method="post" class="inline" on:submit=move |ev| {
            ev.prevent_default();
            actions.pin.dispatch(PinMessage { conversation, message, pinned: !pinned });
        }>
            <input type="hidden" name="conversation" value=conversation.to_string()/>
            <input type="hidden" name="message" value=message.to_string()/>
            {(!pinned).then(|| view! { <input type="hidden" name="pinned" value="true"/> })}
            <button type="submit" class="link">{if pinned { "Unpin" } else { "Pin" }}</button>
        </form>
    }
}
