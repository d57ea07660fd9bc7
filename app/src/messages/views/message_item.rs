use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::message_actions::{EditForm, EditLink, PinForm};
use super::{PaneActions, When};
use crate::ids::ConversationId;
use crate::messages::server_fns::{seen_by, DeleteMessage};
use crate::messages::MessageView;
use crate::people::Avatar;

#[component]
pub fn MessageItem(
    message: MessageView,
    mine: bool,
    conversation: ConversationId,
    unread_marker: bool,
    seen: bool,
    /// A reply under its post, in a feed, needs no quote of it.
    #[prop(optional)]
    in_thread: bool,
    /// A post of a feed: deleting it deletes its replies too.
    #[prop(optional)]
    post: bool,
    /// Whether the reader may pin it (a post of a feed).
    #[prop(optional)]
    can_pin: bool,
) -> impl IntoView {
    let actions = expect_context::<PaneActions>();
    let may_delete = message.can_delete;
    let id = message.id;
    let seen_list = Action::new(move |_: &()| seen_by(conversation, id));
    view! {
        {unread_marker.then(|| view! { <li class="unread-marker" role="separator">"New messages"</li> })}
        <li class="message" class:mine=mine class:post=post class:reply=in_thread class:mentioned=message.mentions_me id=format!("m-{id}")>
            <Avatar name=message.author_name.clone() avatar=message.author_avatar.clone()/>
            <div class="bubble">
                <div class="message-head">
                    <strong>{message.author_name.clone()}</strong>
                    <When at=message.created_at.clone()/>
                    {message.edited.then(|| view! { <span class="muted small">"(edited)"</span> })}
                    {message.pinned.then(|| view! { <span class="pinned small">"Pinned"</span> })}
                    {message.mentions_me.then(|| view! { <span class="mention-tag small">"Mentions you"</span> })}
                </div>
                {message.reply_to.clone().filter(|_| !in_thread).map(|quote| view! {
                    <blockquote class="quote">
                        <a href=format!("#m-{}", quote.id)>{quote.author_name}</a>": "{quote.snippet}
                    </blockquote>
                })}
                {message.context_title.clone().map(|title| view! {
                    <p class="context">"About: "
                        {match message.context_url.clone() {
                            Some(url) => Either::Left(view! { <a href=url target="_blank" rel="noopener noreferrer">{title}</a> }),
                            None => Either::Right(view! { <span>{title}</span> }),
                        }}
                    </p>
                })}
                // Only HTML the server rendered from Markdown and cleaned is ever inserted.
                <div class="message-body" inner_html=message.html.clone()></div>
                {message.editable.clone().filter(|_| actions.editing == Some(id)).map(|source| view! { <EditForm conversation message=id source error=actions.edit_error.get_value()/> })}
                <div class="message-actions">
                    {seen.then(|| view! { <span class="seen">"Seen"</span> })}
                    {(message.editable.is_some() && actions.editing != Some(id)).then(|| view! { <EditLink conversation message=id/> })}
                    {can_pin.then(|| view! { <PinForm conversation message=id pinned=message.pinned/> })}
                    <button type="button" class="link" on:click=move |_| { seen_list.dispatch(()); }>"Seen by"</button>
                    {move || seen_list.value().get().map(|result| match result {
                        Ok(list) if list.is_empty() => EitherOf3::A(view! { <span class="muted small">"Nobody yet"</span> }),
                        Ok(list) => EitherOf3::B(view! {
                            <ul class="seen-by">{list.into_iter().map(|s| view! { <li>{s.name} " · " <When at=s.at/></li> }).collect_view()}</ul>
                        }),
                        Err(err) => EitherOf3::C(view! { <span class="form-error">{err.to_string()}</span> }),
                    })}
                    {may_delete.then(|| view! {
                        <details class="confirm-delete">
                            <summary class="link">"Delete"</summary>
                            <form action=DeleteMessage::url() method="post" class="inline" on:submit=move |ev| {
                                ev.prevent_default();
                                actions.delete.dispatch(DeleteMessage { conversation, message: id });
                            }>
                                <input type="hidden" name="conversation" value=conversation.to_string()/>
                                <input type="hidden" name="message" value=id.to_string()/>
                                <span>{if post { "Delete this post and every reply under it, for everyone?" } else { "Delete this message for everyone?" }}</span>
                                <button type="submit" class="link danger">"Yes, delete"</button>
                            </form>
                        </details>
                    })}
                </div>
            </div>
        </li>
    }
}
