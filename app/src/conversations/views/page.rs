use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::conversation::{ConversationPane, Header, PaneFacts};
use super::inbox::InboxList;
use crate::auth::UserContext;
use crate::conversations::policy::can_create_group;
use crate::conversations::server_fns::{load_conversation, load_inbox};
use crate::error::AppError;
use crate::forms::{error_view, loading};
use crate::ids::{ConversationId, MessageId};
use crate::messages::server_fns::{load_messages, load_messages_at, EditMessage};

/// `/messages` and `/messages/:id`: the inbox beside the open conversation, both islands that
/// the page's event stream keeps current, rendered here with what they start from. Opening a
/// conversation at its newest messages marks what it shows as read; `?at=` opens it around
/// one message.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let (params, query) = (use_params_map(), use_query_map());
    let open = params.read_untracked().get("id").and_then(|raw| raw.parse::<ConversationId>().ok());
    let query = query.read_untracked();
    let before = query.get("before").and_then(|raw| raw.parse::<MessageId>().ok());
    // A search result opens its conversation around it.
    let at = query.get("at").and_then(|raw| raw.parse::<MessageId>().ok());
    let editing = query.get("edit").and_then(|raw| raw.parse::<MessageId>().ok());
    // A refused edit comes back to the page it was made on with the error in the address.
    let edit_error = (query.get("__path").as_deref() == Some(EditMessage::PATH))
        .then(|| query.get("__err"))
        .flatten()
        .map(|encoded| ServerFnUrlError::<AppError>::decode_err(&encoded).to_string());
    // The context of a "Message instructor" link goes with the first message sent from it.
    let (context_title, context_url) = (query.get("context"), query.get("context_url"));
    let inbox = Resource::new(|| (), |_| load_inbox());
    let conversation = Resource::new(
        || (),
        move |_| async move {
            let id = open?;
            Some(load_conversation(id).await.map(|header| (id, header)))
        },
    );
    let page = Resource::new(
        || (),
        move |_| async move {
            let open = open?;
            Some(match at {
                Some(at) => load_messages_at(open, at).await,
                None => load_messages(open, before).await,
            })
        },
    );
    let user = UserContext::get();
    view! {
        <div class="messages" class:has-open=open.is_some()>
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    let can_create_group = user.0.await.ok().flatten().is_some_and(|me| can_create_group(&me.actor).is_ok());
                    match inbox.await {
                        Ok(inbox) => Either::Left(view! { <InboxList open inbox can_create_group/> }),
                        Err(err) => Either::Right(error_view(err)),
                    }
                })}
            </Suspense>
            <section class="conversation-pane">
                <Suspense fallback=loading>
                    {move || {
                        let (context_title, context_url, edit_error) = (context_title.clone(), context_url.clone(), edit_error.clone());
                        Suspend::new(async move {
                            match (conversation.await, page.await) {
                                (Some(Ok((id, header))), Some(Ok(page))) => {
                                    let facts = PaneFacts::of(&header);
                                    view! {
                                        <Header conversation=header/>
                                        <ConversationPane id facts page context_title context_url editing edit_error/>
                                    }
                                    .into_any()
                                }
                                (Some(Err(err)), _) | (_, Some(Err(err))) => error_view(err),
                                _ => view! { <p class="muted empty-pane">"Choose a conversation, or start a new one."</p> }.into_any(),
                            }
                        })
                    }}
                </Suspense>
            </section>
        </div>
    }
}
