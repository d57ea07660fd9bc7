use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::people::{AVATAR_PRESETS, UPLOAD_PREFIX};

/// Where a stored avatar value is served from: a preset, or an uploaded picture.
fn picture_url(avatar: &str) -> Option<String> {
    if let Some(name) = avatar.strip_prefix(UPLOAD_PREFIX) {
        return Some(format!("/avatars/uploads/{name}"));
    }
    AVATAR_PRESETS.contains(&avatar).then(|| format!("/avatars/{avatar}.svg"))
}

/// A person's picture: a chosen preset, or their initials. `hidden` shows a blank face,
/// for names and photos a group keeps private.
#[component]
pub fn Avatar(name: String, avatar: Option<String>, #[prop(optional)] hidden: bool) -> impl IntoView {
    if hidden {
        return EitherOf3::A(view! { <span class="avatar blank" aria-hidden="true"></span> });
    }
    match avatar.as_deref().and_then(picture_url) {
        Some(src) => EitherOf3::B(view! { <img class="avatar" src=src alt=name/> }),
        None => {
            let initials: String = name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
            EitherOf3::C(view! { <span class="avatar initials" aria-hidden="true">{initials}</span> })
        }
    }
}

/// What the last upload did, from the address the upload redirected back to.
#[component]
pub fn UploadStatus() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    move || {
        let query = query.read();
        match (query.get("avatar_error"), query.get("avatar")) {
            (Some(err), _) => Some(view! { <p class="form-error" role="alert">{err}</p> }.into_any()),
            (None, Some(_)) => Some(view! { <p class="form-done" role="status">"Picture saved."</p> }.into_any()),
            _ => None,
        }
    }
}

/// A plain form that uploads one picture to `action`, which answers with a redirect back.
#[component]
pub fn UploadForm(#[prop(into)] action: String) -> impl IntoView {
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="row">
            <label>"Picture (PNG, JPEG, GIF or WebP, up to 2 MB)"
                <input type="file" name="avatar" accept="image/png,image/jpeg,image/gif,image/webp" required/></label>
            <button type="submit">"Upload"</button>
        </form>
    }
}
