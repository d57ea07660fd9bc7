use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::UserContext;
use crate::conversations::server_fns::{find_contacts, StartDirect};
use crate::conversations::Contact;
use crate::forms::{error_view, loading, FormError};
use crate::people::Avatar;

/// `/messages/new`: pick someone to write to, or, from a "Message instructor" link
/// (`?course=ID&to=instructor&context=TEXT&context_url=URL`), confirm writing to the instructor.
#[component]
pub fn NewMessagePage() -> impl IntoView {
    let query = use_query_map();
    let get = move |key: &str| query.read().get(key).filter(|v| !v.is_empty());
    let start = ServerAction::<StartDirect>::new();
    let contacts = Resource::new(move || get("q").unwrap_or_default(), find_contacts);
    view! {
        <section class="panel">
            <h1>"New message"</h1>
            <FormError value=start.value()/>
            {move || match (get("course"), get("to").as_deref() == Some("instructor")) {
                (Some(course), true) => view! {
                    <ActionForm action=start attr:class="stack">
                        {get("context").map(|title| view! { <p class="context">"About: " {title}</p> })}
                        <input type="hidden" name="input[course]" value=course/>
                        <input type="hidden" name="input[to_instructor]" value="true"/>
                        <input type="hidden" name="context" value=get("context").unwrap_or_default()/>
                        <input type="hidden" name="context_url" value=get("context_url").unwrap_or_default()/>
                        <button type="submit">{format!("Write to your {}", UserContext::get().labels().instructor.to_lowercase())}</button>
                    </ActionForm>
                }.into_any(),
                _ => view! {
                    <form method="get" action="/messages/new" class="row">
                        <label>"Find a person"<input type="search" name="q" value=get("q").unwrap_or_default()/></label>
                        <button type="submit" class="secondary">"Search"</button>
                    </form>
                    <Suspense fallback=loading>
                        {move || contacts.get().map(|result| match result {
                            Err(err) => error_view(err),
                            Ok(list) if list.is_empty() => view! { <p class="muted">"Nobody you may write to matches."</p> }.into_any(),
                            Ok(list) => view! {
                                <ul class="people">
                                    {list.into_iter().map(|c| view! {
                                        <ContactRow contact=c.clone()>
                                            <ActionForm action=start attr:class="inline">
                                                <input type="hidden" name="input[to]" value=c.id.to_string()/>
                                                <button type="submit" class="secondary" aria-label=format!("Message {}", c.name)>"Message"</button>
                                            </ActionForm>
                                        </ContactRow>
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                        })}
                    </Suspense>
                }.into_any(),
            }}
        </section>
    }
}

/// Someone found by name, with what may be done about them.
#[component]
pub(super) fn ContactRow(contact: Contact, children: Children) -> impl IntoView {
    view! {
        <li class="person">
            <Avatar name=contact.name.clone() avatar=contact.avatar/>
            <span>{contact.name}</span>
            <span class="muted">{contact.detail}</span>
            {children()}
        </li>
    }
}
