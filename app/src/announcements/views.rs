//! A course's announcements on its page, newest first: the posting form for its staff, and
//! editing and deleting for each announcement's author and admins. Plain forms, rendered on
//! the server; what the page's event stream says changed is applied to the list in place
//! (`live_list.rs`).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::live_list::{item_id, EDITED_CLASS, LIST_ID, NONE_ID};
use super::server_fns::{load_announcements, DeleteAnnouncement, EditAnnouncement, PostAnnouncement};
use super::Announcement;
use crate::conversations::Live;
use crate::forms::{error_view, loading, FieldError, FormError};
use crate::ids::CourseId;
use crate::messages::{When, MAX_CHARS};
use crate::people::Avatar;

#[component]
pub fn Announcements(course: CourseId, can_post: bool) -> impl IntoView {
    let announcements = Resource::new(move || course, load_announcements);
    let post = ServerAction::<PostAnnouncement>::new();
    let edit = ServerAction::<EditAnnouncement>::new();
    view! {
        <section class="panel announcements">
            <h2>"Announcements"</h2>
            {can_post.then(|| view! {
                <form action=PostAnnouncement::url() method="post" class="stack">
                    <FormError value=post.value() beside=&["body"]/>
                    <input type="hidden" name="course" value=course.to_string()/>
                    <label>"New announcement"<textarea name="body" rows="3" required maxlength=MAX_CHARS.to_string()></textarea></label>
                    <FieldError value=post.value() field="body"/>
                    <button type="submit">"Post announcement"</button>
                </form>
            })}
            <FormError value=edit.value()/>
            <Suspense fallback=loading>
                {move || Suspend::new(async move {
                    match announcements.await {
                        Ok(list) => view! {
                            <p id=NONE_ID class="muted" hidden=!list.is_empty()>"No announcements yet."</p>
                            <ol class="announcement-list" id=LIST_ID aria-label="Announcements">
                                {list.into_iter().map(|announcement| view! { <Item announcement/> }).collect_view()}
                            </ol>
                            <LiveAnnouncements course/>
                        }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Follows the course's announcements on the page's event stream: the list above it changes
/// in place, with no view of its own to hydrate.
#[island]
fn LiveAnnouncements(course: CourseId) -> impl IntoView {
    Live::get().show_course(course);
}

#[component]
fn Item(announcement: Announcement) -> impl IntoView {
    let id = announcement.id.to_string();
    let changes = announcement.editable.map(|source| {
        let id2 = id.clone();
        view! {
            <details class="inline">
                <summary>"Edit"</summary>
                <form action=EditAnnouncement::url() method="post" class="stack">
                    <input type="hidden" name="id" value=id.clone()/>
                    <label>"Announcement"<textarea name="body" rows="3" required maxlength=MAX_CHARS.to_string()>{source}</textarea></label>
                    <button type="submit">"Save"</button>
                </form>
            </details>
            <details class="inline">
                <summary>"Delete"</summary>
                <form action=DeleteAnnouncement::url() method="post" class="stack">
                    <p>"Delete this announcement for everyone?"</p>
                    <input type="hidden" name="id" value=id2/>
                    <button type="submit" class="danger">"Yes, delete it"</button>
                </form>
            </details>
        }
    });
    view! {
        <li class="announcement" id=item_id(announcement.id)>
            <p class="muted small">
                <Avatar name=announcement.author_name.clone() avatar=announcement.author_avatar.clone()/>
                {announcement.author_name.clone()}" · "<When at=announcement.created_at.clone()/>
                <span class=EDITED_CLASS>{announcement.edited.then_some(" · edited")}</span>
            </p>
            <div class="message-body" inner_html=announcement.html></div>
            {changes}
        </li>
    }
}
