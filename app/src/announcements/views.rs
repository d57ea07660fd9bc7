//! A course's announcements on its page, newest first: the posting form for its staff, and
//! editing and deleting for each announcement's author and admins. Plain forms; the list
//! follows the page's event stream.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

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
                        Ok(initial) => view! { <AnnouncementList course initial/> }.into_any(),
                        Err(err) => error_view(err),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The announcements as they are now: each one posted, edited or deleted elsewhere shows here
/// as it happens.
#[island]
fn AnnouncementList(course: CourseId, initial: Vec<Announcement>) -> impl IntoView {
    let shown = RwSignal::new(initial);
    Live::get().show_course(course, shown);
    move || match shown.with(Vec::is_empty) {
        true => view! { <p class="muted">"No announcements yet."</p> }.into_any(),
        false => view! {
            <ol class="announcement-list" aria-label="Announcements">
                {shown.get().into_iter().map(|announcement| view! { <Item announcement/> }).collect_view()}
            </ol>
        }
        .into_any(),
    }
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
        <li class="announcement">
            <p class="muted small">
                <Avatar name=announcement.author_name.clone() avatar=announcement.author_avatar.clone()/>
                {announcement.author_name.clone()}" · "<When at=announcement.created_at.clone()/>
                {announcement.edited.then_some(" · edited")}
            </p>
            <div class="message-body" inner_html=announcement.html></div>
            {changes}
        </li>
    }
}
