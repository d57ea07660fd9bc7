//! `/messages/channels`: where staff open announcement channels, one click and a confirmation
//! each, for everyone of a course role in a course or in the whole organisation. Plain forms.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::auth::UserContext;
use crate::conversations::server_fns::{load_channel_choices, CreateChannel};
use crate::conversations::ChannelChoice;
use crate::forms::{error_view, loading, FormError};

#[component]
pub fn ChannelsPage() -> impl IntoView {
    let choices = Resource::new(|| (), |_| load_channel_choices());
    let create = ServerAction::<CreateChannel>::new();
    view! {
        <section class="panel">
            <p><a href="/messages">"← Messages"</a></p>
            <h1>"Announcement channels"</h1>
            <p class="muted">"A channel reaches everyone of one role: they join it now, and whoever enrols later joins too. Only staff post in it."</p>
            <FormError value=create.value()/>
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok(choices) if choices.is_empty() => view! { <p class="muted">"There is no course you can open a channel for."</p> }.into_any(),
                        Ok(choices) => view! {
                            <ul class="people">{choices.into_iter().map(|choice| view! { <ChoiceRow choice/> }).collect_view()}</ul>
                        }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ChoiceRow(choice: ChannelChoice) -> impl IntoView {
    let audience = choice.audience(&UserContext::get().labels());
    let open = choice.existing.map(|id| view! { <a href=format!("/messages/{id}")>"Open"</a> });
    let create = choice.existing.is_none().then(|| {
        let (course, role): (Option<String>, &'static str) = (choice.course.map(|c| c.to_string()), choice.role.into());
        view! {
            <details class="inline">
                <summary>"Create channel"</summary>
                <form action=CreateChannel::url() method="post" class="stack">
                    <p>{format!("Create an announcement channel for {audience}? They join it now, and only staff post in it.")}</p>
                    {course.map(|course| view! { <input type="hidden" name="course" value=course/> })}
                    <input type="hidden" name="role" value=role/>
                    <button type="submit" aria-label=format!("Create the channel for {audience}")>"Yes, create it"</button>
                </form>
            </details>
        }
    });
    view! {
        <li class="person">
            <span>{format!("Announcements: {audience}")}</span>
            {open}
            {create}
        </li>
    }
}
