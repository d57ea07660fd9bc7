//! Default sharing, in a staff member's profile and, for owners and admins, on that person's
//! admin page: the teammates with whom each new direct chat of theirs is shared. Plain forms.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::conversations::server_fns::{load_default_sharing, SetDefaultShare};
use crate::conversations::DefaultSharing;
use crate::error::AppError;
use crate::forms::{error_view, loading};
use crate::ids::UserId;
use crate::people::Avatar;

/// "Direct chat sharing" for `owner`; nothing for those who may not change it.
#[component]
pub fn DefaultSharingPanel(owner: UserId) -> impl IntoView {
    let sharing = Resource::new(move || owner, load_default_sharing);
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match sharing.await {
                    Ok(sharing) => view! { <SharingSettings sharing/> }.into_any(),
                    Err(AppError::Forbidden | AppError::Conflict(_)) => ().into_any(),
                    Err(err) => error_view(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SharingSettings(sharing: DefaultSharing) -> impl IntoView {
    let owner = sharing.owner.to_string();
    view! {
        <section class="panel">
            <h2>"Direct chat sharing"</h2>
            <p class="muted">"Every new one-to-one chat with a learner is shared with these team members, who can read and reply."</p>
            {if sharing.shared_with.is_empty() {
                view! { <p class="muted">"New chats are not shared with anyone."</p> }.into_any()
            } else {
                view! {
                    <ul class="people" aria-label="Shared with">
                        {sharing.shared_with.into_iter().map(|person| view! {
                            <li class="person">
                                <Avatar name=person.name.clone() avatar=person.avatar.clone()/>
                                <span>{person.name.clone()}</span>
                                <form action=SetDefaultShare::url() method="post" class="inline">
                                    <input type="hidden" name="owner" value=owner.clone()/>
                                    <input type="hidden" name="teammate" value=person.id.to_string()/>
                                    <button type="submit" class="secondary" aria-label=format!("Stop sharing with {}", person.name)>"Stop sharing"</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!sharing.others.is_empty()).then(|| view! {
                <form action=SetDefaultShare::url() method="post" class="row">
                    <input type="hidden" name="owner" value=owner.clone()/>
                    <input type="hidden" name="shared" value="true"/>
                    <label>"Team member"
                        <select name="teammate" required>
                            {sharing.others.into_iter().map(|person| view! { <option value=person.id.to_string()>{person.name}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="submit">"Share new chats"</button>
                </form>
            })}
        </section>
    }
}
