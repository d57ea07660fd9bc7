use leptos::html::Textarea;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::mention_picker::mention_picker;
use crate::conversations::Live;
use crate::error::AppError;
use crate::forms::{island_action, renew_after_success, FieldError, FormError};
use crate::ids::{ClientMessageId, ConversationId, MessageId};
use crate::messages::server_fns::SendMessage;
use crate::messages::{MessageView, Outgoing, MAX_CHARS};
use crate::realtime::LiveEvent;

/// Writes a message, or, with `reply_to`, a reply to that post. Enter sends, Shift+Enter
/// breaks the line; the message shows at once as "Sending…" and is replaced by the stored
/// one. Without JavaScript it is a plain form post, and its client id makes a double submit
/// harmless.
#[component]
pub fn Composer(
    conversation: ConversationId,
    #[prop(optional_no_strip)] context_title: Option<String>,
    #[prop(optional_no_strip)] context_url: Option<String>,
    #[prop(optional)] reply_to: Option<MessageId>,
) -> impl IntoView {
    let send = island_action::<SendMessage>();
    show_when_sent(conversation, send);
    // The context of a "Message instructor" link goes with the first message sent from it.
    let (context_title, context_url) = (StoredValue::new(context_title), StoredValue::new(context_url));
    let context_title = move || context_title.get_value().filter(|_| send.version().get() == 0);
    let context_url = move || context_url.get_value().filter(|_| send.version().get() == 0);
    let client_id = RwSignal::new(ClientMessageId::new());
    let body = NodeRef::<Textarea>::new();
    renew_after_success(send.version(), send.value(), client_id, body);
    let (offer, refresh_offer, take) = mention_picker(body);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let first = offer.with_untracked(|names| names.lines().next().map(str::to_owned));
        if let (Some(name), "Enter" | "Tab") = (first, ev.key().as_str()) {
            ev.prevent_default();
            take(name);
        } else if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                if let Some(form) =
                    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("form").ok().flatten())
                {
                    if let Ok(form) = form.dyn_into::<web_sys::HtmlFormElement>() {
                        let _ = form.request_submit();
                    }
                }
            }
        }
    };
    // With JavaScript the page stays and shows the message at once; without, the form posts.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(area) = body.get_untracked() else { return };
        let input = Outgoing {
            conversation,
            client_id: client_id.get_untracked(),
            body: area.value(),
            context_title: context_title(),
            context_url: context_url(),
            reply_to,
        };
        send.dispatch(SendMessage { input });
    };
    let field = reply_to.map_or_else(|| "composer-body".to_owned(), |post| format!("reply-{post}"));
    let (label, placeholder, class) = match reply_to {
        Some(_) => ("Reply", "Write a reply.", "composer reply"),
        None => ("Message", "Write a message. **bold**, _italics_, lists, links and `code` work.", "composer"),
    };
    view! {
        {move || send.input().get().map(|pending| view! {
            <div class="message pending" aria-live="polite"><div class="bubble"><p>{pending.input.body}</p><span class="muted small">"Sending…"</span></div></div>
        })}
        <form action=SendMessage::url() method="post" class=class on:submit=on_submit>
            <FormError value=send.value() beside=&["body"]/>
            {move || context_title().map(|title| view! { <p class="context">"About: " {title}</p> })}
            <input type="hidden" name="input[conversation]" value=conversation.to_string()/>
            <input type="hidden" name="input[client_id]" value=move || client_id.get().to_string()/>
            {move || context_title().map(|t| view! { <input type="hidden" name="input[context_title]" value=t/> })}
            {move || context_url().map(|u| view! { <input type="hidden" name="input[context_url]" value=u/> })}
            {reply_to.map(|post| view! { <input type="hidden" name="input[reply_to]" value=post.to_string()/> })}
            <label class="visually-hidden" for=field.clone()>{label}</label>
            <textarea id=field name="input[body]" rows=if reply_to.is_some() { "1" } else { "3" } required maxlength=MAX_CHARS.to_string()
                placeholder=placeholder node_ref=body on:keydown=on_keydown on:input=move |_| refresh_offer()></textarea>
            {move || (!offer.with(String::is_empty)).then(|| view! {
                <ul class="mention-picker" aria-label="People to mention">
                    {offer.get().lines().map(|name| {
                        let picked = name.to_owned();
                        view! { <li><button type="button" class="link" on:click=move |_| take(picked.clone())>"@"{name.to_owned()}</button></li> }
                    }).collect_view()}
                </ul>
            })}
            <FieldError value=send.value() field="body"/>
            <button type="submit" aria-label=if reply_to.is_some() { "Send reply" } else { "Send" }>"Send"</button>
        </form>
    }
}

/// The sender's own message shows in the open conversation as soon as the server answers;
/// the event that follows changes nothing more.
fn show_when_sent(conversation: ConversationId, send: Action<SendMessage, Result<MessageView, AppError>>) {
    let live = Live::get();
    Effect::new(move |_| {
        if let Some(Ok(message)) = send.value().get() {
            live.show_own(&LiveEvent::Posted { conversation, message, inbox: None });
        }
    });
}
